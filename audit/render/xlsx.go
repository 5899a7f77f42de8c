package render

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mattn/go-runewidth"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/compare"
	"github.com/nianbao/nianbao/internal/xlsx"
	"github.com/nianbao/nianbao/recognise/template"
	"github.com/nianbao/nianbao/rules"
)

// Sheet names of the workbook.
const (
	SheetSummary  = "汇总"
	SheetFindings = "问题清单"
	SheetData     = "数据"
	SheetCompare  = "对比"
	// SheetCompareCells lists every cell of each compared pair.
	SheetCompareCells = "对比明细"
	SheetRules        = "规则"
)

// xlsxEpoch is the fixed creation time written into the workbook's
// document properties, so that the same audit gives the same bytes.
var xlsxEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// sheetWriter fills one sheet row by row and remembers the widest text of
// each column, to size the columns for Chinese text at the end.
type sheetWriter struct {
	*xlsx.Sheet
	row   int
	width []int
}

func (s *sheetWriter) put(col, row int, v any, style int) {
	s.Set(col, row, v, style)
	for len(s.width) < col {
		s.width = append(s.width, 0)
	}
	w := runewidth.StringWidth(fmt.Sprint(v))
	if v == nil {
		w = 0
	}
	s.width[col-1] = max(s.width[col-1], w)
}

// note appends a row of one text in the first column that does not widen
// it: a sentence under a table, shown across the empty cells beside it.
func (s *sheetWriter) note(style int, text string) {
	s.row++
	s.Set(1, s.row, text, style)
}

// comment attaches a note to a cell (shown when the pointer rests on it).
func (s *sheetWriter) comment(col, row int, text string) {
	s.AddComment(col, row, "nianbao", text)
}

// line appends a row of values with one style.
func (s *sheetWriter) line(style int, vals ...any) {
	s.row++
	for i, v := range vals {
		s.put(i+1, s.row, v, style)
	}
}

// fit sets each column's width from its widest text (Chinese characters
// count two), between min and max characters.
func (s *sheetWriter) fit(minW, maxW int) {
	for i, w := range s.width {
		s.SetColWidth(i+1, i+1, float64(min(max(w+2, minW), maxW)))
	}
}

// printable sets up a sheet meant to be printed (汇总, 对比, 规则):
// A4 landscape, scaled to one page wide (as many pages down as it takes),
// its header rows repeated on every page. Without it a spreadsheet prints
// such a sheet one column per page. The data sheets (数据, 对比明细: hundreds
// of columns or thousands of rows) and 问题清单 (sixteen columns, long
// messages: the HTML handout prints the findings) are for filtering.
func (s *sheetWriter) printable(headRows, cols int) {
	// the print area ends at the last column, so that a long text in it
	// (running over the empty cells to its right on screen) does not widen
	// the printed page
	s.SetPrintArea(xlsx.Range{FromCol: 1, FromRow: 1, ToCol: cols, ToRow: max(s.row, headRows)})
	s.SetPageSetup(xlsx.PageSetup{Paper: xlsx.PaperA4, Landscape: true, FitToPage: true, FitWidth: 1, FitHeight: 0})
	s.SetPrintTitles(1, headRows)
}

// header styles row 1 (and 2 when two header rows), freezes it and puts an
// autofilter over the table when filter is set.
func (s *sheetWriter) finish(headRows, cols int, filter bool, freezeCols int) {
	if filter && s.row > headRows {
		s.AutoFilter(xlsx.Range{FromCol: 1, FromRow: headRows, ToCol: cols, ToRow: s.row})
	}
	s.Freeze(freezeCols, headRows)
}

type xlsxStyles struct {
	head, total, uncertain, wrap, percent int
	// ocr marks a number read from a picture (blue); ocrUncertain is the
	// uncertain shading with the same blue.
	ocr, ocrUncertain int
}

// Colours of the workbook.
const (
	headFill      = "DDEBF7" // light blue: header rows
	uncertainFill = "FFE699" // yellow: an uncertain reading
	ocrBlue       = "1F4E9A" // a number read from a picture
)

