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
// cut, once, at recognition's share of the budget counting each line's
// block, not only its text, or where its lines pass the budget (before: 1.3 million blocks, all of them within the share,
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
	n := 0 // cut once: at the share, or where its lines pass the budget (TestLinesCharged)
	for _, p := range doc.Problems {
		if p.Code == extract.ProblemBudget {
			n++
		}
	}
	if n != 1 {
		t.Errorf("problems %v", doc.Problems)
	}
}

// TestLinesCharged: each line costs the budget beyond its characters (its
// string, paragraph and block: lineBytes), so a file of many short lines
// is cut where they pass the budget, with a problem that says how many
// lines were read; before, 11 MB of one-character lines held 330 MB under
// the 128 MB budget.
func TestLinesCharged(t *testing.T) {
	data := []byte("某县2023年政府信息公开工作年度报告\n" + strings.Repeat("1\n\n", 100_000))
	budget := extract.NewBudget(1 << 20)
	doc, err := Extract(extract.WithBudget(context.Background(), budget), "lines.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	var said string
	for _, p := range doc.Problems {
		if strings.Contains(p.Message, "读取文本的各行时停止") {
			said = p.Message
		}
	}
	if said == "" {
		t.Fatalf("no line cut said: %v", doc.Problems)
	}
	var read, total int
	if _, err := fmt.Sscanf(said[strings.Index(said, "已读取前"):], "已读取前 %d 行，共 %d 行", &read, &total); err != nil {
		t.Fatalf("no line cut said: %v (%q)", doc.Problems, said)
	}
	if fit := int((1 << 20) / lineBytes); read > fit || read >= total || read == 0 {
		t.Errorf("read %d of %d lines, want at most %d", read, total, fit)
	}
	if budget.Peak() > budget.Limit() {
		t.Errorf("budget peak %d over its limit %d", budget.Peak(), budget.Limit())
	}
}
