package render_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
	"github.com/nianbao/nianbao/rules"
)

// The renderer goldens are built from a result written out by hand below,
// not from running the pipeline on documents: a change in extraction,
// recognition or the rules cannot move them, and every renderer path is
// there on purpose:
//
//   - 2023/city.html: a clean 2021-format report from a web page (no pages),
//     a blank cell, a glued digit run read as uncertain with alternatives,
//     one finding waived by the baseline;
//   - 2024/city.pdf: the same body's next report, a paged PDF whose table 三
//     was read by OCR (confident and agreed, confident but not agreed, low
//     confidence and so uncertain), with findings of every status and
//     severity, a cross-report finding (CONS-CARRYOVER against 2023/city.html),
//     a missing part 五, table 二 replaced by a sentence and table 四 a
//     heading only;
//   - county-edu.docx: a 2022 report on the 2019 template (table 三 with the
//     one-row （六）其他处理, the 2019 table 二);
//   - broken.pdf: a file that could not be read.

// t3Value is a deterministic, plausible value for a table 三 cell: small
// counts, the natural-person column largest.
func t3Value(row, col int) float64 { return float64((row*7+col*3)%11) + float64(6-min(col, 6)) }

func cell(key string, v float64, page int) recognise.Cell {
	return recognise.Cell{Key: key, Value: recognise.Num(v), Page: page, Text: fmt.Sprint(v)}
}

// fillTables puts a value under every key of tables 二/三/四 of version v.
func fillTables(cells map[string]recognise.Cell, v template.Version, page int) {
	for i, k := range template.T2Keys(v) {
		cells[k] = cell(k, float64(i*3%17), page)
	}
	for ri, r := range template.T3RowsFor(v) {
		for ci, c := range template.T3Columns {
			k := template.T3Key(r.Key, c.Key)
			cells[k] = cell(k, t3Value(ri, ci), page+1)
		}
	}
	for i, k := range template.T4Keys() {
		cells[k] = cell(k, float64(i%4), page+1)
	}
}

func sections(missing ...int) [6]recognise.Section {
	var s [6]recognise.Section
	for i := range s {
		s[i] = recognise.Section{N: i + 1, Heading: template.Sections[i].Heading, Present: true, Page: i/2 + 1,
			Text: "本部分正文。"}
	}
	for _, n := range missing {
		s[n-1] = recognise.Section{N: n}
	}
	return s
}

func ptr(v float64) *float64 { return &v }

