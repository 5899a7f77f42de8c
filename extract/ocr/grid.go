package ocr

import (
	"image"
	"slices"
	"sort"
)

// rule is a ruling line found in a picture: horizontal (at Y from X0 to
// X1) or vertical (at X from Y0 to Y1), in pixels.
type rule struct {
	pos    int // y of a horizontal rule, x of a vertical one
	lo, hi int // extent along the rule
}

// runs finds ink runs at least minLen long along rows (horizontal) or
// columns (vertical), bridging gaps up to gap pixels, and merges runs of
// neighbouring rows into rules (a rule is a few pixels thick).
func runs(b *bitmap, vertical bool, minLen, gap int) []rule {
	n, m := b.h, b.w // n lines of length m
	if vertical {
		n, m = b.w, b.h
	}
	ink := func(i, j int) bool {
		if vertical {
			return b.ink[j*b.w+i]
		}
		return b.ink[i*b.w+j]
	}
	type seg struct{ i, lo, hi int }
	var segs []seg
	for i := 0; i < n; i++ {
		start, last := -1, -1
		for j := 0; j <= m; j++ {
			if j < m && ink(i, j) {
				if start < 0 {
					start = j
				}
				last = j
				continue
			}
			if start >= 0 && (j == m || j-last > gap) {
				if last-start+1 >= minLen {
					segs = append(segs, seg{i, start, last + 1})
				}
				start = -1
			}
		}
	}
	// merge segments of adjacent lines that overlap into one rule
	var out []rule
	type open struct {
		r     rule
		last  int
		sumI  int
		count int
	}
	var active []open
	flush := func(o open) {
		o.r.pos = o.sumI / o.count
		out = append(out, o.r)
	}
	for _, s := range segs {
		merged := false
		for k := range active {
			a := &active[k]
			if s.i-a.last <= 2 && s.lo < a.r.hi && s.hi > a.r.lo {
				a.r.lo, a.r.hi = min(a.r.lo, s.lo), max(a.r.hi, s.hi)
				a.last = s.i
				a.sumI += s.i
				a.count++
				merged = true
				break
			}
		}
		if !merged {
			active = append(active, open{r: rule{lo: s.lo, hi: s.hi}, last: s.i, sumI: s.i, count: 1})
		}
		// close rules that can no longer grow
		k := 0
		for _, a := range active {
			if s.i-a.last > 2 {
				flush(a)
			} else {
				active[k] = a
				k++
			}
		}
		active = active[:k]
	}
	for _, a := range active {
		flush(a)
	}
	// a thick rule seen as several: join rules on nearly the same line
	// whose extents touch
	sort.Slice(out, func(i, j int) bool {
		if out[i].pos != out[j].pos {
			return out[i].pos < out[j].pos
		}
		return out[i].lo < out[j].lo
	})
	var joined []rule
	for _, r := range out {
		done := false
		for k := len(joined) - 1; k >= 0 && r.pos-joined[k].pos <= 3; k-- {
			j := &joined[k]
			if r.lo <= j.hi+gap && r.hi >= j.lo-gap {
				j.lo, j.hi = min(j.lo, r.lo), max(j.hi, r.hi)
				done = true
				break
			}
		}
		if !done {
			joined = append(joined, r)
		}
	}
	return joined
}

// solid keeps the rules that are inked along nearly all their length (a
// run of text strokes bridged by the gap tolerance has holes).
func solid(b *bitmap, rs []rule, vertical bool) []rule {
	var out []rule
	for _, r := range rs {
		n := 0
		for i := r.lo; i < r.hi; i++ {
			for d := -2; d <= 2; d++ {
				x, y := i, r.pos+d
				if vertical {
					x, y = r.pos+d, i
				}
				if b.at(x, y) {
					n++
					break
				}
			}
		}
		if n*100 >= (r.hi-r.lo)*88 {
			out = append(out, r)
		}
	}
	return out
}