func newStyles(wb *xlsx.Workbook) (xlsxStyles, error) {
	var st xlsxStyles
	ocrFont := xlsx.Font{Color: ocrBlue, Italic: true}
	for _, s := range []struct {
		to    *int
		style xlsx.Style
	}{
		{&st.head, xlsx.Style{Font: xlsx.Font{Bold: true}, Fill: headFill, Border: []xlsx.Border{{Side: "bottom", Color: "808080", Line: "thin"}}}},
		{&st.total, xlsx.Style{Font: xlsx.Font{Bold: true}, Border: []xlsx.Border{{Side: "top", Color: "000000", Line: "thin"}}}},
		{&st.uncertain, xlsx.Style{Fill: uncertainFill}},
		{&st.ocr, xlsx.Style{Font: ocrFont}},
		{&st.ocrUncertain, xlsx.Style{Font: ocrFont, Fill: uncertainFill}},
		{&st.percent, xlsx.Style{NumFmt: 9}}, // 0%
		{&st.wrap, xlsx.Style{Align: xlsx.Alignment{Wrap: true, Vertical: "top"}}},
	} {
		var err error
		if *s.to, err = wb.AddStyle(s.style); err != nil {
			return st, err
		}
	}
	return st, nil
}

// AuditXLSX writes the workbook a district takes to its review meeting:
// 汇总 (one row per report and a totals row), 问题清单 (one row per finding,
// filterable), 数据 (one row per report, one column per cell key with its
// label in the template's words; blanks stay empty, uncertain readings are
// shaded and listed), 对比 (each report against its predecessor in the batch)
// and 规则 (the catalogue). The bytes depend only on the result.
func AuditXLSX(w io.Writer, res *audit.Result, opt Options) error {
	wb := xlsx.New()
	st, err := newStyles(wb)
	if err != nil {
		return err
	}
	sheets := map[string]*sheetWriter{}
	for _, n := range []string{SheetSummary, SheetFindings, SheetData, SheetCompare, SheetCompareCells, SheetRules} {
		sh, err := wb.AddSheet(n)
		if err != nil {
			return err
		}
		sheets[n] = &sheetWriter{Sheet: sh}
	}
	srows := summaryRows(res, opt.Sort)
	xlsxSummary(sheets[SheetSummary], res, srows, st)
	xlsxFindings(sheets[SheetFindings], res, srows, st)
	xlsxData(sheets[SheetData], res, srows, st)
	xlsxCompare(sheets[SheetCompare], sheets[SheetCompareCells], res, srows, st)
	xlsxRules(sheets[SheetRules], st)
	wb.SetActive(sheets[SheetSummary].Sheet)
	wb.SetProperties(xlsx.Properties{
		Creator: "nianbao", LastModifiedBy: "nianbao", Title: "政府信息公开工作年度报告审核结果",
		Created: xlsxEpoch, Modified: xlsxEpoch, Application: "nianbao",
	})
	// the first error met while filling a sheet names the sheet and cell
	return wb.Write(w)
}

func xlsxSummary(s *sheetWriter, res *audit.Result, srows []summaryRow, st xlsxStyles) {
	header := []any{"文件", "发布机关", "年度", "模板", "发布日期", "是否按期", "错误", "警告", "提示", "结论", "最主要的问题"}
	s.line(st.head, header...)
	var tot [4]int
	late, pass := 0, 0
	for _, r := range srows {
		if r.Err != nil {
			s.line(0, r.Path, nil, nil, nil, nil, nil, nil, nil, nil, r.Verdict, failText(r.Path, r.Err))
			continue
		}
		var year any
		if r.Year > 0 {
			year = r.Year
		}
		s.line(0, r.Path, r.Issuer, year, r.Template, r.Published, r.OnTime, r.Counts[3], r.Counts[2], r.Counts[1], r.Verdict, r.Top)
		for i := range tot {
			tot[i] += r.Counts[i]
		}
		if r.OnTime == "逾期" {
			late++
		}
		if r.Verdict == "通过" {
			pass++
		}
	}
	sum := res.Summary()
	s.line(st.total, fmt.Sprintf("合计：%d 份报告", sum.Reports), fmt.Sprintf("无法读取 %d 份", sum.FailedToRead), nil, nil, nil,
		fmt.Sprintf("逾期 %d 份", late), tot[3], tot[2], tot[1], fmt.Sprintf("通过 %d 份", pass), nil)
	if n := len(res.NotProcessed); n > 0 {
		s.note(st.total, strings.TrimPrefix(interruptedNote(n), "；"))
	}
	for _, list := range batchNotes(res, sum, pathName) {
		s.note(0, list.intro+"：")
		for _, l := range list.lines {
			s.note(0, l)
		}
	}
	s.fit(6, 60)
	s.finish(1, len(header), false, 0)
	s.printable(1, len(header))
}