func handmadeResult() *audit.Result {
	found := recognise.TableState{Found: true}

	// 2023/city.html
	c23 := map[string]recognise.Cell{}
	fillTables(c23, template.V2021, 0)
	c23["t2.fees.amount"] = recognise.Cell{Key: "t2.fees.amount", Text: "—"} // blank
	c23["t3.granted.natural"] = recognise.Cell{Key: "t3.granted.natural", Value: recognise.Num(12), Text: "1213",
		Uncertain: true, Alternatives: []float64{121}}
	c23["t3.carried_forward.natural"] = cell("t3.carried_forward.natural", 3, 0)
	r23 := &recognise.Report{
		Source:   recognise.Source{Path: "2023/city.html", Format: extract.FormatHTML, SHA256: strings.Repeat("a", 64), Pages: 1},
		Title:    "某市人民政府办公室2023年政府信息公开工作年度报告",
		Issuer:   "某市人民政府办公室",
		Year:     2023,
		Template: template.V2021, Published: "2024-01-20", PublishedFrom: "meta",
		Sections: sections(),
		Tables:   recognise.Tables{T2: found, T3: found, T4: found},
		Cells:    c23,
		Figures: []recognise.Figure{{Value: 1820, Unit: "条", Subject: "主动公开政府信息", Text: "全年主动公开政府信息1820条",
			Section: 1}, {Value: 39, Unit: "件", Subject: "政府信息公开申请", Text: "收到政府信息公开申请39件", Section: 1,
			About: []recognise.About{{Topic: "t3.new"}}}},
	}

	// 2024/city.pdf: table 三 read by OCR on page 6.
	c24 := map[string]recognise.Cell{}
	fillTables(c24, template.V2021, 5)
	for k, c := range c24 {
		if !strings.HasPrefix(k, "t3.") {
			delete(c24, k) // tables 二 and 四 are not there
			continue
		}
		c.Source, c.Confidence, c.Agreed = "ocr", 0.93, true
		c24[k] = c
	}
	for _, col := range template.T3Columns { // 上年结转 = last year's 结转下年度 …
		k := template.T3Key("carried_over", col.Key)
		c := c24[k]
		c.Value, c.Text = c23[template.T3Key("carried_forward", col.Key)].Value, c23[template.T3Key("carried_forward", col.Key)].Text
		c24[k] = c
	}
	c24["t3.carried_over.natural"] = recognise.Cell{ // … except in one column
		Key: "t3.carried_over.natural", Value: recognise.Num(5), Page: 6, Text: "5",
		Source: "ocr", Confidence: 0.91, Agreed: true}
	c24["t3.total.total"] = recognise.Cell{Key: "t3.total.total", Value: recognise.Num(118), Page: 6, Text: "118",
		Source: "ocr", Confidence: 0.88} // not confirmed by the second reading
	c24["t3.denied.process.natural"] = recognise.Cell{Key: "t3.denied.process.natural", Value: recognise.Num(7), Page: 6, Text: "7",
		Source: "ocr", Confidence: 0.21, Uncertain: true, Alternatives: []float64{1}}
	c24["t3.rejected.duplicate.legal"] = recognise.Cell{Key: "t3.rejected.duplicate.legal", Page: 6, Source: "ocr",
		Confidence: 0.12, Uncertain: true} // unreadable
	r24 := &recognise.Report{
		Source:   recognise.Source{Path: "2024/city.pdf", Format: extract.FormatPDF, SHA256: strings.Repeat("b", 64), Pages: 9, Paged: true},
		Title:    "某市人民政府办公室2024年政府信息公开工作年度报告",
		Issuer:   "某市人民政府办公室",
		Year:     2024,
		Template: template.V2021, Published: "2025-02-10", PublishedFrom: "pdf-info",
		Sections: sections(5),
		Tables: recognise.Tables{
			T2: recognise.TableState{Sentence: "本年度未制发规章和行政规范性文件。", Page: 4},
			T3: recognise.TableState{Found: true, Page: 6},
			T4: recognise.TableState{HeadingOnly: true, Page: 7},
		},
		Cells:    c24,
		Problems: []extract.Problem{{Code: extract.ProblemScanned, Message: "第6页是扫描图片，表格数字由OCR识别", Page: 6}},
	}
	f24 := []rules.Finding{
		{Rule: "ARITH-T3-BALANCE", Category: rules.CategoryArithmetic, Status: rules.StatusFail, Severity: rules.SeverityError,
			Message:  "表三“总计”列：第一项加第二项之和（120）不等于第三项加第四项之和（118）",
			Cells:    []string{"t3.new.total", "t3.carried_over.total", "t3.total.total", "t3.carried_forward.total"},
			Expected: ptr(120), Actual: ptr(118), Location: rules.Location{Page: 6, Section: 3},
			Responsibility: rules.ResponsibilityReport, Fingerprint: "arith-t3-balance:total"},
		{Rule: "COMPL-SECTIONS", Category: rules.CategoryCompleteness, Status: rules.StatusFail, Severity: rules.SeverityError,
			Message: "缺少第五部分“存在的主要问题及改进情况”（标题和正文均无）", Responsibility: rules.ResponsibilityReport,
			Fingerprint: "compl-sections:5"},
		{Rule: "CONS-CARRYOVER", Category: rules.CategoryConsistency, Status: rules.StatusFail, Severity: rules.SeverityWarning,
			Message:  "“自然人”列上年结转（5）与2023年报告的结转下年度（3）不一致",
			Cells:    []string{"t3.carried_forward.natural", "t3.carried_over.natural"},
			Expected: ptr(3), Actual: ptr(5), Location: rules.Location{Page: 6, Section: 3},
			Responsibility: rules.ResponsibilityReport, Fingerprint: "cons-carryover:natural"},
		{Rule: "ARITH-T3-TOTAL", Category: rules.CategoryArithmetic, Status: rules.StatusUncertain, Severity: rules.SeverityWarning,
			Message: "表三“自然人”列：各办理结果之和（118）不等于（七）总计（120）；可能是提取问题：其中表三“6.属于四类过程性信息”行“自然人”列由OCR从图片识别，未经两次独立识别确认",
			Cells:   []string{"t3.total.natural", "t3.denied.process.natural"}, Location: rules.Location{Page: 6, Section: 3},
			Responsibility: rules.ResponsibilityExtraction, Fingerprint: "arith-t3-total:natural"},
		{Rule: "FORMAT-TABLE-IMAGE", Category: rules.CategoryFormat, Status: rules.StatusNotAssessable, Severity: rules.SeverityInfo,
			Message: "表四只有标题，没有表格数字（可能以图片发布），无法核对", Location: rules.Location{Page: 7, Section: 4},
			Responsibility: rules.ResponsibilityReport, Fingerprint: "format-table-image:t4"},
	}

	// county-edu.docx: the 2019 template in a 2022 report.
	c22 := map[string]recognise.Cell{}
	fillTables(c22, template.V2019, 0)
	for k, c := range c22 {
		c.Page = 0 // a Word file has no fixed pages
		if strings.HasPrefix(k, "t2.regulations.") || strings.HasPrefix(k, "t4.suit_after_review.") {
			c = recognise.Cell{Key: k, Uncertain: true} // not printed at all
		}
		c22[k] = c
	}
	r22 := &recognise.Report{
		Source:   recognise.Source{Path: "county-edu.docx", Format: extract.FormatDOCX, SHA256: strings.Repeat("c", 64)},
		Title:    "某县教育局2022年政府信息公开工作年度报告",
		Issuer:   "某县教育局",
		Year:     2022,
		Template: template.V2019, Published: "2023-03-05", PublishedFrom: "text",
		Sections: sections(),
		Tables: recognise.Tables{T2: recognise.TableState{Found: true, MissingRows: []string{"regulations"}}, T3: found,
			T4: recognise.TableState{Found: true, MissingGroups: []string{"suit_after_review"}}},
		Cells: c22,
	}
	f22 := []rules.Finding{
		{Rule: "FORMAT-TEMPLATE-2019", Category: rules.CategoryFormat, Status: rules.StatusFail, Severity: rules.SeverityWarning,
			Message: "2022年度报告仍使用2019年版格式（表二、表三）", Responsibility: rules.ResponsibilityReport,
			Fingerprint: "format-template-2019"},
		{Rule: "TIME-DEADLINE", Category: rules.CategoryTimeliness, Status: rules.StatusUncertain, Severity: rules.SeverityInfo,
			Message: "落款日期2023年3月5日晚于1月31日；是否逾期取决于报告主体的层级", Responsibility: rules.ResponsibilityReport,
			Fingerprint: "time-deadline"},
	}

	// 2023/city.pdf: the 2023 report again, as the PDF attached to its page,
	// with one number different (a copy the outputs list).
	c23pdf := maps.Clone(c23)
	n := c23pdf["t3.new.natural"]
	n.Value = recognise.Num(n.Value.V + 1)
	c23pdf["t3.new.natural"] = n
	r23pdf := *r23
	r23pdf.Source = recognise.Source{Path: "2023/city.pdf", Format: extract.FormatPDF, SHA256: strings.Repeat("d", 64), Pages: 8, Paged: true}
	r23pdf.Cells = c23pdf

	return &audit.Result{Items: []audit.Item{
		{Path: "2023/city.html", Report: r23, Waived: 1},
		{Path: "2024/city.pdf", Report: r24, Findings: f24},
		{Path: "county-edu.docx", Report: r22, Findings: f22},
		{Path: "broken.pdf", Err: errors.New("broken.pdf: 无法读取 PDF：找不到交叉引用表（文件可能已损坏）")},
		{Path: "2023/city.pdf", Report: &r23pdf},
	}, Unread: []audit.Unread{{Path: "2024/county.ofd", What: "OFD 版式文件（请用 OFD 阅读器，如数科、福昕，另存为 PDF 后再读取）"}}}
}

