package render_test

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/crawl/manifest"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
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

// TestShortenApart: names alike at both ends, as one source names its
// files, stay apart when the summary table shortens them; names that are the
// same stay the same; each fits the width.
func TestShortenApart(t *testing.T) {
	in := []string{
		"2019_hebei_education_dept_csvcell.txt",
		"2019_hebei_hrss_dept_csvcell.txt",
		"2019_hebei_industry_it_dept_csvcell.txt",
		"2019_hebei_science_technology_dept_csvcell.txt",
		"2019_hebei_science_technology_dept_csvcell.txt",
		"2024_fujian_pingtan_finance_bureau_pagetxt.txt",
		"2024_fujian_pingtan_zone_pagetxt.txt",
		"青禾县柳溪镇2024年政府信息公开工作年度报告.pdf",
		"short.pdf",
	}
	want := []string{
		"2019…education…cell.txt",
		"2019…hrss…t_csvcell.txt",
		"2019…industry_it…ll.txt",
		"2019…scienc…nology….txt",
		"2019…scienc…nology….txt",
		"2024…financ…bureau….txt",
		"2024…zone_pagetxt.txt",
		"青禾县柳溪镇2…报告.pdf",
		"short.pdf",
	}
	got := render.ShortenApartForTest(in, 23)
	for i := range in {
		if got[i] != want[i] {
			t.Errorf("%q → %q, want %q", in[i], got[i], want[i])
		}
		if w := runewidth.StringWidth(got[i]); w > 23 {
			t.Errorf("%q is %d columns wide", got[i], w)
		}
	}
	// The names the summary table shows for a crawled archive (report folders
	// where the base names collide) and a district's downloads, at every
	// width from narrow to wide: each fits, and no two names are shown alike
	// where shortening in the middle told them apart; from 20 columns on
	// every name is told apart.
	var many []string
	for _, town := range []string{"柳溪镇", "石桥镇", "石桥乡", "白沙镇", "白沙街道"} {
		for _, y := range []string{"2023", "2024"} {
			many = append(many, y+"-青禾县"+town+y+"年政府信息公开工作年度报告/page.html",
				"青禾县"+town+y+"年政府信息公开工作年度报告.pdf", y+"_qinghe_"+town+"_report.pdf", y+"_qinghe_"+town+"_report.docx")
		}
	}
	for width := 10; width <= 40; width++ {
		got := render.ShortenApartForTest(many, width)
		middle := make([]string, len(many))
		for i, s := range many {
			middle[i] = render.ShortenMiddleForTest(s, width)
			if w := runewidth.StringWidth(got[i]); w > width {
				t.Errorf("width %d: %q is %d columns wide", width, got[i], w)
			}
		}
		if d, m := distinct(got), distinct(middle); d < m || (width >= 20 && d < len(many)) {
			t.Errorf("width %d: %d of %d names told apart (shortened in the middle: %d): %q", width, d, len(many), m, got)
		}
	}
}

// TestShortenApartLargeGroup: more than 64 names that shorten alike (one
// source's files) are told apart through what they all share.
func TestShortenApartLargeGroup(t *testing.T) {
	var names []string
	for i := range 100 {
		names = append(names, fmt.Sprintf("2023_hebei_dept_%03d_csvcell_page.txt", i))
	}
	if m := distinct(func() []string {
		var out []string
		for _, s := range names {
			out = append(out, render.ShortenMiddleForTest(s, 23))
		}
		return out
	}()); m > 1 {
		t.Fatalf("the names already differ shortened in the middle (%d): the test proves little", m)
	}
	got := render.ShortenApartForTest(names, 23)
	if d := distinct(got); d != len(names) {
		t.Errorf("%d of %d names told apart: %q", d, len(names), got)
	}
	for _, s := range got {
		if w := runewidth.StringWidth(s); w > 23 {
			t.Errorf("%q is %d columns wide", s, w)
		}
	}
}

