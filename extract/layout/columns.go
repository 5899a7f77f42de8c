package layout

import (
	"sort"

	"github.com/nianbao/nianbao/extract"
)

// Two-column text, the simple case only: on a page without tables, when at
// least minColumnLines lines are each split by a wide gap at the same place
// in the middle of the page, and the text on both sides is prose (wide, not
// numbers), the lines are cut at the gutter and the left column is read
// before the right one. A line that crosses the gutter (a title across both
// columns) ends one two-column stretch.
const (
	minColumnLines = 5
	gutterGap      = 2.5 // ems: the least gap that may be a gutter
)

// columnize reorders a page's lines for two-column text; lines are in
// reading order on entry and on exit.
func columnize(lines []line, pageWidth float64) []line {
	if len(lines) < minColumnLines || pageWidth <= 0 {
		return lines
	}
	// candidate gaps: the widest gap of each horizontal line, if wide
	type cut struct{ at, g0, g1 float64 }
	cuts := make([]cut, len(lines))
	var lo, hi []float64
	for i := range lines {
		cuts[i].at = -1
		l := &lines[i]
		if l.vert {
			continue
		}
		for k := 1; k < len(l.gs); k++ {
			p, g := &l.gs[k-1], &l.gs[k]
			gap := g.x0 - p.x1
			if gap > gutterGap*max(p.size, g.size) && gap > cuts[i].g1-cuts[i].g0 {
				cuts[i] = cut{at: float64(k), g0: p.x1, g1: g.x0}
			}
		}
		if cuts[i].at > 0 {
			lo = append(lo, cuts[i].g0)
			hi = append(hi, cuts[i].g1)
		}
	}
	if len(lo) < minColumnLines {
		return lines
	}
	// the gutter: where most cut lines leave a gap
	sort.Float64s(lo)
	sort.Float64s(hi)
	g0, g1 := lo[len(lo)*4/5], hi[len(hi)/5]
	if g1-g0 < 4 || (g0+g1)/2 < 0.3*pageWidth || (g0+g1)/2 > 0.7*pageWidth {
		return lines
	}
	// split lines at the gutter; count the lines that really have both sides
	type part struct {
		l    line
		side int // 0 left, 1 right, 2 across
	}
	var parts []part
	both := 0
	wide := func(l *line) bool { return l.x1-l.x0 >= 0.25*pageWidth }
	for i := range lines {
		l := lines[i]
		if l.vert {
			parts = append(parts, part{l, sideOf(&l, g0, g1)})
			continue
		}
		k := 0
		for k < len(l.gs) && l.gs[k].cx() < g0 {
			k++
		}
		if k == 0 || k == len(l.gs) || l.gs[k-1].x1 > g0+1 || l.gs[k].x0 < g1-1 {
			parts = append(parts, part{l, sideOf(&l, g0, g1)})
			continue
		}
		left, right := line{gs: l.gs[:k:k]}, line{gs: l.gs[k:]}
		left.bound()
		right.bound()
		if numeric(&left) || numeric(&right) {
			return lines // numbers beside text: a table, not columns
		}
		if wide(&left) && wide(&right) {
			both++
		}
		parts = append(parts, part{left, 0}, part{right, 1})
	}
	if both < minColumnLines {
		return lines
	}
	out := make([]line, 0, len(parts))
	var right []line
	for _, p := range parts {
		switch p.side {
		case 0:
			out = append(out, p.l)
		case 1:
			right = append(right, p.l)
		default:
			out = append(out, right...)
			right = right[:0]
			out = append(out, p.l)
		}
	}
	out = append(out, right...)
	for i := range out {
		out[i].text = extract.Normalize(lineText(&out[i], false))
	}
	return out
}

// sideOf says on which side of the gutter a whole line lies.
func sideOf(l *line, g0, g1 float64) int {
	switch {
	case l.x1 <= g0+1:
		return 0
	case l.x0 >= g1-1:
		return 1
	}
	return 2
}

// numeric reports whether a line holds mostly digits.
func numeric(l *line) bool {
	d, n := 0, 0
	for i := range l.gs {
		if l.gs[i].space {
			continue
		}
		n++
		if r := l.gs[i].r; (r >= '0' && r <= '9') || r == '.' || r == ',' || r == '%' {
			d++
		}
	}
	return n == 0 || 2*d >= n
}
