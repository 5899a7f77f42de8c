package xlsx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/internal/xlsx"
)

// write writes wb and returns its bytes, failing the test on an error.
func write(t *testing.T, wb *xlsx.Workbook) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := wb.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// open reads a written workbook back with excelize, the field's library.
func open(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func addSheet(t *testing.T, wb *xlsx.Workbook, name string) *xlsx.Sheet {
	t.Helper()
	s, err := wb.AddSheet(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func addStyle(t *testing.T, wb *xlsx.Workbook, st xlsx.Style) int {
	t.Helper()
	i, err := wb.AddStyle(st)
	if err != nil {
		t.Fatal(err)
	}
	return i
}

// parts returns the workbook's zip entries by name, in order.
func parts(t *testing.T, data []byte) ([]string, map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, f.Name)
		out[f.Name] = b
	}
	return names, out
}

func TestColumnAndCellNames(t *testing.T) {
	for col := 1; col <= xlsx.MaxColumns; col++ {
		got, err := xlsx.ColumnName(col)
		want, _ := excelize.ColumnNumberToName(col)
		if err != nil || got != want {
			t.Fatalf("ColumnName(%d) = %q, %v; want %q", col, got, err, want)
		}
	}
	for _, c := range []struct {
		col, row int
		want     string
	}{{1, 1, "A1"}, {26, 9, "Z9"}, {27, 10, "AA10"}, {702, 1, "ZZ1"}, {703, 2, "AAA2"}, {16384, 1048576, "XFD1048576"}} {
		if got, err := xlsx.CellName(c.col, c.row); err != nil || got != c.want {
			t.Errorf("CellName(%d, %d) = %q, %v; want %s", c.col, c.row, got, err, c.want)
		}
	}
	for _, c := range [][2]int{{0, 1}, {1, 0}, {16385, 1}, {1, 1048577}} {
		if _, err := xlsx.CellName(c[0], c[1]); err == nil {
			t.Errorf("CellName(%d, %d) gave no error", c[0], c[1])
		}
	}
	if _, err := xlsx.ColumnName(0); err == nil {
		t.Error("ColumnName(0) gave no error")
	}
}

// TestCells: numbers are stored as numbers, texts as shared strings, nil
// and "" leave the cell blank, and a styled blank keeps its style.
func TestCells(t *testing.T) {
	wb := xlsx.New()
	s := addSheet(t, wb, "数据")
	bold := addStyle(t, wb, xlsx.Style{Font: xlsx.Font{Bold: true}})
	s.Set(1, 1, "文本", 0)
	s.Set(2, 1, 2024, 0)
	s.Set(3, 1, 0.25, 0)
	s.Set(4, 1, -7.5, 0)
	s.Set(5, 1, int64(1)<<40, 0)
	s.Set(6, 1, 1e20, 0)
	s.Set(7, 1, 1.5e-12, 0)
	s.Set(8, 1, nil, bold)
	s.Set(9, 1, "", 0)
	s.Set(10, 1, uint8(3), 0)
	s.Set(2, 3, "后写的行", 0) // rows and cells in any order
	s.Set(1, 3, "先", 0)
	s.Set(1, 2, "重复", 0)
	s.Set(2, 2, "重复", 0)
	s.Set(3, 2, "替换前", 0)
	s.Set(3, 2, 3, 0) // replaced
	f := open(t, write(t, wb))
	rows, err := f.GetRows("数据", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"文本", "2024", "0.25", "-7.5", "1099511627776", "1E+20", "1.5E-12", "", "", "3"},
		{"重复", "重复", "3"},
		{"先", "后写的行"},
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q", i+1, rows[i], want[i])
		}
	}
	types := map[string]excelize.CellType{"A1": excelize.CellTypeSharedString, "B1": excelize.CellTypeUnset, "C1": excelize.CellTypeUnset, "F1": excelize.CellTypeUnset, "C2": excelize.CellTypeUnset}
	for ref, typ := range types {
		if got, err := f.GetCellType("数据", ref); err != nil || got != typ {
			t.Errorf("%s type = %v, want %v (%v)", ref, got, typ, err)
		}
	}
	if id, err := f.GetCellStyle("数据", "H1"); err != nil || id != bold {
		t.Errorf("styled blank H1 has style %d, want %d", id, bold)
	}
	if dim, err := f.GetSheetDimension("数据"); err != nil || dim != "A1:J3" {
		t.Errorf("dimension = %q, want A1:J3", dim)
	}
}

func TestSetErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		fill func(*xlsx.Sheet)
		want string
	}{
		{"type", func(s *xlsx.Sheet) { s.Set(2, 3, true, 0) }, "B3"},
		{"nan", func(s *xlsx.Sheet) { s.Set(1, 1, math.NaN(), 0) }, "A1"},
		{"range", func(s *xlsx.Sheet) { s.Set(0, 1, "x", 0) }, "第 0 列"},
		{"style", func(s *xlsx.Sheet) { s.Set(1, 1, "x", 99) }, "样式编号 99"},
		{"width", func(s *xlsx.Sheet) { s.SetColWidth(1, 1, 300) }, "列宽"},
		{"comment twice", func(s *xlsx.Sheet) { s.AddComment(1, 1, "a", "x"); s.AddComment(1, 1, "a", "y") }, "已有批注"},
	} {
		wb := xlsx.New()
		s := addSheet(t, wb, "表")
		c.fill(s)
		err := wb.Write(io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "工作表“表”") {
			t.Errorf("%s: error %v, want one naming the sheet and %q", c.name, err, c.want)
		}
		if !errors.Is(err, s.Err()) && err.Error() != s.Err().Error() {
			t.Errorf("%s: Write returned %v, the sheet kept %v", c.name, err, s.Err())
		}
	}
	if err := xlsx.New().Write(io.Discard); err == nil {
		t.Error("a workbook without sheets was written")
	}
}

func TestSheetNames(t *testing.T) {
	wb := xlsx.New()
	addSheet(t, wb, "汇总")
	for _, bad := range []string{"", "汇总", "a:b", "a/b", "x[1]", "'引号", strings.Repeat("长", 32), "tab\there", "ctl\x01"} {
		if _, err := wb.AddSheet(bad); err == nil {
			t.Errorf("AddSheet(%q) gave no error", bad)
		}
	}
	if _, err := wb.AddSheet(strings.Repeat("长", 31)); err != nil {
		t.Errorf("a 31-character name: %v", err)
	}
	addSheet(t, wb, "O'Brien")
	f := open(t, write(t, wb))
	if got := strings.Join(f.GetSheetList(), ","); got != "汇总,"+strings.Repeat("长", 31)+",O'Brien" {
		t.Errorf("sheets = %s", got)
	}
}

