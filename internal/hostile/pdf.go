// Package hostile makes hostile and unusual input files in memory: PDFs
// with unusual filters, damaged streams, shifted or missing
// cross-reference tables, RC4-40 and AES-256 encryption, thousands of
// pages; a DOCX that inflates to hundreds of megabytes; huge and deeply
// nested HTML. Tests and scripts/hostile-corpus call these functions, so
// no big file is committed. Every function is deterministic.
package hostile

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// doc is a minimal PDF writer: objects numbered from 1 in order, a classic
// xref table. Page text uses Helvetica (WinAnsi), one line per string.
type doc struct {
	objs  []string
	pages []int
	enc   *encrypter // nil: not encrypted
	font  int
	// declaredLength, when not 0, is the /Length every stream declares
	declaredLength int
}

func newDoc() *doc {
	d := &doc{}
	d.add("") // 1: catalog
	d.add("") // 2: page tree
	d.font = d.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	return d
}

func (d *doc) add(obj string) int {
	d.objs = append(d.objs, obj)
	return len(d.objs)
}

// stream adds a stream; data is encrypted when the document is.
func (d *doc) stream(dict string, data []byte) int {
	id := len(d.objs) + 1
	if d.enc != nil {
		data = d.enc.encrypt(id, data)
	}
	n := len(data)
	if d.declaredLength != 0 {
		n = d.declaredLength
	}
	return d.add(fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, n, data))
}

// page adds a page whose content stream is data with the filter dict.
func (d *doc) page(dict string, data []byte) int {
	c := d.stream(dict, data)
	id := d.add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>", c, d.font))
	d.pages = append(d.pages, id)
	return id
}

// bytes writes the file; shift moves every xref offset by that many bytes
// (0: correct offsets); noXref leaves out the table and startxref.
func (d *doc) bytes(shift int, noXref bool) []byte {
	d.finish()
	extra := ""
	if d.enc != nil {
		extra = fmt.Sprintf(" /Encrypt %d 0 R /ID [<%x> <%x>]", d.add(d.enc.dict), d.enc.id, d.enc.id)
	}
	var out bytes.Buffer
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(d.objs))
	for i, o := range d.objs {
		offs[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	if noXref {
		fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R%s >>\n%%%%EOF\n", len(d.objs)+1, extra)
		return out.Bytes()
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(d.objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&out, "%010d 00000 n \n", o+shift)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(d.objs)+1, extra, xref+shift)
	return out.Bytes()
}

// finish fills in the catalog and the page tree.
func (d *doc) finish() {
	kids := make([]string, len(d.pages))
	for i, p := range d.pages {
		kids[i] = fmt.Sprintf("%d 0 R", p)
	}
	d.objs[0] = "<< /Type /Catalog /Pages 2 0 R >>"
	d.objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(d.pages))
}

// Content returns a page's content stream: lines of text from the top.
func Content(lines ...string) []byte {
	var b bytes.Buffer
	b.WriteString("BT /F1 11 Tf 14 TL 72 770 Td\n")
	for _, l := range lines {
		fmt.Fprintf(&b, "(%s) Tj T*\n", escape(l))
	}
	b.WriteString("ET\n")
	return b.Bytes()
}

func escape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return r.Replace(s)
}

// Zlib compresses data.
func Zlib(data []byte) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(data)
	w.Close()
	return z.Bytes()
}

// PageText is the text of page n of the generated documents, so tests can
// compare what was read with what was written.
func PageText(n int) []string {
	return []string{
		fmt.Sprintf("Page %d of the hostile corpus", n),
		"The quick brown fox jumps over the lazy dog 0123456789",
		fmt.Sprintf("Line three of page %d", n),
	}
}

