package ocr_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/load"
	"github.com/nianbao/nianbao/extract/ocr"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

// A photographed part of a page (part 四 with its table) read as a
// standalone picture: every cell of table 四 is the printed number, read by
// OCR, and most are confirmed by two readings.
func TestImageTable(t *testing.T) {
	testutil.NeedTool(t, "tesseract", "tesseract-ocr tesseract-ocr-chi-sim")
	doc, err := load.File(context.Background(), testutil.Fixture(t, "ocr", "defect-t3-balance-p4.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != extract.FormatImage || len(doc.Images) != 0 {
		t.Fatalf("format %s, %d pictures left unread", doc.Format, len(doc.Images))
	}
	rep, err := recognise.Recognise(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	want := testutil.FixtureCells(t, "defect-t3-balance")
	if !rep.Tables.T4.Found {
		t.Fatalf("table 四 not found; problems %v", rep.Problems)
	}
	sure := 0
	for _, k := range template.T4Keys() {
		c := rep.Cells[k]
		if !c.Value.Valid || c.Value.V != want[k] {
			t.Errorf("%s = %v (%q), want %v", k, c.Value, c.Text, want[k])
		}
		if c.Source != extract.SourceOCR {
			t.Errorf("%s: source %q, want ocr", k, c.Source)
		}
		if !c.Uncertain && c.Agreed {
			sure++
		}
	}
	// the engine's confidence in lone digits varies; most readings are
	// confirmed, the others are uncertain (never wrong and sure, above)
	if sure < 12 {
		t.Errorf("%d of 15 cells confirmed, want at least 12", sure)
	}
	if !rep.Sections[3].Present {
		t.Error("part 四's heading was not read")
	}
}

// Without the engine, pictures stay unread and the document says how to
// install it.
func TestNoEngine(t *testing.T) {
	doc := &extract.Document{Images: []extract.Image{{Page: 1, Data: []byte("x"), WholePage: true}}}
	ocr.ApplyWith(context.Background(), doc, nil, ocr.ErrMissing)
	if len(doc.Images) != 0 || len(doc.Problems) != 1 || doc.Problems[0].Code != extract.ProblemNoOCR ||
		!strings.Contains(doc.Problems[0].Message, ocr.InstallHint) {
		t.Fatalf("problems %+v", doc.Problems)
	}
}

// A large scan (here the photographed part of a page enlarged six times,
// 21 million pixels, as a 900 dpi scan would be) is shrunk before it is
// read: under a 64 MB budget, which reading it whole (126 MB) would pass,
// it is read, and table 四 is the printed numbers.
func TestLargeScanShrunk(t *testing.T) {
	testutil.NeedTool(t, "tesseract", "tesseract-ocr tesseract-ocr-chi-sim")
	data, err := os.ReadFile(testutil.Fixture(t, "ocr", "defect-t3-balance-p4.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	small, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	const f = 6
	b := small.Bounds()
	big := image.NewGray(image.Rect(0, 0, b.Dx()*f, b.Dy()*f))
	for y := range big.Rect.Dy() {
		for x := range big.Rect.Dx() {
			big.Pix[y*big.Stride+x] = color.GrayModel.Convert(small.At(b.Min.X+x/f, b.Min.Y+y/f)).(color.Gray).Y
		}
	}
	var enc bytes.Buffer
	if err := jpeg.Encode(&enc, big, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "large-scan.jpg")
	if err := os.WriteFile(path, enc.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := extract.WithBudget(context.Background(), extract.NewBudget(64<<20))
	doc, err := load.File(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.Problems {
		if p.Code == extract.ProblemBudget || strings.Contains(p.Message, "内存预算") {
			t.Errorf("problem: %s", p.Message)
		}
	}
	rep, err := recognise.Recognise(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Tables.T4.Found {
		t.Fatalf("table 四 not found; problems %v", rep.Problems)
	}
	want := testutil.FixtureCells(t, "defect-t3-balance")
	for _, k := range template.T4Keys() {
		if c := rep.Cells[k]; !c.Value.Valid || c.Value.V != want[k] {
			t.Errorf("%s = %v (%q), want %v", k, c.Value, c.Text, want[k])
		}
	}
}
