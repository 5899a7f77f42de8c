package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	lpdf "github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
)

func fontRes(ids ...int) string {
	var sb strings.Builder
	sb.WriteString("<< /Font <<")
	for i, id := range ids {
		fmt.Fprintf(&sb, " /F%d %d 0 R", i+1, id)
	}
	sb.WriteString(" >> >>")
	return sb.String()
}

func TestTextStateAndKerning(t *testing.T) {
	b := newPDF()
	f := b.helv()
	b.page(`BT /F1 10 Tf 1 0 0 1 100 700 Tm [(AB) -1000 (C)] TJ ET
BT /F1 10 Tf 2 Tc 5 Tw 50 Tz 1 0 0 1 100 600 Tm (A B) Tj ET
BT /F1 10 Tf 0 Tc 0 Tw 100 Tz 12 TL 1 0 0 1 100 500 Tm (X) Tj T* (Y) Tj 0 -20 TD (Z) Tj (W) ' ET`, fontRes(f), "")
	pages, probs := mustPages(t, b.bytes())
	if len(probs) != 0 {
		t.Errorf("problems: %v", probs)
	}
	g := pages[0].Glyphs
	if got := text(g); got != "ABCA BXYZW" {
		t.Fatalf("text %q", got)
	}
	// baseline 700 → y 92 from the top; ascent 0.8, descent -0.2 em
	checkBox(t, "A", g[0], box{100, 84, 105, 94})
	checkBox(t, "B", g[1], box{105, 84, 110, 94})
	checkBox(t, "C after -1000 kern", g[2], box{120, 84, 125, 94})
	// Tz 50: width halves; Tc 2 and Tw 5 (on the space) scaled by Tz
	checkBox(t, "A Tz", g[3], box{100, 184, 102.5, 194})
	checkBox(t, "space", g[4], box{103.5, 184, 106, 194})
	checkBox(t, "B after Tw", g[5], box{109.5, 184, 112, 194})
	checkBox(t, "X", g[6], box{100, 284, 105, 294})
	checkBox(t, "Y after T*", g[7], box{100, 296, 105, 306})
	checkBox(t, "Z after TD", g[8], box{100, 316, 105, 326})
	checkBox(t, "W after '", g[9], box{100, 336, 105, 346})
	for _, x := range g {
		if x.Size != 10 || x.Vertical {
			t.Errorf("%q: size %v vertical %v", x.R, x.Size, x.Vertical)
		}
	}
}

func TestIdentityHV(t *testing.T) {
	b := newPDF()
	tu := b.toUnicode("三、本")
	v := b.cidFont("/Identity-V", tu, "")
	h := b.cidFont("/Identity-H", tu, "")
	b.page(`BT /F1 10 Tf 1 0 0 1 100 700 Tm <000100020003> Tj ET
BT /F2 10 Tf 1 0 0 1 100 500 Tm <00010002> Tj ET`, fontRes(v, h), "")
	pages, _ := mustPages(t, b.bytes())
	g := pages[0].Glyphs
	if got := text(g); got != "三、本三、" {
		t.Fatalf("text %q", got)
	}
	// vertical: the origin is the top centre; each glyph advances 1 em down
	checkBox(t, "V1", g[0], box{95, 92, 105, 102})
	checkBox(t, "V2", g[1], box{95, 102, 105, 112})
	checkBox(t, "V3", g[2], box{95, 112, 105, 122})
	for _, x := range g[:3] {
		if !x.Vertical {
			t.Errorf("%q not marked vertical", x.R)
		}
	}
	// horizontal: ascent 0.88, descent -0.12 (CID font defaults)
	checkBox(t, "H1", g[3], box{100, 283.2, 110, 293.2})
	checkBox(t, "H2", g[4], box{110, 283.2, 120, 293.2})
	if g[3].Vertical {
		t.Error("Identity-H glyph marked vertical")
	}
}

func gbk(s string) string {
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return b
}

func utf16be(s string) string {
	var sb strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		sb.WriteByte(byte(u >> 8))
		sb.WriteByte(byte(u))
	}
	return sb.String()
}

func hexs(s string) string { return fmt.Sprintf("<%X>", s) }

func TestPredefinedCJKCMaps(t *testing.T) {
	tests := []struct {
		enc   string
		bytes string
		want  string
		x0    []float64 // left edges at size 10 from x=100
	}{
		{"/GBK-EUC-H", gbk("2023年度"), "2023年度", []float64{100, 105, 110, 115, 120, 130}},
		{"/GB-EUC-H", gbk("政府A"), "政府A", []float64{100, 110, 120}},
		{"/UniGB-UCS2-H", utf16be("报告A"), "报告A", []float64{100, 110, 120}},
		{"/UniGB-UTF16-H", utf16be("年𠀀度"), "年𠀀度", []float64{100, 110, 120}},
	}
	for _, tc := range tests {
		t.Run(tc.enc, func(t *testing.T) {
			b := newPDF()
			f := b.cidFont(tc.enc, 0, "/W [1 95 500]")
			b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm "+hexs(tc.bytes)+" Tj ET", fontRes(f), "")
			pages, probs := mustPages(t, b.bytes())
			if len(probs) != 0 {
				t.Errorf("problems: %v", probs)
			}
			g := pages[0].Glyphs
			if got := text(g); got != tc.want {
				t.Fatalf("text %q, want %q", got, tc.want)
			}
			for i, x := range tc.x0 {
				if !approx(g[i].X0, x) {
					t.Errorf("glyph %d %q: x0 %.2f, want %.2f", i, g[i].R, g[i].X0, x)
				}
			}
		})
	}
}

