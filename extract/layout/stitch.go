package layout

import (
	"math"
	"sort"
)

// stitchTol is how far column boundaries of the two parts of a table split
// by a page break may differ.
const stitchTol = 4.0

// stitch appends b (the first table of a page) to a (the last table of the
// previous page) when their columns line up, and reports whether it did.
// The column boundaries must agree at both outer edges, and the boundaries of
// one part must all be boundaries of the other (a part may lack a boundary
// that only its rows use). Header rows that b repeats from a are dropped.
// A cell in b's first row continues the cell above it in a when no rule
// separates them, or when it is empty (its text was printed on the previous
// page) and one of them spans several rows or has the rule missing.
func stitch(a, b *grid) bool {
	if !a.ruled || !b.ruled || len(a.xs) < 2 || len(b.xs) < 2 {
		return false
	}
	if math.Abs(a.xs[0]-b.xs[0]) > stitchTol || math.Abs(a.xs[len(a.xs)-1]-b.xs[len(b.xs)-1]) > stitchTol {
		return false
	}
	if !subset(a.xs, b.xs) && !subset(b.xs, a.xs) {
		return false
	}
	u := unionPositions(a.xs, b.xs)
	ma, mb := mapTo(a.xs, u), mapTo(b.xs, u)
	if !increasing(ma) || !increasing(mb) {
		return false // two boundaries of one part fell together
	}
	remap := func(t *grid, m []int) {
		for _, c := range t.cells {
			l, r := m[c.c], m[c.c+c.cs]
			c.c, c.cs = l, r-l
		}
		t.xs = u
	}
	remap(a, ma)
	remap(b, mb)
	dropRepeatedHeader(a, b)

	// Cells across the break. A cell open at the bottom of a and the cell
	// below it open at the top of b have no rule between them: they are one
	// cell, as they would be on one page. When that holds for every cell of
	// b's first row, the page broke a row in two and b's first row is a's
	// last row.
	type span struct{ c, cs int }
	bottom := map[span]*gcell{}
	for _, c := range a.cells {
		if c.r+c.rs == a.rows {
			bottom[span{c.c, c.cs}] = c
		}
	}
	open := func(top, c *gcell) bool { return top != nil && top.openBottom && c.openTop }
	split, blank, first := true, true, 0
	for _, c := range b.cells {
		if c.r == 0 {
			first++
			top := bottom[span{c.c, c.cs}]
			split = split && open(top, c)
			blank = blank && top != nil && c.text == "" && c.rs == 1
		}
	}
	// A first row with nothing in it, cell for cell under a's last row, is
	// the rest of a row the page cut (LibreOffice draws it with rules).
	split = (split || blank) && first > 0
	centred := centredTable(a, b)
	continues := func(top, c *gcell) bool {
		if top == nil {
			return false
		}
		if split || open(top, c) {
			return true
		}
		if c.text == "" {
			// an empty cell under a merged cell: the text was printed above
			return c.openTop || top.openBottom || top.rs > 1 || c.rs > 1
		}
		// text cut by the page: in a table that centres text in tall
		// cells, a tall cell whose text hugs its top continues the cell above
		return centred && c.rs > 1 && top.text != "" && !isNumber(top.text) && !isNumber(c.text) && hugsTop(c)
	}
	off := a.rows
	if split {
		off--
	}
	kept := b.cells[:0]
	for _, c := range b.cells {
		if c.r == 0 {
			if top := bottom[span{c.c, c.cs}]; continues(top, c) {
				top.rs = off + c.rs - top.r
				top.text = joinCellText(top.text, c.text)
				top.openBottom = c.openBottom
				continue
			}
		}
		kept = append(kept, c)
	}
	for _, c := range kept {
		c.r += off
	}
	a.cells = append(a.cells, kept...)
	a.rows = off + b.rows
	a.lastPage = b.lastPage
	a.ys = nil
	return true
}

