package xlsx

import (
	"fmt"
	"math"
	"sort"
	"strconv"
)

// Sheet is one worksheet of a Workbook. Its methods record what to write;
// the first error is kept and returned by Err and Workbook.Write.
type Sheet struct {
	wb    *Workbook
	name  string
	index int // 0-based position in the workbook
	rows  []*row
	cols  map[int]*column
	// frozen columns and rows (0 for none)
	freezeCols, freezeRows int
	filter                 *Range
	comments               []comment
	page                   *PageSetup
	err                    error
}

type row struct {
	num   int
	cells []cell // sorted by column
}

type cellKind uint8

const (
	blankCell cellKind = iota
	numberCell
	stringCell
)

type cell struct {
	col   int
	kind  cellKind
	value string // the number as written, or the text
	style int
}

type column struct {
	width float64 // 0: not set
	style int
}

// Name is the sheet's name.
func (s *Sheet) Name() string { return s.name }

// Err returns the first error met while filling the sheet.
func (s *Sheet) Err() error { return s.err }

func (s *Sheet) fail(err error) {
	if s.err == nil && err != nil {
		s.err = fmt.Errorf("工作表“%s”：%w", s.name, err)
	}
}

// cell returns the cell at col, row, creating it blank.
func (s *Sheet) cell(col, row_ int) *cell {
	i := sort.Search(len(s.rows), func(i int) bool { return s.rows[i].num >= row_ })
	if i == len(s.rows) || s.rows[i].num != row_ {
		s.rows = append(s.rows, nil)
		copy(s.rows[i+1:], s.rows[i:])
		s.rows[i] = &row{num: row_}
	}
	r := s.rows[i]
	j := sort.Search(len(r.cells), func(j int) bool { return r.cells[j].col >= col })
	if j == len(r.cells) || r.cells[j].col != col {
		r.cells = append(r.cells, cell{})
		copy(r.cells[j+1:], r.cells[j:])
		r.cells[j] = cell{col: col}
	}
	return &r.cells[j]
}

func (s *Sheet) checkStyle(style int) error {
	if style < 0 || style >= len(s.wb.styles.xfs) {
		return fmt.Errorf("样式编号 %d 不存在", style)
	}
	return nil
}

// Set writes a value into the cell at the 1-based col and row with a style
// (0 for the default; an index returned by Workbook.AddStyle): a string
// (an empty one leaves the cell blank), any integer or float type (stored
// as a number), or nil (a blank cell, kept when styled). Setting a cell
// again replaces it.
func (s *Sheet) Set(col, row int, v any, style int) {
	if s.err != nil {
		return
	}
	if err := checkCell(col, row); err != nil {
		s.fail(err)
		return
	}
	if err := s.checkStyle(style); err != nil {
		s.fail(fmt.Errorf("%s：%w", cellName(col, row), err))
		return
	}
	kind, value, err := cellValue(v)
	if err != nil {
		s.fail(fmt.Errorf("%s：%w", cellName(col, row), err))
		return
	}
	c := s.cell(col, row)
	c.kind, c.value, c.style = kind, value, style
}

// cellValue sorts a Go value into a cell kind and its text.
func cellValue(v any) (cellKind, string, error) {
	switch x := v.(type) {
	case nil:
		return blankCell, "", nil
	case string:
		if x == "" {
			return blankCell, "", nil
		}
		return stringCell, cellText(x), nil
	case int:
		return numberCell, strconv.Itoa(x), nil
	case int8:
		return numberCell, strconv.FormatInt(int64(x), 10), nil
	case int16:
		return numberCell, strconv.FormatInt(int64(x), 10), nil
	case int32:
		return numberCell, strconv.FormatInt(int64(x), 10), nil
	case int64:
		return numberCell, strconv.FormatInt(x, 10), nil
	case uint:
		return numberCell, strconv.FormatUint(uint64(x), 10), nil
	case uint8:
		return numberCell, strconv.FormatUint(uint64(x), 10), nil
	case uint16:
		return numberCell, strconv.FormatUint(uint64(x), 10), nil
	case uint32:
		return numberCell, strconv.FormatUint(uint64(x), 10), nil
	case uint64:
		return numberCell, strconv.FormatUint(x, 10), nil
	case float32:
		return floatValue(float64(x), 32)
	case float64:
		return floatValue(x, 64)
	}
	return 0, "", fmt.Errorf("不支持的单元格值类型 %T", v)
}

// floatValue writes a float the shortest way that reads back the same,
// in plain notation where Excel shows it so and with an exponent beyond.
func floatValue(f float64, bits int) (cellKind, string, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, "", fmt.Errorf("数值 %v 无法写入单元格", f)
	}
	if f == 0 {
		return numberCell, "0", nil
	}
	if a := math.Abs(f); a >= 1e-9 && a < 1e15 {
		return numberCell, strconv.FormatFloat(f, 'f', -1, bits), nil
	}
	return numberCell, strconv.FormatFloat(f, 'E', -1, bits), nil
}