func distinct(texts []string) int {
	seen := map[string]bool{}
	for _, t := range texts {
		seen[t] = true
	}
	return len(seen)
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

// TestSummaryNarrowTerminal: at 80 columns the summary table leaves out its
// 模板 column and fits; every row line is at most 80 columns wide and the
// names keep a readable start and end.
func TestSummaryNarrowTerminal(t *testing.T) {
	res := batch()
	res.Items[1].Report.Issuer = "河北省人力资源和社会保障厅办公室信息公开科"
	var b bytes.Buffer
	if err := render.AuditText(&b, res, render.Options{Style: render.Style{Width: 80}}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, l := range strings.Split(out, "\n") {
		if w := runewidth.StringWidth(l); strings.HasPrefix(l, "│") && w > 80 {
			t.Errorf("line is %d columns wide at Width 80: %s", w, l)
		}
	}
	if strings.Contains(out, "模板") || !strings.Contains(out, "│ 2023 │") {
		t.Errorf("narrow table should drop 模板 and keep 年度:\n%s", out)
	}
	if !regexp.MustCompile(`│ 河北省人\S*…\S*公开科 +│`).MatchString(out) {
		t.Errorf("issuer not shortened in the middle:\n%s", out)
	}
	b.Reset()
	if err := render.AuditText(&b, res, render.Options{Style: render.Style{Width: 120}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "│ 模板") && !strings.Contains(b.String(), "模板 ") {
		t.Errorf("wide terminal lost the 模板 column:\n%s", b.String())
	}
}

// TestDisplayNamesSuffix: files that share a base name are told apart by as many
// of their last folders as needed (a crawl names every report page
// page.html), the others keep their base name.
func TestDisplayNamesSuffix(t *testing.T) {
	items := []audit.Item{
		{Path: "archive/h/2023-甲局年报/page.html"},
		{Path: "archive/h/2024-甲局年报/page.html"},
		{Path: "2023/a.pdf"},
		{Path: "reports/2023/a.pdf"},
		{Path: "archive/h/2024-甲局年报/P0.pdf"},
	}
	got := render.DisplayNamesForTest(items)
	want := []string{"2023-甲局年报/page.html", "2024-甲局年报/page.html", "2023/a.pdf", "reports/2023/a.pdf", "P0.pdf"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("displayNames = %q, want %q", got, want)
	}
}

// TestUnreadableAndInterrupted: an unreadable file's line says 无法读取 and
// the reason once, without repeating the path; a run stopped by Ctrl-C says
// in its totals how many files are missing from the result, in every
// batch format.
func TestUnreadableAndInterrupted(t *testing.T) {
	res := &audit.Result{Items: []audit.Item{
		{Path: "x/bad.pdf", Err: errors.New("x/bad.pdf: 无法读取：没有读取权限")},
		{Path: "x/b.html", Report: &recognise.Report{Source: recognise.Source{Path: "x/b.html"}, Issuer: "乙县教育局", Year: 2023}},
		// the PDF and DOCX readers put a full-width colon after the path
		{Path: "x/locked.pdf", Err: errors.New("x/locked.pdf：PDF文件已加密（AES-256），设有打开密码，无法用空密码打开")},
	}, NotProcessed: []string{"x/c.pdf", "x/d.pdf"}}
	var b bytes.Buffer
	if err := render.AuditText(&b, res, render.Options{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "\nx/bad.pdf\n  无法读取：没有读取权限\n") || strings.Count(out, "无法读取：") != 2 ||
		!strings.Contains(out, "\nx/locked.pdf\n  无法读取：PDF文件已加密") {
		t.Errorf("unreadable file said badly:\n%s", out)
	}
	note := "审核被中断，另有 2 个文件未处理，不在本结果中"
	if !strings.Contains(out, note) {
		t.Errorf("text totals do not say the run was interrupted:\n%s", out)
	}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"md":   func(b *bytes.Buffer) error { return render.AuditMarkdown(b, res, render.Options{}) },
		"html": func(b *bytes.Buffer) error { return render.AuditHTML(b, res, render.Options{}) },
	} {
		b.Reset()
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), note) {
			t.Errorf("%s totals do not say the run was interrupted", name)
		}
		if strings.Contains(b.String(), "x/bad.pdf: ") || strings.Contains(b.String(), "x/locked.pdf：") {
			t.Errorf("%s repeats the path in the reason", name)
		}
	}
}

// TestSourceURLShown: a crawled report's address (its crawl manifest entry)
// is in its section of the handout and of the Markdown minutes, as text.
func TestSourceURLShown(t *testing.T) {
	res := &audit.Result{Items: []audit.Item{{Path: "archive/h/2024-x/P0.pdf",
		Report: &recognise.Report{Source: recognise.Source{Path: "archive/h/2024-x/P0.pdf"}, Issuer: "乙县教育局", Year: 2024},
		Source: &manifest.Entry{URL: "http://h/P0.pdf", FinalURL: "http://h/files/P0.pdf"}}}}
	var page, md bytes.Buffer
	if err := render.AuditHTML(&page, res, render.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := render.AuditMarkdown(&md, res, render.Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page.String(), "<dt>来源网址</dt><dd>http://h/files/P0.pdf</dd>") || strings.Contains(page.String(), `href="http`) {
		t.Errorf("handout: source address missing or linked")
	}
	if !strings.Contains(md.String(), "来源网址：<http://h/files/P0.pdf>") {
		t.Errorf("minutes: source address missing:\n%s", md.String())
	}
}

// TestExtractTable3NarrowTerminal: extract's table 三 fits an 80-column
// terminal by cutting the applicant headers to two characters and saying
// what they stand for below; on a 120-column terminal the headers stay
// whole and no legend is printed.
func TestExtractTable3NarrowTerminal(t *testing.T) {
	rep := &recognise.Report{Source: recognise.Source{Path: "a.pdf"}, Year: 2024, Cells: map[string]recognise.Cell{}}
	rep.Tables.T3.Found = true
	for _, row := range template.T3Rows {
		for _, c := range template.T3Columns {
			k := template.T3Key(row.Key, c.Key)
			rep.Cells[k] = recognise.Cell{Key: k, Value: recognise.Num(12345)}
		}
	}
	res := &audit.Result{Items: []audit.Item{{Path: "a.pdf", Report: rep}}}
	table := func(width int) string {
		var b bytes.Buffer
		if err := render.ExtractText(&b, res, render.Style{Width: width}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		i := strings.Index(out, "表三")
		if i < 0 {
			t.Fatalf("no table 三 at width %d:\n%s", width, out)
		}
		out = out[i:]
		if j := strings.Index(out, "表四"); j > 0 {
			out = out[:j]
		}
		return out
	}
	narrow := table(80)
	for _, l := range strings.Split(narrow, "\n") {
		if w := runewidth.StringWidth(l); w > 80 {
			t.Errorf("line is %d columns wide at Width 80: %s", w, l)
		}
	}
	if !regexp.MustCompile(`│ +公益 +│`).MatchString(narrow) || !strings.Contains(narrow, "公益：社会公益组织") || !strings.Contains(narrow, "12345") {
		t.Errorf("narrow table 三 should cut the headers and explain them:\n%s", narrow)
	}
	wide := table(120)
	if !regexp.MustCompile(`│ +社会公益组织 +│`).MatchString(wide) || strings.Contains(wide, "公益：") {
		t.Errorf("wide table 三 should keep its headers whole:\n%s", wide)
	}
}

// TestExtractHeaderNarrowTerminal: extract's 发布机关…发布日期 line keeps the
// date on the same line where it fits and puts it on a line of its own
// rather than let an 80-column terminal wrap it.
func TestExtractHeaderNarrowTerminal(t *testing.T) {
	rep := &recognise.Report{Source: recognise.Source{Path: "a.pdf"}, Year: 2024, Issuer: "淮安市人民政府",
		Published: "2025-02-25", PublishedFrom: "pdf-info", Cells: map[string]recognise.Cell{}}
	res := &audit.Result{Items: []audit.Item{{Path: "a.pdf", Report: rep}}}
	for _, c := range []struct {
		width int
		sep   string
	}{{80, "\n"}, {120, "　"}} {
		var b bytes.Buffer
		if err := render.ExtractText(&b, res, render.Style{Width: c.width}); err != nil {
			t.Fatal(err)
		}
		want := "发布机关：淮安市人民政府　年度：2024　模板：未识别" + c.sep + "发布日期：2025-02-25（PDF 文档属性）\n"
		if !strings.Contains(b.String(), want) {
			t.Errorf("width %d: no %q in\n%s", c.width, want, b.String())
		}
		for _, l := range strings.Split(b.String(), "\n") {
			if w := runewidth.StringWidth(l); strings.HasPrefix(l, "发布") && w > c.width {
				t.Errorf("width %d: line is %d columns: %s", c.width, w, l)
			}
		}
	}
}

// TestCopyDifferences: the line of a copy whose numbers differ names the
// cells in template order, the earlier file's reading first, a blank as
// 空白, at most three, then how many in all.
func TestCopyDifferences(t *testing.T) {
	rep := func(path string, nums map[string]float64) *recognise.Report {
		cs := map[string]recognise.Cell{}
		for k, v := range nums {
			c := recognise.Cell{Key: k}
			if v >= 0 {
				c.Value = recognise.Num(v)
			}
			cs[k] = c
		}
		return &recognise.Report{Source: recognise.Source{Path: path, SHA256: path}, Issuer: "某镇人民政府", Year: 2023,
			Template: template.V2021, Cells: cs}
	}
	first := map[string]float64{"t4.review.total": 1, "t3.new.total": 5, "t3.new.natural": 5, "t2.licensing.decisions": 3, "t3.total.total": 5, "t3.granted.total": 4}
	for _, c := range []struct {
		later map[string]float64
		want  string
	}{
		{map[string]float64{"t4.review.total": 1, "t3.new.total": 6, "t3.new.natural": 5, "t2.licensing.decisions": 3, "t3.total.total": 5, "t3.granted.total": 4},
			"某镇人民政府 2023 年度：a.html 与 a.pdf，表格数字不完全相同（表三“一、本年新收政府信息公开申请数量”行“总计”列 5 / 6）"},
		{map[string]float64{"t4.review.total": 2, "t3.new.total": 6, "t3.new.natural": -1, "t2.licensing.decisions": 4, "t3.total.total": 5, "t3.granted.total": 3},
			"某镇人民政府 2023 年度：a.html 与 a.pdf，表格数字不完全相同（表二“行政许可”行“本年处理决定数量”栏 3 / 4；表三“一、本年新收政府信息公开申请数量”行“自然人”列 5 / 空白；表三“一、本年新收政府信息公开申请数量”行“总计”列 5 / 6；等 5 处）"},
		{first, "某镇人民政府 2023 年度：a.html 与 a.pdf，表格数字相同"},
	} {
		res := &audit.Result{Items: []audit.Item{{Path: "a.html", Report: rep("a.html", first)}, {Path: "a.pdf", Report: rep("a.pdf", c.later)}}}
		var b bytes.Buffer
		if err := render.AuditText(&b, res, render.Options{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "\n  "+c.want+"\n") {
			t.Errorf("want the line\n  %s\nin\n%s", c.want, b.String())
		}
	}
}
