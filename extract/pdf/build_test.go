package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
)

// pdfBuilder writes small PDF files byte by byte for tests: objects are
// numbered from 1 in the order they are added, and bytes() writes a
// classic xref table and trailer.
type pdfBuilder struct {
	objs  []string
	pages []int
	info  string
}

func newPDF() *pdfBuilder {
	b := &pdfBuilder{}
	b.add("") // 1: catalog, written by bytes()
	b.add("") // 2: page tree
	return b
}

// add adds an object and returns its number.
func (b *pdfBuilder) add(obj string) int {
	b.objs = append(b.objs, obj)
	return len(b.objs)
}

// set replaces an object added earlier (for forward references).
func (b *pdfBuilder) set(id int, obj string) { b.objs[id-1] = obj }

// stream adds a stream object with the extra dictionary entries dict.
func (b *pdfBuilder) stream(dict string, data []byte) int {
	return b.add(fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data))
}

// flate adds a FlateDecode stream.
func (b *pdfBuilder) flate(dict string, data []byte) int {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(data)
	w.Close()
	return b.stream(dict+" /Filter /FlateDecode", z.Bytes())
}

// page adds a page with the given content and resources dictionary; extra
// holds more page dictionary entries (/MediaBox, /Rotate …).
func (b *pdfBuilder) page(content string, resources string, extra string) int {
	c := b.stream("", []byte(content))
	if !strings.Contains(extra, "/MediaBox") {
		extra += " /MediaBox [0 0 612 792]"
	}
	id := b.add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /Contents %d 0 R /Resources %s %s >>", c, resources, extra))
	b.pages = append(b.pages, id)
	return id
}

func (b *pdfBuilder) bytes() []byte {
	kids := make([]string, len(b.pages))
	for i, p := range b.pages {
		kids[i] = fmt.Sprintf("%d 0 R", p)
	}
	b.set(1, "<< /Type /Catalog /Pages 2 0 R >>")
	b.set(2, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(b.pages)))
	info := ""
	if b.info != "" {
		info = fmt.Sprintf(" /Info %d 0 R", b.add(b.info))
		b.info = ""
	}
	var out bytes.Buffer
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(b.objs))
	for i, o := range b.objs {
		offs[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(b.objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&out, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(b.objs)+1, info, xref)
	return out.Bytes()
}

// helv adds a simple WinAnsi font whose glyphs are all 500 units wide.
func (b *pdfBuilder) helv() int {
	w := strings.TrimSpace(strings.Repeat("500 ", 95))
	return b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [%s] >>", w))
}

// toUnicode adds a ToUnicode CMap with 2-byte codes mapping code i+1 to
// the i-th rune of s.
func (b *pdfBuilder) toUnicode(s string) int {
	var sb strings.Builder
	sb.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n")
	sb.WriteString("1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	rs := []rune(s)
	fmt.Fprintf(&sb, "%d beginbfchar\n", len(rs))
	for i, r := range rs {
		fmt.Fprintf(&sb, "<%04X> <%04X>\n", i+1, r)
	}
	sb.WriteString("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n")
	return b.stream("", []byte(sb.String()))
}

// cidFont adds a Type 0 font with the given /Encoding and optional
// ToUnicode object (0 for none).
func (b *pdfBuilder) cidFont(encoding string, toUni int, w string) int {
	desc := b.add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 %s >>", w))
	tu := ""
	if toUni != 0 {
		tu = fmt.Sprintf("/ToUnicode %d 0 R", toUni)
	}
	return b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding %s /DescendantFonts [%d 0 R] %s >>", encoding, desc, tu))
}

func mustPages(t *testing.T, data []byte) ([]layout.PageGeom, []extract.Problem) {
	t.Helper()
	pages, probs, _, err := Pages(bytes.NewReader(data), int64(len(data)), Options{})
	if err != nil {
		t.Fatalf("Pages: %v", err)
	}
	return pages, probs
}

func text(g []layout.Glyph) string {
	var sb strings.Builder
	for _, x := range g {
		if x.Text != "" {
			sb.WriteString(x.Text)
		} else {
			sb.WriteRune(x.R)
		}
	}
	return sb.String()
}

func approx(a, b float64) bool { return a-b < 0.01 && b-a < 0.01 }

type box struct{ x0, y0, x1, y1 float64 }

func checkBox(t *testing.T, what string, g layout.Glyph, want box) {
	t.Helper()
	if !approx(g.X0, want.x0) || !approx(g.Y0, want.y0) || !approx(g.X1, want.x1) || !approx(g.Y1, want.y1) {
		t.Errorf("%s %q: box (%.2f %.2f %.2f %.2f), want (%.2f %.2f %.2f %.2f)", what, g.R, g.X0, g.Y0, g.X1, g.Y1, want.x0, want.y0, want.x1, want.y1)
	}
}
