package rtf_test

import (
	"context"
	"runtime"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/rtf"
	"github.com/nianbao/nianbao/internal/hostile"
)

// TestHeldUnderBudget: whatever the parser holds before a block ends — a
// row that never ends, a cell of many paragraphs, a huge font table, a
// huge title, one paragraph of 40 MB, a row of millions of \cellx — is
// spent as it grows, and the document is cut where the budget or
// recognition's share of it runs out, saying so. Before, none of it was
// counted: a 20 MB row of empty cells took 1.1 GB, a 63 MB title 556 MB.
func TestHeldUnderBudget(t *testing.T) {
	// what each may allocate in all, garbage included (slices grown a
	// quarter at a time allocate about five times their final size); in
	// brackets what it allocated before
	const mb = 1 << 20
	for _, c := range []struct {
		name  string
		data  []byte
		alloc uint64
	}{
		{"open-row", hostile.RTFOpenRow(4_000_000), 320 * mb},               // (2,863 MB)
		{"cell-paragraphs", hostile.RTFCellParagraphs(4_000_000), 192 * mb}, // (475 MB)
		{"font-table", hostile.RTFFontTable(2_000_000), 0},                  // (159 MB, the fonts' map: now spent)
		{"title", hostile.RTFTitle(40 << 20), 64 * mb},                      // (319 MB)
		{"paragraph", hostile.RTFLongParagraph(40 << 20), 64 * mb},          // (319 MB)
		{"unicode", hostile.RTFUnicodeRun(5_000_000), 64 * mb},              // (180 MB)
		{"cellx", hostile.RTFManyCellx(6_000_000), 320 * mb},                // (445 MB at 3 million; at 6 million 504 MB with each \cellx counted once)
	} {
		name, data := c.name, c.data
		budget := extract.NewBudget(extract.DefaultBudget)
		ctx := extract.WithBudget(context.Background(), budget)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		doc, err := rtf.Extract(ctx, name+".rtf", data)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		t.Logf("%s: %d MB input, %d MB allocated, %d MB spent", name, len(data)>>20, (after.TotalAlloc-before.TotalAlloc)>>20, budget.Peak()>>20)
		if n := after.TotalAlloc - before.TotalAlloc; c.alloc > 0 && n > c.alloc {
			t.Errorf("%s: allocated %d MB", name, n>>20)
		}
		if budget.Peak() < 1<<20 {
			t.Errorf("%s: %d bytes spent", name, budget.Peak())
		}
		said := false
		for _, p := range doc.Problems {
			said = said || p.Code == extract.ProblemBudget && strings.Contains(p.Message, "RTF")
		}
		if !said && name != "font-table" {
			t.Errorf("%s: problems %v", name, doc.Problems)
		}
	}
}
