package rules

import (
	"context"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

// TestRunScales: the rules over a report whose prose grows 1×/10×/100×
// (figures, negations, enumerations and lines) take about linear time.
func TestRunScales(t *testing.T) {
	if testing.Short() {
		t.Skip("scaling test: skipped with -short")
	}
	text := strings.Repeat("本年度共收到政府信息公开申请39件，其中网络申请15件、信函申请4件。未收取信息处理费。主动公开政府信息1820条。", 2)
	testutil.Linear(t, "rules.Run", func(k int) func() {
		doc := &extract.Document{Path: "x.txt", Format: extract.FormatText, Pages: 1}
		doc.Blocks = append(doc.Blocks, extract.Block{Kind: extract.BlockText, Page: 1, Text: "某某镇2023年政府信息公开工作年度报告"})
		for _, h := range template.Sections {
			doc.Blocks = append(doc.Blocks, extract.Block{Kind: extract.BlockText, Page: 1, Text: h.Heading})
			for i := 0; i < 10*k; i++ {
				doc.Blocks = append(doc.Blocks, extract.Block{Kind: extract.BlockText, Page: 1, Text: text})
			}
		}
		r, err := recognise.Recognise(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		// the rules only compare recognised facts, so one run is fast:
		// run several to measure a ratio above the timer's noise
		return func() {
			for i := 0; i < 100; i++ {
				run(r, DefaultProfile())
			}
		}
	})
}