// PDFFilter is a one-page PDF whose content stream uses filter, one of
// "LZWDecode", "LZWDecode0" (EarlyChange 0), "ASCIIHexDecode",
// "ASCII85Decode", "RunLengthDecode", "FlateDecode+Predictor" (PNG
// predictors) or "ASCIIHexDecode+FlateDecode" (a chain).
func PDFFilter(filter string) []byte {
	d := newDoc()
	// long enough that LZW codes grow to 12 bits and the table is cleared
	lines := PageText(1)
	for i := range 45 {
		lines = append(lines, fmt.Sprintf("Filler line %d: %s", i, strings.Repeat(string(rune('a'+i%26)), 20+i)))
	}
	content := Content(lines...)
	switch filter {
	case "LZWDecode":
		d.page("/Filter /LZWDecode", LZW(content, 1))
	case "LZWDecode0":
		d.page("/Filter /LZWDecode /DecodeParms << /EarlyChange 0 >>", LZW(content, 0))
	case "ASCIIHexDecode":
		d.page("/Filter /ASCIIHexDecode", asciiHex(content))
	case "ASCII85Decode":
		d.page("/Filter /ASCII85Decode", asciiA85(content))
	case "RunLengthDecode":
		d.page("/Filter /RunLengthDecode", runLength(content))
	case "FlateDecode+Predictor":
		d.page("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 8 >>", Zlib(pngRows(content, 8)))
	case "ASCIIHexDecode+FlateDecode":
		d.page("/Filter [/ASCIIHexDecode /FlateDecode]", asciiHex(Zlib(content)))
	default:
		panic("hostile: unknown filter " + filter)
	}
	return d.bytes(0, false)
}

// Filters lists what PDFFilter makes.
var Filters = []string{"LZWDecode", "LZWDecode0", "ASCIIHexDecode", "ASCII85Decode", "RunLengthDecode",
	"FlateDecode+Predictor", "ASCIIHexDecode+FlateDecode"}

// PDFDamagedFlate is a three-page PDF: page 1's Flate stream has a
// damaged zlib header, page 2's is cut in the middle (its tail is gone),
// page 3's is intact.
func PDFDamagedFlate() []byte {
	d := newDoc()
	z1 := Zlib(Content(PageText(1)...))
	z1[0], z1[1] = 0x00, 0x00 // header destroyed
	d.page("/Filter /FlateDecode", z1)
	z2 := Zlib(Content(PageText(2)...))
	d.page("/Filter /FlateDecode", append(z2[:len(z2)/2:len(z2)/2], bytes.Repeat([]byte{0xff}, 16)...))
	d.page("/Filter /FlateDecode", Zlib(Content(PageText(3)...)))
	return d.bytes(0, false)
}

// PDFShiftedXref is a two-page PDF whose xref offsets (and startxref) are
// all off by shift bytes, as when a server prepends or strips bytes.
func PDFShiftedXref(shift int) []byte {
	d := newDoc()
	d.page("/Filter /FlateDecode", Zlib(Content(PageText(1)...)))
	d.page("", Content(PageText(2)...))
	return d.bytes(shift, false)
}

// PDFNoXref is a two-page PDF without xref table or startxref.
func PDFNoXref() []byte {
	d := newDoc()
	d.page("/Filter /FlateDecode", Zlib(Content(PageText(1)...)))
	d.page("", Content(PageText(2)...))
	return d.bytes(0, true)
}

// PDFPages is an n-page PDF, each page with a heading, paragraphs and a
// ruled 4×3 table, like a report's pages.
func PDFPages(n int) []byte {
	return pagesDoc(n).bytes(0, false)
}

// pagesDoc is the document of PDFPages(n).
func pagesDoc(n int) *doc { return addPages(newDoc(), n) }

// addPages adds the n pages of PDFPages to d.
func addPages(d *doc, n int) *doc {
	for i := 1; i <= n; i++ {
		var b bytes.Buffer
		b.Write(Content(append(PageText(i),
			"Paragraph text that wraps over several lines of the page, as reports do,",
			"with figures such as 12 and 345 and 6789 in the running text.",
			"Another line of ordinary text to give the page some body.")...))
		// a ruled table: 4 rows, 3 columns
		x0, y0, w, h := 72.0, 600.0, 150.0, 20.0
		for r := 0; r <= 4; r++ {
			fmt.Fprintf(&b, "%.1f %.1f m %.1f %.1f l S\n", x0, y0-float64(r)*h, x0+3*w, y0-float64(r)*h)
		}
		for c := 0; c <= 3; c++ {
			fmt.Fprintf(&b, "%.1f %.1f m %.1f %.1f l S\n", x0+float64(c)*w, y0, x0+float64(c)*w, y0-4*h)
		}
		for r := 0; r < 4; r++ {
			for c := 0; c < 3; c++ {
				fmt.Fprintf(&b, "BT /F1 10 Tf %.1f %.1f Td (R%dC%d %d) Tj ET\n", x0+float64(c)*w+4, y0-float64(r+1)*h+6, r+1, c+1, i*(r+1)*(c+1))
			}
		}
		d.page("/Filter /FlateDecode", Zlib(b.Bytes()))
	}
	return d
}

