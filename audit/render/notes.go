package render

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/internal/utf8out"
)

// The lists a batch output prints with its totals: the files that hold one
// report twice, the files not read for their format.

// unreadHeading introduces the list of files a folder walk left out for
// their format (audit.Unread).
const unreadHeading = "“未能读取的文件”"

// unreadIntro says what that list is.
const unreadIntro = "未能读取的文件（nianbao 不能读取其格式，其中的年报不在本结果中）"

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
// repeat another's body and year (files named by name), then the files not
// read for their format.
func batchNotes(sum audit.Summary, name func(index int, path string) string) []noteList {
	var out []noteList
	for _, l := range []noteList{{copiesIntro, copyLines(sum.Copies, name)}, {unreadIntro, unreadLines(sum.Unread)}} {
		if len(l.lines) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// copiesHeading introduces the list of reports that repeat another's body
// and year (audit.Copy).
const copiesHeading = "“同一机关同一年度的多份文件”"

// copiesIntro says what the list is and what to do with it.
const copiesIntro = "同一机关同一年度的多份文件（每份都已单独审核、计入总数；请核对是重复的文件还是同一报告的不同版本）"

// copyLines are the lines of that list, one per copy: the body and year,
// the two files (as name gives them: the overview's name of the item at
// that index, or its path) and how their numbers compare.
func copyLines(copies []audit.Copy, name func(index int, path string) string) []string {
	out := make([]string, len(copies))
	for i, c := range copies {
		out[i] = copyLine(c, name(c.Of, c.OfPath), name(c.Index, c.Path))
	}
	return out
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
	for _, l := range copyLines(copies, pathName) {
		fmt.Fprintf(&b, "  %s\n", l)
	}
	return b.String()
}

// copyLine says one copy: "平潭综合实验区 2023 年度：a.html 与 a.txt，表格数字相同".
func copyLine(c audit.Copy, first, later string) string {
	return copyWhose(c) + first + " 与 " + later + copyVerdict(c)
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
