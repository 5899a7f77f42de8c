package ocr

import (
	"context"
	"runtime"
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

// TestPictureCost: the cost follows the decoded pixel size.
func TestPictureCost(t *testing.T) {
	cost, w, h := pictureCost(hostile.BigPNG(100, 50))
	if w != 100 || h != 50 || cost != 100*50*(8+workingBytes) {
		t.Errorf("cost %d for %d×%d", cost, w, h)
	}
}