// SetStyle gives the cells of r a style, keeping their values (an absent
// cell becomes a styled blank).
func (s *Sheet) SetStyle(r Range, style int) {
	if s.err != nil {
		return
	}
	if err := r.check(); err != nil {
		s.fail(err)
		return
	}
	if err := s.checkStyle(style); err != nil {
		s.fail(fmt.Errorf("%s：%w", r.relative(), err))
		return
	}
	for row := r.FromRow; row <= r.ToRow; row++ {
		for col := r.FromCol; col <= r.ToCol; col++ {
			s.cell(col, row).style = style
		}
	}
}

func (s *Sheet) column(col int) *column {
	if s.cols == nil {
		s.cols = map[int]*column{}
	}
	c := s.cols[col]
	if c == nil {
		c = &column{}
		s.cols[col] = c
	}
	return c
}

func checkColumns(from, to int) error {
	if from < 1 || to > MaxColumns || to < from {
		return fmt.Errorf("列范围 %d–%d 无效", from, to)
	}
	return nil
}

// SetColWidth sets the width of columns from–to (1-based, inclusive) in
// characters of the default font.
func (s *Sheet) SetColWidth(from, to int, width float64) {
	if s.err != nil {
		return
	}
	if err := checkColumns(from, to); err != nil {
		s.fail(err)
		return
	}
	if !(width > 0 && width <= 255) {
		s.fail(fmt.Errorf("列宽 %v 超出范围（0–255）", width))
		return
	}
	for c := from; c <= to; c++ {
		s.column(c).width = width
	}
}

// SetColStyle gives columns from–to a style: the style of their empty
// cells and of their cells written without one (style 0); cells with a
// style of their own keep it.
func (s *Sheet) SetColStyle(from, to, style int) {
	if s.err != nil {
		return
	}
	if err := checkColumns(from, to); err != nil {
		s.fail(err)
		return
	}
	if err := s.checkStyle(style); err != nil {
		s.fail(err)
		return
	}
	for c := from; c <= to; c++ {
		s.column(c).style = style
	}
}

// Freeze keeps the first cols columns and rows rows in view while the rest
// scrolls (0, 0 unfreezes).
func (s *Sheet) Freeze(cols, rows int) {
	if s.err != nil {
		return
	}
	if cols < 0 || rows < 0 || cols >= MaxColumns || rows >= MaxRows {
		s.fail(fmt.Errorf("冻结 %d 列 %d 行超出范围", cols, rows))
		return
	}
	s.freezeCols, s.freezeRows = cols, rows
}

// AutoFilter puts filter buttons on the first row of r (its header) over
// the rows below, and defines the hidden name _xlnm._FilterDatabase that
// Excel expects beside it.
func (s *Sheet) AutoFilter(r Range) {
	if s.err != nil {
		return
	}
	if err := r.check(); err != nil {
		s.fail(err)
		return
	}
	s.filter = &r
	s.wb.DefineName(DefinedName{Name: "_xlnm._FilterDatabase", RefersTo: quoteSheet(s.name) + "!" + r.absolute(), Sheet: s, Hidden: true})
}

// PageSetup is how a sheet prints.
type PageSetup struct {
	// Paper is the paper size code (PaperA4 = 9); 0 leaves the printer's.
	Paper     int
	Landscape bool
	// FitToPage scales the sheet to FitWidth pages across and FitHeight
	// pages down (0: as many as it takes).
	FitToPage           bool
	FitWidth, FitHeight int
}

// PaperA4 is the paper size code of A4.
const PaperA4 = 9

// SetPageSetup sets how the sheet prints.
func (s *Sheet) SetPageSetup(p PageSetup) {
	if s.err != nil {
		return
	}
	if p.Paper < 0 || p.FitWidth < 0 || p.FitHeight < 0 {
		s.fail(fmt.Errorf("页面设置无效：%+v", p))
		return
	}
	s.page = &p
}

// SetPrintArea limits printing to r.
func (s *Sheet) SetPrintArea(r Range) {
	if s.err != nil {
		return
	}
	if err := r.check(); err != nil {
		s.fail(err)
		return
	}
	s.wb.DefineName(DefinedName{Name: "_xlnm.Print_Area", RefersTo: quoteSheet(s.name) + "!" + r.absolute(), Sheet: s})
}

// SetPrintTitles repeats rows from–to at the top of every printed page.
func (s *Sheet) SetPrintTitles(from, to int) {
	if s.err != nil {
		return
	}
	if from < 1 || to > MaxRows || to < from {
		s.fail(fmt.Errorf("标题行 %d–%d 无效", from, to))
		return
	}
	s.wb.DefineName(DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("%s!$%d:$%d", quoteSheet(s.name), from, to), Sheet: s})
}

// AddComment attaches a note by author to the cell at col, row (shown when
// the pointer rests on it). A cell has at most one note.
func (s *Sheet) AddComment(col, row int, author, text string) {
	if s.err != nil {
		return
	}
	if err := checkCell(col, row); err != nil {
		s.fail(err)
		return
	}
	for _, c := range s.comments {
		if c.col == col && c.row == row {
			s.fail(fmt.Errorf("%s 已有批注", cellName(col, row)))
			return
		}
	}
	s.comments = append(s.comments, comment{col: col, row: row, author: clean(author), text: cellText(text)})
}
