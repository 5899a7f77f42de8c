package pdf

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/ocr"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

// garbledPDF: page 1 shows 40 codes of an Identity-H font with no
// ToUnicode map and no font file (nothing maps them to Unicode), page 2 a
// line of plain text.
func garbledPDF() []byte {
	b := newPDF()
	f := b.cidFont("/Identity-H", 0, "")
	var codes strings.Builder
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&codes, "%04X", i)
	}
	b.page(fmt.Sprintf("BT /F1 12 Tf 72 720 Td <%s> Tj ET", codes.String()), fmt.Sprintf("<< /Font << /F1 %d 0 R >> >>", f), "/MediaBox [0 0 595 842]")
	h := b.helv()
	b.page("BT /F1 12 Tf 72 720 Td (Page two reads as text) Tj ET", fmt.Sprintf("<< /Font << /F1 %d 0 R >> >>", h), "/MediaBox [0 0 595 842]")
	return b.bytes()
}

func TestGarbledShare(t *testing.T) {
	page := func(bad, good int) *layout.PageGeom {
		g := &layout.PageGeom{}
		for range bad {
			g.Glyphs = append(g.Glyphs, layout.Glyph{R: 0xfffd})
		}
		for range good {
			g.Glyphs = append(g.Glyphs, layout.Glyph{R: '字'}, layout.Glyph{R: ' '})
		}
		return g
	}
	for _, c := range []struct {
		bad, good int
		want      bool
	}{{40, 0, true}, {19, 0, false}, {30, 70, true}, {30, 71, false}, {0, 500, false}} {
		if got := garbled(page(c.bad, c.good)); got != c.want {
			t.Errorf("%d undecoded, %d decoded: garbled %v, want %v", c.bad, c.good, got, c.want)
		}
	}
}

// A page whose text cannot be decoded is rendered by pdftoppm and handed to
// the OCR stage as a scan, in place of its own text: its blocks are
// dropped, its font problem becomes a scanned-page problem; the page
// beside it is read as before. Without pdftoppm nothing is dropped and the
// problem says how to have the page read.
func TestGarbledPageRendered(t *testing.T) {
	pngPath, png := tinyPNG(t)
	testutil.FakeTool(t, "pdftoppm", fmt.Sprintf("#!/bin/sh\ncat > /dev/null\ncat %s\n", pngPath))
	doc, err := Extract(context.Background(), "garbled.pdf", garbledPDF())
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range doc.Blocks {
		if b.Page == 1 {
			t.Errorf("page 1 block kept: %q", b.Text)
		}
	}
	if len(doc.Blocks) != 1 || !strings.Contains(doc.Blocks[0].Text, "Page two") {
		t.Errorf("blocks %+v, want page 2's line", doc.Blocks)
	}
	if len(doc.Images) != 1 || doc.Images[0].Page != 1 || !doc.Images[0].WholePage || doc.Images[0].At != 0 || !bytes.Equal(doc.Images[0].Data, png) {
		t.Fatalf("pictures %+v, want page 1 rendered", doc.Images)
	}
	var codes []string
	for _, p := range doc.Problems {
		codes = append(codes, p.Code)
		if p.Code == extract.ProblemFont {
			t.Errorf("font problem left for a rendered page: %s", p.Message)
		}
	}
	if len(codes) != 1 || codes[0] != extract.ProblemScanned {
		t.Errorf("problems %v, want one scanned_page", doc.Problems)
	}

	t.Setenv("PATH", t.TempDir()) // no pdftoppm
	doc, err = Extract(context.Background(), "garbled.pdf", garbledPDF())
	if err != nil {
		t.Fatal(err)
	}
	hint := false
	for _, p := range doc.Problems {
		hint = hint || p.Code == extract.ProblemFont && p.Page == 1 && strings.Contains(p.Message, "安装 pdftoppm 后可将页面渲染后以OCR识别")
	}
	if len(doc.Images) != 0 || len(doc.Blocks) == 0 || !strings.Contains(doc.Blocks[len(doc.Blocks)-1].Text, "Page two") || !hint {
		t.Errorf("without pdftoppm: %d pictures, %d blocks, problems %v", len(doc.Images), len(doc.Blocks), doc.Problems)
	}
}

// End to end with the OCR engine: the rendered page (here the scanned
// fixture's table 四, which the fake renderer gives) is read in place of the
// undecodable text, every cell of table 四 the printed number.
func TestGarbledPageReadByOCR(t *testing.T) {
	testutil.NeedTool(t, "tesseract", "tesseract-ocr tesseract-ocr-chi-sim")
	scan := testutil.Fixture(t, "ocr", "defect-t3-balance-p4.jpg")
	testutil.FakeTool(t, "pdftoppm", fmt.Sprintf("#!/bin/sh\ncat > /dev/null\ncat %s\n", scan))
	ctx := context.Background()
	doc, err := Extract(ctx, "garbled.pdf", garbledPDF())
	if err != nil {
		t.Fatal(err)
	}
	if err := ocr.Apply(ctx, doc); err != nil {
		t.Fatal(err)
	}
	rep, err := recognise.Recognise(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	want := testutil.FixtureCells(t, "defect-t3-balance")
	for _, k := range template.T4Keys() {
		if c := rep.Cells[k]; !c.Value.Valid || c.Value.V != want[k] || c.Source != extract.SourceOCR {
			t.Errorf("%s = %v (source %q), want %v", k, c.Value, c.Source, want[k])
		}
	}
}

// When a rendered page does not fit the file's memory budget, the pages
// after it are not rendered only to be refused too: one problem says how
// many were left, and the renderer ran once.
func TestGarbledRenderStopsAtBudget(t *testing.T) {
	calls := filepath.Join(t.TempDir(), "calls")
	testutil.FakeTool(t, "pdftoppm", fmt.Sprintf("#!/bin/sh\ncat > /dev/null\necho x >> %s\nhead -c 4000000 /dev/zero\n", calls))
	b := newPDF()
	f := b.cidFont("/Identity-H", 0, "")
	for range 3 {
		b.page("BT /F1 12 Tf 72 720 Td <0001000200030004000500060007000800090010001100120013001400150016001700180019002000210022> Tj ET",
			fmt.Sprintf("<< /Font << /F1 %d 0 R >> >>", f), "/MediaBox [0 0 595 842]")
	}
	ctx := extract.WithBudget(context.Background(), extract.NewBudget(3<<20))
	doc, err := Extract(ctx, "garbled.pdf", b.bytes())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range doc.Problems {
		if p.Code == extract.ProblemBudget {
			n++
			if p.Page != 1 || !strings.Contains(p.Message, "第1页起无法解码的3页未渲染") {
				t.Errorf("problem %+v", p)
			}
		}
	}
	if b, _ := os.ReadFile(calls); n != 1 || len(doc.Images) != 0 || strings.Count(string(b), "x") != 1 {
		t.Errorf("%d budget problems, %d pictures, renderer ran %d times; want 1, 0, 1", n, len(doc.Images), strings.Count(string(b), "x"))
	}
}
