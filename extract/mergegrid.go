package extract

// MergeGrid lays word-processor table cells (Word, RTF) on a grid row by
// row. Word processors mark merges on the cells that disappear: a
// horizontal continuation widens the cell to its left, a vertical
// continuation lengthens the cell above that starts at the same column
// with the same width. Both backends mark merges this way, so the placing
// lives here once.
type MergeGrid struct {
	t     Table
	above map[int]int // start column → index in t.Cells of the last cell there
	row   int
	col   int
	prev  int
	// parts holds the texts of a merged cell (its own, then its
	// continuations'), joined once by Table: joining them at every
	// continuation copied the whole text so far each time, quadratic in a
	// cell merged over 400,000 rows (a 144 KB file took 137 s)
	parts map[int][]string
}

// NewMergeGrid starts an empty table on page 1.
func NewMergeGrid() *MergeGrid {
	return &MergeGrid{t: Table{Page: 1, LastPage: 1}, above: map[int]int{}, row: -1}
}

// StartRow begins the next row at column skip (Word's gridBefore).
func (g *MergeGrid) StartRow(skip int) {
	g.row++
	g.t.Rows = g.row + 1
	g.col, g.prev = skip, -1
}

// Cell places the next cell of the row: span columns wide, text already
// normalised; hCont and vCont mark a horizontal or vertical continuation.
func (g *MergeGrid) Cell(text string, span int, hCont, vCont bool) {
	span = max(span, 1)
	defer func() { g.col += span }()
	if hCont && g.prev >= 0 {
		g.t.Cells[g.prev].ColSpan += span
		g.addText(g.prev, text)
		return
	}
	if vCont {
		if i, ok := g.above[g.col]; ok {
			ac := &g.t.Cells[i]
			if ac.Row+ac.RowSpan == g.row && ac.ColSpan == span {
				ac.RowSpan++
				g.addText(i, text)
				g.prev = i
				return
			}
		}
	}
	g.t.Cells = append(g.t.Cells, Cell{Row: g.row, Col: g.col, RowSpan: 1, ColSpan: span, Text: text, Page: 1})
	g.prev = len(g.t.Cells) - 1
	g.above[g.col] = g.prev
}

// addText adds the text of a continuation to cell i.
func (g *MergeGrid) addText(i int, text string) {
	if text == "" {
		return
	}
	if g.parts == nil {
		g.parts = make(map[int][]string)
	}
	if _, ok := g.parts[i]; !ok {
		g.parts[i] = []string{g.t.Cells[i].Text}
	}
	g.parts[i] = append(g.parts[i], text)
}

// EndRow closes the row; trailing empty columns (Word's gridAfter) widen
// the table.
func (g *MergeGrid) EndRow(trailing int) {
	g.t.Cols = max(g.t.Cols, g.col+trailing)
}

// Table returns the grid, at least cols wide, or nil when it has no cells.
func (g *MergeGrid) Table(cols int) *Table {
	g.t.Cols = max(g.t.Cols, cols)
	if len(g.t.Cells) == 0 || g.t.Rows == 0 {
		return nil
	}
	for i, parts := range g.parts {
		g.t.Cells[i].Text = Normalize(JoinLines(parts))
	}
	g.parts = nil
	return &g.t
}
