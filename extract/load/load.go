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
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/docx"
	"github.com/nianbao/nianbao/extract/html"
	"github.com/nianbao/nianbao/extract/image"
	"github.com/nianbao/nianbao/extract/legacy"
	"github.com/nianbao/nianbao/extract/mhtml"
	"github.com/nianbao/nianbao/extract/ocr"
	"github.com/nianbao/nianbao/extract/pdf"
	"github.com/nianbao/nianbao/extract/rtf"
	"github.com/nianbao/nianbao/extract/text"
	"github.com/nianbao/nianbao/internal/errtext"
)

// MaxFileSize is the largest input nianbao reads (a report is a few MB at most).
const MaxFileSize = 200 << 20

// ErrUnsupported is returned for files whose format nianbao does not read.
var ErrUnsupported = errors.New("不支持的文件格式")

// Backends is the registry of input formats, in the order that breaks
// ties between equal sniff verdicts. A new format is one package with a
// Backend value and one line here.
var Backends = []extract.Backend{
	pdf.Backend,
	docx.Backend,
	text.Backend, // before html: Markdown files may start with inline HTML
	html.Backend,
	mhtml.Backend(html.ExtractPage), // a page saved as one file, read by the HTML reader
	image.Backend,                   // scans and tables as pictures, read by the OCR stage
	rtf.Backend,
	// .doc and .wps are converted to DOCX by LibreOffice and read by the
	// DOCX reader, which is passed in here so that backends do not import
	// each other.
	legacy.DOC(docx.Extract),
	legacy.WPS(docx.Extract),
}

// Supported reports whether a path has an extension nianbao reads when it
// walks a folder.
func Supported(path string) bool {
	_, ok := claimedBy(strings.ToLower(filepath.Ext(path)))
	return ok
}

// Picture reports whether a folder walk reads the path as a picture (by
// OCR): such a file may be a web page's, not a report (Companions).
func Picture(path string) bool {
	b, ok := claimedBy(strings.ToLower(filepath.Ext(path)))
	return ok && b.Format == extract.FormatImage
}

// Companions names what the document at path takes in from beside it on
// disk, when its format says (extract.Backend.Companions): folders taken
// whole, and (readFiles) single files. None for other formats.
func Companions(path string, readFiles bool) (dirs, files []string) {
	b, ok := claimedBy(strings.ToLower(filepath.Ext(path)))
	if !ok || b.Companions == nil {
		return nil, nil
	}
	return b.Companions(path, readFiles)
}

// Extensions lists every extension the registry claims, for help text.
func Extensions() []string {
	var out []string
	for _, b := range Backends {
		out = append(out, b.Extensions...)
	}
	return out
}

func claimedBy(ext string) (extract.Backend, bool) {
	for _, b := range Backends {
		if slices.Contains(b.Extensions, ext) {
			return b, true
		}
	}
	return extract.Backend{}, false
}

// unreadFormats are formats a report is sometimes published or passed on
// in that nianbao does not read, by extension, with what to do: a folder walk
// names such files instead of passing over them in silence (Unread), and
// Sniff says so when one is named.
var unreadFormats = map[string]string{
	".ofd": "OFD 版式文件（请用 OFD 阅读器，如数科、福昕，另存为 PDF 后再读取）",
	".zip": "ZIP 压缩包（请先解压）",
	".rar": "RAR 压缩包（请先解压）",
	".7z":  "7z 压缩包（请先解压）",
	".ceb": "CEB 版式文件（请另存为 PDF 后再读取）",
}

// Unread says what a file is when its extension names a format a report
// comes in that nianbao does not read (an OFD file, an archive); ok is
// false for every other file.
func Unread(path string) (what string, ok bool) {
	what, ok = unreadFormats[strings.ToLower(filepath.Ext(path))]
	return what, ok
}

// signatures are well-known binary formats that no backend reads, so that
// the refusal can say what the file is.
var signatures = []struct {
	magic, what string
}{
	{"PK\x03\x04", "ZIP 压缩包不是 Word 文档"},
	{"\x89PNG", "PNG 图片"},
	{"\xff\xd8\xff", "JPEG 图片"},
	{"GIF8", "GIF 图片"},
	{"Rar!", "RAR 压缩包"},
	{"7z\xbc\xaf", "7z 压缩包"},
}