// thicken spreads ink by one pixel across the direction of the rules
// looked for, so that a thin rule left slightly slanted (or drawn light
// and broken by the binarisation) is one unbroken run.
func thicken(b *bitmap, vertical bool) *bitmap {
	out := &bitmap{w: b.w, h: b.h, ink: make([]bool, len(b.ink))}
	for y := 0; y < b.h; y++ {
		for x := 0; x < b.w; x++ {
			if !b.ink[y*b.w+x] {
				continue
			}
			out.ink[y*b.w+x] = true
			if vertical {
				if x > 0 {
					out.ink[y*b.w+x-1] = true
				}
				if x+1 < b.w {
					out.ink[y*b.w+x+1] = true
				}
			} else {
				if y > 0 {
					out.ink[(y-1)*b.w+x] = true
				}
				if y+1 < b.h {
					out.ink[(y+1)*b.w+x] = true
				}
			}
		}
	}
	return out
}

// gridTable is a ruled table found in a picture: row boundaries ys and
// column boundaries xs (pixels, increasing), and its cells with spans.
type gridTable struct {
	xs, ys []int
	cells  []gridCell
}

type gridCell struct {
	row, col         int
	rowSpan, colSpan int
	box              image.Rectangle // inside the rules
}

func (t *gridTable) box() image.Rectangle {
	return image.Rect(t.xs[0], t.ys[0], t.xs[len(t.xs)-1], t.ys[len(t.ys)-1])
}

// findTables finds ruled tables: groups of horizontal and vertical rules
// that cross each other, with at least two of each.
func findTables(b *bitmap) []*gridTable {
	minLen := max(24, min(b.w, b.h)/30)
	hs := solid(b, runs(thicken(b, false), false, minLen, 4), false)
	vs := solid(b, runs(thicken(b, true), true, minLen, 4), true)
	tol := max(4, b.w/300)
	crosses := func(h, v rule) bool {
		return v.pos >= h.lo-tol && v.pos <= h.hi+tol && h.pos >= v.lo-tol && h.pos <= v.hi+tol
	}
	// a rule of a table crosses at least two rules of the other
	// direction (its ends, at least); strokes of text that line up do not
	for range 3 {
		keepH := hs[:0:0]
		for _, h := range hs {
			n := 0
			for _, v := range vs {
				if crosses(h, v) {
					n++
				}
			}
			if n >= 2 {
				keepH = append(keepH, h)
			}
		}
		keepV := vs[:0:0]
		for _, v := range vs {
			n := 0
			for _, h := range keepH {
				if crosses(h, v) {
					n++
				}
			}
			if n >= 2 {
				keepV = append(keepV, v)
			}
		}
		if len(keepH) == len(hs) && len(keepV) == len(vs) {
			break
		}
		hs, vs = keepH, keepV
	}
	// union-find over rules: hs first, then vs
	parent := make([]int, len(hs)+len(vs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, h := range hs {
		for j, v := range vs {
			if crosses(h, v) {
				parent[find(i)] = find(len(hs) + j)
			}
		}
	}
	groups := map[int][]int{}
	for i := range parent {
		groups[find(i)] = append(groups[find(i)], i)
	}
	var out []*gridTable
	for _, g := range groups {
		var gh, gv []rule
		for _, i := range g {
			if i < len(hs) {
				gh = append(gh, hs[i])
			} else {
				gv = append(gv, vs[i-len(hs)])
			}
		}
		if len(gh) < 2 || len(gv) < 2 {
			continue
		}
		gh = openEdges(gh, gv)
		if t := buildGrid(gh, gv, tol); t != nil {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ys[0] < out[j].ys[0] })
	return out
}

// openEdges adds the top or the bottom rule of a table whose vertical
// rules run on past its first or last horizontal rule: a table continued
// from or on another page is often printed without that border, and its
// first or last row would be lost. The edge is where the vertical rules
// end.
func openEdges(hs, vs []rule) []rule {
	ys := make([]int, len(hs))
	lo, hi := hs[0].lo, hs[0].hi
	for i, h := range hs {
		ys[i] = h.pos
		lo, hi = min(lo, h.lo), max(hi, h.hi)
	}
	sort.Ints(ys)
	var gaps []int
	for i := 1; i < len(ys); i++ {
		if d := ys[i] - ys[i-1]; d > 4 {
			gaps = append(gaps, d)
		}
	}
	if len(gaps) == 0 {
		return hs
	}
	sort.Ints(gaps)
	reach := max(12, gaps[len(gaps)/2]/2)
	// a vertical rule is often found as several pieces: the extent of
	// the rules at one position counts
	sorted := slices.Clone(vs)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].pos < sorted[j].pos })
	var cols []rule
	for _, v := range sorted {
		if n := len(cols); n > 0 && v.pos-cols[n-1].pos <= 4 {
			cols[n-1].lo, cols[n-1].hi = min(cols[n-1].lo, v.lo), max(cols[n-1].hi, v.hi)
			continue
		}
		cols = append(cols, v)
	}
	top, bottom := ys[0], ys[len(ys)-1]
	var ups, downs []int
	for _, v := range cols {
		if top-v.lo >= reach {
			ups = append(ups, v.lo)
		}
		if v.hi-bottom >= reach {
			downs = append(downs, v.hi)
		}
	}
	out := hs
	for _, ends := range [][]int{ups, downs} {
		if len(ends) >= 2 && len(ends)*2 >= len(cols) {
			sort.Ints(ends)
			out = append(out, rule{pos: ends[len(ends)/2], lo: lo, hi: hi})
		}
	}
	return out
}

