// Package legacy reads the binary Word formats that many portals still
// publish (.doc, and Kingsoft WPS Writer's .wps, both OLE compound files
// beginning D0 CF 11 E0) by converting them to DOCX with LibreOffice and
// handing the DOCX to the reader that extract/load wires in.
//
// LibreOffice runs headless, in a temporary directory with a private
// profile (so it neither waits for nor disturbs another soffice), under a
// time limit and the caller's context: when either ends, the whole process
// group is killed. Without LibreOffice the error says how to install it.
//
// The package converts; it does not read DOCX itself, because extraction
// backends never import each other. Backend takes the DOCX reader as an
// argument and extract/load passes extract/docx.Extract.
package legacy

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/headbuf"
)

// The formats of this package: the original file's kind, kept on the
// Document after conversion.
const (
	FormatDOC extract.Format = "doc"
	FormatWPS extract.Format = "wps"
)

// oleMagic starts every OLE compound file (.doc, .wps, .xls, .ppt).
var oleMagic = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")

// MaxDOCXBytes bounds the DOCX a conversion may write: it is read whole,
// as a file given to nianbao is (extract/load reads at most 200 MB).
const MaxDOCXBytes = 200 << 20

// maxOutput is how much of LibreOffice's own output is kept (it is only
// looked at when the conversion fails).
const maxOutput = 64 << 10

// Timeout bounds one conversion when the caller's context has no earlier
// deadline. LibreOffice converts a report in a few seconds.
var Timeout = 90 * time.Second

// ErrNoLibreOffice is returned (wrapped) when soffice is not installed.
var ErrNoLibreOffice = errors.New("未安装 LibreOffice")

// installHint is the Chinese message for a missing LibreOffice.
const installHint = "读取旧版 Word/WPS 文档（.doc/.wps）要先用 LibreOffice 转换，但找不到 soffice 命令。" +
	"请安装 LibreOffice（Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui；" +
	"其他系统见 https://www.libreoffice.org），或把文件另存为 .docx 或 PDF 后再读取"

// Reader reads converted DOCX bytes; extract/load passes extract/docx.Extract.
type Reader func(ctx context.Context, path string, data []byte) (*extract.Document, error)

// DOC returns the backend of .doc files that reads the converted DOCX with
// read.
func DOC(read Reader) extract.Backend {
	return extract.Backend{
		Format:     FormatDOC,
		Name:       "旧版 Word 文档（.doc）",
		Extensions: []string{".doc"},
		Sniff: func(ext string, head []byte) extract.Verdict {
			if !bytes.HasPrefix(head, oleMagic[:4]) {
				return extract.No
			}
			if ext == ".wps" {
				return extract.No // the WPS backend's
			}
			if ext == ".doc" || ext == ".dot" {
				return extract.ByMagic
			}
			// Another OLE file (.xls, .ppt, no extension): LibreOffice
			// may still read it as text; a clear error otherwise.
			return extract.ByContent
		},
		Extract: func(ctx context.Context, path string, data []byte) (*extract.Document, error) {
			return Extract(ctx, path, data, FormatDOC, read)
		},
	}
}

// WPS returns the backend of Kingsoft WPS Writer .wps files (the same OLE
// Word format under another name) that reads the converted DOCX with read.
func WPS(read Reader) extract.Backend {
	return extract.Backend{
		Format:     FormatWPS,
		Name:       "WPS 文字文档（.wps）",
		Extensions: []string{".wps"},
		Sniff: func(ext string, head []byte) extract.Verdict {
			if ext == ".wps" && bytes.HasPrefix(head, oleMagic[:4]) {
				return extract.ByMagic
			}
			return extract.No
		},
		Extract: func(ctx context.Context, path string, data []byte) (*extract.Document, error) {
			return Extract(ctx, path, data, FormatWPS, read)
		},
	}
}

// Extract converts data (a .doc or .wps file) to DOCX and reads it with
// read. The Document keeps the original path, format and SHA-256.
func Extract(ctx context.Context, path string, data []byte, format extract.Format, read Reader) (*extract.Document, error) {
	docx, err := ToDOCX(ctx, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	doc, err := read(ctx, path, docx)
	if err != nil {
		return nil, fmt.Errorf("%s: LibreOffice 转换后的 DOCX 无法读取：%w", path, err)
	}
	sum := sha256.Sum256(data)
	doc.Path, doc.Format, doc.SHA256 = path, format, hex.EncodeToString(sum[:])
	return doc, nil
}

// Soffice finds the LibreOffice binary: soffice, or libreoffice, on PATH.
func Soffice() (string, error) {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w：%s", ErrNoLibreOffice, installHint)
}

// ToDOCX converts an OLE Word/WPS file to DOCX bytes with LibreOffice.
func ToDOCX(ctx context.Context, data []byte) ([]byte, error) {
	bin, err := Soffice()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, Timeout) // the earlier of the two deadlines wins
		defer cancel()
	}
	dir, err := os.MkdirTemp("", "nianbao-soffice-")
	if err != nil {
		return nil, fmt.Errorf("无法创建临时目录: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "input.doc")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, fmt.Errorf("无法写入临时文件: %w", err)
	}
	outDir := filepath.Join(dir, "out")
	profile := "file://" + filepath.ToSlash(filepath.Join(dir, "profile"))
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation="+profile, "--headless", "--norestore",
		"--nolockcheck",
		// Kingsoft's .wps is Word 97's format; naming the filter makes a
		// damaged file an error instead of a page of binary read as text.
		"--infilter=MS Word 97",
		"--convert-to", "docx:MS Word 2007 XML", "--outdir", outDir, in)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir) // nothing written to the user's home
	out := headbuf.New(maxOutput)
	cmd.Stdout, cmd.Stderr = out, out
	ownProcessGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	runErr := cmd.Run()
	if err := ctx.Err(); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("LibreOffice 转换超时，已终止: %w", err)
		}
		return nil, err
	}
	result, readErr := readDOCX(filepath.Join(outDir, "input.docx"))
	if errors.Is(readErr, errTooLarge) {
		return nil, readErr
	}
	if runErr != nil || readErr != nil || len(result) == 0 {
		// LibreOffice's own output (English, about Java and its profile)
		// tells the user nothing; a failure to start it at all does.
		var exit *exec.ExitError
		if runErr != nil && !errors.As(runErr, &exit) {
			return nil, fmt.Errorf("无法运行 LibreOffice（%s）：%w", bin, runErr)
		}
		return nil, errors.New("LibreOffice 无法转换此文件：文件可能已损坏，或不是 Word/WPS 文字文档")
	}
	return result, nil
}

// errTooLarge: the converted DOCX is past MaxDOCXBytes.
var errTooLarge = errors.New("LibreOffice 转换后的 DOCX 过大")

// readDOCX reads the converted file when it is at most MaxDOCXBytes (a
// conversion could write a file of any size, and it would be read whole).
func readDOCX(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > MaxDOCXBytes {
		return nil, fmt.Errorf("%w（%d MB，上限 %d MB），未读取", errTooLarge, st.Size()>>20, MaxDOCXBytes>>20)
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxDOCXBytes+1))
	if err == nil && len(b) > MaxDOCXBytes {
		return nil, fmt.Errorf("%w（上限 %d MB），未读取", errTooLarge, MaxDOCXBytes>>20)
	}
	return b, err
}
