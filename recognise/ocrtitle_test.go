package recognise

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/recognise/outline"
)

// TestCorrectOCRIssuer: a body's name misread in a title read by OCR takes
// the text's spelling (2024_jiangsu_huaian_city.pdf scanned: the letterhead
// 淮安市人民政府 read as 沪区市人民政府); a title read from text, a name the
// text repeats, and a near name the text gives only once are left as read.
func TestCorrectOCRIssuer(t *testing.T) {
	body := []string{
		"沪区市人民政府", "2024年政府信息公开工作年度报告",
		"本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》规定编制。",
		"如对本报告有疑问，请与淮安市人民政府办公室联系。",
		"一、总体情况", "2024年，淮安市人民政府坚持……淮阴区人民政府……",
	}
	ocr := []extract.Problem{{Code: extract.ProblemOCR, Page: 1, Message: "第1页由 OCR 读出"}}
	tests := []struct {
		name          string
		lines         []string
		titleFrom     string
		problems      []extract.Problem
		issuer, title string
		note          string // a part of the problem added; "" for none
	}{
		{name: "misread in an OCR title: the text's spelling", lines: body, titleFrom: "text", problems: ocr,
			issuer: "淮安市人民政府", title: "淮安市人民政府2024年政府信息公开工作年度报告", note: "“沪区市人民政府”在正文中没有出现，正文3次写作“淮安市人民政府”"},
		{name: "title from text, not OCR: the report's own spelling", lines: body, titleFrom: "text",
			issuer: "沪区市人民政府", title: "沪区市人民政府2024年政府信息公开工作年度报告"},
		{name: "OCR on another page only", lines: body, titleFrom: "text",
			problems: []extract.Problem{{Code: extract.ProblemOCR, Page: 2}},
			issuer:   "沪区市人民政府", title: "沪区市人民政府2024年政府信息公开工作年度报告"},
		{name: "the text repeats the title's name", lines: append(append([]string(nil), body...), "沪区市人民政府", "2025年1月20日"),
			titleFrom: "text", problems: ocr,
			issuer: "沪区市人民政府", title: "沪区市人民政府2024年政府信息公开工作年度报告"},
		{name: "a near name the text gives once", lines: []string{"沪区市人民政府", "2024年政府信息公开工作年度报告", "一、总体情况", "淮安市人民政府……"},
			titleFrom: "text", problems: ocr,
			issuer: "沪区市人民政府", title: "沪区市人民政府2024年政府信息公开工作年度报告"},
		{name: "names that differ in more than a third of their characters", lines: []string{"沪区市人民政府", "2024年政府信息公开工作年度报告",
			"一、总体情况", "洪泽县人民政府……洪泽县人民政府……"}, titleFrom: "text", problems: ocr,
			issuer: "沪区市人民政府", title: "沪区市人民政府2024年政府信息公开工作年度报告"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var lines []outline.Line
			for _, l := range tc.lines {
				lines = append(lines, outline.Line{Text: l, Page: 1})
			}
			o := outline.Find(lines, extract.Meta{})
			if o.Issuer != "沪区市人民政府" || o.IssuerFrom != "title" || o.TitlePage != 1 {
				t.Fatalf("outline: issuer %q from %q, title page %d", o.Issuer, o.IssuerFrom, o.TitlePage)
			}
			o.TitleFrom = tc.titleFrom
			r := &Report{Title: o.Title, Issuer: o.Issuer, Problems: append([]extract.Problem(nil), tc.problems...)}
			correctOCRIssuer(r, o, lines, tc.problems)
			if r.Issuer != tc.issuer || r.Title != tc.title {
				t.Errorf("issuer %q title %q, want %q %q", r.Issuer, r.Title, tc.issuer, tc.title)
			}
			added := r.Problems[len(tc.problems):]
			switch {
			case tc.note == "" && len(added) > 0:
				t.Errorf("problem added: %+v", added)
			case tc.note != "" && (len(added) != 1 || !strings.Contains(added[0].Message, tc.note) || added[0].Page != 1):
				t.Errorf("problems added %+v, want one on page 1 with %q", added, tc.note)
			}
		})
	}
}

// TestNearestName: the most frequent near spelling wins, then the nearest.
func TestNearestName(t *testing.T) {
	text := "淮安市人民政府……淮阴区人民政府……淮阴区人民政府……淮安市人民政府……淮安市人民政府"
	if got, n := nearestName(text, []rune("沪区市人民政府"), 2); got != "淮安市人民政府" || n != 3 {
		t.Errorf("got %q ×%d", got, n)
	}
	if got, n := nearestName("a淮安市人民政府b", []rune("淮安市人民政府"), 2); got != "" || n != 0 {
		t.Errorf("the name itself is not a near name: got %q ×%d", got, n)
	}
	if got, _ := nearestName("淮安市,人民政府", []rune("淮安市人民政府府"), 2); got != "" {
		t.Errorf("a window across punctuation: %q", got)
	}
}
