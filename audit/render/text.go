package render

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/utf8out"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
	"github.com/nianbao/nianbao/rules"
)

// Number formats a cell value for people: integers without decimals,
// decimals as printed, blanks as "空", numbers read by OCR with "~",
// uncertain readings with "?".
func Number(c recognise.Cell, ok bool) string {
	if !ok {
		return "无"
	}
	if !c.Value.Valid {
		return "空"
	}
	s := strconv.FormatFloat(c.Value.V, 'f', -1, 64)
	if c.Source != "" {
		s += "~" // read from a picture by OCR
	}
	if c.Uncertain {
		s += "?"
	}
	return s
}

var formatNames = map[string]string{"pdf": "PDF", "html": "HTML", "text": "文本", "markdown": "Markdown", "docx": "Word", "image": "图片"}

// OCRSummary says how many table cells were read from pictures by OCR and
// how sure the readings are ("" when none was): the legend of the "~" mark.
func OCRSummary(r *recognise.Report) string {
	t := ocrCounts(r)
	n, agreed, unsure := t.N, t.Agreed, t.Unsure
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("“~”：由OCR从图片识别的数字，共%d格；其中%d格两次独立识别结果一致，%d格置信度低或未能识别（带“?”）；各格置信度见 --format json 的 cell_sources", n, agreed, unsure)
}