// PDFFlateBomb is a one-page PDF whose content stream starts with the
// page's text and then inflates to about size bytes of white space.
func PDFFlateBomb(size int) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(Content(PageText(1)...))
	chunk := bytes.Repeat([]byte{' '}, 1<<20)
	for n := 0; n < size; n += len(chunk) {
		w.Write(chunk)
	}
	w.Close()
	d := newDoc()
	d.page("/Filter /FlateDecode", z.Bytes())
	return d.bytes(0, false)
}

// PDFContent is a one-page PDF with the given (uncompressed) content stream.
func PDFContent(content []byte) []byte {
	d := newDoc()
	d.page("", content)
	return d.bytes(0, false)
}

// PDFContentsCycle is a one-page PDF whose /Contents is an array holding
// itself and the page's content stream.
func PDFContentsCycle() []byte {
	d := newDoc()
	p := d.page("", Content(PageText(1)...))
	c := p - 1 // d.page adds the stream just before the page
	arr := d.add("")
	d.objs[arr-1] = fmt.Sprintf("[%d 0 R %d 0 R]", arr, c)
	d.objs[p-1] = strings.Replace(d.objs[p-1], fmt.Sprintf("/Contents %d 0 R", c), fmt.Sprintf("/Contents %d 0 R", arr), 1)
	return d.bytes(0, false)
}

