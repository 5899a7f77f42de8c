package pdf

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"image"
	gopng "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/ocr"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/recognise"
)

// jbig2Page is an embedded JBIG2 stream (as PDF's JBIG2Decode holds it) of
// one 16×4 page, left half black: a page information segment and an
// immediate lossless generic region coded with MMR, whose data is the CCITT
// Group 4 coding of the same bitmap (T.6 is JBIG2's MMR coding).
func jbig2Page(t *testing.T) []byte {
	t.Helper()
	g4, err := hex.DecodeString("26a2ffe0020020") // 16×4, left half black (as in TestScanImageFormats)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	u32 := func(v uint32) { binary.Write(&b, binary.BigEndian, v) }
	segment := func(number uint32, typ byte, data []byte) {
		u32(number)
		b.WriteByte(typ) // page association in one byte, not deferred
		b.WriteByte(0)   // no referred-to segments
		b.WriteByte(1)   // page 1
		u32(uint32(len(data)))
		b.Write(data)
	}
	var page bytes.Buffer
	binary.Write(&page, binary.BigEndian, []uint32{16, 4, 0, 0}) // width, height, no resolution
	page.Write([]byte{0, 0, 0})                                  // flags, no striping
	segment(0, 48, page.Bytes())
	var region bytes.Buffer
	binary.Write(&region, binary.BigEndian, []uint32{16, 4, 0, 0}) // width, height, x, y
	region.WriteByte(0)                                            // combination: OR
	region.WriteByte(1)                                            // MMR
	region.Write(g4)
	segment(1, 39, region.Bytes())
	segment(2, 49, nil) // end of page
	return b.Bytes()
}

// jbig2PDF is a one-page scan whose picture is stored in JBIG2, which
// nianbao does not decode.
func jbig2PDF(t *testing.T) []byte {
	b := newPDF()
	img := b.stream("/Type /XObject /Subtype /Image /Width 16 /Height 4 /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /JBIG2Decode", jbig2Page(t))
	b.page("q 612 0 0 792 0 0 cm /Im1 Do Q", fmt.Sprintf("<< /XObject << /Im1 %d 0 R >> >>", img), "/MediaBox [0 0 612 792]")
	return b.bytes()
}

// A scan in JBIG2 is rendered by poppler's pdftoppm and handed to the OCR
// stage as the whole page: the picture has the page's size at 300 dpi and
// the image's pixels (left half black).
func TestJBIG2ScanRendered(t *testing.T) {
	testutil.NeedTool(t, "pdftoppm", "poppler-utils")
	imgs, probs := extractImages(t, jbig2PDF(t))
	if len(imgs) != 1 {
		t.Fatalf("%d pictures (problems %v)", len(imgs), probs)
	}
	im := imgs[0]
	if im.Page != 1 || !im.WholePage || im.Box != (extract.Box{X1: 612, Y1: 792}) || !strings.Contains(im.Name, "pdftoppm") {
		t.Errorf("picture page %d whole %v box %+v name %q", im.Page, im.WholePage, im.Box, im.Name)
	}
	r := im.Pix.Bounds()
	if r.Dx() != 2550 || r.Dy() != 3300 {
		t.Fatalf("rendered %v, want 2550×3300 (US Letter at 300 dpi)", r)
	}
	for _, c := range []struct {
		x, y int
		dark bool
	}{{300, 1600, true}, {1000, 400, true}, {1600, 1600, false}, {2400, 3000, false}} {
		y, _, _, _ := im.Pix.At(c.x, c.y).RGBA()
		if dark := y < 0x4000; dark != c.dark {
			t.Errorf("pixel %d,%d grey %d, want dark %v", c.x, c.y, y>>8, c.dark)
		}
	}
	for _, p := range probs {
		if p.Page == 1 && p.Code == extract.ProblemUnsupported {
			t.Errorf("problem %v for a page that was rendered", p)
		}
	}
}

// The page is asked of pdftoppm as its number, at the resolution for its
// size, in grey, with the PDF on standard input, and its PNG is the
// picture; a renderer that fails leaves the problem, with its message.
func TestRenderedPageAsked(t *testing.T) {
	dir := t.TempDir()
	pngPath, png := tinyPNG(t)
	args, stdin := filepath.Join(dir, "args"), filepath.Join(dir, "stdin")
	testutil.FakeTool(t, "pdftoppm", fmt.Sprintf("#!/bin/sh\necho \"$@\" > %s\ncat > %s\ncat %s\n", args, stdin, pngPath))
	data := jbig2PDF(t)
	imgs, probs := extractImages(t, data)
	if len(imgs) != 1 || imgs[0].Pix.Bounds().Dx() != 4 || len(png) == 0 {
		t.Fatalf("%d pictures (problems %v), want the renderer's", len(imgs), probs)
	}
	if a, _ := os.ReadFile(args); strings.TrimSpace(string(a)) != "-f 1 -l 1 -r 300 -gray -png -" {
		t.Errorf("pdftoppm %s", a)
	}
	if in, _ := os.ReadFile(stdin); !bytes.Equal(in, data) {
		t.Errorf("pdftoppm read %d bytes, want the PDF's %d", len(in), len(data))
	}

	testutil.FakeTool(t, "pdftoppm", "#!/bin/sh\necho 'Syntax Error: broken file' >&2\nexit 1\n")
	imgs, probs = extractImages(t, data)
	found := false
	for _, p := range probs {
		found = found || p.Code == extract.ProblemUnsupported && strings.Contains(p.Message, "pdftoppm 无法渲染第1页：Syntax Error: broken file")
	}
	if len(imgs) != 0 || !found {
		t.Errorf("%d pictures, problems %v; want the renderer's failure", len(imgs), probs)
	}
}

