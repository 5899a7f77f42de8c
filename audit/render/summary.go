package render

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/internal/utf8out"
	"github.com/nianbao/nianbao/recognise/template"
	"github.com/nianbao/nianbao/rules"
)

// Sort orders of the batch overview (--sort).
const (
	SortInput    = ""         // the order of the input (folders walked in byte order)
	SortSeverity = "severity" // worst reports first
	SortIssuer   = "issuer"   // by issuing body, then year
	SortFile     = "file"     // by path
)

// SortNames are the values --sort takes.
var SortNames = []string{SortSeverity, SortIssuer, SortFile}

// summaryRow is one report of the batch overview, shared by the text,
// Markdown, HTML and XLSX renderers so they all say the same.
type summaryRow struct {
	Index     int // into res.Items
	Path      string
	Name      string // display name (base name unless two collide)
	Issuer    string
	Year      int
	Template  string
	Published string
	OnTime    string // 按期, 逾期, 未知 ("" for unreadable files)
	Counts    [4]int // by Severity.Rank
	Verdict   string
	Top       string // the most important finding, "RULE message"
	Err       error
}

// verdictOf says a report's overall result from its finding counts.
func verdictOf(n [4]int) string {
	switch {
	case n[3] > 0:
		return "有错误"
	case n[2] > 0:
		return "有警告"
	case n[1] > 0:
		return "有提示"
	}
	return "通过"
}

// onTime reads the deadline rule's findings: 逾期 when TIME-DEADLINE
// failed, 未知 when it could not be assessed or no date is known, else 按期.
func onTime(it audit.Item) string {
	if it.Report == nil {
		return ""
	}
	for _, f := range it.Findings {
		if f.Rule != "TIME-DEADLINE" {
			continue
		}
		if f.Status == rules.StatusFail {
			return "逾期"
		}
		return "未知"
	}
	if it.Report.Published == "" || it.Report.Year == 0 {
		return "未知"
	}
	return "按期"
}

// topFinding is the first finding of the highest severity (findings are
// sorted by rules.Sort, so this is stable).
func topFinding(it audit.Item) string {
	best := -1
	for i, f := range it.Findings {
		if best < 0 || f.Severity.Rank() > it.Findings[best].Severity.Rank() {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return it.Findings[best].Rule + " " + it.Findings[best].Message
}

func summaryRows(res *audit.Result, order string) []summaryRow {
	names := displayNames(res.Items)
	rows := make([]summaryRow, len(res.Items))
	for i, it := range res.Items {
		row := summaryRow{Index: i, Path: it.Path, Name: names[i], Err: it.Err}
		if it.Err != nil {
			row.Verdict = "无法读取"
			rows[i] = row
			continue
		}
		r := it.Report
		row.Issuer, row.Year, row.Template, row.Published = r.Issuer, r.Year, templateName(r.Template), r.Published
		for _, f := range it.Findings {
			row.Counts[f.Severity.Rank()]++
		}
		row.Verdict, row.OnTime, row.Top = verdictOf(row.Counts), onTime(it), topFinding(it)
		rows[i] = row
	}
	sortRows(rows, order)
	return rows
}

func sortRows(rows []summaryRow, order string) {
	switch order {
	case SortSeverity:
		sort.SliceStable(rows, func(i, j int) bool {
			a, b := rows[i], rows[j]
			if (a.Err != nil) != (b.Err != nil) {
				return a.Err != nil
			}
			for k := 3; k >= 1; k-- {
				if a.Counts[k] != b.Counts[k] {
					return a.Counts[k] > b.Counts[k]
				}
			}
			return a.Path < b.Path
		})
	case SortIssuer:
		sort.SliceStable(rows, func(i, j int) bool {
			a, b := rows[i], rows[j]
			if a.Issuer != b.Issuer {
				return a.Issuer < b.Issuer
			}
			if a.Year != b.Year {
				return a.Year < b.Year
			}
			return a.Path < b.Path
		})
	case SortFile:
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].Path < rows[j].Path })
	}
}

func yearText(y int) string {
	if y <= 0 {
		return "—"
	}
	return strconv.Itoa(y)
}

// shortenMiddle cuts s to at most width terminal columns by replacing its
// middle with "…", so both the start (the year, the body) and the end (the
// extension) of a file name stay visible.
func shortenMiddle(s string, width int) string {
	if width <= 0 || runewidth.StringWidth(s) <= width {
		return s
	}
	if width < 3 {
		return runewidth.Truncate(s, width, "")
	}
	rs := []rune(s)
	head, tail := []rune{}, []rune{}
	room := width - 1 // the ellipsis
	i, j := 0, len(rs)-1
	for i <= j {
		w := runewidth.RuneWidth(rs[i])
		if w > room {
			break
		}
		head = append(head, rs[i])
		room -= w
		i++
		if i > j {
			break
		}
		w = runewidth.RuneWidth(rs[j])
		if w > room {
			break
		}
		tail = append([]rune{rs[j]}, tail...)
		room -= w
		j--
	}
	return string(head) + "…" + string(tail)
}