// PDFDeepTree is a one-page PDF whose page lies under depth levels of
// page-tree nodes, each with one kid.
func PDFDeepTree(depth int) []byte {
	d := newDoc()
	kid := d.page("", Content(PageText(1)...))
	for range depth {
		kid = d.add(fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", kid))
	}
	d.pages = []int{kid}
	return d.bytes(0, false)
}

// PDFDeepContent is a one-page PDF whose content stream shows the page's
// text and then opens and closes depth nested arrays.
func PDFDeepContent(depth int) []byte {
	content := append(Content(PageText(1)...), strings.Repeat("[", depth)+strings.Repeat("]", depth)+"\n"...)
	return PDFContent(content)
}

// PDFDeepObject is a one-page PDF whose page dictionary holds, under a key
// nobody reads, depth nested arrays.
func PDFDeepObject(depth int) []byte {
	d := newDoc()
	p := d.page("", Content(PageText(1)...))
	page := d.objs[p-1]
	d.objs[p-1] = page[:len(page)-2] + "/Junk " + strings.Repeat("[", depth) + strings.Repeat("]", depth) + " >>"
	return d.bytes(0, false)
}

// PDFXrefHugeSubsection is PDFPages(3) whose cross-reference table has one
// more subsection, of one entry, for object 1,500,000,000: a 48 GB table
// for a file of a few kilobytes.
func PDFXrefHugeSubsection() []byte {
	data := PDFPages(3)
	i := bytes.LastIndex(data, []byte("trailer\n"))
	return bytes.Join([][]byte{data[:i], []byte("1500000000 1\n0000000009 00000 n \n"), data[i:]}, nil)
}

// PDFXrefFarObject is PDFPages(3) padded to size bytes (a comment before
// its cross-reference table) whose table has one more subsection, of one
// entry, for the object numbered size/2: within the file's size in
// bytes, far past any object count such a file can hold (a 320 MB table
// at 10 MB).
func PDFXrefFarObject(size int) []byte {
	data := PDFPages(3)
	x := bytes.LastIndex(data, []byte("\nxref\n")) + 1
	t := bytes.LastIndex(data, []byte("trailer\n"))
	pad := max(size-len(data)-64, 0)
	var b bytes.Buffer
	b.Write(data[:x])
	for pad > 0 { // comment lines of at most 1 KB
		n := min(pad, 1024)
		b.WriteString("%" + strings.Repeat("x", max(n-2, 0)) + "\n")
		pad -= n
	}
	xref := b.Len()
	b.Write(data[x:t])
	fmt.Fprintf(&b, "%d 1\n0000000009 00000 n \n", size/2)
	b.Write(data[t:bytes.LastIndex(data, []byte("startxref\n"))])
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// PDFPredictorColumns is a 2-page PDF whose first page's content stream
// names a PNG predictor of 100,000,000,000 columns (two 100 GB rows); the
// second page is plain.
func PDFPredictorColumns() []byte {
	d := newDoc()
	d.page("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 100000000000 >>", Zlib(Content(PageText(1)...)))
	d.page("", Content(PageText(2)...))
	return d.bytes(0, false)
}

// PDFXrefStreamNoWidth is a PDF whose cross-reference stream has fields of
// no bytes (/W [0 0 0]) and a subsection of 10^18 entries: its entries never
// run out.
func PDFXrefStreamNoWidth() []byte {
	var out bytes.Buffer
	out.WriteString("%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n")
	x := out.Len()
	fmt.Fprintf(&out, "3 0 obj\n<< /Type /XRef /Size 4 /Root 1 0 R /W [0 0 0] /Index [0 1000000000000000000] /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", x)
	return out.Bytes()
}

// PDFFilterChain is a 2-page PDF whose first page's content stream names n
// filters (/FlateDecode, abbreviated /Fl); the second page is plain.
func PDFFilterChain(n int) []byte {
	d := newDoc()
	d.page("/Filter ["+strings.Repeat("/Fl ", n)+"]", Content(PageText(1)...))
	d.page("", Content(PageText(2)...))
	return d.bytes(0, false)
}

// PDFLongLength is PDFPages(n) whose content streams each declare a
// /Length of 256 MB, in a file of a few kilobytes per page.
func PDFLongLength(n int) []byte {
	d := newDoc()
	d.declaredLength = 256 << 20
	return addPages(d, n).bytes(0, false)
}

// pageWith adds a page with the given (uncompressed) content and
// resources dictionary.
func (d *doc) pageWith(content []byte, resources string) int {
	c := d.stream("", content)
	id := d.add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources %s >>", c, resources))
	d.pages = append(d.pages, id)
	return id
}

// bigForm adds a Form XObject whose content inflates to size bytes (a
// comment line of NUL bytes) and returns its number.
func (d *doc) bigForm(size int) int {
	data := append([]byte("%"), make([]byte, size)...)
	return d.stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Filter /FlateDecode", Zlib(data))
}

// PDFFormRepeat is a one-page PDF that draws a Form XObject of 40 MB of
// content draws times, then writes the page's text.
func PDFFormRepeat(draws int) []byte {
	d := newDoc()
	f := d.bigForm(40 << 20)
	content := append(bytes.Repeat([]byte("/A Do\n"), draws), Content(PageText(1)...)...)
	d.pageWith(content, fmt.Sprintf("<< /Font << /F1 %d 0 R >> /XObject << /A %d 0 R >> >>", d.font, f))
	return d.bytes(0, false)
}

// PDFFormNames is a one-page PDF that draws one Form XObject of 40 MB of
// content under names different names, then writes the page's text.
func PDFFormNames(names int) []byte {
	d := newDoc()
	f := d.bigForm(40 << 20)
	var res, content strings.Builder
	for i := range names {
		fmt.Fprintf(&res, "/N%d %d 0 R ", i, f)
		fmt.Fprintf(&content, "/N%d Do\n", i)
	}
	content.Write(Content(PageText(1)...))
	d.pageWith([]byte(content.String()), fmt.Sprintf("<< /Font << /F1 %d 0 R >> /XObject << %s>> >>", d.font, res.String()))
	return d.bytes(0, false)
}

// PDFObjWords is a PDF without a cross-reference table (so it is rebuilt
// by scanning) whose body is size bytes of "objt": a word that starts like
// an object's header at every fourth byte.
func PDFObjWords(size int) []byte {
	return []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
		strings.Repeat("objt", size/4) + "\n%%EOF\n")
}

// PDFManyPieces is a one-page PDF drawing n different full-page grey images
// of 5,000 × 5,000 pixels (25 MB each decoded, a few KB each stored) over
// one another, without text: a scanned page whose picture would be
// composed of n pieces.
func PDFManyPieces(n int) []byte {
	d := newDoc()
	z := Zlib(bytes.Repeat([]byte{0xff}, 5000*5000))
	var res, content strings.Builder
	for i := range n {
		id := d.stream("/Type /XObject /Subtype /Image /Width 5000 /Height 5000 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode", z)
		fmt.Fprintf(&res, "/I%d %d 0 R ", i, id)
		fmt.Fprintf(&content, "q 595 0 0 595 0 0 cm /I%d Do Q\n", i)
	}
	d.pageWith([]byte(content.String()), fmt.Sprintf("<< /XObject << %s>> >>", res.String()))
	return d.bytes(0, false)
}