// cluster merges positions closer than tol into their mean.
func cluster(ps []int, tol int) []int {
	sort.Ints(ps)
	var out []int
	sum, n := 0, 0
	for i, p := range ps {
		if i > 0 && p-ps[i-1] > tol {
			out = append(out, sum/n)
			sum, n = 0, 0
		}
		sum += p
		n++
	}
	if n > 0 {
		out = append(out, sum/n)
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// buildGrid makes the cell grid of one table: the rules' positions are the
// boundaries; two neighbouring grid positions belong to one cell where the
// rule between them is missing (a merged cell).
func buildGrid(hs, vs []rule, tol int) *gridTable {
	var yp, xp []int
	for _, h := range hs {
		yp = append(yp, h.pos)
	}
	for _, v := range vs {
		xp = append(xp, v.pos)
	}
	ys, xs := cluster(yp, tol), cluster(xp, tol)
	if len(ys) < 2 || len(xs) < 2 {
		return nil
	}
	nr, nc := len(ys)-1, len(xs)-1
	// covered reports whether a rule lies along the boundary at the given
	// index between two positions (the middle of the segment is inked)
	hCovered := func(yi, c int) bool { // horizontal boundary ys[yi] over column c
		mid := (xs[c] + xs[c+1]) / 2
		for _, h := range hs {
			if abs(h.pos-ys[yi]) <= tol && h.lo <= mid && h.hi >= mid {
				return true
			}
		}
		return false
	}
	vCovered := func(xi, r int) bool { // vertical boundary xs[xi] over row r
		mid := (ys[r] + ys[r+1]) / 2
		for _, v := range vs {
			if abs(v.pos-xs[xi]) <= tol && v.lo <= mid && v.hi >= mid {
				return true
			}
		}
		return false
	}
	id := func(r, c int) int { return r*nc + c }
	parent := make([]int, nr*nc)
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for r := 0; r < nr; r++ {
		for c := 0; c < nc; c++ {
			if c+1 < nc && !vCovered(c+1, r) {
				parent[find(id(r, c))] = find(id(r, c+1))
			}
			if r+1 < nr && !hCovered(r+1, c) {
				parent[find(id(r, c))] = find(id(r+1, c))
			}
		}
	}
	type span struct{ r0, c0, r1, c1 int }
	spans := map[int]*span{}
	var order []int
	for r := 0; r < nr; r++ {
		for c := 0; c < nc; c++ {
			k := find(id(r, c))
			s, ok := spans[k]
			if !ok {
				s = &span{r, c, r, c}
				spans[k] = s
				order = append(order, k)
			}
			s.r0, s.c0 = min(s.r0, r), min(s.c0, c)
			s.r1, s.c1 = max(s.r1, r), max(s.c1, c)
		}
	}
	t := &gridTable{xs: xs, ys: ys}
	for _, k := range order {
		s := spans[k]
		t.cells = append(t.cells, gridCell{
			row: s.r0, col: s.c0, rowSpan: s.r1 - s.r0 + 1, colSpan: s.c1 - s.c0 + 1,
			box: image.Rect(xs[s.c0], ys[s.r0], xs[s.c1+1], ys[s.r1+1]),
		})
	}
	// a "table" of one cell is a frame (a box around a stamp or a title)
	if len(t.cells) < 2 {
		return nil
	}
	return t
}