// TestRendererGoldens renders the hand-made result in every audit and
// extract format and compares each with its golden file under
// testdata/handmade (make golden PKG=./audit/render rewrites them).
func TestRendererGoldens(t *testing.T) {
	res := handmadeResult()
	dir := filepath.Join("testdata", "handmade")
	for _, name := range render.Names(render.AuditFormats) {
		f := render.AuditFormats[name]
		var b bytes.Buffer
		if err := f.Write(&b, res, render.Options{Sort: render.SortSeverity}); err != nil {
			t.Fatalf("audit %s: %v", name, err)
		}
		got := b.String()
		if f.Binary {
			got = dumpXLSX(t, b.Bytes())
			name += ".txt"
		}
		testutil.Golden(t, filepath.Join(dir, "audit."+name), got, *update)
	}
	for _, name := range render.Names(render.ExtractFormats) {
		var b bytes.Buffer
		if err := render.ExtractFormats[name].Write(&b, res, render.Options{}); err != nil {
			t.Fatalf("extract %s: %v", name, err)
		}
		testutil.Golden(t, filepath.Join(dir, "extract."+name), b.String(), *update)
	}
}

// dumpXLSX opens a workbook with excelize and writes it out as text: the
// workbook's properties, active sheet and defined names; per sheet its rows
// (tab-separated), then every styled cell of the body with its fill colour
// and font colour, then the cell comments, then its layout (header style,
// column widths and styles, frozen panes, autofilter, page setup).
func dumpXLSX(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open workbook: %v", err)
	}
	defer f.Close()
	var b strings.Builder
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "properties: title=%s creator=%s modifiedBy=%s created=%s modified=%s\n",
		props.Title, props.Creator, props.LastModifiedBy, props.Created, props.Modified)
	fmt.Fprintf(&b, "active sheet: %s\n", f.GetSheetName(f.GetActiveSheetIndex()))
	for _, d := range f.GetDefinedName() {
		fmt.Fprintf(&b, "name: [%s] %s = %s\n", d.Scope, d.Name, d.RefersTo)
	}
	filters := autoFilters(t, data)
	for i, sh := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s ==\n", sh)
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b.WriteString(strings.ReplaceAll(strings.Join(r, "\t"), "\n", `\n`) + "\n")
		}
		var styled []string
		for ri, r := range rows {
			for ci := range r {
				ref, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
				id, err := f.GetCellStyle(sh, ref)
				if err != nil || id == 0 {
					continue
				}
				st, err := f.GetStyle(id)
				if err != nil {
					t.Fatal(err)
				}
				// header rows (their blue fill) are left out
				if desc := describeStyle(st); desc != "" && !slices.Contains(st.Fill.Color, "DDEBF7") {
					styled = append(styled, ref+" "+desc)
				}
			}
		}
		if len(styled) > 0 {
			b.WriteString("-- styles --\n" + strings.Join(styled, "\n") + "\n")
		}
		comments, err := f.GetComments(sh)
		if err != nil {
			t.Fatal(err)
		}
		sort.Slice(comments, func(i, j int) bool { return comments[i].Cell < comments[j].Cell })
		if len(comments) > 0 {
			b.WriteString("-- comments --\n")
		}
		for _, c := range comments {
			text := c.Text
			for _, p := range c.Paragraph {
				text += p.Text
			}
			fmt.Fprintf(&b, "%s [%s] %s\n", c.Cell, c.Author, strings.ReplaceAll(text, "\n", `\n`))
		}
		b.WriteString("-- layout --\n")
		if id, err := f.GetCellStyle(sh, "A1"); err == nil && id != 0 {
			st, err := f.GetStyle(id)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "header: %s\n", describeStyle(st))
		}
		var widths []string
		ncols := 0
		for _, r := range rows {
			ncols = max(ncols, len(r))
		}
		for c := 1; c <= ncols; c++ {
			name, _ := excelize.ColumnNumberToName(c)
			w, err := f.GetColWidth(sh, name)
			if err != nil {
				t.Fatal(err)
			}
			item := fmt.Sprintf("%s=%g", name, w)
			if id, err := f.GetColStyle(sh, name); err == nil && id != 0 {
				st, err := f.GetStyle(id)
				if err != nil {
					t.Fatal(err)
				}
				item += "(" + describeStyle(st) + ")"
			}
			widths = append(widths, item)
		}
		fmt.Fprintf(&b, "widths: %s\n", strings.Join(widths, " "))
		panes, err := f.GetPanes(sh)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "panes: freeze=%v x=%d y=%d topLeft=%s active=%s\n", panes.Freeze, panes.XSplit, panes.YSplit, panes.TopLeftCell, panes.ActivePane)
		if i < len(filters) && filters[i] != "" {
			fmt.Fprintf(&b, "autofilter: %s\n", filters[i])
		}
		pl, err := f.GetPageLayout(sh)
		if err != nil {
			t.Fatal(err)
		}
		sp, err := f.GetSheetProps(sh)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Orientation != nil {
			fmt.Fprintf(&b, "page: %s size=%d fitToWidth=%d fitToHeight=%d fitToPage=%v\n",
				*pl.Orientation, deref(pl.Size), deref(pl.FitToWidth), deref(pl.FitToHeight), sp.FitToPage != nil && *sp.FitToPage)
		}
	}
	return b.String()
}

