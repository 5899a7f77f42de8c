package layout

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/extract"
)

// The unruled fallback (Camelot "stream", kept conservative): on a page
// without ruled tables, a run of lines that end in numbers, at least
// minStreamRows of them with at least minStreamNums numbers, becomes a
// table when the numbers line up: the columns are taken from the rows with
// the most common count of numbers, and every row's numbers must fall into
// those columns in order (a row may leave a column empty). A row that does
// not fit ends the table.
//
// Between the numeric rows may lie lines of label text wholly left of the
// numbers (a table printed without rules: labels wrapped over several
// lines and centred on their row, group labels, a vertical label printed
// one character per line); each joins the labels of the nearest numeric
// row. Any other line (prose, a heading, a header that reaches into the
// number columns) ends the table. The table has a label column and one
// column per number position; when the row labels share a left edge with
// other label text to their left in some rows (group or vertical labels),
// that text gets a column of its own and a row whose label starts left of
// the edge spans both. Header rows are not part of the table. An unruled
// table that ends a page and one that starts the next with the same number
// columns are stitched (streamstitch.go); rows at the bottom of a page,
// too few for a table alone, join the table the next page continues.
const (
	minStreamRows = 3
	minStreamNums = 3
	// maxLabelLines is how many lines without numbers may lie between two
	// rows of a table (wrapped labels, group and vertical labels).
	maxLabelLines = 12
)

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
	for i := len(ws) - 1; i >= 0 && isNumber(ws[i].text); i-- {
		n++
	}
	return n
}