// cellWords names cell keys in the template's words.
func cellWords(keys []string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = template.Describe(k)
	}
	return strings.Join(out, "；")
}

func xlsxFindings(s *sheetWriter, res *audit.Result, srows []summaryRow, st xlsxStyles) {
	header := []any{"文件", "发布机关", "年度", "规则", "类别", "严重程度", "结论", "说明", "单元格", "单元格编号", "应为", "实为", "页", "部分", "责任方", "指纹"}
	s.line(st.head, header...)
	for _, r := range srows {
		it := res.Items[r.Index]
		if it.Err != nil {
			s.line(0, it.Path, nil, nil, nil, nil, nil, "无法读取", failText(it.Path, it.Err))
			continue
		}
		var year any
		if r.Year > 0 {
			year = r.Year
		}
		for _, fd := range it.Findings {
			var page, part, exp, act any
			if fd.Location.Page > 0 && it.Report.Source.HasPages() {
				page = fd.Location.Page
			}
			if fd.Location.Section > 0 {
				part = partName(fd.Location.Section)
			}
			if fd.Expected != nil {
				exp = *fd.Expected
			}
			if fd.Actual != nil {
				act = *fd.Actual
			}
			who := "报告"
			if fd.Responsibility == rules.ResponsibilityExtraction {
				who = "提取"
			}
			s.line(0, it.Path, r.Issuer, year, fd.Rule, categoryNames[fd.Category], severityNames[fd.Severity], statusNames[fd.Status],
				fd.Message, cellWords(fd.Cells), strings.Join(fd.Cells, " "), exp, act, page, part, who, fd.Fingerprint)
		}
	}
	s.fit(6, 70)
	s.finish(1, len(header), true, 0)
}