// subset reports whether every position of small is within stitchTol of a
// position of big.
func subset(small, big []float64) bool {
	for _, x := range small {
		ok := false
		for _, y := range big {
			if math.Abs(x-y) <= stitchTol {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func unionPositions(a, b []float64) []float64 {
	all := append(append([]float64(nil), a...), b...)
	sort.Float64s(all)
	var out []float64
	for i := 0; i < len(all); {
		j, sum := i+1, all[i]
		for j < len(all) && all[j]-all[j-1] <= stitchTol {
			sum += all[j]
			j++
		}
		out = append(out, sum/float64(j-i))
		i = j
	}
	return out
}

func mapTo(xs, u []float64) []int {
	m := make([]int, len(xs))
	for i, x := range xs {
		best, bd := 0, math.Inf(1)
		for k, y := range u {
			if d := math.Abs(x - y); d < bd {
				best, bd = k, d
			}
		}
		m[i] = best
	}
	return m
}

// dropRepeatedHeader removes from b the leading rows that repeat a's
// leading rows cell for cell (a header printed again on the next page).
func dropRepeatedHeader(a, b *grid) {
	type sig struct {
		r, c, rs, cs int
		text         string
	}
	block := func(t *grid, k int) (map[sig]bool, bool) {
		m := map[sig]bool{}
		nonEmpty := false
		for _, c := range t.cells {
			if c.r >= k {
				continue
			}
			if c.r+c.rs > k {
				return nil, false
			}
			m[sig{c.r, c.c, c.rs, c.cs, c.text}] = true
			nonEmpty = nonEmpty || c.text != ""
		}
		return m, nonEmpty
	}
	// quick test: a repeated header repeats the first row's cells
	first := func(t *grid) map[sig]bool {
		m := map[sig]bool{}
		for _, c := range t.cells {
			if c.r == 0 {
				m[sig{0, c.c, 0, c.cs, c.text}] = true
			}
		}
		return m
	}
	fa, fb := first(a), first(b)
	if len(fa) != len(fb) {
		return
	}
	for s := range fb {
		if !fa[s] {
			return
		}
	}
	best := 0
	for k := 1; k < b.rows && k < a.rows; k++ {
		ma, okA := block(a, k)
		mb, nonEmpty := block(b, k)
		if !okA || mb == nil || !nonEmpty || len(ma) != len(mb) {
			continue
		}
		same := true
		for s := range mb {
			if !ma[s] {
				same = false
				break
			}
		}
		if same {
			best = k
		} else {
			break
		}
	}
	if best == 0 {
		return
	}
	kept := b.cells[:0]
	for _, c := range b.cells {
		if c.r < best {
			continue
		}
		c.r -= best
		kept = append(kept, c)
	}
	b.cells = kept
	b.rows -= best
}

func joinCellText(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	_, last := firstLast(a)
	first, _ := firstLast(b)
	if isCJK(last) || isCJK(first) || (isDigitish(last) && isDigitish(first)) {
		return a + b
	}
	return a + " " + b
}

func increasing(m []int) bool {
	for i := 1; i < len(m); i++ {
		if m[i] <= m[i-1] {
			return false
		}
	}
	return true
}

// hugsTop reports whether a cell's text sits at its top, well above the
// middle.
func hugsTop(c *gcell) bool {
	above, below := c.ty0-c.box.Y0, c.box.Y1-c.ty1
	return below > 0 && above < below/3
}

// centredTable reports whether the tall cells of a and b (those of several
// rows, not cut by the page break) hold their text vertically centred: at
// least two of them, three in four centred.
func centredTable(a, b *grid) bool {
	n, centred := 0, 0
	count := func(t *grid, skip func(c *gcell) bool) {
		for _, c := range t.cells {
			if c.rs < 2 || c.text == "" || skip(c) || math.IsInf(c.ty0, 0) {
				continue
			}
			n++
			above, below := c.ty0-c.box.Y0, c.box.Y1-c.ty1
			if math.Abs(above-below) <= max(3, 0.25*(above+below)) {
				centred++
			}
		}
	}
	count(a, func(c *gcell) bool { return c.r+c.rs >= a.rows || c.page != a.lastPage })
	count(b, func(c *gcell) bool { return c.r == 0 })
	return n >= 2 && 4*centred >= 3*n
}

// isNumber reports whether s is a number as tables print them: an optional
// sign, digits (in groups of three after commas, or not grouped at all), an
// optional fraction and an optional % — what the expression
// ^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$ matches (TestIsNumberEqualsExpression).
func isNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	lead := digitsAt(s, i)
	if lead == 0 {
		return false
	}
	i += lead
	if i < len(s) && s[i] == ',' {
		if lead > 3 {
			return false
		}
		for i < len(s) && s[i] == ',' {
			if digitsAt(s, i+1) != 3 {
				return false
			}
			i += 4
		}
	}
	if i < len(s) && s[i] == '.' {
		n := digitsAt(s, i+1)
		if n == 0 {
			return false
		}
		i += 1 + n
	}
	if i < len(s) && s[i] == '%' {
		i++
	}
	return i == len(s)
}

// digitsAt is the number of ASCII digits in s from i on.
func digitsAt(s string, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] >= '0' && s[i+n] <= '9' {
		n++
	}
	return n
}