// Sniff picks the backend for data, using the file name only where the
// bytes do not tell.
func Sniff(path string, data []byte) (extract.Backend, error) {
	head := data[:min(len(data), extract.SniffBytes)]
	ext := strings.ToLower(filepath.Ext(path))
	var best extract.Backend
	verdict := extract.No
	for _, b := range Backends {
		if v := b.Sniff(ext, head); v > verdict {
			best, verdict = b, v
		}
	}
	if verdict > extract.Fallback {
		return best, nil
	}
	if what, ok := unreadFormats[ext]; ok {
		return extract.Backend{}, fmt.Errorf("%w：%s", ErrUnsupported, what)
	}
	for _, s := range signatures {
		if bytes.HasPrefix(head, []byte(s.magic)) {
			return extract.Backend{}, fmt.Errorf("%w：%s", ErrUnsupported, s.what)
		}
	}
	if owner, ok := claimedBy(ext); ok && owner.Format != best.Format {
		sep := "" // 不是纯文本, 不是 PDF: a space only before a Latin name
		if r := owner.Name[0]; r < utf8.RuneSelf {
			sep = " "
		}
		return extract.Backend{}, fmt.Errorf("%w：扩展名为 %s，但内容不是%s%s", ErrUnsupported, ext, sep, owner.Name)
	}
	if verdict == extract.No {
		return extract.Backend{}, fmt.Errorf("%w：二进制文件", ErrUnsupported)
	}
	return best, nil
}

// File reads path and extracts it. The returned error names the file.
func File(ctx context.Context, path string) (*extract.Document, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: 无法读取：%w", path, errtext.Read(err))
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s: 是目录，不是文件", path)
	}
	if st.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s: 文件过大（%d 字节，上限 %d）", path, st.Size(), MaxFileSize)
	}
	data, err := readFile(ctx, path, st.Size())
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return nil, fmt.Errorf("%s: 无法读取：%w", path, errtext.Read(err))
	}
	return Bytes(ctx, path, data)
}

// readChunk is how much readFile reads between two looks at the context:
// reading a 200 MB file whole takes most of a second here.
const readChunk = 8 << 20

// readFile reads the file at path whole, as os.ReadFile does, and stops
// with ctx's error when ctx ends between two chunks. size is the file's
// size when it was looked at; a file that grows past MaxFileSize while it
// is read is refused.
func readFile(ctx context.Context, path string, size int64) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data := make([]byte, 0, size+512) // room to see the end without growing
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			if len(data) > MaxFileSize {
				return nil, fmt.Errorf("文件在读取时变大，超过上限 %d 字节", MaxFileSize)
			}
			data = slices.Grow(data, readChunk)
		}
		n, err := f.Read(data[len(data):min(cap(data), len(data)+readChunk)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// FileError is the error of a file whose bytes were read but could not be
// extracted. It keeps what is known of the file, so that an unreadable file
// is still identified in the output: its format when it was recognised and
// the SHA-256 digest of its bytes. Its message is the wrapped error's.
type FileError struct {
	Format extract.Format // "" when the format was not recognised
	SHA256 string         // hex digest of the bytes read
	Err    error
}

func (e *FileError) Error() string { return e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// Bytes extracts data as if read from path. An error is a *FileError. Backend panics are turned into
// errors here, so nothing escapes. A document whose ctx carries no
// extract.Budget gets a DefaultBudget of its own.
func Bytes(ctx context.Context, path string, data []byte) (doc *extract.Document, err error) {
	var format extract.Format
	defer func() {
		if err != nil {
			fe := &FileError{Format: format, Err: err}
			if ctx.Err() == nil { // a file stopped by its time-out is not hashed: nobody waits for it
				sum := sha256.Sum256(data)
				fe.SHA256 = hex.EncodeToString(sum[:])
			}
			err = fe
		}
	}()
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: 文件为空", path)
	}
	backend, err := Sniff(path, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	format = backend.Format
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, fmt.Errorf("%s: 解析时内部错误：%v", path, p)
		}
	}()
	if !extract.HasBudget(ctx) {
		ctx = extract.WithBudget(ctx, extract.NewBudget(extract.DefaultBudget))
	}
	budget := extract.BudgetFrom(ctx)
	doc, err = backend.Extract(ctx, path, data)
	if err != nil {
		if strings.Contains(err.Error(), path) {
			return nil, err // the backend already named the file
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if budget.Err() != nil && !slices.ContainsFunc(doc.Problems, func(p extract.Problem) bool { return p.Code == extract.ProblemBudget }) {
		// A backend that stopped at the budget without saying so.
		doc.Problems = append(doc.Problems, budget.Problem(0))
	}
	if doc.SHA256 == "" {
		sum := sha256.Sum256(data)
		doc.SHA256 = hex.EncodeToString(sum[:])
	}
	if doc.Path == "" {
		doc.Path = path
	}
	if doc.Format == "" {
		doc.Format = backend.Format
	}
	// the one OCR stage: pictures any backend recorded become blocks
	if err := ocr.Apply(ctx, doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// recognition's share of the budget: what it cannot afford is cut here
	limitText(doc, budget.TextShare())
	return doc, nil
}
