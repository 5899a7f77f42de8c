package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/internal/utf8out"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

// The lists a batch output prints with its totals: the files that hold one
// report twice, the files not read for their format.

// The list of files a folder walk left out for their format
// (audit.Unread): its title, as the totals line names it, and as it
// introduces the list, saying what it is.
const (
	unreadTitle   = "未能读取的文件"
	unreadHeading = "“" + unreadTitle + "”"
	unreadIntro   = unreadTitle + "（nianbao 不能读取其格式，其中的年报不在本结果中）"
)

// unreadLines are the lines of that list: each file (shown as UTF-8) and
// what it is, with what to do.
func unreadLines(unread []audit.Unread) []string {
	out := make([]string, len(unread))
	for i, u := range unread {
		out[i] = utf8out.Show(u.Path) + "：" + u.What
	}
	return out
}

// noteList is a list the batch outputs print with their totals: what it
// is, and its lines.
type noteList struct {
	intro string
	lines []string
}

// batchNotes are those lists, the empty ones left out: the reports that
// repeat another's body and year (files named by name, their differences
// read from res), then the files not read for their format.
func batchNotes(res *audit.Result, sum audit.Summary, name func(index int, path string) string) []noteList {
	var out []noteList
	for _, l := range []noteList{{copiesIntro, copyLines(res, sum.Copies, name)}, {unreadIntro, unreadLines(sum.Unread)}} {
		if len(l.lines) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// The list of reports that repeat another's body and year (audit.Copy):
// its title, as the totals line names it, and as it introduces the list,
// saying what to do with it.
const (
	copiesTitle   = "同一机关同一年度的多份文件"
	copiesHeading = "“" + copiesTitle + "”"
	copiesIntro   = copiesTitle + "（每份都已单独审核、计入总数；请核对是重复的文件还是同一报告的不同版本）"
)

// copyLines are the lines of that list, one per copy: the body and year,
// the two files (as name gives them: the overview's name of the item at
// that index, or its path) and how their numbers compare — with the cells
// that differ when res holds the two reports (nil: a streamed run).
func copyLines(res *audit.Result, copies []audit.Copy, name func(index int, path string) string) []string {
	out := make([]string, len(copies))
	for i, c := range copies {
		out[i] = copyWhose(c) + name(c.Of, c.OfPath) + " 与 " + name(c.Index, c.Path) + copyVerdict(c) + copyDifferences(res, c)
	}
	return out
}

// maxDifferences is how many differing cells a copy's line names.
const maxDifferences = 3

// copyDifferences names the cells whose numbers the two reports of a copy
// read differently (audit.Copy.Changes), in the later report's template
// order, the earlier file's reading first: "（表三“（七）总计”行“总计”列 21 /
// 20；…等 5 处）". "" when the numbers agree. res, when it holds the later
// report, gives its template version.
func copyDifferences(res *audit.Result, c audit.Copy) string {
	if c.SameBytes || c.SameNumbers || c.Numbers == 0 || len(c.Changes) == 0 {
		return ""
	}
	v := template.V2021
	if res != nil && c.Index < len(res.Items) && res.Items[c.Index].Report != nil {
		v = res.Items[c.Index].Report.Template
	}
	byKey := make(map[string]recognise.Cell, len(c.Changes))
	changed := make(map[string]audit.CellChange, len(c.Changes))
	for _, ch := range c.Changes {
		byKey[ch.Key] = recognise.Cell{}
		changed[ch.Key] = ch
	}
	var diffs []string
	for _, k := range CellOrder(v, byKey) {
		ch := changed[k]
		diffs = append(diffs, template.Describe(k)+" "+numberOrBlank(ch.Was)+" / "+numberOrBlank(ch.Now))
	}
	if n := len(diffs); n > maxDifferences {
		return fmt.Sprintf("（%s；等 %d 处）", strings.Join(diffs[:maxDifferences], "；"), n)
	}
	return "（" + strings.Join(diffs, "；") + "）"
}

// numberOrBlank is a cell's number, or 空白.
func numberOrBlank(v recognise.Value) string {
	if !v.Valid {
		return "空白"
	}
	return strconv.FormatFloat(v.V, 'f', -1, 64)
}

// overviewName names the items as the overview table does (displayNames).
func overviewName(res *audit.Result) func(int, string) string {
	var names []string
	return func(i int, _ string) string {
		if names == nil {
			names = displayNames(res.Items)
		}
		return names[i]
	}
}

// pathName names the items by their paths (shown as UTF-8).
func pathName(_ int, path string) string { return utf8out.Show(path) }

// CopiesNote is the list of copies for stderr, where an output has no
// place for it (the findings CSV): the files by their paths.
func CopiesNote(copies []audit.Copy) string {
	if len(copies) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s：\n", copiesIntro)
	for _, l := range copyLines(nil, copies, pathName) {
		fmt.Fprintf(&b, "  %s\n", l)
	}
	return b.String()
}

// copyWhose is the body and year of a copy: "平潭综合实验区 2023 年度：".
func copyWhose(c audit.Copy) string { return fmt.Sprintf("%s %d 年度：", c.Issuer, c.Year) }

// copyVerdict says how the two files of a copy compare: "，表格数字相同".
func copyVerdict(c audit.Copy) string {
	switch {
	case c.SameBytes:
		return "，两个文件内容完全相同"
	case c.Numbers == 0:
		return "，后者没有读出表格数字"
	case c.SameNumbers:
		return "，表格数字相同"
	}
	return "，表格数字不完全相同"
}
