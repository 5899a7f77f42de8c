package html

import (
	"sort"

	"github.com/nianbao/nianbao/extract"
)

// Span limits of the HTML "forming a table" algorithm.
const (
	maxColSpan = 1000
	maxRowSpan = 65534
)

// rawCell is one <td>/<th> as written: spans as parsed from the attributes
// (colspan already clamped to 1..1000, rowspan to 0..65534, 0 meaning "to the
// end of the row group") and its normalised text.
type rawCell struct {
	rowSpan, colSpan int
	text             string
}

// rawGroup is one row group (<thead>, <tbody>, <tfoot>, or the rows written
// directly in <table>), each row a list of cells in source order.
type rawGroup [][]rawCell

// active is a cell anchored in an earlier row that still covers later rows.
type active struct {
	x0, x1  int // columns [x0, x1)
	lastRow int // last covered row, inclusive
}

// buildGrid lays cells out on a grid following the HTML table-forming
// algorithm (https://html.spec.whatwg.org/#forming-a-table): each cell goes
// to the first free slot of its row, spans push later cells right, rowspan=0
// reaches the end of the row group.
//
// Where the algorithm leaves a "table model error" we do what browsers show
// and what keeps Cells a partition of the grid:
//   - a rowspan running past the last row of its group is cut at the end of
//     the group (no phantom empty rows);
//   - a colspan that runs into a slot already covered by a cell from an
//     earlier row is cut before that slot (no overlapping cells).
//
// It returns nil when the table has no cell at all.
func buildGrid(groups []rawGroup) *extract.Table {
	t := &extract.Table{Page: 1, LastPage: 1}
	y := 0
	for _, g := range groups {
		gend := y + len(g) // first row after the group
		var act []active   // disjoint intervals covered from rows above
		for _, row := range g {
			// Forget cells that end above this row; order the rest by column.
			keep := act[:0]
			for _, a := range act {
				if a.lastRow >= y {
					keep = append(keep, a)
				}
			}
			act = keep
			sort.Slice(act, func(i, j int) bool { return act[i].x0 < act[j].x0 })
			var added []active
			x, k := 0, 0 // k: first interval of act that may lie at or after x
			for _, c := range row {
				// Skip slots covered from above.
				for k < len(act) && act[k].x0 <= x {
					if act[k].x1 > x {
						x = act[k].x1
					}
					k++
				}
				cs := min(max(c.colSpan, 1), maxColSpan)
				if k < len(act) && act[k].x0 < x+cs {
					cs = act[k].x0 - x
				}
				rs := c.rowSpan
				if rs <= 0 || y+rs > gend {
					rs = gend - y
				}
				t.Cells = append(t.Cells, extract.Cell{
					Row: y, Col: x, RowSpan: rs, ColSpan: cs,
					Text: c.text, Page: 1,
				})
				if rs > 1 {
					added = append(added, active{x0: x, x1: x + cs, lastRow: y + rs - 1})
				}
				x += cs
				if x > t.Cols {
					t.Cols = x
				}
			}
			act = append(act, added...)
			y++
		}
	}
	t.Rows = y
	if len(t.Cells) == 0 {
		return nil
	}
	return t
}

// parseSpan reads a colspan/rowspan value with the HTML "rules for parsing
// non-negative integers": leading white space is skipped, digits are read up
// to the first non-digit; anything unparsable gives def.
func parseSpan(v string, def, lo, hi int) int {
	i := 0
	for i < len(v) && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == '\r' || v[i] == '\f') {
		i++
	}
	if i < len(v) && v[i] == '+' {
		i++
	}
	start := i
	n := 0
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		if n <= hi {
			n = n*10 + int(v[i]-'0')
		}
		i++
	}
	if i == start {
		return def
	}
	return min(max(n, lo), hi)
}