func TestType3(t *testing.T) {
	b := newPDF()
	pa := b.stream("", []byte("50 0 0 0 50 100 d1 0 0 50 100 re f"))
	pb := b.stream("", []byte("80 0 0 0 80 100 d1 0 0 80 100 re f"))
	f := b.add(fmt.Sprintf(`<< /Type /Font /Subtype /Type3 /FontBBox [0 0 100 100] /FontMatrix [0.01 0 0 0.01 0 0]
/CharProcs << /A %d 0 R /B %d 0 R >> /Encoding << /Type /Encoding /Differences [65 /A /B] >>
/FirstChar 65 /LastChar 66 /Widths [50 80] /Resources << >> >>`, pa, pb))
	b.page("BT /F1 20 Tf 1 0 0 1 100 700 Tm (ABA) Tj ET", fontRes(f), "")
	pages, _ := mustPages(t, b.bytes())
	g := pages[0].Glyphs
	if got := text(g); got != "ABA" {
		t.Fatalf("text %q", got)
	}
	// widths 50 and 80 glyph units × FontMatrix 0.01 × size 20; the box
	// height is the FontBBox (0…100) × 0.01 × 20
	checkBox(t, "A", g[0], box{100, 72, 110, 92})
	checkBox(t, "B", g[1], box{110, 72, 126, 92})
	checkBox(t, "A", g[2], box{126, 72, 136, 92})
	if len(pages[0].Fills) != 0 || len(pages[0].Segments) != 0 {
		t.Errorf("glyph procedures must not be drawn as page geometry: %v %v", pages[0].Fills, pages[0].Segments)
	}
}

func TestInlineImage(t *testing.T) {
	b := newPDF()
	f := b.helv()
	// The image data holds bytes that would derail a tokenizer: parentheses,
	// '>' , ']' and "EI" both glued to other bytes and followed by binary.
	data := "q 100 0 0 100 50 50 cm BI /W 4 /H 4 /BPC 8 /CS /G ID \n" +
		"(\x00EI)(>]Q EI \xff\xfe\x80 BT (" + "\nEI Q BT /F1 10 Tf 1 0 0 1 100 700 Tm (OK) Tj ET"
	b.page(data, fontRes(f), "")
	pages, probs := mustPages(t, b.bytes())
	if len(probs) != 0 {
		t.Errorf("problems: %v", probs)
	}
	p := pages[0]
	if got := text(p.Glyphs); got != "OK" {
		t.Fatalf("text %q, want OK", got)
	}
	want := []layout.Rect{{X0: 50, Y0: 642, X1: 150, Y1: 742}}
	if fmt.Sprint(p.Images) != fmt.Sprint(want) {
		t.Errorf("images %v, want %v", p.Images, want)
	}
}

func TestFormXObject(t *testing.T) {
	b := newPDF()
	f1 := b.helv()
	f2 := b.helv()
	form := b.stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Matrix [2 0 0 2 0 0] /Resources << /Font << /F2 %d 0 R >> >>", f2),
		[]byte("BT /F2 10 Tf 0 0 Td (X) Tj ET 0 0 m 50 0 l S"))
	b.page("q 1 0 0 1 100 100 cm /Fm1 Do Q BT /F1 10 Tf 1 0 0 1 300 300 Tm (P) Tj ET",
		fmt.Sprintf("<< /XObject << /Fm1 %d 0 R >> /Font << /F1 %d 0 R >> >>", form, f1), "")
	// a form that draws itself
	self := b.add("") // placeholder, set below
	b.set(self, fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Fm2 %d 0 R >> >> /Length 8 >>\nstream\n/Fm2 Do\n\nendstream", self))
	b.page("/Fm2 Do", fmt.Sprintf("<< /XObject << /Fm2 %d 0 R >> >>", self), "")
	pages, probs := mustPages(t, b.bytes())
	g := pages[0].Glyphs
	if got := text(g); got != "XP" {
		t.Fatalf("text %q, want XP", got)
	}
	checkBox(t, "X in form", g[0], box{100, 676, 110, 696})
	if g[0].Size != 20 {
		t.Errorf("X size %v, want 20", g[0].Size)
	}
	checkBox(t, "P after form", g[1], box{300, 484, 305, 494})
	wantSeg := []layout.Segment{{X0: 100, Y0: 692, X1: 200, Y1: 692, Width: 2}}
	if fmt.Sprint(pages[0].Segments) != fmt.Sprint(wantSeg) {
		t.Errorf("segments %v, want %v", pages[0].Segments, wantSeg)
	}
	found := false
	for _, p := range probs {
		if p.Page == 2 && p.Code == extract.ProblemPage && strings.Contains(p.Message, "循环") {
			found = true
		} else {
			t.Errorf("unexpected problem %+v", p)
		}
	}
	if !found {
		t.Errorf("no problem reported for the self-referencing form: %v", probs)
	}
}

func TestPaths(t *testing.T) {
	b := newPDF()
	b.page(`10 10 100 100 re W n
0.5 w 100 100 m 300 100 l S
100 200 300 1 re f
100 300 200 50 re f
1 g 0 0 612 792 re f
0 g 1 w 50 50 m 60 60 l 70 50 l h S
1 1 1 RG 0 0 m 100 0 l S
0 G 10 700 m 20 710 30 720 40 700 c S
q 20 20 200 200 re W* n Q
200 600 m 200 650 l 0 0 0 RG S`, "<< >>", "")
	pages, _ := mustPages(t, b.bytes())
	p := pages[0]
	want := []layout.Segment{
		{X0: 100, Y0: 692, X1: 300, Y1: 692, Width: 0.5},   // stroked line
		{X0: 100, Y0: 591.5, X1: 400, Y1: 591.5, Width: 1}, // thin filled rectangle
		{X0: 50, Y0: 742, X1: 60, Y1: 732, Width: 1},       // closed triangle: 3 edges
		{X0: 60, Y0: 732, X1: 70, Y1: 742, Width: 1},
		{X0: 70, Y0: 742, X1: 50, Y1: 742, Width: 1},
		{X0: 200, Y0: 192, X1: 200, Y1: 142, Width: 1}, // RG before S: stroked black
	}
	if fmt.Sprint(p.Segments) != fmt.Sprint(want) {
		t.Errorf("segments\n got %v\nwant %v", p.Segments, want)
	}
	wantFills := []layout.Rect{{X0: 100, Y0: 442, X1: 300, Y1: 492}}
	if fmt.Sprint(p.Fills) != fmt.Sprint(wantFills) {
		t.Errorf("fills %v, want %v", p.Fills, wantFills)
	}
}

