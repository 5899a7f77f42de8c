package extract

import "testing"

func TestMergeGrid(t *testing.T) {
	g := NewMergeGrid()
	// row 0: "A" spanning a continued cell, then "乙"
	g.StartRow(0)
	g.Cell("A", 1, false, false)
	g.Cell("", 1, true, false)
	g.Cell("乙", 1, false, false)
	g.EndRow(0)
	// row 1: one skipped column, "C", then a continuation of "乙"
	g.StartRow(1)
	g.Cell("C", 1, false, false)
	g.Cell("续", 1, false, true)
	g.EndRow(1)
	tb := g.Table(0)
	if tb == nil || tb.Rows != 2 || tb.Cols != 4 || len(tb.Cells) != 3 {
		t.Fatalf("table = %+v", tb)
	}
	want := []Cell{
		{Row: 0, Col: 0, RowSpan: 1, ColSpan: 2, Text: "A", Page: 1},
		{Row: 0, Col: 2, RowSpan: 2, ColSpan: 1, Text: "乙续", Page: 1},
		{Row: 1, Col: 1, RowSpan: 1, ColSpan: 1, Text: "C", Page: 1},
	}
	for i, c := range want {
		if tb.Cells[i] != c {
			t.Errorf("cell %d = %+v, want %+v", i, tb.Cells[i], c)
		}
	}
	if NewMergeGrid().Table(3) != nil {
		t.Error("an empty grid should give no table")
	}
}
