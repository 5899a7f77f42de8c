package layout

import (
	"slices"
)

// streamCols are the columns of an unruled table: the extents of its
// number columns and the number of label columns before them.
type streamCols struct {
	lo, hi    []float64
	labelCols int
}

// fit places the numbers ws (a line's trailing words) in the columns, in
// order; ok is false when one falls outside them.
func (sc *streamCols) fit(ws []word) ([]int, bool) {
	if len(ws) > len(sc.lo) {
		return nil, false
	}
	cols := make([]int, len(ws))
	last := -1
	for i, t := range ws {
		c := -1
		for k := range sc.lo {
			if t.x1 >= sc.lo[k] && t.x0 <= sc.hi[k] {
				c = k
				break
			}
		}
		if c <= last {
			return nil, false
		}
		cols[i], last = c, c
	}
	return cols, true
}

// streamTail finds, at the bottom of a page, the first rows of an unruled
// table that the next page continues with the columns sc: too few to make
// a table on their own, they are one when their numbers fall into the
// continued table's columns. Only lines from the last heading-free stretch
// of the page are taken: numeric rows that fit, and label lines between or
// below them, up to the bottom of the page.
func streamTail(page int, lines []line, sc *streamCols) (*grid, []line) {
	rows := streamRows(lines)
	var nums []int
	start := len(lines)
	for n := len(lines) - 1; n >= 0; n-- {
		l := &lines[n]
		if l.vert || (n+1 < len(lines) && lines[n+1].y0-l.y1 > 2.5*max(l.size, lines[n+1].size)) {
			break
		}
		if rows[n].tail >= 1 {
			if _, ok := sc.fit(rows[n].ws[len(rows[n].ws)-rows[n].tail:]); !ok {
				break
			}
			nums = append(nums, n)
			start = n
			continue
		}
		if l.text == "" || l.x1 >= sc.lo[0]-1 {
			break
		}
	}
	if len(nums) == 0 {
		return nil, lines
	}
	slices.Reverse(nums)
	t := streamResult{rows: nums, lo: sc.lo, hi: sc.hi}
	for _, n := range nums {
		cols, _ := sc.fit(rows[n].ws[len(rows[n].ws)-rows[n].tail:])
		t.cols = append(t.cols, cols)
	}
	var labels []int
	for n := start + 1; n < len(lines); n++ {
		if rows[n].tail < 1 {
			labels = append(labels, n)
		}
	}
	g := streamGrid(page, lines, rows, t, labels)
	rest := append([]line(nil), lines[:start]...)
	return g, rest
}

// firstStreamTable returns the page's first item when it is an unruled
// table.
func firstStreamTable(p *pageOut) *grid {
	items := pageItems(p)
	if len(items) > 0 && items[0].t != nil && items[0].t.stream != nil {
		return items[0].t
	}
	return nil
}

// stitchStream appends b (an unruled table starting a page) to a (one
// ending the previous page) when their number columns line up. A table
// with one label column is widened to the other's two (its labels span
// both).
func stitchStream(a, b *grid) bool {
	if a.stream == nil || b.stream == nil || len(a.stream.lo) != len(b.stream.lo) {
		return false
	}
	sa, sb := a.stream, b.stream
	for c := range sa.lo {
		if sa.lo[c] > sb.hi[c]+stitchTol || sb.lo[c] > sa.hi[c]+stitchTol {
			return false
		}
	}
	if (sa.labelCols == 0) != (sb.labelCols == 0) {
		return false
	}
	if sa.labelCols < sb.labelCols {
		widenLabels(a, sb.labelCols, b.xs[1])
	} else if sb.labelCols < sa.labelCols {
		widenLabels(b, sa.labelCols, a.xs[1])
	}
	for _, c := range b.cells {
		c.r += a.rows
	}
	a.cells = append(a.cells, b.cells...)
	a.rows += b.rows
	a.lastPage = b.lastPage
	a.xs[0] = min(a.xs[0], b.xs[0])
	a.ys = nil
	return true
}

// widenLabels gives a one-label-column table n label columns (its label
// cells span them all); x is the boundary between the first two.
func widenLabels(t *grid, n int, x float64) {
	add := n - t.stream.labelCols
	for _, c := range t.cells {
		if c.c == 0 {
			c.cs += add
		} else {
			c.c += add
		}
	}
	xs := append([]float64{t.xs[0]}, make([]float64, add)...)
	for i := 1; i <= add; i++ {
		xs[i] = x
	}
	t.xs = append(xs, t.xs[1:]...)
	t.stream = &streamCols{lo: t.stream.lo, hi: t.stream.hi, labelCols: n}
}