// TestStyles: each style reads back as written, the same style gets the
// same index, and the tables hold each font, fill and border once.
func TestStyles(t *testing.T) {
	wb := xlsx.New()
	s := addSheet(t, wb, "样式")
	head := xlsx.Style{Font: xlsx.Font{Bold: true}, Fill: "DDEBF7", Border: []xlsx.Border{{Side: "bottom", Color: "808080", Line: "thin"}}}
	styles := []xlsx.Style{
		head,
		{Font: xlsx.Font{Bold: true}, Border: []xlsx.Border{{Side: "top", Color: "000000", Line: "thin"}, {Side: "left", Color: "FF0000", Line: "double"}}},
		{Fill: "ffe699"},
		{Font: xlsx.Font{Color: "1F4E9A", Italic: true}, Fill: "FFE699"},
		{NumFmt: 9},
		{NumFmtCode: `0.0"万元"`},
		{Align: xlsx.Alignment{Wrap: true, Vertical: "top", Horizontal: "center"}},
	}
	ids := make([]int, len(styles))
	for i, st := range styles {
		ids[i] = addStyle(t, wb, st)
		s.Set(i+1, 1, 0.5, ids[i])
	}
	if again := addStyle(t, wb, head); again != ids[0] {
		t.Errorf("the same style got index %d, then %d", ids[0], again)
	}
	seen := map[int]bool{}
	for _, id := range ids {
		if id == 0 || seen[id] {
			t.Errorf("style indexes %v are not distinct and non-zero", ids)
		}
		seen[id] = true
	}
	data := write(t, wb)
	f := open(t, data)
	get := func(col int) *excelize.Style {
		ref, _ := xlsx.CellName(col, 1)
		id, err := f.GetCellStyle("样式", ref)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	if st := get(1); !st.Font.Bold || strings.Join(st.Fill.Color, ",") != "DDEBF7" || len(st.Border) != 1 ||
		st.Border[0] != (excelize.Border{Type: "bottom", Color: "808080", Style: 1}) {
		t.Errorf("head style read back as font %+v fill %+v border %+v", st.Font, st.Fill, st.Border)
	}
	if st := get(2); len(st.Border) != 2 || st.Border[0].Type != "left" || st.Border[0].Style != 6 || st.Border[1].Type != "top" {
		t.Errorf("borders read back as %+v, want left double then top thin", st.Border)
	}
	if st := get(3); strings.Join(st.Fill.Color, ",") != "FFE699" {
		t.Errorf("fill read back as %+v", st.Fill)
	}
	if st := get(4); st.Font.Color != "1F4E9A" || !st.Font.Italic || st.Font.Bold {
		t.Errorf("font read back as %+v", st.Font)
	}
	if st := get(5); st.NumFmt != 9 {
		t.Errorf("number format read back as %d, want 9", st.NumFmt)
	}
	if st := get(6); st.CustomNumFmt == nil || *st.CustomNumFmt != `0.0"万元"` {
		t.Errorf("custom number format read back as %v", st.CustomNumFmt)
	}
	if st := get(7); st.Alignment == nil || !st.Alignment.WrapText || st.Alignment.Vertical != "top" || st.Alignment.Horizontal != "center" {
		t.Errorf("alignment read back as %+v", st.Alignment)
	}
	if v, err := f.GetCellValue("样式", "E1"); err != nil || v != "50%" {
		t.Errorf("0.5 in 0%% format shows %q, want 50%%", v)
	}
	_, p := parts(t, data)
	styles_ := string(p["xl/styles.xml"])
	for tag, want := range map[string]int{"<font>": 3, "<fill>": 4, "<border>": 3, "<xf ": 1 + len(styles) + 1} {
		if got := strings.Count(styles_, tag); got != want {
			t.Errorf("styles.xml has %d %s, want %d", got, tag, want)
		}
	}
	for _, bad := range []xlsx.Style{{Fill: "blue"}, {Font: xlsx.Font{Color: "12345"}}, {Border: []xlsx.Border{{Side: "middle", Line: "thin"}}},
		{Border: []xlsx.Border{{Side: "top", Line: "wavy"}}}, {NumFmt: 200}, {Align: xlsx.Alignment{Vertical: "up"}}} {
		if _, err := wb.AddStyle(bad); err == nil {
			t.Errorf("AddStyle(%+v) gave no error", bad)
		}
	}
}

// defaultWidth is the width of a column not given one (Excel's default for
// 11-point Calibri).
const defaultWidth = 9.140625

// TestColumns: widths and styles read back per column; a cell without a
// style of its own takes its column's, one with a style keeps it.
func TestColumns(t *testing.T) {
	wb := xlsx.New()
	s := addSheet(t, wb, "列")
	wrap := addStyle(t, wb, xlsx.Style{Align: xlsx.Alignment{Wrap: true}})
	bold := addStyle(t, wb, xlsx.Style{Font: xlsx.Font{Bold: true}})
	s.SetColWidth(1, 1, 49)
	s.SetColWidth(2, 4, 6)
	s.SetColWidth(6, 6, 12.5)
	s.SetColStyle(4, 5, wrap)
	s.Set(4, 1, "标题", bold)
	s.Set(4, 2, "正文", 0)
	s.Set(5, 2, "正文", 0)
	data := write(t, wb)
	f := open(t, data)
	for col, want := range map[string]float64{"A": 49, "B": 6, "C": 6, "D": 6, "E": defaultWidth, "F": 12.5, "G": defaultWidth} {
		if got, err := f.GetColWidth("列", col); err != nil || got != want {
			t.Errorf("width of %s = %v, want %v", col, got, want)
		}
	}
	for col, want := range map[string]int{"C": 0, "D": wrap, "E": wrap, "F": 0} {
		if got, err := f.GetColStyle("列", col); err != nil || got != want {
			t.Errorf("style of column %s = %d, want %d", col, got, want)
		}
	}
	for ref, want := range map[string]int{"D1": bold, "D2": wrap, "E2": wrap} {
		if got, err := f.GetCellStyle("列", ref); err != nil || got != want {
			t.Errorf("style of %s = %d, want %d", ref, got, want)
		}
	}
	_, p := parts(t, data)
	// B–D share a width but D has a style: two runs, B–C and D
	if !bytes.Contains(p["xl/worksheets/sheet1.xml"], []byte(`<col min="2" max="3" width="6" customWidth="1"/>`)) {
		t.Errorf("columns B–C not written as one run: %s", p["xl/worksheets/sheet1.xml"])
	}
}

func TestFreeze(t *testing.T) {
	wb := xlsx.New()
	cases := []struct {
		cols, rows int
		want       excelize.Panes
	}{
		{0, 1, excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}},
		{2, 2, excelize.Panes{Freeze: true, XSplit: 2, YSplit: 2, TopLeftCell: "C3", ActivePane: "bottomRight"}},
		{1, 0, excelize.Panes{Freeze: true, XSplit: 1, TopLeftCell: "B1", ActivePane: "topRight"}},
		{0, 0, excelize.Panes{}},
	}
	for i, c := range cases {
		s := addSheet(t, wb, string(rune('A'+i)))
		s.Set(1, 1, "x", 0)
		s.Freeze(c.cols, c.rows)
	}
	f := open(t, write(t, wb))
	for i, c := range cases {
		got, err := f.GetPanes(string(rune('A' + i)))
		if err != nil {
			t.Fatal(err)
		}
		got.Selection = nil
		if got.Freeze != c.want.Freeze || got.XSplit != c.want.XSplit || got.YSplit != c.want.YSplit ||
			got.TopLeftCell != c.want.TopLeftCell || got.ActivePane != c.want.ActivePane {
			t.Errorf("Freeze(%d, %d) read back as %+v, want %+v", c.cols, c.rows, got, c.want)
		}
	}
}