// GluedSummary is the legend of "?" on numbers not read by OCR: digits of
// several columns run together that split more than one way, or a cell that
// could not be placed ("" when there is none).
func GluedSummary(r *recognise.Report) string {
	n := 0
	for _, c := range r.Cells {
		if c.Uncertain && c.Source == "" {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("“?”：读数存疑的数字，共%d格（几栏数字连在一起、可有几种分法，或无法确定属于哪一栏）；各种可能的读数见 --format json 的 cell_sources", n)
}

var publishedFrom = map[string]string{"meta": "网页元数据", "page": "页面", "pdf-info": "PDF 文档属性", "docx-core": "Word 文档属性", "text": "正文落款", "manifest": "抓取时网页所载"}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// ExtractText prints a readable view of each report: metadata, the six
// parts, the three tables with the numbers as read, and extraction problems.
func ExtractText(w io.Writer, res *audit.Result, st Style) error {
	return batch(NewExtractText(w, st), res)
}

func extractOne(w io.Writer, r *recognise.Report, st Style) error {
	fmt.Fprintf(w, "文件：%s（%s，%d 页）\n", r.Source.Path, orDash(formatNames[string(r.Source.Format)]), r.Source.Pages)
	fmt.Fprintf(w, "标题：%s\n", orDash(r.Title))
	year := "—"
	if r.Year > 0 {
		year = strconv.Itoa(r.Year)
	}
	pub := orDash(r.Published)
	if r.Published != "" && publishedFrom[r.PublishedFrom] != "" {
		pub += "（" + publishedFrom[r.PublishedFrom] + "）"
	}
	line := fmt.Sprintf("发布机关：%s　年度：%s　模板：%s", orDash(r.Issuer), year, templateName(r.Template))
	if date := "发布日期：" + pub; runewidth.StringWidth(line+"　"+date) <= st.width() {
		fmt.Fprintf(w, "%s　%s\n", line, date)
	} else { // the date on a line of its own rather than wrapped by the terminal
		fmt.Fprintf(w, "%s\n%s\n", line, date)
	}
	fmt.Fprintln(w, "六个部分：")
	for i, s := range r.Sections {
		if s.Present {
			if r.Source.HasPages() {
				fmt.Fprintf(w, "  %d ✓ %s（第%d页）\n", i+1, s.Heading, s.Page)
			} else {
				fmt.Fprintf(w, "  %d ✓ %s\n", i+1, s.Heading)
			}
		} else {
			fmt.Fprintf(w, "  %d ✗ 缺少：%s\n", i+1, template.Sections[i].Heading)
		}
	}
	if err := table2(w, r, st); err != nil {
		return err
	}
	if err := table3(w, r, st); err != nil {
		return err
	}
	if err := table4(w, r, st); err != nil {
		return err
	}
	if line := OCRSummary(r); line != "" {
		fmt.Fprintln(w, line)
	}
	if line := GluedSummary(r); line != "" {
		fmt.Fprintln(w, line)
	}
	if len(r.Figures) > 0 {
		fmt.Fprintf(w, "正文中的数字（%d 个）：\n", len(r.Figures))
		for _, f := range r.Figures {
			fmt.Fprintf(w, "  %s %s%s　“%s”\n", orDash(f.Subject), strconv.FormatFloat(f.Value, 'f', -1, 64), f.Unit, f.Text)
		}
	}
	for _, p := range extract.Summarize(r.Problems, r.Source.HasPages()) {
		fmt.Fprintf(w, "提取问题：%s\n", p)
	}
	return nil
}

func templateName(v template.Version) string {
	switch v {
	case template.V2021:
		return "2021 版"
	case template.V2019:
		return "2019 版"
	}
	return "未识别"
}

func tableState(w io.Writer, title string, t recognise.TableState, paged bool) bool {
	switch {
	case t.Found:
		where := ""
		if t.Page > 0 && paged {
			where = fmt.Sprintf("（第%d页）", t.Page)
		}
		fmt.Fprintf(w, "\n%s%s\n", title, where)
		return true
	case t.Sentence != "":
		fmt.Fprintf(w, "\n%s：以文字代替表格：“%s”\n", title, t.Sentence)
	case t.HeadingOnly:
		fmt.Fprintf(w, "\n%s：只有标题，没有表格数字（可能以图片发布）\n", title)
	default:
		fmt.Fprintf(w, "\n%s：未找到\n", title)
	}
	return false
}

func table2(w io.Writer, r *recognise.Report, st Style) error {
	if !tableState(w, "表二 主动公开政府信息情况", r.Tables.T2, r.Source.HasPages()) {
		return nil
	}
	var rows [][]string
	for _, row := range template.T2RowsFor(r.Template) {
		for _, c := range row.Columns {
			cell, ok := r.Cells["t2."+row.Key+"."+c.Key]
			rows = append(rows, []string{row.Block, row.Label, c.Label, Number(cell, ok)})
		}
	}
	return grid(w, st, []string{"条款", "信息内容", "栏目", "数值"}, rows, map[int]bool{3: true})
}

// t3Short are compact row labels for the terminal.
var t3Short = map[string]string{
	"new": "一、本年新收", "carried_over": "二、上年结转",
	"granted": "（一）予以公开", "partial": "（二）部分公开",
	"other.all": "（六）其他处理", "total": "（七）总计", "carried_forward": "四、结转下年度",
}

func t3Label(row template.Row) string {
	if s, ok := t3Short[row.Key]; ok {
		return s
	}
	group := row.Group
	if i := strings.Index(group, "）"); i > 0 {
		group = group[:i+len("）")] // "（三）不予公开" → "（三）"
	}
	label := row.Label
	if rs := []rune(label); len(rs) > 14 {
		label = string(rs[:13]) + "…"
	}
	return group + label
}

func table3(w io.Writer, r *recognise.Report, st Style) error {
	if !tableState(w, "表三 收到和处理政府信息公开申请情况", r.Tables.T3, r.Source.HasPages()) {
		return nil
	}
	header := []string{"项目"}
	for _, c := range template.T3Columns {
		header = append(header, c.Label)
	}
	right := map[int]bool{}
	for i := 1; i < len(header); i++ {
		right[i] = true
	}
	var rows [][]string
	for _, row := range template.T3Rows {
		if _, ok := r.Cells[template.T3Key(row.Key, "total")]; !ok {
			if _, ok := r.Cells[template.T3Key(row.Key, "natural")]; !ok {
				continue
			}
		}
		line := []string{t3Label(row)}
		for _, c := range template.T3Columns {
			cell, ok := r.Cells[template.T3Key(row.Key, c.Key)]
			line = append(line, Number(cell, ok))
		}
		rows = append(rows, line)
	}
	fitColumns(header, rows, []int{0}, st.width(), 16)
	short := boxWidth(header, rows) > st.width()
	if short {
		// the applicants' headers are the widest part: on a narrow
		// terminal they are cut to two characters, said below the table
		for i, c := range template.T3Columns {
			if s, ok := t3ShortColumn[c.Key]; ok {
				header[i+1] = s
			}
		}
	}
	if err := grid(w, st, header, rows, right); err != nil {
		return err
	}
	if short {
		_, err := fmt.Fprintln(w, t3ShortLegend)
		return err
	}
	return nil
}

// t3ShortColumn are the applicant columns' headers of table 三 on a narrow
// terminal, and t3ShortLegend says what they stand for.
var t3ShortColumn = map[string]string{"commercial": "商业", "research": "科研", "social": "公益", "legal": "法律"}

const t3ShortLegend = "（商业：商业企业；科研：科研机构；公益：社会公益组织；法律：法律服务机构）"

func table4(w io.Writer, r *recognise.Report, st Style) error {
	if !tableState(w, "表四 政府信息公开行政复议、行政诉讼情况", r.Tables.T4, r.Source.HasPages()) {
		return nil
	}
	header := []string{"类别"}
	for _, c := range template.T4Columns {
		header = append(header, c.Label)
	}
	right := map[int]bool{1: true, 2: true, 3: true, 4: true, 5: true}
	var rows [][]string
	names := []string{"行政复议", "行政诉讼·未经复议直接起诉", "行政诉讼·复议后起诉"}
	for i, g := range template.T4Groups {
		line := []string{names[i]}
		for _, c := range template.T4Columns {
			cell, ok := r.Cells[template.T4Key(g.Key, c.Key)]
			line = append(line, Number(cell, ok))
		}
		rows = append(rows, line)
	}
	return grid(w, st, header, rows, right)
}

// displayNames are the file names of the summary table: the base name, or,
// where two files share a base name, as many of the last folders of their
// paths as tell them apart (2023/a.pdf and 2024/a.pdf; the report folders
// of a crawl, 2024-某某区…报告/page.html).
func displayNames(items []audit.Item) []string {
	parts := make([][]string, len(items))
	depth := make([]int, len(items))
	for i, it := range items {
		parts[i] = strings.Split(filepath.ToSlash(filepath.Clean(it.Path)), "/")
		depth[i] = 1
	}
	name := func(i int) string {
		p := parts[i]
		return strings.Join(p[len(p)-min(depth[i], len(p)):], "/")
	}
	for {
		groups := map[string][]int{}
		for i := range items {
			groups[name(i)] = append(groups[name(i)], i)
		}
		grew := false
		for _, g := range groups {
			if len(g) < 2 {
				continue
			}
			for _, i := range g {
				if depth[i] < len(parts[i]) {
					depth[i]++
					grew = true
				}
			}
		}
		if !grew {
			break
		}
	}
	names := make([]string, len(items))
	for i := range items {
		names[i] = utf8out.Show(name(i)) // a name in GBK bytes, read as meant
	}
	return names
}

var severityNames = map[rules.Severity]string{rules.SeverityError: "错误", rules.SeverityWarning: "警告", rules.SeverityInfo: "提示"}

var statusNames = map[rules.Status]string{rules.StatusFail: "不符合", rules.StatusUncertain: "存疑", rules.StatusNotAssessable: "无法判断"}

// TerminalWidth is the width the audit summary table fits unless
// Style.Wide or Style.Width is set.
const TerminalWidth = 100

// narrowTerminal is the width below which the summary table leaves out its
// 模板 column (unless Style.Wide).
const narrowTerminal = 90

// AuditText prints the summary table (one row per report, in opt.Sort
// order), then the findings of each report in the same order, then a
// totals line. The table fits opt.Style.Width (default TerminalWidth)
// columns: long file names and issuers are shortened in the middle unless
// opt.Style.Wide.
func AuditText(w io.Writer, res *audit.Result, opt Options) error {
	header := []string{"文件", "发布机关", "年度", "模板", "错误", "警告", "提示", "结论"}
	srows := summaryRows(res, opt.Sort)
	rows := make([][]string, 0, len(srows))
	for _, r := range srows {
		if r.Err != nil {
			rows = append(rows, []string{r.Name, "—", "—", "—", "—", "—", "—", r.Verdict})
			continue
		}
		rows = append(rows, []string{r.Name, orDash(r.Issuer), yearText(r.Year), r.Template,
			strconv.Itoa(r.Counts[3]), strconv.Itoa(r.Counts[2]), strconv.Itoa(r.Counts[1]), r.Verdict})
	}
	right := map[int]bool{4: true, 5: true, 6: true}
	if !opt.Style.Wide {
		if opt.Style.width() < narrowTerminal {
			// the template is the least needed column: give its room to
			// the file names and issuers
			header = slices.Delete(header, 3, 4)
			for i := range rows {
				rows[i] = slices.Delete(rows[i], 3, 4)
			}
			right = map[int]bool{3: true, 4: true, 5: true}
		}
		fitColumns(header, rows, []int{0, 1}, opt.Style.width(), 10)
	}
	if err := grid(w, opt.Style, header, rows, right); err != nil {
		return err
	}
	for _, sr := range srows {
		it := res.Items[sr.Index]
		if it.Err != nil {
			fmt.Fprintf(w, "\n%s\n  %s\n", it.Path, unreadable(it.Path, it.Err))
			continue
		}
		if len(it.Findings) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s\n", it.Path)
		for _, f := range it.Findings {
			loc := ""
			if f.Location.Page > 0 && it.Report.Source.HasPages() { // other formats have no pages
				loc = fmt.Sprintf("第%d页 ", f.Location.Page)
			}
			if f.Location.Section > 0 {
				loc += partName(f.Location.Section) + " "
			}
			fmt.Fprintf(w, "  [%s/%s] %s %s%s%s\n", severityNames[f.Severity], statusNames[f.Status], f.Rule, loc, f.Message, extractionNote(f))
		}
	}
	sum := res.Summary()
	for _, list := range batchNotes(res, sum, overviewName(res)) {
		fmt.Fprintf(w, "\n%s：\n", list.intro)
		for _, l := range list.lines {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
	fmt.Fprintf(w, "\n%s\n", totalsLine(res, sum))
	return nil
}
