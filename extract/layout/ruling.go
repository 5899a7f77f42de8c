package layout

import (
	"math"
	"slices"
	"sort"

	"github.com/nianbao/nianbao/extract"
)

// Tolerances for ruling lines, in points (pdfplumber's defaults).
const (
	snapTol   = 3.0   // nearly collinear segments are moved onto one line
	joinTol   = 3.0   // collinear segments this close are joined
	crossTol  = 3.0   // a horizontal and a vertical rule this close touch
	minRule   = 3.0   // shorter segments are not rules
	slopeTol  = 1.5   // how far a "horizontal" segment may climb
	openExtra = 6.0   // rules overhanging the frame by more than this open a row/column
	maxUnits  = 40000 // a larger grid of rules is a drawing, not a table
)

type hseg struct{ y, x0, x1 float64 }
type vseg struct{ x, y0, y1 float64 }

// rules splits painted segments into horizontal and vertical rules, snaps
// nearly collinear ones together and joins overlapping or touching ones.
func rules(segs []Segment) ([]hseg, []vseg) {
	var hs []hseg
	var vs []vseg
	for _, s := range segs {
		if !finite(s.X0, s.Y0, s.X1, s.Y1) {
			continue
		}
		dx, dy := math.Abs(s.X1-s.X0), math.Abs(s.Y1-s.Y0)
		switch {
		case dy <= slopeTol && dx >= minRule:
			hs = append(hs, hseg{y: (s.Y0 + s.Y1) / 2, x0: min(s.X0, s.X1), x1: max(s.X0, s.X1)})
		case dx <= slopeTol && dy >= minRule:
			vs = append(vs, vseg{x: (s.X0 + s.X1) / 2, y0: min(s.Y0, s.Y1), y1: max(s.Y0, s.Y1)})
		}
	}
	return joinH(snapH(hs)), joinV(snapV(vs))
}

// cluster groups sorted values whose neighbours lie within tol and returns,
// for each input index, the mean of its cluster.
func cluster(vals []float64, tol float64) []float64 {
	out := make([]float64, len(vals))
	for i := 0; i < len(vals); {
		j, sum := i+1, vals[i]
		for j < len(vals) && vals[j]-vals[j-1] <= tol {
			sum += vals[j]
			j++
		}
		m := sum / float64(j-i)
		for k := i; k < j; k++ {
			out[k] = m
		}
		i = j
	}
	return out
}

func snapH(hs []hseg) []hseg {
	slices.SortFunc(hs, func(a, b hseg) int { return less(a.y < b.y) })
	ys := make([]float64, len(hs))
	for i := range hs {
		ys[i] = hs[i].y
	}
	for i, y := range cluster(ys, snapTol) {
		hs[i].y = y
	}
	return hs
}

func snapV(vs []vseg) []vseg {
	slices.SortFunc(vs, func(a, b vseg) int { return less(a.x < b.x) })
	xs := make([]float64, len(vs))
	for i := range vs {
		xs[i] = vs[i].x
	}
	for i, x := range cluster(xs, snapTol) {
		vs[i].x = x
	}
	return vs
}

func joinH(hs []hseg) []hseg {
	slices.SortFunc(hs, func(a, b hseg) int {
		if a.y != b.y {
			return less(a.y < b.y)
		}
		return less(a.x0 < b.x0)
	})
	var out []hseg
	for _, h := range hs {
		if n := len(out); n > 0 && out[n-1].y == h.y && h.x0 <= out[n-1].x1+joinTol {
			out[n-1].x1 = max(out[n-1].x1, h.x1)
			continue
		}
		out = append(out, h)
	}
	return out
}

func joinV(vs []vseg) []vseg {
	slices.SortFunc(vs, func(a, b vseg) int {
		if a.x != b.x {
			return less(a.x < b.x)
		}
		return less(a.y0 < b.y0)
	})
	var out []vseg
	for _, v := range vs {
		if n := len(out); n > 0 && out[n-1].x == v.x && v.y0 <= out[n-1].y1+joinTol {
			out[n-1].y1 = max(out[n-1].y1, v.y1)
			continue
		}
		out = append(out, v)
	}
	return out
}

// gcell is a cell of a grid under construction.
type gcell struct {
	r, c, rs, cs int
	gs           []gl
	ng           int // layoutPage: how many glyphs the cell gets
	text         string
	page         int
	box          extract.Box
	openTop      bool // the top edge is not ruled
	openBottom   bool // the bottom edge is not ruled
	// ty0, ty1: the vertical extent of the cell's glyphs (when text != "")
	ty0, ty1 float64
}

// grid is a table before it becomes an extract.Table.
type grid struct {
	page, lastPage int
	xs, ys         []float64 // column and row boundaries (of the last page part for ys)
	cells          []*gcell
	at             [][]int // unit position → index in cells, -1 if none
	ruled          bool
	stream         *streamCols // the columns of an unruled (stream) table
	box            extract.Box
	rows           int
}