// A scanned page stored in JPEG 2000 is read end to end: page 4 of the
// scanned fixture (table 四 and the end of table 三) made a JPX picture by
// OpenJPEG, rendered by pdftoppm, read by tesseract; table 四's cells are
// the printed numbers.
func TestJPXScanReadByOCR(t *testing.T) {
	pdftoppm := testutil.NeedTool(t, "pdftoppm", "poppler-utils")
	opj := testutil.NeedTool(t, "opj_compress", "libopenjp2-tools")
	testutil.NeedTool(t, "tesseract", "tesseract-ocr tesseract-ocr-chi-sim")
	dir := t.TempDir()
	scan := testutil.Fixture(t, "ocr", "defect-t3-balance.pdf")
	if out, err := exec.Command(pdftoppm, "-f", "4", "-l", "4", "-r", "150", "-gray", scan, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	pgm := filepath.Join(dir, "p-4.pgm")
	head, err := os.ReadFile(pgm)
	if err != nil {
		t.Fatal(err)
	}
	var w, h int
	if _, err := fmt.Sscanf(string(head[:min(len(head), 40)]), "P5\n%d %d", &w, &h); err != nil {
		t.Fatalf("PGM header: %v", err)
	}
	jp2 := filepath.Join(dir, "p.jp2")
	if out, err := exec.Command(opj, "-i", pgm, "-o", jp2).CombinedOutput(); err != nil {
		t.Fatalf("opj_compress: %v %s", err, out)
	}
	pix, err := os.ReadFile(jp2)
	if err != nil {
		t.Fatal(err)
	}
	b := newPDF()
	img := b.stream(fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /JPXDecode", w, h), pix)
	b.page("q 595 0 0 842 0 0 cm /Im1 Do Q", fmt.Sprintf("<< /XObject << /Im1 %d 0 R >> >>", img), "/MediaBox [0 0 595 842]")

	ctx := context.Background()
	doc, err := Extract(ctx, "jpx.pdf", b.bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Images) != 1 {
		t.Fatalf("%d pictures for the OCR stage (problems %v)", len(doc.Images), doc.Problems)
	}
	if err := ocr.Apply(ctx, doc); err != nil {
		t.Fatal(err)
	}
	rep, err := recognise.Recognise(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	n, exact := 0, 0
	for k, v := range testutil.FixtureCells(t, "defect-t3-balance") {
		if !strings.HasPrefix(k, "t4.") {
			continue
		}
		n++
		c, ok := rep.Cells[k]
		switch {
		case ok && c.Value.Valid && c.Value.V == v:
			exact++
		case ok && c.Value.Valid && !c.Uncertain:
			t.Errorf("%s read as %v and not marked uncertain, printed %v", k, c.Value.V, v)
		}
	}
	if n != 15 || exact != n {
		t.Errorf("%d of %d cells of table 四 read exactly", exact, n)
	}
}

// Scans in JBIG2 on three pages, the first rendering past the budget: the
// others are not rendered only to be refused too.
func TestRenderedScansStopAtBudget(t *testing.T) {
	calls := filepath.Join(t.TempDir(), "calls")
	testutil.FakeTool(t, "pdftoppm", fmt.Sprintf("#!/bin/sh\ncat > /dev/null\necho x >> %s\nhead -c 4000000 /dev/zero\n", calls))
	b := newPDF()
	img := b.stream("/Type /XObject /Subtype /Image /Width 16 /Height 4 /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /JBIG2Decode", jbig2Page(t))
	for range 3 {
		b.page("q 612 0 0 792 0 0 cm /Im1 Do Q", fmt.Sprintf("<< /XObject << /Im1 %d 0 R >> >>", img), "/MediaBox [0 0 612 792]")
	}
	ctx := extract.WithBudget(context.Background(), extract.NewBudget(3<<20))
	doc, err := Extract(ctx, "scan.pdf", b.bytes())
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, p := range doc.Problems {
		if p.Code == extract.ProblemUnsupported {
			msgs = append(msgs, p.Message)
		}
	}
	if len(msgs) != 3 || !strings.Contains(msgs[0], "超出本文件的内存预算") || !strings.Contains(msgs[2], "此前渲染的页面已用尽本文件的内存预算，未渲染") {
		t.Errorf("problems %q", msgs)
	}
	if b, _ := os.ReadFile(calls); strings.Count(string(b), "x") != 1 || len(doc.Images) != 0 {
		t.Errorf("renderer ran %d times, %d pictures; want once, none", strings.Count(string(b), "x"), len(doc.Images))
	}
}

// tinyPNG writes a 4×4 grey PNG, what a fake pdftoppm gives: its path and
// its bytes.
func tinyPNG(t *testing.T) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := gopng.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "page.png")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p, b.Bytes()
}