func deref(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

// describeStyle names what a cell style sets: fill and font colours, bold,
// italic, borders, number format, wrapping.
func describeStyle(st *excelize.Style) string {
	var desc []string
	if len(st.Fill.Color) > 0 {
		desc = append(desc, "fill="+strings.Join(st.Fill.Color, ","))
	}
	if st.Font != nil && st.Font.Color != "" {
		desc = append(desc, "font="+st.Font.Color)
	}
	if st.Font != nil && st.Font.Bold {
		desc = append(desc, "bold")
	}
	if st.Font != nil && st.Font.Italic {
		desc = append(desc, "italic")
	}
	for _, bd := range st.Border {
		desc = append(desc, fmt.Sprintf("border=%s:%s:%d", bd.Type, bd.Color, bd.Style))
	}
	if st.NumFmt != 0 {
		desc = append(desc, fmt.Sprintf("numfmt=%d", st.NumFmt))
	}
	if a := st.Alignment; a != nil && (a.WrapText || a.Vertical != "" || a.Horizontal != "") {
		desc = append(desc, fmt.Sprintf("align=%s/%s/wrap=%v", a.Horizontal, a.Vertical, a.WrapText))
	}
	return strings.Join(desc, " ")
}

// autoFilters reads the autofilter range of each worksheet part (in sheet
// order; excelize has no getter for it), without the $ signs.
func autoFilters(t *testing.T, data []byte) []string {
	t.Helper()
	var out []string
	for i := 1; ; i++ {
		part, ok := zipPart(t, data, fmt.Sprintf("xl/worksheets/sheet%d.xml", i))
		if !ok {
			return out
		}
		var ws struct {
			AutoFilter *struct {
				Ref string `xml:"ref,attr"`
			} `xml:"autoFilter"`
		}
		if err := xml.Unmarshal(part, &ws); err != nil {
			t.Fatalf("sheet%d.xml: %v", i, err)
		}
		ref := ""
		if ws.AutoFilter != nil {
			ref = strings.ReplaceAll(ws.AutoFilter.Ref, "$", "")
		}
		out = append(out, ref)
	}
}

// TestOCRMarks: every cell read by OCR is marked in the HTML report (class
// ocr, a tooltip with its confidence; ocr-weak unless two readings agreed)
// and in the workbook's 数据 sheet (blue italic; a comment with the
// confidence and the key in the OCR column when not confirmed), and no other
// cell is.
func TestOCRMarks(t *testing.T) {
	res := handmadeResult()
	var hb bytes.Buffer
	if err := render.AuditHTML(&hb, res, render.Options{}); err != nil {
		t.Fatal(err)
	}
	page := hb.String()
	var xb bytes.Buffer
	if err := render.AuditXLSX(&xb, res, render.Options{}); err != nil {
		t.Fatal(err)
	}
	wb, err := excelize.OpenReader(bytes.NewReader(xb.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows, err := wb.GetRows(render.SheetData)
	if err != nil {
		t.Fatal(err)
	}
	comments, err := wb.GetComments(render.SheetData)
	if err != nil {
		t.Fatal(err)
	}
	commented := map[string]string{}
	for _, c := range comments {
		for _, p := range c.Paragraph {
			commented[c.Cell] += p.Text
		}
	}
	col := map[string]int{}
	for i, k := range rows[0] {
		col[k] = i + 1
	}
	for i, it := range res.Items {
		if it.Report == nil {
			continue
		}
		id := fmt.Sprintf("r%d", htmlIndex(t, page, it.Path))
		row := 0
		for ri, r := range rows {
			if len(r) > 0 && r[0] == it.Path {
				row = ri + 1
			}
		}
		if row == 0 {
			t.Fatalf("item %d (%s) has no row in %s", i, it.Path, render.SheetData)
		}
		var unconfirmed []string
		for _, k := range render.DatasetKeys() {
			c, ok := it.Report.Cells[k]
			if !ok {
				continue
			}
			td := htmlTD(t, page, id+"-c-"+k)
			ocr := c.Source == "ocr"
			confirmed := ocr && c.Agreed && !c.Uncertain
			if hasClass(td, "ocr") != ocr {
				t.Errorf("%s %s: html class ocr = %v, want %v: %s", it.Path, k, !ocr, ocr, td)
			}
			if ocr && hasClass(td, "ocr-weak") == confirmed {
				t.Errorf("%s %s: ocr-weak = %v for a cell confirmed=%v: %s", it.Path, k, !confirmed, confirmed, td)
			}
			conf := fmt.Sprintf("置信度%.2f", c.Confidence)
			if ocr != strings.Contains(td, conf) {
				t.Errorf("%s %s: tooltip should name %s only for OCR cells: %s", it.Path, k, conf, td)
			}
			ref, _ := excelize.CoordinatesToCellName(col[k], row)
			if ocr && !confirmed {
				unconfirmed = append(unconfirmed, fmt.Sprintf("%s(%.2f)", k, c.Confidence))
				if !strings.Contains(commented[ref], conf) {
					t.Errorf("%s %s (%s): comment %q does not give the confidence", it.Path, k, ref, commented[ref])
				}
			} else if commented[ref] != "" {
				t.Errorf("%s %s (%s): unexpected comment %q", it.Path, k, ref, commented[ref])
			}
			if !c.Value.Valid {
				continue
			}
			sid, err := wb.GetCellStyle(render.SheetData, ref)
			if err != nil {
				t.Fatal(err)
			}
			st, err := wb.GetStyle(sid)
			if err != nil {
				t.Fatal(err)
			}
			blue := st.Font != nil && st.Font.Color == "1F4E9A"
			if blue != ocr {
				t.Errorf("%s %s (%s): blue font = %v, want %v", it.Path, k, ref, blue, ocr)
			}
		}
		r := rows[row-1]
		last := func(n int) string {
			if len(r) > len(rows[0])-n {
				return r[len(rows[0])-n]
			}
			return ""
		}
		if got, want := last(1), strings.Join(unconfirmed, " "); got != want {
			t.Errorf("%s: OCR column = %q, want %q", it.Path, got, want)
		}
	}
	if !strings.Contains(page, `<p class="legend">`) {
		t.Error("the HTML report has no OCR legend")
	}
}

// htmlIndex is the 1-based position of path's article in the report.
func htmlIndex(t *testing.T, page, path string) int {
	t.Helper()
	for i := 1; ; i++ {
		j := strings.Index(page, fmt.Sprintf(`<article class="report" id="r%d">`, i))
		if j < 0 {
			t.Fatalf("no article for %s", path)
		}
		// headed by the file's name, or by its folder and name when two
		// files of the batch have the same name
		for _, name := range []string{filepath.Base(path), path} {
			if strings.HasPrefix(page[j:], fmt.Sprintf(`<article class="report" id="r%d">`+"\n<h2>%d. %s</h2>", i, i, name)) {
				return i
			}
		}
	}
}

// htmlTD returns the opening tag of the <td> with the given id.
func htmlTD(t *testing.T, page, id string) string {
	t.Helper()
	i := strings.Index(page, `<td id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no cell %s in the HTML report", id)
	}
	return page[i : i+strings.Index(page[i:], ">")+1]
}

func hasClass(td, class string) bool {
	i := strings.Index(td, `class="`)
	if i < 0 {
		return false
	}
	rest := td[i+len(`class="`):]
	return slices.Contains(strings.Fields(rest[:strings.Index(rest, `"`)]), class)
}