func TestUnbalancedQ(t *testing.T) {
	b := newPDF()
	f := b.helv()
	b.page(`Q Q q 1 0 0 1 50 0 cm q Q Q Q BT /F1 10 Tf 1 0 0 1 100 700 Tm (A) Tj ET
q 1 0 0 1 50 0 cm BT /F1 10 Tf 1 0 0 1 100 600 Tm (B) Tj ET`, fontRes(f), "")
	pages, probs := mustPages(t, b.bytes())
	if len(probs) != 0 {
		t.Errorf("problems: %v", probs)
	}
	g := pages[0].Glyphs
	if text(g) != "AB" {
		t.Fatalf("text %q", text(g))
	}
	checkBox(t, "A (extra Q ignored)", g[0], box{100, 84, 105, 94})
	checkBox(t, "B (q never closed)", g[1], box{150, 184, 155, 194})
}

func TestRotate(t *testing.T) {
	for _, tc := range []struct {
		rot  int
		w, h float64
		want box
	}{
		{0, 612, 792, box{100, 84, 105, 94}},
		{90, 792, 612, box{698, 100, 708, 105}},
		{180, 612, 792, box{507, 698, 512, 708}},
		{270, 792, 612, box{84, 507, 94, 512}},
	} {
		b := newPDF()
		f := b.helv()
		b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm (A) Tj ET", fontRes(f), fmt.Sprintf("/Rotate %d", tc.rot))
		pages, _ := mustPages(t, b.bytes())
		p := pages[0]
		if p.Width != tc.w || p.Height != tc.h {
			t.Errorf("rotate %d: size %vx%v, want %vx%v", tc.rot, p.Width, p.Height, tc.w, tc.h)
		}
		checkBox(t, fmt.Sprintf("rotate %d", tc.rot), p.Glyphs[0], tc.want)
	}
}

func TestCropBoxOffset(t *testing.T) {
	b := newPDF()
	f := b.helv()
	b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm (A) Tj ET", fontRes(f), "/MediaBox [0 0 612 792] /CropBox [50 100 562 742]")
	pages, _ := mustPages(t, b.bytes())
	p := pages[0]
	if p.Width != 512 || p.Height != 642 {
		t.Errorf("size %vx%v, want 512x642", p.Width, p.Height)
	}
	checkBox(t, "A", p.Glyphs[0], box{50, 34, 55, 44})
}

func TestScannedPage(t *testing.T) {
	b := newPDF()
	f := b.helv()
	img := b.stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray", []byte{0x80})
	res := fmt.Sprintf("<< /XObject << /Im1 %d 0 R >> /Font << /F1 %d 0 R >> >>", img, f)
	b.page("q 612 0 0 792 0 0 cm /Im1 Do Q", res, "")
	b.page("q 612 0 0 792 0 0 cm /Im1 Do Q BT /F1 10 Tf 1 0 0 1 100 700 Tm (A) Tj ET", res, "")
	b.page("q 100 0 0 100 0 0 cm /Im1 Do Q", res, "")
	// a scan cut into four strips
	b.page("q 612 0 0 198 0 0 cm /Im1 Do Q q 612 0 0 198 0 198 cm /Im1 Do Q q 612 0 0 198 0 396 cm /Im1 Do Q q 612 0 0 198 0 594 cm /Im1 Do Q", res, "")
	pages, probs := mustPages(t, b.bytes())
	want := []extract.Problem{
		{Code: extract.ProblemScanned, Page: 1, Message: "第1页是扫描图像，没有可提取的文字"},
		{Code: extract.ProblemScanned, Page: 4, Message: "第4页是扫描图像，没有可提取的文字"},
	}
	if fmt.Sprint(probs) != fmt.Sprint(want) {
		t.Errorf("problems %v, want %v", probs, want)
	}
	if len(pages[0].Images) != 1 || pages[0].Images[0] != (layout.Rect{X0: 0, Y0: 0, X1: 612, Y1: 792}) {
		t.Errorf("images %v", pages[0].Images)
	}
}

func TestBrokenPage(t *testing.T) {
	b := newPDF()
	f := b.helv()
	c := b.stream("/Filter /LZWDecode", []byte("garbage"))
	id := b.add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R /Resources %s >>", c, fontRes(f)))
	b.pages = append(b.pages, id)
	b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm (ok) Tj ET", fontRes(f), "")
	pages, probs := mustPages(t, b.bytes())
	if len(pages) != 2 || text(pages[1].Glyphs) != "ok" || len(pages[0].Glyphs) != 0 {
		t.Fatalf("pages %d, page 2 text %q", len(pages), text(pages[1].Glyphs))
	}
	if len(probs) != 1 || probs[0].Code != extract.ProblemPage || probs[0].Page != 1 || !strings.HasPrefix(probs[0].Message, "第1页无法解析：") {
		t.Errorf("problems %+v", probs)
	}
}

