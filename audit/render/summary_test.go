package render_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/rules"
)

func TestShortenMiddle(t *testing.T) {
	for _, c := range []struct {
		in    string
		width int
		want  string
	}{
		{"short.pdf", 20, "short.pdf"},
		{"2024年某某县人民政府信息公开工作年度报告.pdf", 20, "2024年某某…报告.pdf"},
		{"abcdefghij", 5, "ab…ij"},
	} {
		got := render.ShortenMiddleForTest(c.in, c.width)
		if got != c.want {
			t.Errorf("shortenMiddle(%q, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
		if runewidth.StringWidth(got) > c.width {
			t.Errorf("shortenMiddle(%q, %d) = %q is %d columns wide", c.in, c.width, got, runewidth.StringWidth(got))
		}
	}
}

func TestMdEscape(t *testing.T) {
	if got, want := render.MdEscapeForTest("a|b *c*\nd"), `a\|b \*c\* d`; got != want {
		t.Errorf("mdEscape = %q, want %q", got, want)
	}
}

// batch builds a result without reading files: three reports with
// different issuers and findings, and one unreadable file whose long name
// must be shortened to fit the terminal.
func batch() *audit.Result {
	rep := func(path, issuer string, year int) *recognise.Report {
		return &recognise.Report{Source: recognise.Source{Path: path}, Issuer: issuer, Year: year, Published: "2024-01-10"}
	}
	f := func(sev rules.Severity, msg string) rules.Finding {
		return rules.Finding{Rule: "ARITH-T3-TOTAL", Severity: sev, Status: rules.StatusFail, Message: msg}
	}
	long := "reports/2023/" + strings.Repeat("很长的文件名", 12) + ".pdf"
	return &audit.Result{Items: []audit.Item{
		{Path: "b.html", Report: rep("b.html", "乙县教育局", 2023), Findings: []rules.Finding{f(rules.SeverityWarning, "w|x")}},
		{Path: "a.html", Report: rep("a.html", "丙县民政局", 2023)},
		{Path: "c.html", Report: rep("c.html", "甲县财政局", 2023), Findings: []rules.Finding{f(rules.SeverityError, "e")}},
		{Path: long, Err: errors.New("坏文件")},
	}}
}

func TestSummaryFitsAndSorts(t *testing.T) {
	res := batch()
	order := func(sort string, wide bool) (string, []string) {
		var b bytes.Buffer
		if err := render.AuditText(&b, res, render.Options{Sort: sort, Style: render.Style{Wide: wide}}); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, l := range strings.Split(b.String(), "\n") {
			for _, n := range []string{"a.html", "b.html", "c.html"} {
				if strings.HasPrefix(l, "│ "+n) {
					names = append(names, n)
				}
			}
		}
		return b.String(), names
	}
	out, names := order(render.SortSeverity, false)
	if got := strings.Join(names, " "); got != "c.html b.html a.html" {
		t.Errorf("severity order = %s", got)
	}
	for _, l := range strings.Split(out, "\n") {
		if w := runewidth.StringWidth(l); w > render.TerminalWidth && strings.HasPrefix(l, "│") {
			t.Errorf("line is %d columns wide: %s", w, l)
		}
	}
	if !strings.Contains(out, "…") {
		t.Errorf("long name not shortened:\n%s", out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "共 4 份报告：错误 1，警告 1，提示 0，无法读取 1；没有问题的 1 份") {
		t.Errorf("totals line = %s", last)
	}
	if _, names := order(render.SortIssuer, false); strings.Join(names, " ") != "a.html b.html c.html" {
		// 丙 U+4E19 < 乙 U+4E59 < 甲 U+7532
		t.Errorf("issuer order = %v", names)
	}
	if _, names := order(render.SortFile, false); strings.Join(names, " ") != "a.html b.html c.html" {
		t.Errorf("file order = %v", names)
	}
	if out, _ := order("", true); !strings.Contains(out, strings.Repeat("很长的文件名", 12)) {
		t.Errorf("--wide shortened the name:\n%s", out)
	}
	var b bytes.Buffer
	if err := render.AuditMarkdown(&b, res, render.Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `w\|x`) {
		t.Errorf("| not escaped in Markdown:\n%s", b.String())
	}
}
