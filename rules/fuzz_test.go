package rules

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

// FuzzRun: whatever the recogniser puts into a report (odd years, dates,
// titles, prose, negative or fractional cells, uncertain readings), no rule
// panics and two runs give the same findings.
func FuzzRun(f *testing.F) {
	f.Add(2023, "2024-01-20", "某市市场监督管理局2023年政府信息公开工作年度报告", "（一）2022年主动公开情况", "t3.new.total", 39.0, false, "2019")
	f.Add(0, "", "", "", "t4.review.total", -1.5, true, "unknown")
	f.Add(2018, "2018-13-45", "2018年", "本年度未收到政府信息公开申请", "t3.other.all.total", 1e300, true, "2021")
	f.Fuzz(func(t *testing.T, year int, published, title, line, key string, v float64, unsure bool, version string) {
		r := cleanReport(template.V2021)
		r.Year, r.Published, r.Title, r.Template = year, published, title, template.Version(version)
		r.Lines = append(r.Lines, recognise.Line{Text: line, Section: year & 7})
		r.Sections[5].Text = line
		r.Figures = append(r.Figures, recognise.Figure{Value: v, Text: line, Subject: line})
		r.Negations = append(r.Negations, recognise.Negation{Text: line, Subject: line})
		recognise.Topics(r)
		r.Enumerations = append(r.Enumerations, recognise.Enumeration{Total: recognise.Figure{Value: v}, Parts: []recognise.Figure{{Value: v}}, Text: line})
		r.Cells[key] = recognise.Cell{Key: key, Value: recognise.Num(v), Uncertain: unsure, Alternatives: []float64{v}}
		recognise.TextFacts(r)
		a := run(r, DefaultProfile())
		b := run(r, DefaultProfile())
		if len(a) != len(b) {
			t.Fatalf("nondeterministic: %d vs %d findings", len(a), len(b))
		}
		for i := range a {
			if strings.Contains(a[i].Message, "规则执行出错") {
				t.Fatalf("%s panicked: %s", a[i].Rule, a[i].Message)
			}
			if formatFinding(a[i]) != formatFinding(b[i]) || a[i].Fingerprint != b[i].Fingerprint {
				t.Fatalf("nondeterministic finding %d", i)
			}
		}
	})
}