func xlsxData(s *sheetWriter, res *audit.Result, srows []summaryRow, st xlsxStyles) {
	keys := DatasetKeys()
	meta := []any{"文件", "发布机关", "年度", "模板", "发布日期"}
	head1 := append(append([]any{}, meta...), anySlice(keys)...)
	head1 = append(head1, "存疑的单元格", "OCR识别的单元格数", "OCR未确认的单元格")
	head2 := make([]any, len(head1))
	copy(head2, meta)
	for i, k := range keys {
		head2[len(meta)+i] = template.Describe(k)
	}
	head2[len(head2)-3] = "（底色标出的读数不确定）"
	head2[len(head2)-2] = "（蓝色斜体的数字由OCR从图片识别）"
	head2[len(head2)-1] = "（置信度；批注中有说明）"
	s.line(st.head, head1...)
	s.line(st.head, head2...)
	for _, r := range srows {
		it := res.Items[r.Index]
		s.row++
		s.put(1, s.row, it.Path, 0)
		if it.Err != nil {
			continue
		}
		rep := it.Report
		if rep.Year > 0 {
			s.put(3, s.row, rep.Year, 0)
		}
		s.put(2, s.row, rep.Issuer, 0)
		s.put(4, s.row, templateName(rep.Template), 0)
		s.put(5, s.row, rep.Published, 0)
		var unsure, unconfirmed []string
		nOCR := 0
		for i, k := range keys {
			c, ok := rep.Cells[k]
			if !ok {
				continue
			}
			col := len(meta) + i + 1
			if c.Source != "" {
				nOCR++
				if !ocrConfirmed(c) {
					unconfirmed = append(unconfirmed, fmt.Sprintf("%s(%.2f)", k, c.Confidence))
					s.comment(col, s.row, template.Describe(k)+"："+ocrNote(c))
				}
			}
			if c.Uncertain {
				unsure = append(unsure, k)
			}
			if !c.Value.Valid {
				continue // blank or absent: an empty cell, never 0
			}
			style := 0
			switch {
			case c.Uncertain && c.Source != "":
				style = st.ocrUncertain
			case c.Uncertain:
				style = st.uncertain
			case c.Source != "":
				style = st.ocr
			}
			s.put(col, s.row, c.Value.V, style)
		}
		s.put(len(head1)-2, s.row, strings.Join(unsure, " "), 0)
		if nOCR > 0 {
			s.put(len(head1)-1, s.row, nOCR, 0)
			s.put(len(head1), s.row, strings.Join(unconfirmed, " "), 0)
		}
	}
	// Data columns: numbers are narrow; the label row would make them
	// huge, so their width follows the key, not the label.
	s.fit(8, 40)
	s.finish(2, len(head1), false, 2)
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func xlsxRules(s *sheetWriter, st xlsxStyles) {
	header := []any{"编号", "类别", "默认严重程度", "标题", "依据", "说明"}
	s.line(st.head, header...)
	for _, r := range rules.All() {
		s.line(0, r.ID, categoryNames[r.Category], severityNames[r.Severity], r.Title, r.Basis, r.Explanation)
	}
	s.fit(6, 60)
	s.finish(1, len(header), true, 0)
	s.printable(1, len(header))
	// 依据 and 说明 wrap (their body cells; the header keeps its style)
	s.SetColStyle(5, 6, st.wrap)
}

// xlsxCompare fills 对比 (one row per report whose predecessor is in the
// batch: the year/issuer check, the share of each part repeating last
// year's, the carry-over check, the number of changed cells) and 对比明细
// (every template cell of those pairs: old, new, change).
func xlsxCompare(s, d *sheetWriter, res *audit.Result, srows []summaryRow, st xlsxStyles) {
	header := []any{"本年报告", "上年报告", "发布机关", "上年年度", "本年年度", "注意"}
	for _, sec := range template.Sections {
		header = append(header, sec.Heading[:len("一")]+"与上年重复")
	}
	header = append(header, "最长的重复片段", "结转核对", "有变化的单元格", "相同的单元格")
	s.line(st.head, header...)
	d.line(st.head, "本年报告", "上年报告", "单元格编号", "单元格", "上年", "本年", "变化", "有变化", "读数存疑")
	prev := res.Predecessors()
	for _, r := range srows {
		j := prev[r.Index]
		if j < 0 {
			continue
		}
		cur, old := res.Items[r.Index], res.Items[j]
		c := compare.Reports(old.Report, cur.Report)
		row := []any{cur.Path, old.Path, cur.Report.Issuer, yearOrNil(c.Old.Year), yearOrNil(c.New.Year), strings.Join(c.Warnings, "；")}
		longest := ""
		for _, p := range c.Parts {
			switch {
			case !p.Present || !p.OldPresent || p.Runes < compare.MinPassageRunes:
				row = append(row, nil)
			default:
				row = append(row, p.Share)
			}
			if len(p.Passages) > 0 && (longest == "" || p.Passages[0].Runes() > len([]rune(longest))) {
				longest = p.Passages[0].Text
			}
		}
		carry := "无法核对"
		checked := 0
		for _, x := range c.Carry {
			if x.OK != nil {
				checked++
			}
		}
		switch {
		case c.CarryMismatches() > 0:
			carry = fmt.Sprintf("不一致（%d 列）", c.CarryMismatches())
		case checked > 0:
			carry = "一致"
		}
		changed := c.Changed()
		row = append(row, cutRunes(longest, 120), carry, changed, len(c.Cells)-changed)
		s.line(0, row...)
		s.SetStyle(xlsx.Range{FromCol: 7, FromRow: s.row, ToCol: 12, ToRow: s.row}, st.percent)
		for _, x := range c.Cells {
			d.line(0, cur.Path, old.Path, x.Key, x.Label, valueOrNil(x.Old), valueOrNil(x.New), valueOrNil(x.Change), map[bool]string{true: "是", false: ""}[x.Changed()],
				unsureYears(x))
		}
	}
	s.fit(6, 50)
	s.finish(1, len(header), true, 0)
	s.printable(1, len(header))
	d.fit(6, 60)
	d.finish(1, 9, true, 0)
}

// unsureYears says which year's reading of a compared cell is uncertain.
func unsureYears(x compare.Cell) string {
	switch {
	case x.OldUncertain && x.NewUncertain:
		return "两年"
	case x.OldUncertain:
		return "上年"
	case x.NewUncertain:
		return "本年"
	}
	return ""
}

func yearOrNil(y int) any {
	if y > 0 {
		return y
	}
	return nil
}

func valueOrNil(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func cutRunes(s string, n int) string {
	s = escapeLine(s)
	if rs := []rune(s); len(rs) > n {
		return string(rs[:n]) + "…"
	}
	return s
}
