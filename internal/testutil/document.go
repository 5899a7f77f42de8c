package testutil

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// Dump renders a Document as stable text for golden files: metadata,
// problems, then every block; a table lists each cell at its anchor with its
// spans.
func Dump(doc *extract.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "format: %s\n", doc.Format)
	fmt.Fprintf(&b, "meta.title: %s\n", doc.Meta.Title)
	fmt.Fprintf(&b, "meta.issuer: %s\n", doc.Meta.Issuer)
	fmt.Fprintf(&b, "meta.published: %s (%s)\n", doc.Meta.Published, doc.Meta.PublishedFrom)
	for _, p := range doc.Problems {
		fmt.Fprintf(&b, "problem: %s %s\n", p.Code, p.Message)
	}
	for i, bl := range doc.Blocks {
		switch bl.Kind {
		case extract.BlockText:
			fmt.Fprintf(&b, "[%d] text: %s\n", i, bl.Text)
		case extract.BlockTable:
			t := bl.Table
			fmt.Fprintf(&b, "[%d] table %dx%d\n", i, t.Rows, t.Cols)
			for _, c := range t.Cells {
				span := ""
				if c.RowSpan != 1 || c.ColSpan != 1 {
					span = fmt.Sprintf(" span=%dx%d", c.RowSpan, c.ColSpan)
				}
				fmt.Fprintf(&b, "    r%d c%d%s: %s\n", c.Row, c.Col, span, c.Text)
			}
		}
	}
	return b.String()
}

// AllText is every text of a Document run together: each block's text and,
// for a table, its cells' texts, in order; for tests that ask whether some
// text was read at all.
func AllText(doc *extract.Document) string {
	var b strings.Builder
	for _, bl := range doc.Blocks {
		b.WriteString(bl.Text)
		if bl.Table != nil {
			for _, c := range bl.Table.Cells {
				b.WriteString(c.Text)
			}
		}
	}
	return b.String()
}

// CellAt returns the cell anchored at row, col, or nil.
func CellAt(tb *extract.Table, row, col int) *extract.Cell {
	for i := range tb.Cells {
		if tb.Cells[i].Row == row && tb.Cells[i].Col == col {
			return &tb.Cells[i]
		}
	}
	return nil
}

// CheckPartition asserts that the cells of a table cover every slot of the
// grid exactly once.
func CheckPartition(t testing.TB, tb *extract.Table) {
	t.Helper()
	for r, row := range coverage(t, tb) {
		for k, n := range row {
			if n != 1 {
				t.Errorf("slot r%d c%d covered %d times", r, k, n)
			}
		}
	}
}

// CheckCells asserts what every table must be, however damaged the file it
// came from: each cell inside the grid with spans of at least 1, and no slot
// covered twice. Slots no cell covers are allowed (a short row; Grid gives
// them -1); CheckPartition asks for none.
func CheckCells(t testing.TB, tb *extract.Table) {
	t.Helper()
	for r, row := range coverage(t, tb) {
		for k, n := range row {
			if n > 1 {
				t.Errorf("slot r%d c%d covered %d times", r, k, n)
			}
		}
	}
}

// coverage counts the cells over each slot of the grid; a cell outside the
// grid is an error and is not counted.
func coverage(t testing.TB, tb *extract.Table) [][]int {
	t.Helper()
	cover := make([][]int, tb.Rows)
	for r := range cover {
		cover[r] = make([]int, tb.Cols)
	}
	for _, c := range tb.Cells {
		if c.RowSpan < 1 || c.ColSpan < 1 || c.Row < 0 || c.Col < 0 || c.Row+c.RowSpan > tb.Rows || c.Col+c.ColSpan > tb.Cols {
			t.Errorf("cell r%d c%d span %dx%d outside the %dx%d grid", c.Row, c.Col, c.RowSpan, c.ColSpan, tb.Rows, tb.Cols)
			continue
		}
		for r := c.Row; r < c.Row+c.RowSpan; r++ {
			for k := c.Col; k < c.Col+c.ColSpan; k++ {
				cover[r][k]++
			}
		}
	}
	return cover
}
