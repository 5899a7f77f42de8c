// Package hostilecorpus writes the hostile inputs of issue 8 — files built
// to exhaust memory or time, damaged and unusual files, and things that are
// not files at all — into a folder, so that a test and a script can audit
// them in one batch with good reports and check that the batch survives.
// Nothing big is committed: every case is generated.
package hostilecorpus

import (
	"archive/zip"
	"bytes"
	"compress/lzw"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"unicode/utf16"
)

// Case is one hostile input.
type Case struct {
	Class string // what it tries (huge-html-table, docx-bomb, …)
	// Name is the file (or folder) name written in the folder.
	Name string
	// Arg is false for entries that are only reached by walking the folder
	// (a link loop) rather than named on the command line.
	Arg  bool
	make func(path string, scale int) error
}

// Cases are all hostile inputs. Their sizes grow with scale: 1 is the size
// of the test in `make test` (a 2 MB table, a DOCX that inflates to 10 MB,
// half a megabyte of prose); 10 gives the sizes (a 20 MB table, a
// DOCX that inflates to 100 MB, 5 MB of prose on one page).
func Cases() []Case {
	return []Case{
		{"huge-html-table", "huge-table.html", true, hugeHTMLTable},
		{"deep-html", "deep-nesting.html", true, deepHTML},
		{"docx-bomb", "bomb.docx", true, docxBomb},
		{"long-prose", "long-prose.txt", true, longProse},
		{"long-line", "one-line.txt", true, longLine},
		{"utf16-text", "utf16.txt", true, utf16Text},
		{"stray-byte-utf8", "stray-byte.txt", true, strayByte},
		{"nul-bytes", "nul.txt", true, nulBytes},
		{"pdf-lzw", "lzw.pdf", true, pdfFilter("LZW")},
		{"pdf-asciihex", "asciihex.pdf", true, pdfFilter("AHx")},
		{"pdf-damaged-flate", "damaged-flate.pdf", true, pdfFilter("badflate")},
		{"pdf-shifted-xref", "shifted-xref.pdf", true, pdfFilter("shifted")},
		{"pdf-encrypted", "encrypted.pdf", true, pdfFilter("encrypted")},
		{"pdf-truncated", "truncated.pdf", true, pdfFilter("truncated")},
		{"pdf-many-pages", "many-pages.pdf", true, pdfPages},
		{"docx-truncated", "truncated.docx", true, truncatedDOCX},
		{"docx-not-zip", "not-zip.docx", true, writeBytes([]byte("PK\x03\x04 this is not a zip archive"))},
		{"html-truncated", "truncated.html", true, writeBytes([]byte("<html><head><title>某县2023年政府信息公开工作年度报告</title></head><body><table><tr><td>一、总体情况<td>"))},
		{"binary-junk", "junk.pdf", true, junk},
		{"empty", "empty.txt", true, writeBytes(nil)},
		{"formula-name", "=HYPERLINK(1).txt", true, writeBytes([]byte("某镇2023年政府信息公开工作年度报告\n一、总体情况\n本年度未收到政府信息公开申请。\n"))},
		{"fifo", "pipe.txt", true, fifo},
		{"directory-named-pdf", "folder.pdf", true, func(p string, _ int) error { return os.Mkdir(p, 0o755) }},
		{"symlink-loop", "loop", true, linkLoop},
	}
}

// Write makes every case in dir and returns the command-line arguments
// that name them (the cases with Arg, in order).
func Write(dir string, scale int) ([]string, error) {
	scale = max(scale, 1)
	var args []string
	for _, c := range Cases() {
		p := filepath.Join(dir, c.Name)
		if err := c.make(p, scale); err != nil {
			return nil, fmt.Errorf("%s: %w", c.Class, err)
		}
		if c.Arg {
			args = append(args, p)
		}
	}
	return args, nil
}

func writeBytes(b []byte) func(string, int) error {
	return func(p string, _ int) error { return os.WriteFile(p, b, 0o644) }
}

const head = "某县2023年政府信息公开工作年度报告\n一、总体情况\n"

// sentence is ordinary report prose with the words recognition searches
// for (其中, 未, 共…件).
const sentence = "本机关坚持以公开为常态、不公开为例外，全年共收到申请12件，其中网络申请8件、信函申请4件，未发生行政复议案件。"

func hugeHTMLTable(p string, scale int) error {
	var b bytes.Buffer
	b.WriteString("<html><head><meta charset=\"utf-8\"><title>某县2023年政府信息公开工作年度报告</title></head><body><h1>某县2023年政府信息公开工作年度报告</h1><table>")
	for row := 0; b.Len() < scale*2<<20; row++ {
		b.WriteString("<tr>")
		for col := range 8 {
			fmt.Fprintf(&b, "<td>%d</td>", row*8+col)
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table></body></html>")
	return os.WriteFile(p, b.Bytes(), 0o644)
}

func deepHTML(p string, scale int) error {
	n := scale * 100000
	s := "<html><body>" + strings.Repeat("<div>", n) + "一、总体情况" + strings.Repeat("</div>", n) + "</body></html>"
	return os.WriteFile(p, []byte(s), 0o644)
}

// docxBomb is a DOCX whose document.xml inflates about a thousand times:
// 10 MB of XML per scale step from some 10 KB.
func docxBomb(p string, scale int) error {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	add := func(name, body string) error {
		w, err := z.Create(name)
		if err == nil {
			_, err = w.Write([]byte(body))
		}
		return err
	}
	if err := add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`); err != nil {
		return err
	}
	w, err := z.Create("word/document.xml")
	if err != nil {
		return err
	}
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`))
	para := []byte(strings.Repeat(`<w:p><w:r><w:t>`+sentence+`</w:t></w:r></w:p>`, 100))
	for n := 0; n < scale*10<<20; n += len(para) {
		w.Write(para)
	}
	w.Write([]byte(`</w:body></w:document>`))
	if err := z.Close(); err != nil {
		return err
	}
	return os.WriteFile(p, b.Bytes(), 0o644)
}