func (t *grid) contains(x, y float64) bool {
	return x >= t.box.X0 && x <= t.box.X1 && y >= t.box.Y0 && y <= t.box.Y1
}

// cellAt returns the cell holding the point, or nil.
func (t *grid) cellAt(x, y float64) *gcell {
	c := sort.SearchFloat64s(t.xs, x) - 1
	r := sort.SearchFloat64s(t.ys, y) - 1
	if r < 0 || c < 0 || r >= len(t.ys)-1 || c >= len(t.xs)-1 {
		return nil
	}
	if i := t.at[r][c]; i >= 0 {
		return t.cells[i]
	}
	return nil
}

// uf is a union-find over ints.
type uf []int

func newUF(n int) uf {
	u := make(uf, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u uf) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

func (u uf) union(a, b int) { u[u.find(a)] = u.find(b) }

// lattice finds ruled tables: groups of touching rules, each turned into a
// grid of the smallest rectangles bounded by rules, with merged cells
// where an interior rule is missing.
func lattice(page int, hs []hseg, vs []vseg) []*grid {
	if len(hs) == 0 || len(vs) == 0 {
		return nil
	}
	// connected components of touching rules
	u := newUF(len(hs) + len(vs))
	// vs is sorted by x (joinV)
	for i, h := range hs {
		lo := sort.Search(len(vs), func(k int) bool { return vs[k].x >= h.x0-crossTol })
		for k := lo; k < len(vs) && vs[k].x <= h.x1+crossTol; k++ {
			v := vs[k]
			if h.y >= v.y0-crossTol && h.y <= v.y1+crossTol {
				u.union(i, len(hs)+k)
			}
		}
	}
	groups := map[int]*struct {
		hs []hseg
		vs []vseg
	}{}
	var order []int
	get := func(root int) *struct {
		hs []hseg
		vs []vseg
	} {
		g, ok := groups[root]
		if !ok {
			g = &struct {
				hs []hseg
				vs []vseg
			}{}
			groups[root] = g
			order = append(order, root)
		}
		return g
	}
	for i, h := range hs {
		g := get(u.find(i))
		g.hs = append(g.hs, h)
	}
	for k, v := range vs {
		g := get(u.find(len(hs) + k))
		g.vs = append(g.vs, v)
	}
	var out []*grid
	for _, root := range order {
		g := groups[root]
		if len(g.hs) == 0 || len(g.vs) == 0 {
			continue
		}
		if t := gridFrom(page, g.hs, g.vs); t != nil {
			out = append(out, t)
		}
	}
	return out
}

// positions returns the distinct values (within snapTol) of vals, sorted.
func positions(vals []float64) []float64 {
	sort.Float64s(vals)
	var out []float64
	for i := 0; i < len(vals); {
		j, sum := i+1, vals[i]
		for j < len(vals) && vals[j]-vals[j-1] <= snapTol {
			sum += vals[j]
			j++
		}
		out = append(out, sum/float64(j-i))
		i = j
	}
	return out
}

// coverage returns the fraction of [a,b] covered by the intervals.
func coverage(iv [][2]float64, a, b float64) float64 {
	if b <= a {
		return 0
	}
	cov := 0.0
	for _, s := range iv {
		lo, hi := max(a, s[0]), min(b, s[1])
		if hi > lo {
			cov += hi - lo
		}
	}
	return cov / (b - a)
}

func gridFrom(page int, hs []hseg, vs []vseg) *grid {
	var xv, yv []float64
	minX, maxX := math.Inf(1), math.Inf(-1)
	minY, maxY := math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		xv = append(xv, v.x)
		minY, maxY = min(minY, v.y0), max(maxY, v.y1)
	}
	for _, h := range hs {
		yv = append(yv, h.y)
		minX, maxX = min(minX, h.x0), max(maxX, h.x1)
	}
	xs, ys := positions(xv), positions(yv)
	// rules that overhang the frame open a row or column without a border
	if minX < xs[0]-openExtra {
		xs = append([]float64{minX}, xs...)
	}
	if maxX > xs[len(xs)-1]+openExtra {
		xs = append(xs, maxX)
	}
	if minY < ys[0]-openExtra {
		ys = append([]float64{minY}, ys...)
	}
	if maxY > ys[len(ys)-1]+openExtra {
		ys = append(ys, maxY)
	}
	if len(xs) < 2 || len(ys) < 2 || (len(xs)-1)*(len(ys)-1) > maxUnits {
		return nil // no grid, or vector art rather than a table
	}
	// rules by position index
	hAt := make([][][2]float64, len(ys))
	for _, h := range hs {
		if i := nearest(ys, h.y); i >= 0 {
			hAt[i] = append(hAt[i], [2]float64{h.x0, h.x1})
		}
	}
	vAt := make([][][2]float64, len(xs))
	for _, v := range vs {
		if i := nearest(xs, v.x); i >= 0 {
			vAt[i] = append(vAt[i], [2]float64{v.y0, v.y1})
		}
	}
	R, C := len(ys)-1, len(xs)-1
	ruledH := func(i, c int) bool { return coverage(hAt[i], xs[c], xs[c+1]) >= 0.5 }
	ruledV := func(j, r int) bool { return coverage(vAt[j], ys[r], ys[r+1]) >= 0.5 }
	u := newUF(R * C)
	for r := 0; r < R; r++ {
		for c := 0; c < C; c++ {
			if c+1 < C && !ruledV(c+1, r) {
				u.union(r*C+c, r*C+c+1)
			}
			if r+1 < R && !ruledH(r+1, c) {
				u.union(r*C+c, (r+1)*C+c)
			}
		}
	}
	type ext struct{ r0, c0, r1, c1, n int }
	comps := make([]ext, R*C) // by root
	for i := range comps {
		comps[i].r0 = -1
	}
	for r := 0; r < R; r++ {
		for c := 0; c < C; c++ {
			e := &comps[u.find(r*C+c)]
			if e.r0 < 0 {
				*e = ext{r0: r, c0: c, r1: r, c1: c}
			}
			e.r0, e.c0 = min(e.r0, r), min(e.c0, c)
			e.r1, e.c1 = max(e.r1, r), max(e.c1, c)
			e.n++
		}
	}
	t := &grid{page: page, lastPage: page, xs: xs, ys: ys, ruled: true, rows: R}
	t.at = make([][]int, R)
	for r := range t.at {
		t.at[r] = make([]int, C)
		for c := range t.at[r] {
			t.at[r][c] = -1
		}
	}
	for r := 0; r < R; r++ {
		for c := 0; c < C; c++ {
			e := comps[u.find(r*C+c)]
			if e.r0 != r || e.c0 != c {
				continue
			}
			rs, cs := e.r1-e.r0+1, e.c1-e.c0+1
			if e.n != rs*cs {
				continue // not a rectangle: not a cell
			}
			side := func(ok bool) int {
				if ok {
					return 1
				}
				return 0
			}
			top := coverage(hAt[r], xs[c], xs[c+cs]) >= 0.5
			bottom := coverage(hAt[r+rs], xs[c], xs[c+cs]) >= 0.5
			left := coverage(vAt[c], ys[r], ys[r+rs]) >= 0.5
			right := coverage(vAt[c+cs], ys[r], ys[r+rs]) >= 0.5
			if side(top)+side(bottom)+side(left)+side(right) < 3 {
				continue
			}
			idx := len(t.cells)
			t.cells = append(t.cells, &gcell{
				r: r, c: c, rs: rs, cs: cs, page: page,
				box:     extract.Box{X0: xs[c], Y0: ys[r], X1: xs[c+cs], Y1: ys[r+rs]},
				openTop: !top, openBottom: !bottom,
			})
			for i := r; i < r+rs; i++ {
				for k := c; k < c+cs; k++ {
					t.at[i][k] = idx
				}
			}
		}
	}
	if len(t.cells) < 2 {
		return nil
	}
	t.box = extract.Box{X0: xs[0], Y0: ys[0], X1: xs[C], Y1: ys[R]}
	return t
}