// TestFilterAndNames: the autofilter range, its hidden _FilterDatabase
// name, print area and titles, each scoped to its sheet.
func TestFilterAndNames(t *testing.T) {
	wb := xlsx.New()
	a := addSheet(t, wb, "汇总")
	b := addSheet(t, wb, "O'Brien")
	b.AutoFilter(xlsx.Range{FromCol: 1, FromRow: 1, ToCol: 16, ToRow: 14})
	a.SetPrintArea(xlsx.Range{FromCol: 1, FromRow: 1, ToCol: 11, ToRow: 18})
	a.SetPrintTitles(1, 2)
	a.SetPrintTitles(1, 1) // replaces
	wb.DefineName(xlsx.DefinedName{Name: "年度", RefersTo: "'汇总'!$C$2"})
	data := write(t, wb)
	f := open(t, data)
	got := map[string]string{}
	for _, d := range f.GetDefinedName() {
		got[d.Scope+" "+d.Name] = d.RefersTo
	}
	want := map[string]string{
		"O'Brien _xlnm._FilterDatabase": "'O''Brien'!$A$1:$P$14",
		"汇总 _xlnm.Print_Area":           "'汇总'!$A$1:$K$18",
		"汇总 _xlnm.Print_Titles":         "'汇总'!$1:$1",
		"Workbook 年度":                   "'汇总'!$C$2",
	}
	if len(got) != len(want) {
		t.Errorf("names = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("name %s = %q, want %q", k, got[k], v)
		}
	}
	_, p := parts(t, data)
	if !bytes.Contains(p["xl/worksheets/sheet2.xml"], []byte(`<autoFilter ref="A1:P14"/>`)) {
		t.Errorf("sheet2 lacks its autofilter")
	}
	if !bytes.Contains(p["xl/workbook.xml"], []byte(`name="_xlnm._FilterDatabase" localSheetId="1" hidden="1"`)) {
		t.Errorf("the filter database name is not hidden and scoped to sheet 2: %s", p["xl/workbook.xml"])
	}
	if bytes.Contains(p["xl/worksheets/sheet1.xml"], []byte("<autoFilter")) {
		t.Errorf("sheet1 got an autofilter")
	}
}

