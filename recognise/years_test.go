package recognise

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// TestTextFacts: the year statements the recogniser finds in the title and
// the lines; rules compare them with the report year (rules/testdata/CONS-YEAR).
func TestTextFacts(t *testing.T) {
	r := &Report{
		Title: "某市市场监督管理局2023年政府信息公开工作年度报告",
		Lines: []Line{
			{Text: "某市市场监督管理局2023年政府信息公开工作年度报告", Page: 1},
			{Text: "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。", Page: 1},
			{Text: "一、总体情况", Page: 1, Section: 1},
			{Text: "（一）2022年主动公开情况", Page: 1, Section: 1},
			{Text: "（一）主动公开。2022年以来，我局持续推进", Page: 1, Section: 1},
			{Text: "二、主动公开政府信息情况(一)主动公开政府信息的数量2022年制作、获取政府信息总数467条，其中主动公开政府信息53条。", Page: 2, Section: 2},
			{Text: "五、存在的主要问题及改进情况", Page: 5, Section: 5},
			{Text: "（一）2022年问题整改情况", Page: 5, Section: 5},
			{Text: "六、其他需要报告的事项", Page: 5, Section: 6},
			{Text: "本年度未收取信息处理费。", Page: 5, Section: 6},
			{Text: "2024年1月20日", Page: 5, Section: 6},
		},
	}
	r.Sections[0] = Section{N: 1, Heading: "一、总体情况", Present: true, Page: 1}
	TextFacts(r)
	if !reflect.DeepEqual(r.TitleYears, []int{2023}) || r.TitleBody != "某市市场监督管理局" {
		t.Errorf("title: years %v body %q", r.TitleYears, r.TitleBody)
	}
	wantPeriod := &YearStatement{Text: "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。", Years: []int{2023, 2023}, Page: 1}
	if !reflect.DeepEqual(r.Period, wantPeriod) {
		t.Errorf("period = %+v, want %+v", r.Period, wantPeriod)
	}
	wantSig := &YearStatement{Text: "2024年1月20日", Years: []int{2024}, Page: 5, Section: 6}
	if !reflect.DeepEqual(r.Signature, wantSig) {
		t.Errorf("signature = %+v, want %+v", r.Signature, wantSig)
	}
	// a numbered line with a sentence in it is prose, not a sub-heading
	wantHeads := []YearStatement{
		{Text: "（一）2022年主动公开情况", Years: []int{2022}, Page: 1, Section: 1},
		{Text: "（一）2022年问题整改情况", Years: []int{2022}, Page: 5, Section: 5, LooksBack: true},
	}
	if !reflect.DeepEqual(r.YearHeadings, wantHeads) {
		t.Errorf("headings = %+v\nwant %+v", r.YearHeadings, wantHeads)
	}
	wantClauses := []YearStatement{
		{Text: "（一）2022年主动公开情况", Years: []int{2022}, Page: 1, Section: 1},
		{Text: "…)主动公开政府信息的数量2022年制作、获取政府信息总数467条，其中主动公开政府信息53条", Years: []int{2022}, Page: 2, Section: 2},
	}
	if !reflect.DeepEqual(r.YearClauses, wantClauses) {
		t.Errorf("clauses = %+v\nwant %+v", r.YearClauses, wantClauses)
	}
}

// A body flattened into one line: the signature is the date in the short
// tail after the last sentence; a long tail holds none.
func TestSignatureFlattened(t *testing.T) {
	r := &Report{Lines: []Line{{Text: "六、其他需要报告的事项本年度未收取信息处理费。某市市场监督管理局2023年1月29日更多信息请关注官方微信", Page: 1, Section: 6}}}
	TextFacts(r)
	if r.Signature == nil || r.Signature.Text != "2023年1月29日" || !reflect.DeepEqual(r.Signature.Years, []int{2023}) {
		t.Errorf("flattened signature = %+v", r.Signature)
	}
	r = &Report{Lines: []Line{{Text: "本年度未收取信息处理费。我们将在2024年1月29日以后继续推进政务公开工作，进一步加强政策解读和回应关切，不断提升政府信息公开工作的质量和水平，努力让群众满意，更好地服务经济社会发展。", Section: 6}}}
	TextFacts(r)
	if r.Signature != nil {
		t.Errorf("a sentence with a date is not a signature: %+v", r.Signature)
	}
}

// Every negative statement is among the Negations once: a negation without
// a number, and a zero figure stated as one (which stays a figure too),
// unless a negation of the same text is already there.
func TestNegatedZeroFigures(t *testing.T) {
	doc := &extract.Document{Path: "x.txt", Format: extract.FormatText, Pages: 1}
	for _, l := range []string{
		"某县2023年政府信息公开工作年度报告",
		"一、总体情况",
		"本年度未收到政府信息公开申请。全年政府信息公开申请数为零件。无法提供0件。",
	} {
		doc.Blocks = append(doc.Blocks, extract.Block{Kind: extract.BlockText, Page: 1, Text: l})
	}
	r, err := Recognise(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	var negs []string
	for _, n := range r.Negations {
		negs = append(negs, n.Cue+"|"+n.Text)
	}
	want := []string{"未收到|未收到政府信息公开申请", "零|政府信息公开申请数为零件"}
	if !reflect.DeepEqual(negs, want) {
		t.Errorf("negations %q, want %q", negs, want)
	}
	var figs []string
	for _, f := range r.Figures {
		figs = append(figs, fmt.Sprintf("%s %g%s negated=%v", f.Text, f.Value, f.Unit, f.Negated))
	}
	wantFigs := []string{"政府信息公开申请数为零件 0件 negated=true", "无法提供0件 0件 negated=false"}
	if !reflect.DeepEqual(figs, wantFigs) {
		t.Errorf("figures %q, want %q", figs, wantFigs)
	}
}

func TestSubstance(t *testing.T) {
	r := &Report{}
	r.Sections[4] = Section{N: 5, Present: true, Text: "一是政策解读形式较为单一。\n下一步将加强政策解读，完善流程。"}
	TextFacts(r)
	got := r.Sections[4].Substance
	want := Substance{Runes: 29, Problems: nil, Measures: []string{"加强", "完善"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("substance %+v, want %+v", got, want)
	}
	r.Sections[4].Text = "存在的问题：公开不足。"
	TextFacts(r)
	if got := r.Sections[4].Substance; !reflect.DeepEqual(got.Problems, []string{"问题", "不足"}) || got.Measures != nil || got.Runes != 11 {
		t.Errorf("substance %+v", got)
	}
}
