package render

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/audit"
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

// partName is "第五部分" for section 5.
func partName(n int) string {
	if n < 1 || n > 6 {
		return ""
	}
	return "第" + template.Sections[n-1].Heading[:len("一")] + "部分"
}

// totalsLine is the last line of the text and Markdown outputs; s is
// res.Summary(), which the caller has at hand.
func totalsLine(res *audit.Result, s audit.Summary) string {
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
