package layout

import (
	"math"
	"regexp"
	"sync"

	"github.com/nianbao/nianbao/extract"
)

// The unruled fallback (Camelot "stream", kept conservative): on a page
// without ruled tables, a run of consecutive lines that end in numbers, at
// least minStreamRows of them with at least minStreamNums numbers, becomes a
// table when the numbers line up: the columns are taken from the rows with
// the most common count of numbers, and every row's numbers must fall into
// those columns in order (a row may leave a column empty). The table has a
// label column (the text before the numbers) and one column per number
// position. A row that does not fit ends the table.
const (
	minStreamRows = 3
	minStreamNums = 3
)

var numberRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$`)
})

type word struct {
	text   string
	x0, x1 float64
}

// words splits a horizontal line where lineText would put a space.
func words(l *line) []word {
	var out []word
	var cur []gl
	flush := func() {
		if len(cur) == 0 {
			return
		}
		part := line{gs: cur}
		part.bound()
		out = append(out, word{text: extract.Normalize(lineText(&part, false)), x0: part.x0, x1: part.x1})
		cur = nil
	}
	var prev *gl
	pending := false
	for i := range l.gs {
		g := &l.gs[i]
		if g.space {
			pending = true
			continue
		}
		if prev != nil && (pending || gapSpace(prev, g, false)) {
			flush()
		}
		cur = append(cur, *g)
		prev = g
		pending = false
	}
	flush()
	return out
}

func numericTail(ws []word) int {
	n := 0
	for i := len(ws) - 1; i >= 0 && numberRe().MatchString(ws[i].text); i-- {
		n++
	}
	return n
}

// streamTables finds unruled numeric tables among a page's lines (in
// reading order) and returns them with the lines they did not use.
func streamTables(page int, lines []line) ([]*grid, []line) {
	type row struct {
		ws   []word
		tail int
	}
	rows := make([]row, len(lines))
	for i := range lines {
		if lines[i].vert || !endsInDigit(lines[i].text) {
			continue
		}
		ws := words(&lines[i])
		rows[i] = row{ws: ws, tail: numericTail(ws)}
	}
	used := make([]bool, len(lines))
	var tables []*grid
	for i := 0; i < len(lines); {
		if rows[i].tail < 1 {
			i++
			continue
		}
		j := i + 1
		for j < len(lines) && rows[j].tail >= 1 {
			p, q := &lines[j-1], &lines[j]
			if q.y0-p.y1 > 2.5*math.Max(p.size, q.size) {
				break
			}
			j++
		}
		full := 0
		for k := i; k < j; k++ {
			if rows[k].tail >= minStreamNums {
				full++
			}
		}
		if full >= minStreamRows {
			idx := make([]int, 0, j-i)
			for k := i; k < j; k++ {
				idx = append(idx, k)
			}
			ws := make([][]word, len(idx))
			tails := make([]int, len(idx))
			for n, k := range idx {
				ws[n], tails[n] = rows[k].ws, rows[k].tail
			}
			for _, t := range alignRows(page, lines, idx, ws, tails) {
				tables = append(tables, t.g)
				for _, k := range t.rows {
					used[k] = true
				}
			}
		}
		i = j
	}
	if len(tables) == 0 {
		return nil, lines
	}
	rest := lines[:0:0]
	for i := range lines {
		if !used[i] {
			rest = append(rest, lines[i])
		}
	}
	return tables, rest
}

type streamResult struct {
	g    *grid
	rows []int
}

// alignRows builds tables from a run of candidate lines.
func alignRows(page int, lines []line, idx []int, ws [][]word, tails []int) []streamResult {
	// k: the most common number of trailing numbers (ties: the larger)
	count := map[int]int{}
	k := 0
	for _, t := range tails {
		count[t]++
		if count[t] > count[k] || (count[t] == count[k] && t > k) {
			k = t
		}
	}
	if count[k] < minStreamRows {
		return nil
	}
	// column extents from the rows with exactly k numbers
	lo := make([]float64, k)
	hi := make([]float64, k)
	for c := range lo {
		lo[c], hi[c] = math.Inf(1), math.Inf(-1)
	}
	for n, w := range ws {
		if tails[n] != k {
			continue
		}
		tail := w[len(w)-k:]
		for c, t := range tail {
			lo[c], hi[c] = math.Min(lo[c], t.x0), math.Max(hi[c], t.x1)
		}
	}
	for c := 1; c < k; c++ {
		if lo[c] <= hi[c-1] {
			return nil // columns overlap: not aligned
		}
	}
	col := func(t word) int {
		for c := range lo {
			if t.x1 >= lo[c] && t.x0 <= hi[c] {
				return c
			}
		}
		return -1
	}
	var out []streamResult
	var cur []int // positions in idx
	var curCols [][]int
	flush := func() {
		if len(cur) >= minStreamRows {
			out = append(out, streamResult{g: streamGrid(page, lines, idx, ws, tails, cur, curCols, lo, hi), rows: indices(idx, cur)})
		}
		cur, curCols = nil, nil
	}
	for n, w := range ws {
		tail := w[len(w)-tails[n]:]
		cols := make([]int, len(tail))
		ok := tails[n] <= k
		last := -1
		for i, t := range tail {
			c := col(t)
			if c <= last {
				ok = false
				break
			}
			cols[i], last = c, c
		}
		if !ok {
			flush()
			continue
		}
		cur = append(cur, n)
		curCols = append(curCols, cols)
	}
	flush()
	return out
}

func indices(idx []int, pos []int) []int {
	out := make([]int, len(pos))
	for i, p := range pos {
		out[i] = idx[p]
	}
	return out
}

func streamGrid(page int, lines []line, idx []int, ws [][]word, tails []int, rowsPos []int, cols [][]int, lo, hi []float64) *grid {
	k := len(lo)
	labels := make([]string, len(rowsPos))
	hasLabel := false
	labelX0 := math.Inf(1)
	for i, n := range rowsPos {
		w := ws[n]
		head := w[:len(w)-tails[n]]
		s := ""
		for j, t := range head {
			if j > 0 {
				s += " "
			}
			s += t.text
		}
		labels[i] = extract.Normalize(s)
		if labels[i] != "" {
			hasLabel = true
		}
		labelX0 = math.Min(labelX0, lines[idx[n]].x0)
	}
	off := 0
	var xs []float64
	if hasLabel {
		off = 1
		xs = append(xs, labelX0)
	}
	for c := 0; c < k; c++ {
		if c == 0 {
			xs = append(xs, lo[c])
		} else {
			xs = append(xs, (hi[c-1]+lo[c])/2)
		}
	}
	xs = append(xs, hi[k-1])
	if !hasLabel {
		xs[0] = lo[0]
	}
	t := &grid{page: page, lastPage: page, xs: xs, rows: len(rowsPos)}
	var ys []float64
	for r, n := range rowsPos {
		l := &lines[idx[n]]
		ys = append(ys, l.y0)
		w := ws[n]
		tail := w[len(w)-tails[n]:]
		texts := make([]string, k)
		for i, c := range cols[r] {
			texts[c] = tail[i].text
		}
		if hasLabel {
			t.cells = append(t.cells, &gcell{r: r, c: 0, rs: 1, cs: 1, page: page, text: labels[r],
				box: extract.Box{X0: xs[0], Y0: l.y0, X1: xs[1], Y1: l.y1}})
		}
		for c := 0; c < k; c++ {
			t.cells = append(t.cells, &gcell{r: r, c: c + off, rs: 1, cs: 1, page: page, text: texts[c],
				box: extract.Box{X0: xs[c+off], Y0: l.y0, X1: xs[c+off+1], Y1: l.y1}})
		}
	}
	last := &lines[idx[rowsPos[len(rowsPos)-1]]]
	ys = append(ys, last.y1)
	t.ys = ys
	t.box = extract.Box{X0: xs[0], Y0: ys[0], X1: xs[len(xs)-1], Y1: last.y1}
	return t
}

// endsInDigit is a cheap test that a line may end in a number.
func endsInDigit(s string) bool {
	_, last := firstLast(s)
	return (last >= '0' && last <= '9') || last == '%'
}