// TestComments: notes read back with their author and text; each sheet
// with notes has its comments part, VML drawing, relationships and
// <legacyDrawing>, and the drawings' shape ids do not collide.
func TestComments(t *testing.T) {
	wb := xlsx.New()
	plain := addSheet(t, wb, "无批注")
	plain.Set(1, 1, 1, 0)
	a := addSheet(t, wb, "数据")
	b := addSheet(t, wb, "对比")
	a.AddComment(98, 4, "nianbao", "表三：由OCR从图片识别，置信度0.21")
	a.AddComment(2, 2, "审核人", "第二位作者 <&>")
	a.AddComment(1, 9, "nianbao", "  前后空格  ")
	b.AddComment(1, 1, "nianbao", "另一张表")
	data := write(t, wb)
	f := open(t, data)
	cs, err := f.GetComments("数据")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range cs {
		text := c.Text
		for _, r := range c.Paragraph {
			text += r.Text
		}
		got[c.Cell] = c.Author + "|" + text
	}
	want := map[string]string{"CT4": "nianbao|表三：由OCR从图片识别，置信度0.21", "B2": "审核人|第二位作者 <&>", "A9": "nianbao|  前后空格  "}
	if len(got) != len(want) {
		t.Errorf("comments = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("comment %s = %q, want %q", k, got[k], v)
		}
	}
	if cs, err := f.GetComments("无批注"); err != nil || len(cs) != 0 {
		t.Errorf("sheet without notes: %v %v", cs, err)
	}
	names, p := parts(t, data)
	for _, n := range []string{"xl/comments1.xml", "xl/comments2.xml", "xl/drawings/vmlDrawing1.vml", "xl/drawings/vmlDrawing2.vml",
		"xl/worksheets/_rels/sheet2.xml.rels", "xl/worksheets/_rels/sheet3.xml.rels"} {
		if _, ok := p[n]; !ok {
			t.Errorf("part %s missing (have %v)", n, names)
		}
	}
	if _, ok := p["xl/worksheets/_rels/sheet1.xml.rels"]; ok {
		t.Error("the sheet without notes got relationships")
	}
	for _, n := range []string{"xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"} {
		if !bytes.Contains(p[n], []byte(`<legacyDrawing r:id="rId1"/>`)) {
			t.Errorf("%s has no legacyDrawing", n)
		}
	}
	vml := string(p["xl/drawings/vmlDrawing1.vml"])
	for _, s := range []string{`<x:Row>3</x:Row><x:Column>97</x:Column>`, `<x:Row>1</x:Row><x:Column>1</x:Column>`, `ObjectType="Note"`, `id="_x0000_s1025"`, `data="1"`} {
		if !strings.Contains(vml, s) {
			t.Errorf("vmlDrawing1 lacks %s", s)
		}
	}
	if !strings.Contains(string(p["xl/drawings/vmlDrawing2.vml"]), `id="_x0000_s2049"`) {
		t.Error("the second drawing's shape ids overlap the first's")
	}
	ct := string(p["[Content_Types].xml"])
	for _, s := range []string{`Extension="vml"`, `PartName="/xl/comments1.xml"`, `PartName="/xl/comments2.xml"`} {
		if !strings.Contains(ct, s) {
			t.Errorf("content types lack %s", s)
		}
	}
}