// partName is "第五部分" for section 5.
func partName(n int) string {
	if n < 1 || n > 6 {
		return ""
	}
	return "第" + template.Sections[n-1].Heading[:len("一")] + "部分"
}

// totalsLine is the last line of the text and Markdown outputs.
func totalsLine(res *audit.Result) string {
	s := res.Summary()
	pass := 0
	for _, it := range res.Items {
		if it.Err == nil && len(it.Findings) == 0 {
			pass++
		}
	}
	line := fmt.Sprintf("共 %d 份报告：错误 %d，警告 %d，提示 %d，无法读取 %d；没有问题的 %d 份", s.Reports, s.Errors, s.Warnings, s.Infos, s.FailedToRead, pass)
	if s.Waived > 0 {
		line += fmt.Sprintf("；另有 %d 条已在基线中接受，未列出", s.Waived)
	}
	if n := len(s.Copies); n > 0 {
		line += fmt.Sprintf("；其中 %d 份与本批另一份文件是同一机关同一年度的报告（见%s）", n, copiesHeading)
	}
	if n := len(s.Unread); n > 0 {
		line += fmt.Sprintf("；另有 %d 个文件的格式不能读取，未审核（见%s）", n, unreadHeading)
	}
	if n := len(res.NotProcessed); n > 0 {
		line += interruptedNote(n)
	}
	return line
}

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

// fitColumns shortens the texts of the columns in shrink (by index) so
// that a box table of rows fits width terminal columns. Other columns keep
// their width. The widest shrinkable column gives way first, and none
// becomes narrower than minw (a shortened text must still say something):
// a table that cannot fit then stays wider than width.
func fitColumns(header []string, rows [][]string, shrink []int, width, minw int) {
	if width <= 0 {
		return
	}
	w := columnWidths(header, rows)
	total := boxWidthOf(w)
	for total > width {
		k := -1
		for _, i := range shrink {
			if w[i] > runewidth.StringWidth(header[i]) && w[i] > minw && (k < 0 || w[i] > w[k]) {
				k = i
			}
		}
		if k < 0 {
			break
		}
		w[k]--
		total--
	}
	for _, i := range shrink {
		col := make([]string, len(rows))
		for j, r := range rows {
			col[j] = r[i]
		}
		for j, v := range shortenApart(col, w[i]) {
			rows[j][i] = v
		}
	}
}

// shortenApart shortens texts to width columns each (shortenMiddle) so that
// texts that differ stay different: the files of one source are often named
// alike at both ends (2019_hebei_education_dept_csvcell.txt,
// 2019_hebei_hrss_dept_csvcell.txt), which shortening in the middle makes
// one and the same 2019_hebei_…csvcell.txt. A text that comes out the same
// as a different one is shortened around the part where it differs from it
// instead (shortenAround); that part only grows from round to round (a text
// keeps in view where it differs from every text it was confused with), so
// the rounds end.
func shortenApart(texts []string, width int) []string {
	out := make([]string, len(texts))
	for i, s := range texts {
		out[i] = shortenMiddle(s, width)
	}
	middle := slices.Clone(out)
	// pre[i], suf[i]: the runes texts[i] shares at its start and end with
	// every text it was confused with; -1: none yet
	pre, suf := make([]int, len(texts)), make([]int, len(texts))
	for i := range texts {
		pre[i], suf[i] = -1, -1
	}
	for range 8 {
		groups := map[string][]int{}
		for i := range texts {
			groups[out[i]] = append(groups[out[i]], i)
		}
		changed := false
		for _, g := range groups {
			if len(g) < 2 {
				continue
			}
			// for a large group, what all its texts share (one pass)
			// rather than what each shares with each
			gp, gs := -1, -1
			if len(g) > 64 {
				var distinct []string
				for _, i := range g {
					if !slices.Contains(distinct, texts[i]) {
						distinct = append(distinct, texts[i])
					}
				}
				if len(distinct) > 1 {
					gp, gs = commonEnds(distinct)
				}
			}
			for _, i := range g {
				p, q := pre[i], suf[i]
				for _, j := range g {
					if texts[j] == texts[i] {
						continue
					}
					jp, js := gp, gs
					if jp < 0 {
						jp, js = commonEnds([]string{texts[i], texts[j]})
					}
					if p < 0 || jp < p {
						p = jp
					}
					if q < 0 || js < q {
						q = js
					}
					if gp >= 0 {
						break
					}
				}
				if p >= 0 && (p != pre[i] || q != suf[i]) {
					pre[i], suf[i], changed = p, q, true
					out[i] = shortenAround(texts[i], width, p, q)
				}
			}
		}
		if !changed {
			break
		}
	}
	// Names that differ in several places can defeat this (the start of
	// what differs is shown, the rest cut); never tell fewer apart than
	// shortening in the middle did.
	if distinctCount(out) < distinctCount(middle) {
		return middle
	}
	return out
}

