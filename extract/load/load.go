// Package load reads a report file from disk, recognises its format from
// its bytes and name, and hands it to the matching extraction backend.
package load

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/docx"
	"github.com/nianbao/nianbao/extract/html"
	"github.com/nianbao/nianbao/extract/pdf"
	"github.com/nianbao/nianbao/extract/text"
)

// MaxFileSize is the largest input nianbao reads (a report is a few MB at most).
const MaxFileSize = 200 << 20

// ErrUnsupported is returned for files whose format nianbao does not read.
var ErrUnsupported = errors.New("不支持的文件格式")

// Supported reports whether a path has an extension nianbao reads when it
// walks a folder.
func Supported(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf", ".html", ".htm", ".shtml", ".xhtml", ".txt", ".text", ".md", ".markdown", ".docx":
		return true
	}
	return false
}

// Sniff decides the format of data, using the file name only where the bytes
// do not tell.
func Sniff(path string, data []byte) (extract.Format, error) {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	trimmed := bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")):
		return extract.FormatPDF, nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		if ext == ".docx" || bytes.Contains(data[:min(len(data), 64<<10)], []byte("word/")) {
			return extract.FormatDOCX, nil
		}
		return "", fmt.Errorf("%w：ZIP 压缩包不是 Word 文档", ErrUnsupported)
	case ext == ".md" || ext == ".markdown":
		return extract.FormatMarkdown, nil
	case ext == ".html" || ext == ".htm" || ext == ".shtml" || ext == ".xhtml" || looksLikeHTML(trimmed):
		return extract.FormatHTML, nil
	case ext == ".pdf":
		return "", fmt.Errorf("%w：扩展名为 .pdf，但内容不是 PDF", ErrUnsupported)
	case ext == ".doc" || ext == ".wps" || bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")):
		return "", fmt.Errorf("%w：旧版 Word/WPS 二进制文档（.doc/.wps），请另存为 .docx 或 PDF", ErrUnsupported)
	case bytes.IndexByte(head, 0) >= 0:
		return "", fmt.Errorf("%w：二进制文件", ErrUnsupported)
	}
	return extract.FormatText, nil
}

func looksLikeHTML(b []byte) bool {
	l := bytes.ToLower(b[:min(len(b), 512)])
	for _, p := range [][]byte{[]byte("<!doctype html"), []byte("<html"), []byte("<head"), []byte("<body"), []byte("<meta"), []byte("<div"), []byte("<table"), []byte("<p")} {
		if bytes.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// File reads path and extracts it. The returned error names the file.
func File(ctx context.Context, path string) (*extract.Document, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: 无法读取：%w", path, Cause(err))
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s: 是目录，不是文件", path)
	}
	if st.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s: 文件过大（%d 字节，上限 %d）", path, st.Size(), MaxFileSize)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: 无法读取：%w", path, Cause(err))
	}
	return Bytes(ctx, path, data)
}

// Cause drops the path an *fs.PathError repeats, for messages that name
// the file already, and says the common failures (missing file, no
// permission) in Chinese; errors.Is still sees fs.ErrNotExist and
// fs.ErrPermission.
func Cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return chineseErr{"文件或目录不存在", err}
	case errors.Is(err, fs.ErrPermission):
		return chineseErr{"没有读取权限", err}
	}
	return err
}

// chineseErr says an operating-system error in Chinese and unwraps to it.
type chineseErr struct {
	msg string
	err error
}

func (e chineseErr) Error() string { return e.msg }
func (e chineseErr) Unwrap() error { return e.err }

// Bytes extracts data as if read from path. Backend panics are turned into
// errors here, so nothing escapes.
func Bytes(ctx context.Context, path string, data []byte) (doc *extract.Document, err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: 文件为空", path)
	}
	format, err := Sniff(path, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, fmt.Errorf("%s: 解析时内部错误：%v", path, p)
		}
	}()
	switch format {
	case extract.FormatPDF:
		doc, err = pdf.Extract(ctx, path, data)
	case extract.FormatHTML:
		doc, err = html.Extract(ctx, path, data, "")
	case extract.FormatDOCX:
		doc, err = docx.Extract(ctx, path, data)
	default:
		doc, err = text.Extract(ctx, path, data)
	}
	if err != nil {
		if strings.Contains(err.Error(), path) {
			return nil, err // the backend already named the file
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if doc.SHA256 == "" {
		sum := sha256.Sum256(data)
		doc.SHA256 = hex.EncodeToString(sum[:])
	}
	if doc.Path == "" {
		doc.Path = path
	}
	if doc.Format == "" {
		doc.Format = format
	}
	return doc, nil
}