func TestMissingFontAndBadOperands(t *testing.T) {
	b := newPDF()
	f := b.helv()
	b.page(`BT /F9 10 Tf (lost) Tj ET
BT /F1 Tf 1 0 0 1 100 700 Tm (x) Tj /F1 10 Tf (A) Tj ET
cm 1 2 re 1 m l S [ (unclosed Tj ) ( TJ`, fontRes(f), "")
	pages, probs := mustPages(t, b.bytes())
	if got := text(pages[0].Glyphs); got != "A" {
		t.Errorf("text %q, want A", got)
	}
	if len(probs) != 1 || !strings.Contains(probs[0].Message, "F9") {
		t.Errorf("problems %+v", probs)
	}
}

func TestTruncatedAndGarbage(t *testing.T) {
	b := newPDF()
	f := b.helv()
	b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm (Hello) Tj ET", fontRes(f), "")
	b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm (World) Tj ET 0 0 m 100 100 l S", fontRes(f), "")
	full := b.bytes()
	for n := 0; n < len(full); n += 3 {
		_, _, _, err := Pages(bytes.NewReader(full[:n]), int64(n), Options{})
		if err == nil {
			continue
		}
		var e *Error
		if !errors.As(err, &e) || (e.Code != extract.ProblemCorrupt && e.Code != extract.ProblemEncrypted) {
			t.Fatalf("cut at %d: error %v is not a corrupt-file *Error", n, err)
		}
		// people read the message: the object layer's English reasons for
		// a cut file are said in Chinese instead
		for _, english := range []string{"not a PDF", "malformed PDF", "startxref", "cross-reference"} {
			if strings.Contains(err.Error(), english) {
				t.Fatalf("cut at %d: message %q repeats the object layer's English", n, err)
			}
		}
	}
	half := full[:len(full)/2]
	pages, problems, _, err := Pages(bytes.NewReader(half), int64(len(half)), Options{})
	// the second half is gone: either the file is refused, or it is read
	// after repair and says so, and the page whose content is gone says so
	var e *Error
	if err != nil && (!errors.As(err, &e) || e.Code != extract.ProblemCorrupt) {
		t.Errorf("half file: %v", err)
	}
	if err == nil {
		codes := map[string]bool{}
		pageProblem := false
		for _, p := range problems {
			codes[p.Code] = true
			pageProblem = pageProblem || p.Code == extract.ProblemPage && p.Page > 0
		}
		if !codes[extract.ProblemRepaired] || len(pages) == 2 && !pageProblem {
			t.Errorf("half file read without saying what is missing: %d pages, %v", len(pages), problems)
		}
	}
	// flipping bytes inside the body must never crash
	for i := 0; i < len(full); i += 5 {
		mod := bytes.Clone(full)
		mod[i] ^= 0x5a
		Pages(bytes.NewReader(mod), int64(len(mod)), Options{})
	}
}

