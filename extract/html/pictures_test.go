package html

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/hostile"
)

// TestSamePictureFileReadOnce: a page that shows a 20 MB picture file 64
// times under part 二 reads the file once (it read it 64 times: 1.3 GB
// from a page of 2 KB), and spends its bytes from the budget.
func TestSamePictureFileReadOnce(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.png"), hostile.PaddedPNG(20<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "page.html")
	budget := extract.NewBudget(extract.DefaultBudget)
	ctx := extract.WithBudget(context.Background(), budget)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	doc, err := Extract(ctx, page, hostile.HTMLSameFile(64, "t.png"), "")
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Images) != 64 {
		t.Fatalf("%d pictures, want 64", len(doc.Images))
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 100<<20 {
		t.Errorf("allocated %d MB for one 20 MB picture", n>>20)
	}
	if budget.Used() < 20<<20 {
		t.Errorf("the picture's bytes were not spent: %d", budget.Used())
	}
}

// TestPicturesOverBudget: a picture past the budget is not read, the page
// says why, and the budget is not exhausted by it.
func TestPicturesOverBudget(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.png"), hostile.PaddedPNG(15<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	budget := extract.NewBudget(10 << 20)
	ctx := extract.WithBudget(context.Background(), budget)
	doc, err := Extract(ctx, filepath.Join(dir, "page.html"), hostile.HTMLSameFile(2, "t.png"), "")
	if err != nil {
		t.Fatal(err)
	}
	said := false
	for _, p := range doc.Problems {
		said = said || strings.Contains(p.Message, "内存预算")
	}
	if len(doc.Images) != 0 || !said {
		t.Errorf("%d pictures, problems %v", len(doc.Images), doc.Problems)
	}
	if budget.Err() != nil {
		t.Errorf("a picture left out exhausted the budget: %v", budget.Err())
	}
}