func distinctCount(texts []string) int {
	seen := map[string]bool{}
	for _, t := range texts {
		seen[t] = true
	}
	return len(seen)
}

// commonEnds is how many runes all of texts begin with and, after those,
// end with.
func commonEnds(texts []string) (pre, suf int) {
	rs := make([][]rune, len(texts))
	shortest := -1
	for i, t := range texts {
		rs[i] = []rune(t)
		if shortest < 0 || len(rs[i]) < shortest {
			shortest = len(rs[i])
		}
	}
	same := func(at func(r []rune) rune) bool {
		for _, r := range rs[1:] {
			if at(r) != at(rs[0]) {
				return false
			}
		}
		return true
	}
	for pre < shortest && same(func(r []rune) rune { return r[pre] }) {
		pre++
	}
	for suf < shortest-pre && same(func(r []rune) rune { return r[len(r)-1-suf] }) {
		suf++
	}
	return pre, suf
}

// shortenAround cuts s to width columns keeping in view the runes after its
// first pre and before its last suf (where it differs from the texts it was
// confused with): a little of the start, that part, and as much of the end
// as fits — 2019…hrss…t_csvcell.txt, 2019…scien…ology….txt. When even
// that does not fit it is shortenMiddle's.
func shortenAround(s string, width, pre, suf int) string {
	if width <= 0 || runewidth.StringWidth(s) <= width {
		return s
	}
	rs := []rune(s)
	head := firstColumns(rs[:pre], 4) // 2019, 青禾
	if len([]rune(head)) < pre {
		head += "…"
	}
	body := rs[pre : len(rs)-suf]
	tail := rs[len(rs)-suf:]
	room := width - runewidth.StringWidth(head)
	ext := []rune(filepath.Ext(string(tail)))
	if len(ext) > 6 {
		ext = nil
	}
	bw := runewidth.StringWidth(string(body))
	switch {
	case room <= 0 || len(body) == 0:
	case bw+runewidth.StringWidth(string(tail)) <= room:
		return head + string(body) + string(tail)
	case len(tail) > 0 && bw+1+runewidth.StringWidth(string(ext)) <= room:
		// the whole differing part, then the end of the name
		return head + string(body) + "…" + lastColumns(tail, room-bw-1)
	case room-1-runewidth.StringWidth(string(ext)) >= 3:
		// the differing part shortened in its middle, then the extension
		return head + shortenMiddle(string(body), room-1-runewidth.StringWidth(string(ext))) + "…" + string(ext)
	}
	return shortenMiddle(s, width)
}

// firstColumns is the longest start of rs at most width columns wide.
func firstColumns(rs []rune, width int) string {
	i, w := 0, 0
	for i < len(rs) && w+runewidth.RuneWidth(rs[i]) <= width {
		w += runewidth.RuneWidth(rs[i])
		i++
	}
	return string(rs[:i])
}

// lastColumns is the longest end of rs at most width columns wide.
func lastColumns(rs []rune, width int) string {
	i, w := len(rs), 0
	for i > 0 && w+runewidth.RuneWidth(rs[i-1]) <= width {
		w += runewidth.RuneWidth(rs[i-1])
		i--
	}
	return string(rs[i:])
}

// boxWidth is the width in terminal columns of header and rows printed
// as a box table.
func boxWidth(header []string, rows [][]string) int { return boxWidthOf(columnWidths(header, rows)) }

// columnWidths are the widths of the columns' widest texts.
func columnWidths(header []string, rows [][]string) []int {
	w := make([]int, len(header))
	for i, h := range header {
		w[i] = runewidth.StringWidth(h)
	}
	for _, r := range rows {
		for i, c := range r {
			w[i] = max(w[i], runewidth.StringWidth(c))
		}
	}
	return w
}

// boxWidthOf is the width of a box table whose columns' texts are w wide.
func boxWidthOf(w []int) int {
	total := 1
	for _, x := range w {
		total += x + 3 // "│ " + text + " "
	}
	return total
}

// escapeLine flattens a message to one line.
func escapeLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// interruptedNote ends the totals of a run stopped by Ctrl-C or SIGTERM,
// so that a handout or workbook written then does not pass for the whole
// batch.
func interruptedNote(n int) string {
	return fmt.Sprintf("；审核被中断，另有 %d 个文件未处理，不在本结果中", n)
}

// failText says why a file could not be read, for a place that already
// names the file and says 无法读取 (a row of the overview): the error
// without its leading path and verdict.
func failText(path string, err error) string {
	msg := err.Error()
	for _, sep := range []string{": ", "："} { // the readers write either after the path
		msg = strings.TrimPrefix(msg, path+sep)
	}
	return strings.TrimPrefix(msg, "无法读取：")
}

// unreadable is the line under a file's heading when it could not be read:
// "无法读取：" and the reason, said once.
func unreadable(path string, err error) string {
	msg := failText(path, err)
	if strings.HasPrefix(msg, "无法读取") {
		return msg
	}
	return "无法读取：" + msg
}
