package recognise

import (
	"context"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/recognise/outline"
	"github.com/nianbao/nianbao/recognise/template"
)

func TestPublication(t *testing.T) {
	o := outline.Outline{Published: "2024-01-26"}
	for _, c := range []struct {
		meta       extract.Meta
		o          outline.Outline
		date, from string
	}{
		{extract.Meta{Published: "2024-03-08", PublishedFrom: "meta"}, o, "2024-03-08", "meta"},
		{extract.Meta{Published: "2024-02-01", PublishedFrom: "pdf-info"}, o, "2024-01-26", "text"},
		{extract.Meta{Published: "2024-02-01", PublishedFrom: "docx-core"}, outline.Outline{}, "2024-02-01", "docx-core"},
		{extract.Meta{}, outline.Outline{}, "", ""},
	} {
		if d, f := publication(c.meta, c.o); d != c.date || f != c.from {
			t.Errorf("publication(%+v) = %s %s, want %s %s", c.meta, d, f, c.date, c.from)
		}
	}
}

func TestVersion(t *testing.T) {
	found := Tables{T3: TableState{Found: true}}
	cites21 := outline.TemplateHints{Cites2021: true}
	cites19 := outline.TemplateHints{Cites2019: true}
	for _, c := range []struct {
		tables template.Version
		hints  outline.TemplateHints
		t      Tables
		want   template.Version
	}{
		{template.V2019, cites21, found, template.V2019},       // the tables decide
		{template.VUnknown, cites21, Tables{}, template.V2021}, // no tables: the cited notice
		{template.VUnknown, cites19, Tables{}, template.V2019},
		{"", outline.TemplateHints{Cites2019: true, Cites2021: true}, Tables{}, template.VUnknown},
	} {
		if got := version(c.tables, c.hints, c.t); got != c.want {
			t.Errorf("version(%s, %+v) = %s, want %s", c.tables, c.hints, got, c.want)
		}
	}
}

func TestGuardKeepsGoing(t *testing.T) {
	r := &Report{}
	ran := false
	guard(r, "测试阶段", func() { panic("boom") })
	guard(r, "下一阶段", func() { ran = true })
	if !ran || len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Message, "测试阶段时内部错误（boom）") {
		t.Fatalf("ran=%v problems=%+v", ran, r.Problems)
	}
}

func TestRecogniseTextReport(t *testing.T) {
	doc := &extract.Document{Path: "x.txt", Format: extract.FormatText, Pages: 1, Blocks: []extract.Block{
		{Kind: extract.BlockText, Page: 1, Text: "某某镇2023年政府信息公开工作年度报告"},
		{Kind: extract.BlockText, Page: 1, Text: "一、总体情况"},
		{Kind: extract.BlockText, Page: 1, Text: "本年度共收到政府信息公开申请3件。"},
		{Kind: extract.BlockText, Page: 1, Text: "六、其他需要报告的事项"},
		{Kind: extract.BlockText, Page: 1, Text: "本年度未收取信息处理费。"},
	}}
	r, err := Recognise(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	if r.Year != 2023 || r.Title != "某某镇2023年政府信息公开工作年度报告" || !r.Sections[0].Present || !r.Sections[5].Present || r.Sections[1].Present {
		t.Fatalf("year %d title %q sections %+v", r.Year, r.Title, r.Sections)
	}
	if len(r.Figures) != 1 || r.Figures[0].Value != 3 || r.Figures[0].Section != 1 {
		t.Errorf("figures %+v", r.Figures)
	}
	if len(r.Negations) != 1 || r.Negations[0].Section != 6 {
		t.Errorf("negations %+v", r.Negations)
	}
	if len(r.Problems) != 0 {
		t.Errorf("problems %+v", r.Problems)
	}
}

func TestRecogniseStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	doc := &extract.Document{Path: "x.txt", Format: extract.FormatText, Pages: 1, Blocks: []extract.Block{
		{Kind: extract.BlockText, Page: 1, Text: "本年度共收到政府信息公开申请3件。"},
	}}
	if _, err := Recognise(ctx, doc); err != context.Canceled {
		t.Fatalf("cancelled Recognise: err %v", err)
	}
}