// streamTables finds unruled numeric tables among a page's lines (in
// reading order) and returns them with the lines they did not use.
//
// A run of numeric lines may be interleaved with lines of label text that
// lie wholly left of the numbers (labels wrapped over several lines, the
// vertically centred labels of a table printed without rules, the
// characters of a narrow vertical label column): those lines become part
// of the labels of the nearest numeric row. At the top and bottom of the
// page, label lines next to the table are taken as well (a row cut by the
// page break). Any other line ends the table.
func streamTables(page int, lines []line) ([]*grid, []line) {
	rows := streamRows(lines)
	used := make([]bool, len(lines))
	var tables []*grid
	for i := 0; i < len(lines); {
		if rows[i].tail < 1 {
			i++
			continue
		}
		last := i
		for j := i + 1; j < len(lines) && j-last <= maxLabelLines; j++ {
			p, q := &lines[j-1], &lines[j]
			if q.vert || q.y0-p.y1 > 2.5*max(p.size, q.size) {
				break
			}
			if rows[j].tail >= 1 {
				last = j
			}
		}
		for _, piece := range splitRun(lines, rows, i, last+1) {
			tables = append(tables, streamPiece(page, lines, rows, piece[0], piece[1], used)...)
		}
		i = last + 1
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

// streamRows splits the horizontal lines that end in a digit into words
// and counts their trailing numbers (the words of a label line are only
// needed once it is part of a table: labelWords).
func streamRows(lines []line) []streamRow {
	rows := make([]streamRow, len(lines))
	for i := range lines {
		if lines[i].vert || !endsInDigit(lines[i].text) {
			continue
		}
		ws := words(&lines[i])
		rows[i] = streamRow{ws: ws, tail: numericTail(ws)}
	}
	return rows
}

type streamRow struct {
	ws   []word // set for lines that end in a digit
	tail int    // trailing numbers
}

// labelWords returns the words of line i.
func labelWords(lines []line, rows []streamRow, i int) []word {
	if rows[i].ws != nil {
		return rows[i].ws
	}
	return words(&lines[i])
}

// numX0 is the left edge of a numeric line's numbers.
func (r *streamRow) numX0() float64 { return r.ws[len(r.ws)-r.tail].x0 }

// labelLine reports whether line q, without numbers, lies left of the
// numbers of the numeric lines a and b (either may be -1).
func labelLine(lines []line, rows []streamRow, q, a, b int) bool {
	if rows[q].tail > 0 || lines[q].vert || lines[q].text == "" {
		return false
	}
	lim := math.Inf(1)
	for _, k := range []int{a, b} {
		if k >= 0 {
			lim = min(lim, rows[k].numX0())
		}
	}
	return !math.IsInf(lim, 1) && lines[q].x1 < lim-1
}

// splitRun cuts the lines [i, j) (numeric lines and what lies between
// them) at every line that is neither numeric nor label text; it returns
// the pieces as [from, to) ranges that start and end with numeric lines.
func splitRun(lines []line, rows []streamRow, i, j int) [][2]int {
	var out [][2]int
	from, prevNum := i, -1
	for k := i; k < j; k++ {
		if rows[k].tail >= 1 {
			prevNum = k
			continue
		}
		next := -1
		for n := k + 1; n < j; n++ {
			if rows[n].tail >= 1 {
				next = n
				break
			}
		}
		if labelLine(lines, rows, k, prevNum, next) {
			continue
		}
		if prevNum >= from {
			out = append(out, [2]int{from, prevNum + 1})
		}
		from, prevNum = next, -1
		if next < 0 {
			return out
		}
		k = next - 1
	}
	if from >= 0 && from < j {
		out = append(out, [2]int{from, j})
	}
	return out
}

// streamPiece builds the tables of one piece of a run.
func streamPiece(page int, lines []line, rows []streamRow, i, j int, used []bool) []*grid {
	var idx []int
	full := 0
	for k := i; k < j; k++ {
		if rows[k].tail >= 1 {
			idx = append(idx, k)
			if rows[k].tail >= minStreamNums {
				full++
			}
		}
	}
	if full < minStreamRows {
		return nil
	}
	ws := make([][]word, len(idx))
	tails := make([]int, len(idx))
	for n, k := range idx {
		ws[n], tails[n] = rows[k].ws, rows[k].tail
	}
	var out []*grid
	for _, t := range alignRows(idx, ws, tails) {
		first, last := t.rows[0], t.rows[len(t.rows)-1]
		var labels []int
		for k := first + 1; k < last; k++ {
			if rows[k].tail < 1 {
				labels = append(labels, k)
			}
		}
		labels = append(edgeLabels(lines, rows, first, -1), labels...)
		labels = append(labels, edgeLabels(lines, rows, last, +1)...)
		out = append(out, streamGrid(page, lines, rows, t, labels))
		for _, k := range t.rows {
			used[k] = true
		}
		for _, k := range labels {
			used[k] = true
		}
	}
	return out
}

// maxEdgeLabels is how many lines of a row label cut by a page break may
// lie between the table and the top or bottom of the page.
const maxEdgeLabels = 5

// edgeLabels returns the label lines between numeric line k and the top
// (dir -1) or bottom (dir +1) of the page, when every line there is label
// text next to the table, as close to it as its rows are to each other and
// in its font size (not a heading); else none.
func edgeLabels(lines []line, rows []streamRow, k, dir int) []int {
	var out []int
	size := lines[k].size
	for n := k + dir; n >= 0 && n < len(lines); n += dir {
		p, q := &lines[n-dir], &lines[n]
		if dir < 0 {
			p, q = q, p
		}
		if len(out) == maxEdgeLabels || q.y0-p.y1 > 2.5*size || math.Abs(lines[n].size-size) > 0.15*size ||
			!labelLine(lines, rows, n, k, -1) {
			return nil
		}
		out = append(out, n)
	}
	if dir < 0 {
		slices.Reverse(out)
	}
	return out
}

// edgeTol is how far the left edges of left-aligned row labels may differ.
const edgeTol = 1.5

type streamResult struct {
	rows   []int // line indices of the numeric rows
	cols   [][]int
	lo, hi []float64
}

// alignRows builds tables from the numeric lines of a run (line indices
// idx, their words and trailing number counts).
func alignRows(idx []int, ws [][]word, tails []int) []streamResult {
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
			lo[c], hi[c] = min(lo[c], t.x0), max(hi[c], t.x1)
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
			out = append(out, streamResult{rows: indices(idx, cur), cols: curCols, lo: lo, hi: hi})
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

// labelWord is a word of a row's label with the line it comes from.
type labelWord struct {
	word
	line int
}

// streamGrid builds the grid of one aligned table: its numeric rows (with
// the words before their numbers as labels) and the label lines, each
// joined to the numeric row nearest to it. When the labels form two
// columns (row labels aligned on a common left edge, with group or
// vertical labels to their left), the table gets two label columns and a
// row whose label starts left of that edge spans both.
func streamGrid(page int, lines []line, rows []streamRow, t streamResult, labelLines []int) *grid {
	k := len(t.lo)
	n := len(t.rows)
	lw := make([][]labelWord, n)
	for r, li := range t.rows {
		ws := rows[li].ws
		for _, w := range ws[:len(ws)-rows[li].tail] {
			lw[r] = append(lw[r], labelWord{w, li})
		}
	}
	for _, li := range labelLines {
		best, bestD := 0, math.Inf(1)
		for r, ri := range t.rows {
			if d := math.Abs(lines[li].cy() - lines[ri].cy()); d < bestD {
				best, bestD = r, d
			}
		}
		for _, w := range labelWords(lines, rows, li) {
			lw[best] = append(lw[best], labelWord{w, li})
		}
	}
	hasLabel := false
	labelX0 := math.Inf(1)
	for r := range lw {
		sort.SliceStable(lw[r], func(a, b int) bool { return lw[r][a].line < lw[r][b].line })
		for _, w := range lw[r] {
			hasLabel = true
			labelX0 = min(labelX0, w.x0)
		}
	}
	// the common left edge of the row labels: the x where most rows have a
	// label word starting (at least minStreamRows rows, and not the
	// table's left edge)
	edge, edgeN := math.Inf(1), 0
	for r := range lw {
		for _, w := range lw[r] {
			x, c := w.x0, 0
			if x-labelX0 <= 3+edgeTol {
				continue
			}
			for _, ws := range lw {
				if slices.ContainsFunc(ws, func(v labelWord) bool { return math.Abs(v.x0-x) <= edgeTol }) {
					c++
				}
			}
			if c > edgeN || (c == edgeN && x < edge) {
				edge, edgeN = x, c
			}
		}
	}
	edge -= edgeTol
	twoCols := false
	if hasLabel && edgeN >= minStreamRows {
		for r := range lw {
			left, right := false, false
			for _, w := range lw[r] {
				if w.x0 < edge {
					left = true
				} else {
					right = true
				}
			}
			if left && right {
				twoCols = true
				break
			}
		}
	}
	var xs []float64
	off := 0
	switch {
	case twoCols:
		off = 2
		xs = append(xs, labelX0, edge)
	case hasLabel:
		off = 1
		xs = append(xs, labelX0)
	}
	for c := 0; c < k; c++ {
		if c == 0 {
			xs = append(xs, t.lo[c])
		} else {
			xs = append(xs, (t.hi[c-1]+t.lo[c])/2)
		}
	}
	xs = append(xs, t.hi[k-1])
	g := &grid{page: page, lastPage: page, xs: xs, rows: n, stream: &streamCols{lo: t.lo, hi: t.hi, labelCols: off}}
	ys := make([]float64, 0, n+1)
	for r := range t.rows {
		y0, y1 := math.Inf(1), math.Inf(-1)
		for _, w := range lw[r] {
			y0, y1 = min(y0, lines[w.line].y0), max(y1, lines[w.line].y1)
		}
		l := &lines[t.rows[r]]
		y0, y1 = min(y0, l.y0), max(y1, l.y1)
		ys = append(ys, y0)
		if r == n-1 {
			ys = append(ys, y1)
		}
	}
	for r := 1; r < n; r++ {
		ys[r] = max(ys[r], ys[r-1]) // label lines may reach above the row
	}
	g.ys = ys
	cell := func(r, c, cs int, text string) {
		l := &lines[t.rows[r]]
		g.cells = append(g.cells, &gcell{r: r, c: c, rs: 1, cs: cs, page: page, text: text,
			box: extract.Box{X0: xs[c], Y0: l.y0, X1: xs[c+cs], Y1: l.y1}})
	}
	for r, li := range t.rows {
		switch {
		case twoCols:
			var left, right []labelWord
			for _, w := range lw[r] {
				if w.x0 < edge {
					left = append(left, w)
				} else {
					right = append(right, w)
				}
			}
			if len(right) == 0 {
				cell(r, 0, 2, joinLabel(left))
			} else {
				cell(r, 0, 1, joinLabel(left))
				cell(r, 1, 1, joinLabel(right))
			}
		case hasLabel:
			cell(r, 0, 1, joinLabel(lw[r]))
		}
		ws := rows[li].ws
		tail := ws[len(ws)-rows[li].tail:]
		texts := make([]string, k)
		for i, c := range t.cols[r] {
			texts[c] = tail[i].text
		}
		for c := 0; c < k; c++ {
			cell(r, c+off, 1, texts[c])
		}
	}
	g.box = extract.Box{X0: xs[0], Y0: ys[0], X1: xs[len(xs)-1], Y1: ys[len(ys)-1]}
	return g
}

// joinLabel joins label words: with a space within a line, with nothing
// across lines (a wrapped label), unless both sides are Latin letters or
// digits.
func joinLabel(ws []labelWord) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			_, last := firstLast(ws[i-1].text)
			first, _ := firstLast(w.text)
			if w.line == ws[i-1].line || !(isCJK(last) || isCJK(first)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w.text)
	}
	return extract.Normalize(b.String())
}

// endsInDigit is a cheap test that a line may end in a number.
func endsInDigit(s string) bool {
	_, last := firstLast(s)
	return (last >= '0' && last <= '9') || last == '%'
}