func TestExtract(t *testing.T) {
	b := newPDF()
	f := b.helv()
	b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm (Annual report) Tj 1 0 0 1 100 680 Tm (2023) Tj ET", fontRes(f), "")
	// Title as UTF-16LE with BOM, as WPS writes it
	title := "\xff\xfe"
	for _, u := range utf16.Encode([]rune("年度报告")) {
		title += string([]byte{byte(u), byte(u >> 8)})
	}
	b.info = fmt.Sprintf("<< /Title <%X> /Author (Wang) /CreationDate (D:20240226080023+08'00') >>", title)
	data := b.bytes()
	doc, err := Extract(context.Background(), "x/report.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != extract.FormatPDF || doc.Pages != 1 || len(doc.SHA256) != 64 || doc.Path != "x/report.pdf" {
		t.Errorf("doc header %+v", doc)
	}
	if doc.Meta != (extract.Meta{Title: "年度报告", Published: "2024-02-26", PublishedFrom: "pdf-info"}) {
		t.Errorf("meta %+v", doc.Meta)
	}
	var lines []string
	for _, bl := range doc.Blocks {
		lines = append(lines, bl.Text)
	}
	if strings.Join(lines, "|") != "Annual report|2023" {
		t.Errorf("blocks %q", lines)
	}
	if len(doc.Problems) != 0 {
		t.Errorf("problems %v", doc.Problems)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extract(ctx, "x/report.pdf", data); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
	_, err = Extract(context.Background(), "x/broken.pdf", data[:100])
	var e *Error
	if !errors.As(err, &e) || e.Code != extract.ProblemCorrupt || !strings.HasPrefix(e.Message, "x/broken.pdf：") {
		t.Errorf("broken: %v", err)
	}
}

func TestEncrypted(t *testing.T) {
	for _, tc := range []struct {
		file string
		code string // "" when the file must open
	}{
		{"enc_rc4_128_empty_user.pdf", ""},
		{"enc_aes128_empty_user.pdf", ""},
		{"enc_aes256_empty_user.pdf", ""},
		{"enc_rc4_128_user_pw.pdf", extract.ProblemEncrypted},
	} {
		t.Run(tc.file, func(t *testing.T) {
			p := filepath.Join("testdata", tc.file)
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(context.Background(), p, data)
			if tc.code == "" {
				if err != nil {
					t.Fatalf("should open: %v", err)
				}
				if len(doc.Blocks) != 1 || doc.Blocks[0].Text != "Hello encrypted" {
					t.Errorf("blocks %+v", doc.Blocks)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != tc.code || !strings.Contains(e.Message, tc.file) || !strings.Contains(e.Message, "加密") {
				t.Errorf("error %v, want code %s naming the file", err, tc.code)
			}
		})
	}
}

// A file with a user password is refused with a message naming its
// encryption: RC4-128 for the qpdf file, AES-256 for the AES-256 file
// whose /U no longer matches the empty password (one hex digit changed).
func TestPasswordRefusalNamesAlgorithm(t *testing.T) {
	rc4, err := os.ReadFile(filepath.Join("testdata", "enc_rc4_128_user_pw.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	aes, err := os.ReadFile(filepath.Join("testdata", "enc_aes256_empty_user.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	u := bytes.Index(aes, []byte("/U <"))
	if u < 0 {
		t.Fatal("no /U in enc_aes256_empty_user.pdf")
	}
	aes = bytes.Clone(aes)
	aes[u+4] ^= 1 // '6' ↔ '7': another hash, same length
	for _, tc := range []struct {
		name string
		data []byte
		alg  string
	}{
		{"rc4-128.pdf", rc4, "（RC4-128）"},
		{"aes-256.pdf", aes, "（AES-256）"},
	} {
		_, err := Extract(context.Background(), tc.name, tc.data)
		var e *Error
		if !errors.As(err, &e) || e.Code != extract.ProblemEncrypted {
			t.Fatalf("%s: %v, want %s", tc.name, err, extract.ProblemEncrypted)
		}
		if !strings.Contains(e.Message, tc.alg) || !strings.Contains(e.Message, "无法用空密码打开") {
			t.Errorf("%s: message %q, want it to name %s and the password", tc.name, e.Message, tc.alg)
		}
		for _, other := range []string{"RC4", "AES"} {
			if !strings.Contains(tc.alg, other) && strings.Contains(e.Message, other) {
				t.Errorf("%s: message %q names %s", tc.name, e.Message, other)
			}
		}
	}
}

// writeEncryptedSource writes the plain PDF the encrypted fixtures are
// made from (see testdata/README.md).
func TestWriteEncryptedSource(t *testing.T) {
	out := os.Getenv("NIANBAO_WRITE_PLAIN")
	if out == "" {
		t.Skip("set NIANBAO_WRITE_PLAIN=path to write the plain source of the encrypted fixtures")
	}
	b := newPDF()
	f := b.helv()
	b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm (Hello encrypted) Tj ET", fontRes(f), "")
	if err := os.WriteFile(out, b.bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSimpleEncodings(t *testing.T) {
	b := newPDF()
	mac := b.add(`<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /BaseEncoding /MacRomanEncoding /Differences [65 /uni5E74 /quotedblleft /g12 /Adieresis.sc] >> >>`)
	win := b.add(`<< /Type /Font /Subtype /TrueType /BaseFont /Arial /Encoding /WinAnsiEncoding >>`)
	std := b.add(`<< /Type /Font /Subtype /Type1 /BaseFont /Foo >>`)
	b.page(`BT /F1 10 Tf 1 0 0 1 100 700 Tm (ABD\216) Tj (C) Tj ET
BT /F2 10 Tf 1 0 0 1 100 600 Tm (\223\200\351) Tj ET
BT /F3 10 Tf 1 0 0 1 100 500 Tm (\047\140\256) Tj ET`, fontRes(mac, win, std), "")
	pages, probs := mustPages(t, b.bytes())
	g := pages[0].Glyphs
	if got := text(g); got != "年“Äé\uFFFD“€é’‘ﬁ" {
		t.Errorf("text %q", got)
	}
	want := []extract.Problem{{Code: extract.ProblemFont, Page: 1, Message: "第1页：字体Times-Roman有字符无法解码为文字"}}
	if fmt.Sprint(probs) != fmt.Sprint(want) {
		t.Errorf("problems %v, want %v", probs, want)
	}
	// no /Widths: the missing width (0.5 em) places the glyphs
	if !approx(g[1].X0, 105) {
		t.Errorf("second glyph at %.2f, want 105", g[1].X0)
	}
}

func TestExtGState(t *testing.T) {
	b := newPDF()
	f := b.helv()
	b.page(`/GS1 gs BT 1 0 0 1 100 700 Tm (A) Tj ET 0 0 m 100 0 l S`,
		fmt.Sprintf("<< /ExtGState << /GS1 << /LW 3 /Font [%d 0 R 20] >> >> >>", f), "")
	pages, _ := mustPages(t, b.bytes())
	p := pages[0]
	if text(p.Glyphs) != "A" || p.Glyphs[0].Size != 20 {
		t.Errorf("glyphs %+v", p.Glyphs)
	}
	if len(p.Segments) != 1 || p.Segments[0].Width != 3 {
		t.Errorf("segments %+v", p.Segments)
	}
}

// A form that draws the next one ten times, ten levels deep, would run
// 10^10 content streams: the operator budget stops the page instead.
func TestFormBomb(t *testing.T) {
	b := newPDF()
	next := b.stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", []byte("0 0 m 1 1 l S"))
	for range 10 {
		next = b.stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /X %d 0 R >> >>", next),
			[]byte(strings.Repeat("/X Do ", 10)))
	}
	b.page("/X Do", fmt.Sprintf("<< /XObject << /X %d 0 R >> >>", next), "")
	b.page("0 0 m 10 10 l S", "<< >>", "")
	pages, probs := mustPages(t, b.bytes())
	if len(pages) != 2 || len(pages[1].Segments) != 1 {
		t.Fatalf("page 2 must still be read: %d pages", len(pages))
	}
	if len(probs) != 1 || probs[0].Page != 1 || !strings.Contains(probs[0].Message, "操作符过多") {
		t.Errorf("problems %v", probs)
	}
}

func TestOddHeadersAndTrailers(t *testing.T) {
	b := newPDF()
	f := b.helv()
	b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm (ok) Tj ET", fontRes(f), "")
	plain := b.bytes()
	for name, data := range map[string][]byte{
		"PDF-2.0 header":  append([]byte("%PDF-2.0"), plain[8:]...),
		"header no EOL":   append([]byte("%PDF-1.7%"), plain[9:]...),
		"leading junk":    append([]byte("HTTP/1.1 200 OK\r\n\r\n"), plain...),
		"trailing junk":   append(bytes.Clone(plain), bytes.Repeat([]byte(" <html></html>\n"), 200)...),
		"both ends + 2.0": append(append([]byte("junk\n%PDF-2.0"), plain[8:]...), strings.Repeat("\x00", 500)...),
	} {
		pages, _, _, err := Pages(bytes.NewReader(data), int64(len(data)), Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(pages) != 1 || text(pages[0].Glyphs) != "ok" {
			t.Errorf("%s: %d pages", name, len(pages))
		}
	}
	_, _, _, err := Pages(bytes.NewReader([]byte("hello world, not a pdf at all")), 29, Options{})
	var e *Error
	if !errors.As(err, &e) || e.Code != extract.ProblemCorrupt {
		t.Errorf("not a pdf: %v", err)
	}
}

func TestHybridXrefWarning(t *testing.T) {
	b := newPDF()
	f := b.helv()
	b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm (x) Tj ET", fontRes(f), "")
	data := bytes.Replace(b.bytes(), []byte("/Root 1 0 R"), []byte("/Root 1 0 R /XRefStm 9"), 1)
	pages, probs := mustPages(t, data)
	if len(pages) != 1 || text(pages[0].Glyphs) != "x" {
		t.Errorf("pages %d", len(pages))
	}
	if len(probs) != 1 || probs[0].Code != extract.ProblemUnsupported || probs[0].Page != 0 || !strings.Contains(probs[0].Message, "XRefStm") {
		t.Errorf("problems %v", probs)
	}
}

// Fake bold drawn as the same glyph twice, slightly offset, is one glyph;
// the same letter a glyph width away is a second glyph.
func TestFakeBoldDedupe(t *testing.T) {
	b := newPDF()
	f := b.helv()
	b.page(`BT /F1 10 Tf 1 0 0 1 100 700 Tm (A) Tj 1 0 0 1 100.3 700 Tm (A) Tj 1 0 0 1 105 700 Tm (A) Tj ET
BT /F1 10 Tf 2 Tr 1 0 0 1 100 600 Tm (B) Tj ET`, fontRes(f), "")
	pages, _ := mustPages(t, b.bytes())
	g := pages[0].Glyphs
	if text(g) != "AAB" {
		t.Fatalf("text %q, want AAB", text(g))
	}
	checkBox(t, "first A", g[0], box{100, 84, 105, 94})
	checkBox(t, "second A", g[1], box{105, 84, 110, 94})
}

// Vertical text: Tc is added to the (negative) vertical advance, and a TJ
// number is subtracted from the vertical coordinate: positive numbers move
// the next glyph down, negative ones up.
func TestVerticalSpacing(t *testing.T) {
	b := newPDF()
	tu := b.toUnicode("一二三")
	v := b.cidFont("/Identity-V", tu, "")
	b.page(`BT /F1 10 Tf -2 Tc 1 0 0 1 100 700 Tm <00010002> Tj 0 Tc [<0003> 500 <0001> -300 <0002>] TJ ET`, fontRes(v), "")
	pages, _ := mustPages(t, b.bytes())
	g := pages[0].Glyphs
	if text(g) != "一二三一二" {
		t.Fatalf("text %q", text(g))
	}
	// advance w1·size + Tc = -10 + (-2): 12 down; with Tc 0: 10 down; the
	// 500 kern moves 5 further down, the -300 kern 3 back up
	for i, y0 := range []float64{92, 104, 116, 131, 138} {
		if !approx(g[i].Y0, y0) {
			t.Errorf("glyph %d %q: y0 %.2f, want %.2f", i, g[i].R, g[i].Y0, y0)
		}
	}
}

func TestMaxPagesAndPageTree(t *testing.T) {
	b := newPDF()
	f := b.helv()
	b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm (one) Tj ET", fontRes(f), "")
	b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm (two) Tj ET", fontRes(f), "/MediaBox [0 0 300 400]")
	data := b.bytes()
	pages, _, _, err := Pages(bytes.NewReader(data), int64(len(data)), Options{MaxPages: 1})
	if err != nil || len(pages) != 1 || text(pages[0].Glyphs) != "one" {
		t.Errorf("MaxPages 1: %d pages, %v", len(pages), err)
	}
	pages, _ = mustPages(t, data)
	if len(pages) != 2 || pages[1].Number != 2 || pages[1].Width != 300 || pages[1].Height != 400 {
		t.Errorf("pages %+v", pages)
	}
	// a page tree whose Kids list the tree itself: the cycle is cut
	// (same length, so the xref offsets stay right)
	loop := bytes.Replace(data, []byte("/Type /Pages /Kids ["), []byte("/Kids [2 0 R        "), 1)
	if bytes.Equal(loop, data) {
		t.Fatal("the cycle was not written")
	}
	pages, _ = mustPages(t, loop)
	if len(pages) != 2 {
		t.Errorf("cyclic page tree: %d pages", len(pages))
	}
}

// TestPageTreeLimits: a page tree deeper than maxTreeDepth levels is cut
// there and the file refused with that reason (not "no text"); one just
// within the limit is read; more than maxPages pages are cut, and said so.
func TestPageTreeLimits(t *testing.T) {
	chain := func(levels int) []byte {
		b := newPDF()
		f := b.helv()
		leaf := b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm (deep) Tj ET", fontRes(f), "")
		kid := leaf
		for range levels {
			kid = b.add(fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", kid))
		}
		b.pages = []int{kid}
		return b.bytes()
	}
	pages, _ := mustPages(t, chain(maxTreeDepth-1))
	if len(pages) != 1 || text(pages[0].Glyphs) != "deep" {
		t.Errorf("%d levels: %d pages", maxTreeDepth-1, len(pages))
	}
	data := chain(maxTreeDepth + 1)
	_, _, _, err := Pages(bytes.NewReader(data), int64(len(data)), Options{})
	if err == nil || !strings.Contains(err.Error(), "页面树超过64层") {
		t.Errorf("%d levels: error %v", maxTreeDepth+1, err)
	}
	// a page beside the too-deep branch is read, and the cut is said
	{
		b := newPDF()
		f := b.helv()
		shallow := b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm (top) Tj ET", fontRes(f), "")
		kid := b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm (deep) Tj ET", fontRes(f), "")
		for range maxTreeDepth + 1 {
			kid = b.add(fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", kid))
		}
		b.pages = []int{shallow, kid}
		pages, probs := mustPages(t, b.bytes())
		want := "页面树超过64层（文件可能被恶意构造），更深处的页面未读取；只读取到1页"
		if len(pages) != 1 || text(pages[0].Glyphs) != "top" || !slices.ContainsFunc(probs, func(p extract.Problem) bool { return p.Message == want }) {
			t.Errorf("deep branch: %d pages, problems %v", len(pages), probs)
		}
	}

	b := newPDF()
	f := b.helv()
	c := b.stream("", []byte("BT /F1 10 Tf 1 0 0 1 100 700 Tm (p) Tj ET"))
	for range maxPages + 1 {
		b.pages = append(b.pages, b.add(fmt.Sprintf("<< /Type /Page /Contents %d 0 R /Resources %s >>", c, fontRes(f))))
	}
	data = b.bytes()
	pages, probs, _, err := Pages(bytes.NewReader(data), int64(len(data)), Options{MaxPages: 1})
	if err != nil || len(pages) != 1 {
		t.Fatalf("%d pages: %d read, %v", maxPages+1, len(pages), err)
	}
	want := fmt.Sprintf("页面超过%d页，其后的页面未读取；只读取到%d页", maxPages, maxPages)
	if !slices.ContainsFunc(probs, func(p extract.Problem) bool { return p.Message == want }) {
		t.Errorf("problems %v, want %q", probs, want)
	}
}

// TestPageCaps: a page with more glyphs or lines than a page may hold keeps
// the first ones and says what it left out (it was silent).
func TestPageCaps(t *testing.T) {
	var c strings.Builder
	c.WriteString("BT /F1 1 Tf 1.25 TL ")
	line := "(" + strings.Repeat("A", 290) + ") '\n"
	for col := range 3 {
		fmt.Fprintf(&c, "1 0 0 1 %d 780 Tm ", 10+col*200)
		c.WriteString(strings.Repeat(line, 600)) // 3 × 600 × 290 glyphs
	}
	c.WriteString("ET\n")
	for i := range maxSegments + 50_000 { // a few are points, not lines
		fmt.Fprintf(&c, "%d %d m %d %d l S\n", 10+i%590, 10+i*7%780, 10+i*13%590, 10+i*3%780)
	}
	// page 2: filled rectangles (shading, not rulings) past the same cap
	var fills strings.Builder
	for i := range maxSegments + 1 {
		fmt.Fprintf(&fills, "%d %d 5 5 re f\n", 10+i%580, 10+i/580%770)
	}
	b := newPDF()
	f := b.helv()
	b.page(c.String(), fontRes(f), "")
	b.page(fills.String(), fontRes(f), "")
	pages, probs := mustPages(t, b.bytes())
	if n := len(pages[0].Glyphs); n != maxGlyphs {
		t.Errorf("%d glyphs kept, want %d", n, maxGlyphs)
	}
	if n := len(pages[1].Fills); n != maxSegments {
		t.Errorf("page 2: %d filled rectangles kept, want %d", n, maxSegments)
	}
	for _, want := range []string{"第1页：本页字符超过500000个，其后的字符未读取", "第1页：本页线条超过200000条，其后的线条未读取（表格可能识别不全）",
		"第2页：本页线条超过200000条，其后的线条未读取（表格可能识别不全）"} {
		if !slices.ContainsFunc(probs, func(p extract.Problem) bool { return p.Message == want }) {
			t.Errorf("problems %v, want %q", probs, want)
		}
	}
}

// TestContentsArrayCycle: a page's /Contents array that holds itself is
// not followed (it recursed until the read budget ran out: seconds and
// hundreds of MB for a 600-byte file, and the page lost); the streams in
// it are read and the page says what was skipped.
func TestContentsArrayCycle(t *testing.T) {
	b := newPDF()
	f := b.helv()
	p := b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm (kept) Tj ET", fontRes(f), "")
	c := p - 1 // the page's content stream, added just before it
	arr := b.add("")
	b.set(arr, fmt.Sprintf("[%d 0 R %d 0 R]", arr, c))
	b.set(p, strings.Replace(b.objs[p-1], fmt.Sprintf("/Contents %d 0 R", c), fmt.Sprintf("/Contents %d 0 R", arr), 1))
	pages, probs := mustPages(t, b.bytes())
	if len(pages) != 1 || text(pages[0].Glyphs) != "kept" {
		t.Fatalf("pages %d, text %q", len(pages), text(pages[0].Glyphs))
	}
	if !slices.ContainsFunc(probs, func(p extract.Problem) bool { return strings.Contains(p.Message, "内容流数组中又有数组") }) {
		t.Errorf("problems %v", probs)
	}
}

// TestType1BuiltinEncoding: a Type 1 font with no base encoding takes the
// meaning of its codes from the encoding in the clear-text part of the
// embedded program, except where ToUnicode or Differences say otherwise.
// The program is read only when such a code is shown (font.loadBuiltin),
// and only its clear-text part (Length1 bytes) is inflated.
func TestType1BuiltinEncoding(t *testing.T) {
	clear := "%!PS-AdobeFont-1.0: CMMI10\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n" +
		"dup 58 /period put\ndup 65 /alpha put\ndup 66 /beta put\ndup 67 /gamma put\nreadonly def\ncurrentfile eexec\n"
	program := clear + strings.Repeat("\x8f\x03binary", 2000) // the encrypted part: never decoded as text
	for _, compressed := range []bool{false, true} {
		b := newPDF()
		dict := fmt.Sprintf("/Length1 %d /Length2 %d /Length3 0", len(clear), len(program)-len(clear))
		var ff int
		if compressed {
			ff = b.flate(dict, []byte(program))
		} else {
			ff = b.stream(dict, []byte(program))
		}
		fd := b.add(fmt.Sprintf("<< /Type /FontDescriptor /FontName /CMMI10 /Flags 4 /Ascent 750 /Descent -250 /FontFile %d 0 R >>", ff))
		tu := b.stream("", []byte("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n1 beginbfchar <43> <0393> endbfchar\nendcmap"))
		f := b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /CMMI10 /FirstChar 0 /LastChar 255 /FontDescriptor %d 0 R /ToUnicode %d 0 R /Encoding << /Differences [66 /B] >> >>", fd, tu))
		plain := b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /CMMI10 /FontDescriptor %d 0 R >>", fd))
		b.page(`BT /F1 10 Tf 1 0 0 1 100 700 Tm (:ABCD) Tj ET BT /F2 10 Tf 1 0 0 1 100 600 Tm (B) Tj ET`, fontRes(f, plain), "")
		pages, _ := mustPages(t, b.bytes())
		// ':' → period (built in), A → alpha (built in), B → B (Differences),
		// C → Γ (ToUnicode), D → nothing built in: U+FFFD; the second font
		// has no Differences: β
		if got := text(pages[0].Glyphs); got != ".αBΓ\uFFFDβ" {
			t.Errorf("compressed %v: text %q", compressed, got)
		}
	}
}

// TestStreamDecoding: the direct decoder (no filter, plain FlateDecode)
// gives the same bytes and errors as ledongthuc/pdf's, which still decodes
// everything else (predictors, ASCII85, encrypted files).
func TestStreamDecoding(t *testing.T) {
	content := []byte(strings.Repeat("BT /F1 9 Tf (x) Tj ET\n", 300))
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(content)
	w.Close()
	zb := z.Bytes()
	b := newPDF()
	ids := map[string]int{
		"raw":        b.stream("", content),
		"flate":      b.flate("", content),
		"flateArray": b.stream("/Filter [/FlateDecode]", zb),
		"truncated":  b.stream("/Filter /FlateDecode", zb[:len(zb)/2]),
		"badHeader":  b.stream("/Filter /FlateDecode", append([]byte("xx"), zb...)),
		"empty":      b.stream("/Filter /FlateDecode", nil),
		"ascii85":    b.stream("/Filter /ASCII85Decode", []byte("87cURD]i,\"Ebo80~>")),
		"params":     b.stream("/Filter /FlateDecode /DecodeParms << /Columns 4 >>", zb),
	}
	var keys []string
	var sb strings.Builder
	sb.WriteString("<< /XObject <<")
	for k, id := range ids {
		keys = append(keys, k)
		fmt.Fprintf(&sb, " /%s %d 0 R", k, id)
	}
	sb.WriteString(" >> >>")
	b.page("", sb.String(), "")
	data := b.bytes()
	rd, err := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	xo := firstPage(rd).Key("Resources").Key("XObject")
	fast := &src{r: bytes.NewReader(data)}
	for _, k := range keys {
		v := xo.Key(k)
		if _, _, ok := fast.raw(v); ok != (k != "ascii85" && k != "params") {
			t.Errorf("%s: direct decoding %v", k, ok)
		}
		got, gerr := fast.stream(v, 0)
		want, werr := (*src)(nil).stream(v, 0)
		if !bytes.Equal(got, want) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
			t.Errorf("%s: direct %d bytes, %v; library %d bytes, %v", k, len(got), gerr, len(want), werr)
		}
		switch k {
		case "raw", "flate", "flateArray", "params", "badHeader":
			if !bytes.Equal(got, content) {
				t.Errorf("%s: %d bytes, want %d", k, len(got), len(content))
			}
		case "truncated":
			if gerr == nil || len(got) == 0 || !bytes.HasPrefix(content, got) {
				t.Errorf("%s: no error", k)
			}
		}
		// stop: only the first bytes are decoded
		if k == "flate" {
			head, err := fast.stream(v, 100)
			if err != nil || !bytes.Equal(head, content[:100]) {
				t.Errorf("stop 100: %q, %v", head, err)
			}
		}
	}
}

// Text drawn just past the page's edge (a table wider than the page, cut
// by LibreOffice) is not shown, so it is not read — and the page says how
// many characters it cut, so that what depends on them is not blamed on the
// report. Text hidden far away from the page is not counted.
func TestTextPastPageEdge(t *testing.T) {
	b := newPDF()
	f := b.helv()
	// a number starting at 603 on a 612-wide page (Helvetica digits 5.56
	// wide): 5 and 6 reach into the page, 7 and 8 lie past its edge
	b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm (Total) Tj 1 0 0 1 603 700 Tm (5678) Tj ET\n", fontRes(f), "")
	b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm (Shown) Tj 1 0 0 1 -9000 700 Tm (hidden) Tj ET\n", fontRes(f), "")
	pages, probs := mustPages(t, b.bytes())
	var texts [2]string
	for i, p := range pages {
		for _, g := range p.Glyphs {
			texts[i] += string(g.R)
		}
	}
	if texts[0] != "Total56" || texts[1] != "Shown" {
		t.Errorf("glyphs kept: %q, %q", texts[0], texts[1])
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.Message)
	}
	want := []string{"第1页：有2个字符在页面边界之外（文字或表格超出页面，显示和打印时看不到），未读取"}
	if !slices.Equal(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
}
