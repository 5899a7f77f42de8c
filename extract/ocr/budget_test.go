package ocr

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/hostile"
)

// TestPictureOverBudget: a small PNG whose header claims 4,000×4,000
// pixels of 16-bit RGBA (208 MB to decode and read) is refused from its
// header under the 128 MB budget — nothing is decoded, and the budget is
// not exhausted for the document's other pictures and text.
func TestPictureOverBudget(t *testing.T) {
	data := hostile.BigPNG(4000, 4000)
	budget := extract.NewBudget(extract.DefaultBudget)
	ctx := extract.WithBudget(context.Background(), budget)
	e := &Engine{Path: "/nonexistent/tesseract"}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := e.readImage(ctx, &extract.Image{Page: 1, Data: data, Name: "png"}, pictureRoom(ctx))
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "内存预算") {
		t.Fatalf("err = %v, want a refusal naming the budget", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 16<<20 {
		t.Errorf("allocated %d MB refusing the picture", n>>20)
	}
	if budget.Err() != nil || budget.Used() != 0 {
		t.Errorf("budget after the refusal: err %v, used %d", budget.Err(), budget.Used())
	}
}

// TestPicturesHeldAlone: each picture is held to what the budget has left
// when the stage starts, not to what the pictures read beside it leave —
// two that fit alone but not together are both read (here: both reach
// the engine, which is missing), whatever the timing.
func TestPicturesHeldAlone(t *testing.T) {
	data := hostile.BigPNG(3000, 2000) // 78 MB to decode and read
	cost, _, _ := pictureCost(data)
	budget := extract.NewBudget(cost * 3 / 2)
	ctx := extract.WithBudget(context.Background(), budget)
	room := pictureRoom(ctx)
	if err := budget.Spend(cost, "another picture"); err != nil { // one read beside it
		t.Fatal(err)
	}
	e := &Engine{Path: "/nonexistent/tesseract"}
	_, err := e.readImage(ctx, &extract.Image{Page: 1, Data: data, Name: "png"}, room)
	if err != nil && strings.Contains(err.Error(), "内存预算") {
		t.Errorf("refused for a picture read beside it: %v", err)
	}
	budget.Release(cost)
	if _, err := e.readImage(ctx, &extract.Image{Page: 1, Data: data, Name: "png"}, cost-1); err == nil || !strings.Contains(err.Error(), "内存预算") {
		t.Errorf("a picture past its room: err %v, want the budget named", err)
	}
}

// TestPictureCost: the cost follows the decoded pixel size, the RGBA copy
// toGray makes of pictures it cannot read directly, and the working
// copies of the picture as read: shrunk first when it is large, so that a
// 600 dpi A4 scan, refused before under the default budget (209 MB in
// grey, 278 MB in colour), is read.
func TestPictureCost(t *testing.T) {
	cost, w, h := pictureCost(hostile.BigPNG(100, 50))
	if w != 100 || h != 50 || cost != 100*50*(8+4+workingBytes) {
		t.Errorf("cost %d for %d×%d", cost, w, h)
	}
	a4 := func(m color.Model, sub image.YCbCrSubsampleRatio) []byte {
		var img image.Image = image.NewGray(image.Rect(0, 0, 4960, 7016))
		if m == color.YCbCrModel {
			img = image.NewYCbCr(image.Rect(0, 0, 4960, 7016), sub)
		}
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, nil); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	const pixels, read = 4960 * 7016, 2480 * 3508 // read at 300 dpi
	for _, c := range []struct {
		name string
		data []byte
		want int64
	}{
		{"grey", a4(color.GrayModel, 0), pixels + read*workingBytes},
		{"colour 4:2:0", a4(color.YCbCrModel, image.YCbCrSubsampleRatio420), pixels*3/2 + read*workingBytes},
	} {
		cost, _, _ := pictureCost(c.data)
		if cost != c.want || cost > extract.DefaultBudget {
			t.Errorf("600 dpi A4 %s: cost %d MB, want %d MB (under the default budget)", c.name, cost>>20, c.want>>20)
		}
	}
}

// TestShrinkGray: a picture shrunk k times is the mean of each k×k square,
// transparent pixels counting as white paper, whatever its pixel type.
func TestShrinkGray(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 5, 4)) // the fifth column is dropped
	for i := range g.Pix {
		g.Pix[i] = uint8(10 * i)
	}
	got := toGray(g, 2)
	want := []uint8{(0 + 10 + 50 + 60) / 4, (20 + 30 + 70 + 80) / 4, (100 + 110 + 150 + 160) / 4, (120 + 130 + 170 + 180) / 4}
	if got.Rect.Dx() != 2 || got.Rect.Dy() != 2 || !slices.Equal(got.Pix, want) {
		t.Errorf("grey: %v %v, want %v", got.Rect, got.Pix, want)
	}
	n := image.NewNRGBA(image.Rect(0, 0, 2, 2))
	copy(n.Pix, []uint8{0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 0}) // two black, two transparent
	r := image.NewRGBA(image.Rect(0, 0, 2, 2))
	copy(r.Pix, []uint8{0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 0})
	p := image.NewPaletted(image.Rect(0, 0, 2, 2), color.Palette{color.Black, color.Transparent})
	copy(p.Pix, []uint8{0, 1, 0, 1})
	for name, img := range map[string]image.Image{"nrgba": n, "rgba": r, "paletted": p} {
		if got := toGray(img, 2); len(got.Pix) != 1 || got.Pix[0] != 127 {
			t.Errorf("%s: %v, want half black, half paper (127)", name, got.Pix)
		}
	}
	y := image.NewYCbCr(image.Rect(0, 0, 2, 2), image.YCbCrSubsampleRatio420)
	copy(y.Y, []uint8{100, 200, 100, 200})
	if got := toGray(y, 2); got.Pix[0] != 150 {
		t.Errorf("YCbCr: %v, want the mean luma 150", got.Pix)
	}
}

// TestJPEGQuarterBytes: the chroma sampling is read from the frame header
// (4:2:0 1.5 bytes a pixel, 4:4:4 3); a header cut short or lying about a
// segment's length gives the most, never a panic.
func TestJPEGQuarterBytes(t *testing.T) {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewYCbCr(image.Rect(0, 0, 16, 16), image.YCbCrSubsampleRatio420), nil); err != nil {
		t.Fatal(err)
	}
	j420 := b.Bytes()
	if got := jpegQuarterBytes(j420); got != 6 {
		t.Errorf("4:2:0: %d quarter bytes, want 6", got)
	}
	// image/jpeg writes 4:2:0 only: the luma's sampling set to 1×1 makes it 4:4:4
	j444 := slices.Clone(j420)
	sof := bytes.Index(j444, []byte{0xff, 0xc0})
	j444[sof+11] = 0x11
	if got := jpegQuarterBytes(j444); got != 12 {
		t.Errorf("4:4:4: %d quarter bytes, want 12", got)
	}
	for cut := range min(len(j420), 400) {
		if got := jpegQuarterBytes(j420[:cut]); got != 12 && got != 6 {
			t.Errorf("cut at %d: %d", cut, got)
		}
	}
	for _, n := range []byte{0, 1} { // a segment length below its own two bytes
		forged := append([]byte{0xff, 0xd8, 0xff, 0xc0, 0, n}, make([]byte, 20)...)
		if got := jpegQuarterBytes(forged); got != 12 {
			t.Errorf("length %d: %d", n, got)
		}
	}
}