func TestPropertiesPageAndActive(t *testing.T) {
	wb := xlsx.New()
	a := addSheet(t, wb, "一")
	b := addSheet(t, wb, "二")
	b.SetPageSetup(xlsx.PageSetup{Paper: xlsx.PaperA4, Landscape: true, FitToPage: true, FitWidth: 1, FitHeight: 0})
	a.SetPageSetup(xlsx.PageSetup{})
	wb.SetActive(b)
	when := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	wb.SetProperties(xlsx.Properties{Title: "审核结果 <&>", Creator: "nianbao", LastModifiedBy: "nianbao", Created: when, Modified: when, Application: "nianbao"})
	data := write(t, wb)
	f := open(t, data)
	if got := f.GetActiveSheetIndex(); got != 1 {
		t.Errorf("active sheet = %d, want 1", got)
	}
	pl, err := f.GetPageLayout("二")
	if err != nil {
		t.Fatal(err)
	}
	if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 ||
		pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
		t.Errorf("page layout = %+v", pl)
	}
	sp, err := f.GetSheetProps("二")
	if err != nil || sp.FitToPage == nil || !*sp.FitToPage {
		t.Errorf("fit to page not set: %+v %v", sp, err)
	}
	if sp, _ := f.GetSheetProps("一"); sp.FitToPage != nil && *sp.FitToPage {
		t.Error("sheet 一 fits to page")
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Title != "审核结果 <&>" || props.Creator != "nianbao" || props.LastModifiedBy != "nianbao" ||
		props.Created != "2000-01-01T00:00:00Z" || props.Modified != "2000-01-01T00:00:00Z" {
		t.Errorf("properties = %+v", props)
	}
	_, p := parts(t, data)
	if bytes.Contains(p["xl/worksheets/sheet1.xml"], []byte("tabSelected")) || !bytes.Contains(p["xl/worksheets/sheet2.xml"], []byte(`tabSelected="1"`)) {
		t.Error("only the active sheet should be selected")
	}
}

// hostile fills a workbook with text from damaged documents.
func hostile(t *testing.T) *xlsx.Workbook {
	wb := xlsx.New()
	s := addSheet(t, wb, "恶意")
	s.Set(1, 1, "控制\x00字符\x01\x08\x0B\x0C\x1F\x7F\u0085保留\t和\n换行", 0)
	s.Set(2, 1, "]]> <![CDATA[x]]> <&> \"'", 0)
	s.Set(3, 1, strings.Repeat("长", 40000), 0)
	s.Set(4, 1, "_x0041_ 与 _x005F_ 原样", 0)
	s.Set(5, 1, "坏的UTF-8\xff\xfe结束", 0)
	s.Set(6, 1, "\uFFFE\uFFFF非字符", 0)
	s.Set(7, 1, strings.Repeat("😀", 20000), 0)
	s.Set(8, 1, " 前后空格 ", 0)
	s.AddComment(1, 1, "作者\x02", "批注\x03里的 ]]> <&>")
	wb.SetProperties(xlsx.Properties{Title: "标题\x04<&>"})
	return wb
}

// TestHostileText: forbidden characters are dropped, markup characters
// escaped, _xHHHH_ look-alikes kept as typed, and a cell longer than
// Excel's limit cut with the marker.
func TestHostileText(t *testing.T) {
	data := write(t, hostile(t))
	f := open(t, data)
	rows, err := f.GetRows("恶意")
	if err != nil {
		t.Fatal(err)
	}
	r := rows[0]
	want := map[int]string{
		0: "控制字符保留\t和\n换行",
		1: "]]> <![CDATA[x]]> <&> \"'",
		3: "_x0041_ 与 _x005F_ 原样",
		4: "坏的UTF-8\uFFFD\uFFFD结束",
		5: "非字符",
		7: " 前后空格 ",
	}
	for i, w := range want {
		if r[i] != w {
			t.Errorf("cell %d = %q, want %q", i+1, r[i], w)
		}
	}
	for _, i := range []int{2, 6} {
		// the emoji take two units each: one unit may stay free
		n := len(utf16.Encode([]rune(r[i])))
		if n > xlsx.MaxCellRunes || n < xlsx.MaxCellRunes-1 || !strings.HasSuffix(r[i], xlsx.CutMarker) {
			t.Errorf("cell %d: %d UTF-16 units, ends %q; want %d ending with the marker", i+1, n, r[i][len(r[i])-30:], xlsx.MaxCellRunes)
		}
	}
	if strings.Contains(r[6], "\uFFFD") {
		t.Error("the cut split a surrogate pair")
	}
	cs, err := f.GetComments("恶意")
	if err != nil || len(cs) != 1 {
		t.Fatalf("comments: %v %v", cs, err)
	}
	if cs[0].Author != "作者" || cs[0].Paragraph[0].Text != "批注里的 ]]> <&>" {
		t.Errorf("comment = %q by %q", cs[0].Paragraph[0].Text, cs[0].Author)
	}
}

