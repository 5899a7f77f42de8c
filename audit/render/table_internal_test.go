package render

import (
	"bytes"
	"io"
	"testing"

	"github.com/olekukonko/tablewriter"
)

// freshGrid is grid with a new tablewriter.Table for every call, as grid
// was before its tables were pooled.
func freshGrid(w io.Writer, st Style, header []string, rows [][]string, right map[int]bool) error {
	t := tablewriter.NewTable(w, gridOptions(st, len(header), right)...)
	t.Header(header)
	for _, r := range rows {
		if err := t.Append(append([]string(nil), r...)); err != nil {
			return err
		}
	}
	return t.Render()
}

// TestPooledGridEqualsFresh: a table taken from the pool after printing
// others (more or fewer columns, other alignments, East Asian width on and
// off, another writer) prints what a new table prints.
func TestPooledGridEqualsFresh(t *testing.T) {
	type tbl struct {
		st     Style
		header []string
		rows   [][]string
		right  map[int]bool
	}
	tbls := []tbl{
		{Style{}, []string{"条款", "信息内容", "栏目", "数值"}, [][]string{{"第二十条第（一）项", "规章", "本年制发件数", "12"}, {"", "行政规范性文件", "现行有效件数", "1,234"}}, map[int]bool{3: true}},
		{Style{EastAsianWide: true}, []string{"规则", "结果"}, [][]string{{"T3-BALANCE", "“不符” ± ①"}}, nil},
		{Style{}, []string{"a", "b", "c", "d", "e", "f"}, [][]string{{"1", "", "3", " 4 ", "五", "6"}, {"", "", "", "", "", ""}}, map[int]bool{0: true, 5: true}},
		{Style{}, []string{"文件"}, nil, nil},
	}
	for round := range 2 {
		for i, c := range tbls {
			var got, want bytes.Buffer
			if err := grid(&got, c.st, c.header, c.rows, c.right); err != nil {
				t.Fatal(err)
			}
			if err := freshGrid(&want, c.st, c.header, c.rows, c.right); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("round %d, table %d: pooled\n%s\nfresh\n%s", round, i, got.String(), want.String())
			}
		}
	}
}
