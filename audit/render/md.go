package render

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/internal/ownoutput"
)

// mdEscape makes text safe inside a Markdown paragraph or table cell
// (CommonMark + GFM tables): ASCII punctuation that could start markup is
// backslash-escaped, "|" included, and line breaks become spaces.
func mdEscape(s string) string {
	s = escapeLine(s)
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|#!~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdTable writes a GFM table; right marks right-aligned (numeric) columns.
func mdTable(w *bufio.Writer, header []string, rows [][]string, right map[int]bool) {
	w.WriteString("|")
	for _, h := range header {
		w.WriteString(" " + mdEscape(h) + " |")
	}
	w.WriteString("\n|")
	for i := range header {
		if right[i] {
			w.WriteString("---:|")
		} else {
			w.WriteString("---|")
		}
	}
	w.WriteString("\n")
	for _, r := range rows {
		w.WriteString("|")
		for _, c := range r {
			w.WriteString(" " + mdEscape(c) + " |")
		}
		w.WriteString("\n")
	}
}

// AuditMarkdown writes a summary for meeting minutes: the overview table
// (one row per report, in opt.Sort order), then each report's findings,
// then the totals line.
func AuditMarkdown(w io.Writer, res *audit.Result, opt Options) error {
	bw := bufio.NewWriter(w)
	srows := summaryRows(res, opt.Sort)
	bw.WriteString(ownoutput.MarkdownTitle + "\n")
	sum := res.Summary()
	bw.WriteString(totalsLine(res, sum) + "。\n\n")
	for _, list := range batchNotes(res, sum, overviewName(res)) {
		bw.WriteString(list.intro + "：\n\n")
		for _, l := range list.lines {
			bw.WriteString("- " + mdEscape(l) + "\n")
		}
		bw.WriteString("\n")
	}
	bw.WriteString("## 汇总\n\n")
	header := []string{"序号", "文件", "发布机关", "年度", "发布日期", "是否按期", "错误", "警告", "提示", "结论"}
	var rows [][]string
	for i, r := range srows {
		if r.Err != nil {
			rows = append(rows, []string{strconv.Itoa(i + 1), r.Name, "", "", "", "", "", "", "", r.Verdict})
			continue
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), r.Name, orDash(r.Issuer), yearText(r.Year), orDash(r.Published), r.OnTime,
			strconv.Itoa(r.Counts[3]), strconv.Itoa(r.Counts[2]), strconv.Itoa(r.Counts[1]), r.Verdict})
	}
	mdTable(bw, header, rows, map[int]bool{0: true, 6: true, 7: true, 8: true})
	bw.WriteString("\n## 各报告的问题\n")
	for i, r := range srows {
		it := res.Items[r.Index]
		fmt.Fprintf(bw, "\n### %d. %s\n\n", i+1, mdEscape(r.Name))
		if it.Err != nil {
			fmt.Fprintf(bw, "%s\n", mdEscape(unreadable(it.Path, it.Err)))
			continue
		}
		fmt.Fprintf(bw, "发布机关：%s；年度：%s；模板：%s；发布日期：%s（%s）。\n\n",
			mdEscape(orDash(r.Issuer)), yearText(r.Year), r.Template, mdEscape(orDash(r.Published)), r.OnTime)
		if u := sourceURL(it); u != "" {
			fmt.Fprintf(bw, "来源网址：<%s>\n\n", u)
		}
		if len(it.Findings) == 0 {
			bw.WriteString("未发现问题。\n")
			continue
		}
		for _, f := range it.Findings {
			var where []string
			if f.Location.Page > 0 && it.Report.Source.HasPages() {
				where = append(where, fmt.Sprintf("第%d页", f.Location.Page))
			}
			if f.Location.Section > 0 {
				where = append(where, partName(f.Location.Section))
			}
			loc := ""
			if len(where) > 0 {
				loc = "（" + strings.Join(where, "，") + "）"
			}
			fmt.Fprintf(bw, "- **%s/%s** `%s`%s：%s%s\n", severityNames[f.Severity], statusNames[f.Status], f.Rule, loc, mdEscape(f.Message), extractionNote(f))
		}
		if it.Waived > 0 {
			fmt.Fprintf(bw, "\n另有 %d 条已在基线中接受。\n", it.Waived)
		}
	}
	return bw.Flush()
}