func longProse(p string, scale int) error {
	var b strings.Builder
	b.WriteString(head)
	for b.Len() < scale*(1<<20)/2 {
		b.WriteString(sentence)
	}
	return os.WriteFile(p, []byte(b.String()), 0o644)
}

func longLine(p string, scale int) error {
	return os.WriteFile(p, []byte(strings.Repeat("一二三四五六七八九十", scale*(1<<20)/30)), 0o644)
}

func utf16Text(p string, _ int) error {
	s := head + "本年度未收到政府信息公开申请。\n"
	var b bytes.Buffer
	b.Write([]byte{0xFF, 0xFE})
	for _, u := range utf16.Encode([]rune(s)) {
		binary.Write(&b, binary.LittleEndian, u)
	}
	return os.WriteFile(p, b.Bytes(), 0o644)
}

func strayByte(p string, _ int) error {
	s := head + "本年度未收到政府信息公开申请。\xff\n二、主动公开政府信息情况\n"
	return os.WriteFile(p, []byte(s), 0o644)
}

func nulBytes(p string, _ int) error {
	return os.WriteFile(p, []byte(head+strings.Repeat("\x00", 4096)+"本年度\x00未收到申请。\n"), 0o644)
}

func junk(p string, scale int) error {
	b := make([]byte, scale<<20)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	copy(b, "%PDF-1.7\n")
	return os.WriteFile(p, b, 0o644)
}

func fifo(p string, _ int) error { return syscall.Mkfifo(p, 0o644) }

// linkLoop is a folder with a report and a link back to itself.
func linkLoop(p string, _ int) error {
	if err := os.Mkdir(p, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(p, "in-loop.txt"), []byte(head+"本年度未收到政府信息公开申请。\n"), 0o644); err != nil {
		return err
	}
	return os.Symlink(".", filepath.Join(p, "again"))
}

func truncatedDOCX(p string, _ int) error {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.Create("word/document.xml")
	w.Write([]byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + strings.Repeat(`<w:p><w:r><w:t>`+sentence+`</w:t></w:r></w:p>`, 200) + `</w:body></w:document>`))
	z.Close()
	return os.WriteFile(p, b.Bytes()[:b.Len()/2], 0o644)
}

// pdfFilter writes a one-page PDF whose content stream is encoded or
// damaged as kind says.
func pdfFilter(kind string) func(string, int) error {
	return func(p string, _ int) error {
		content := []byte("BT /F1 14 Tf 72 760 Td (Annual Report 2023) Tj 0 -24 Td (Part 1 General) Tj ET\n")
		var data []byte
		var dict string
		switch kind {
		case "LZW":
			var b bytes.Buffer
			w := lzw.NewWriter(&b, lzw.MSB, 8)
			w.Write(content)
			w.Close()
			data, dict = b.Bytes(), "/Filter /LZWDecode /DecodeParms << /EarlyChange 0 >>"
		case "AHx":
			data, dict = []byte(fmt.Sprintf("%X>", content)), "/Filter /ASCIIHexDecode"
		case "badflate":
			var b bytes.Buffer
			w := zlib.NewWriter(&b)
			w.Write(bytes.Repeat(content, 20))
			w.Close()
			data, dict = b.Bytes()[:b.Len()-9], "/Filter /FlateDecode" // the tail (checksum and last block) cut
		default:
			data = content
		}
		pdf := onePagePDF(data, dict, kind == "encrypted")
		switch kind {
		case "shifted":
			pdf = append([]byte("%% 64 bytes of junk before the header shift every xref offset...\n"), pdf...)
		case "truncated":
			pdf = pdf[:len(pdf)*2/3]
		}
		return os.WriteFile(p, pdf, 0o644)
	}
}

// onePagePDF assembles a PDF with a correct cross-reference table.
func onePagePDF(content []byte, filter string, encrypted bool) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(content), filter, content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	trailer := "<< /Size 6 /Root 1 0 R >>"
	if encrypted {
		// An RC4-40 encryption dictionary (empty user password); the
		// content is left as it is, as a damaged encrypted file would be.
		objs = append(objs, "<< /Filter /Standard /V 1 /R 2 /O <"+strings.Repeat("AB", 32)+"> /U <"+strings.Repeat("CD", 32)+"> /P -4 >>")
		trailer = "<< /Size 7 /Root 1 0 R /Encrypt 6 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>"
	}
	return assemble(objs, trailer)
}

func assemble(objs []string, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", trailer, x)
	return b.Bytes()
}

// pdfPages is a PDF of 500 pages per scale step, each a few lines.
func pdfPages(p string, scale int) error {
	n := 500 * scale
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
	var kids strings.Builder
	for i := range n {
		page := len(objs) + 1
		content := fmt.Sprintf("BT /F1 12 Tf 72 760 Td (Page %d of the annual report) Tj 0 -20 Td (Total 12 items, of which 8 online) Tj ET", i+1)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", page+1),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
		fmt.Fprintf(&kids, "%d 0 R ", page)
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), n)
	return os.WriteFile(p, assemble(objs, fmt.Sprintf("<< /Size %d /Root 1 0 R >>", len(objs)+1)), 0o644)
}
