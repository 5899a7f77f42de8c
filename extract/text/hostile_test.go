package text

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/hostile"
)

// TestOverBudgetCutBeforeDecoding: a text of 128 MB, its lines ending in
// a bare CR or CR LF (one more copy to mend them), is cut before it is
// decoded, at a line end past twice recognition's share of the budget, and
// says so; the whole file was decoded and mended first, then cut to a
// third of the budget and read into blocks (554 MB allocated; a 150 MB
// file took 475 MB and was stopped by the batch's memory guard).
func TestOverBudgetCutBeforeDecoding(t *testing.T) {
	for name, data := range map[string][]byte{
		"cr":   hostile.TextOnlyCR(128 << 20),
		"crlf": []byte(strings.ReplaceAll(string(hostile.Text(128<<20)), "\n", "\r\n")),
	} {
		budget := extract.NewBudget(extract.DefaultBudget)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		doc, err := Extract(extract.WithBudget(context.Background(), budget), name+".txt", data)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		n := after.TotalAlloc - before.TotalAlloc
		t.Logf("%s: allocated %d MB", name, n>>20)
		if n > 64<<20 { // before: 554 and 556 MB
			t.Errorf("%s: allocated %d MB", name, n>>20)
		}
		said := false
		for _, p := range doc.Problems {
			said = said || p.Code == extract.ProblemBudget && strings.Contains(p.Message, fmt.Sprintf("正文过长（%d KB）", len(data)>>10))
		}
		if !said {
			t.Errorf("%s: problems %v", name, doc.Problems)
		}
		for _, b := range doc.Blocks {
			if strings.ContainsRune(b.Text, '\r') || strings.ContainsRune(b.Text, '\ufffd') {
				t.Fatalf("%s: block %.80q", name, b.Text)
			}
		}
	}
}

// TestManyLinesCut: a file of 1.3 million one-character lines (4 MB) is
// cut at recognition's share of the budget counting each line's block, not
// only its text (before: 1.3 million blocks, all of them within the share,
// 384 MB for the process).
func TestManyLinesCut(t *testing.T) {
	data := []byte("某县2023年政府信息公开工作年度报告\n" + strings.Repeat("1\n\n", 1_300_000))
	budget := extract.NewBudget(extract.DefaultBudget)
	doc, err := Extract(extract.WithBudget(context.Background(), budget), "lines.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	if max := budget.TextShare() / 5; int64(len(doc.Blocks)) > max {
		t.Errorf("%d blocks, want at most %d", len(doc.Blocks), max)
	}
	n := 0
	for _, p := range doc.Problems {
		if strings.HasPrefix(p.Message, "正文过长") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("problems %v", doc.Problems)
	}
}