func nearest(ps []float64, v float64) int {
	i := sort.SearchFloat64s(ps, v)
	best, bd := -1, snapTol+0.01
	for _, k := range []int{i - 1, i} {
		if k >= 0 && k < len(ps) {
			if d := math.Abs(ps[k] - v); d < bd {
				best, bd = k, d
			}
		}
	}
	return best
}

// collapse removes grid columns and rows that are thinner than a glyph and
// hold no text (double borders a few points apart), narrowing the cells
// that span them.
func (t *grid) collapse() {
	for c := len(t.xs) - 2; c >= 0; c-- {
		if t.xs[c+1]-t.xs[c] < 6 && t.emptyLine(false, c) && len(t.xs) > 2 {
			t.remove(false, c)
		}
	}
	for r := len(t.ys) - 2; r >= 0; r-- {
		if t.ys[r+1]-t.ys[r] < 5 && t.emptyLine(true, r) && len(t.ys) > 2 {
			t.remove(true, r)
		}
	}
}

// emptyLine reports whether every cell that lies only in row/column k is empty.
func (t *grid) emptyLine(row bool, k int) bool {
	for _, c := range t.cells {
		p, n := c.c, c.cs
		if row {
			p, n = c.r, c.rs
		}
		if p == k && n == 1 && c.text != "" {
			return false
		}
	}
	return true
}

func (t *grid) remove(row bool, k int) {
	kept := t.cells[:0]
	for _, c := range t.cells {
		p, n := &c.c, &c.cs
		if row {
			p, n = &c.r, &c.rs
		}
		switch {
		case *p == k && *n == 1:
			continue
		case *p > k:
			*p--
		case *p <= k && k < *p+*n:
			*n--
		}
		kept = append(kept, c)
	}
	t.cells = kept
	if row {
		t.ys = append(t.ys[:k+1:k+1], t.ys[k+2:]...)
		t.rows--
	} else {
		t.xs = append(t.xs[:k+1:k+1], t.xs[k+2:]...)
	}
	t.at = nil // no longer valid; glyphs are assigned before collapsing
}