// TestWellFormed: every XML part of a workbook (hostile text, notes on two
// sheets, every feature) decodes with encoding/xml to its end.
func TestWellFormed(t *testing.T) {
	wb := hostile(t)
	s := addSheet(t, wb, "全部")
	st := addStyle(t, wb, xlsx.Style{Font: xlsx.Font{Bold: true}, Fill: "DDEBF7", NumFmtCode: `"<&>"0`})
	s.Set(1, 1, "x", st)
	s.SetColWidth(1, 3, 10)
	s.Freeze(1, 1)
	s.AutoFilter(xlsx.Range{FromCol: 1, FromRow: 1, ToCol: 3, ToRow: 4})
	s.SetPrintTitles(1, 1)
	s.SetPageSetup(xlsx.PageSetup{Paper: xlsx.PaperA4, FitToPage: true, FitWidth: 1})
	s.AddComment(2, 2, "nianbao", "第二张表的批注")
	names, p := parts(t, write(t, wb))
	if len(names) < 12 {
		t.Fatalf("only %d parts: %v", len(names), names)
	}
	for _, n := range names {
		d := xml.NewDecoder(bytes.NewReader(p[n]))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s is not well-formed XML: %v", n, err)
				break
			}
		}
	}
}

// TestDeterministic: the same calls give the same bytes, every part has
// the fixed timestamp, and the parts stand in a fixed order.
func TestDeterministic(t *testing.T) {
	build := func() []byte {
		wb := hostile(t)
		s := addSheet(t, wb, "更多")
		for r := 1; r <= 50; r++ {
			for c := 1; c <= 20; c++ {
				s.Set(c, r, r*c, 0)
			}
		}
		s.AddComment(3, 3, "nianbao", "批注")
		return write(t, wb)
	}
	a, b := build(), build()
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same workbook differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		if !f.Modified.Equal(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s modified %v", f.Name, f.Modified)
		}
		names = append(names, f.Name)
	}
	want := "[Content_Types].xml _rels/.rels docProps/core.xml docProps/app.xml xl/workbook.xml xl/_rels/workbook.xml.rels xl/styles.xml xl/theme/theme1.xml " +
		"xl/worksheets/sheet1.xml xl/worksheets/_rels/sheet1.xml.rels xl/comments1.xml xl/drawings/vmlDrawing1.vml " +
		"xl/worksheets/sheet2.xml xl/worksheets/_rels/sheet2.xml.rels xl/comments2.xml xl/drawings/vmlDrawing2.vml xl/sharedStrings.xml"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("parts:\n%s\nwant\n%s", got, want)
	}
}

// TestSharedStrings: each distinct text is stored once.
func TestSharedStrings(t *testing.T) {
	wb := xlsx.New()
	s := addSheet(t, wb, "表")
	for r := 1; r <= 100; r++ {
		s.Set(1, r, "重复的文本", 0)
		s.Set(2, r, "第"+string(rune('A'+r%3))+"类", 0)
	}
	_, p := parts(t, write(t, wb))
	sst := string(p["xl/sharedStrings.xml"])
	if !strings.Contains(sst, `count="200" uniqueCount="4"`) || strings.Count(sst, "<si>") != 4 {
		t.Errorf("shared strings: %s", sst)
	}
}
