package ocr

import (
	"image"
	"sort"
	"unicode"
)

// A table printed without ruling lines is found from the words the page
// reading gives: numbers that stand in rows (the same height) and columns
// (the same place across). Its rows are bands around the rows of numbers,
// its columns the columns of numbers, with the words to their left as the
// row's label cells (split where a wide gap separates them, the way a
// ruled table's label columns are). The cells then are read one by one
// like a ruled table's.

// numWord is a word that is a number, with its centre.
type numWord struct {
	box    image.Rectangle
	cx, cy int
}

// numRow is a row of numbers: their words left to right.
type numRow struct {
	words []numWord
	cy    int
	top   int
	bot   int
}

// borderless finds the tables without rules among the words of a page.
// The page reading finds the columns (from rows it read as numbers, which
// need not be all: it may read a row of numbers as one garbled word); the
// rows are then the lines of ink in the columns' span that keep to the
// columns (no ink across the gaps between them).
func borderless(p *picture, words []Word) []*gridTable {
	if len(words) == 0 {
		return nil
	}
	var hs []int
	var nums []numWord
	for _, w := range words {
		hs = append(hs, w.Box.Dy())
		if hasHan(w.Text) || !digitsOnly.MatchString(digitMap(w.Text)) {
			continue // also "6." (a list's numbering)
		}
		b := w.Box
		nums = append(nums, numWord{box: b, cx: (b.Min.X + b.Max.X) / 2, cy: (b.Min.Y + b.Max.Y) / 2})
	}
	sort.Ints(hs)
	h := max(hs[len(hs)/2], 6) // the text height
	// the page reading often gives nothing for a column of small numbers
	// (lone zeros, a number standing apart): the ink does
	nums = append(nums, inkNumbers(p.b, words, nums, h)...)
	// rows: numbers whose centres are within half a line of each other
	sort.Slice(nums, func(i, j int) bool { return nums[i].cy < nums[j].cy })
	var rows []numRow
	for _, n := range nums {
		if k := len(rows) - 1; k >= 0 && abs(n.cy-rows[k].cy) <= h/2 {
			r := &rows[k]
			r.words = append(r.words, n)
			r.cy = (r.cy*(len(r.words)-1) + n.cy) / len(r.words)
			r.top, r.bot = min(r.top, n.box.Min.Y), max(r.bot, n.box.Max.Y)
			continue
		}
		rows = append(rows, numRow{words: []numWord{n}, cy: n.cy, top: n.box.Min.Y, bot: n.box.Max.Y})
	}
	// regions: successive rows of at least three numbers whose numbers
	// fall into the same columns; the columns are the gaps in the ink of
	// those rows (the page reading may glue two numbers into one word, or
	// read a row as garbage: the ink does not)
	var out []*gridTable
	var region []numRow
	var cols []column
	x0 := 0
	flush := func() {
		defer func() { region, cols = nil, nil }()
		if len(region) == 0 {
			return
		}
		rows := inkRows(p.b, region, cols, h)
		if len(rows) == 0 {
			return
		}
		cols = inkColumns(p.b, rows, x0, h)
		if t := regionTable(p.b, rows, cols, h); t != nil && covered(region, cols) && !prose(words, region, cols) {
			out = append(out, t)
		}
	}
	for _, r := range rows {
		if len(r.words) < 3 {
			continue
		}
		sort.Slice(r.words, func(i, j int) bool { return r.words[i].cx < r.words[j].cx })
		if len(region) > 0 && r.cy-region[len(region)-1].cy > 12*h {
			flush()
		}
		if len(region) > 0 && !fits(cols, r, h) {
			flush()
		}
		if len(region) == 0 {
			x0 = r.words[0].box.Min.X
		}
		x0 = min(x0, r.words[0].box.Min.X)
		region = append(region, r)
		cols = inkColumns(p.b, region, x0, h)
		if len(cols) < 3 {
			region, cols = nil, nil
		}
	}
	flush()
	return out
}

// inkNumbers finds number-like ink that the page reading gave no word
// for: in each line of ink (a band of pixel rows holding ink, at most four
// text lines high), the pieces of ink set apart by gaps wider than a line
// height that are one line high and at most six lines wide, not covered by
// a word the reading gave (Chinese or a number already found). Which of
// them are numbers the cells' own readings tell later; here they only
// place the rows and columns of a table.
func inkNumbers(b *bitmap, words []Word, nums []numWord, h int) []numWord {
	var out []numWord
	covered := func(r image.Rectangle) bool {
		for _, w := range words {
			if in := w.Box.Intersect(r); !in.Empty() && in.Dx()*in.Dy()*10 >= r.Dx()*r.Dy()*3 {
				return true
			}
		}
		for _, n := range nums {
			if n.box.Overlaps(r) {
				return true
			}
		}
		return false
	}
	piece := func(x0, x1, top, bot int) {
		r := image.Rect(x0, top, x1, bot)
		// the ink's own height in the piece
		y0, y1 := bot, top
		for y := top; y < bot; y++ {
			for x := x0; x < x1; x++ {
				if b.ink[y*b.w+x] {
					y0, y1 = min(y0, y), max(y1, y+1)
					break
				}
			}
		}
		r.Min.Y, r.Max.Y = y0, y1
		if r.Dy() < h/2 || r.Dy()*5 > h*8 || r.Dx() > 6*h || b.inkIn(r) < h || covered(r) {
			return
		}
		out = append(out, numWord{box: r, cx: (r.Min.X + r.Max.X) / 2, cy: (r.Min.Y + r.Max.Y) / 2})
	}
	// lines: bands of pixel rows with ink (two pixels at least: not a
	// speck)
	var bands [][2]int
	top := -1
	for y := 0; y <= b.h; y++ {
		n := 0
		for x := 0; y < b.h && x < b.w && n < 2; x++ {
			if b.ink[y*b.w+x] {
				n++
			}
		}
		switch {
		case n >= 2 && top < 0:
			top = y
		case n < 2 && top >= 0:
			if y-top >= h/3 && y-top <= 4*h {
				bands = append(bands, [2]int{top, y})
			}
			top = -1
		}
	}
	for _, bd := range bands {
		// numbers stand right of their row's labels: ink left of a
		// Chinese word of the line is a label's piece (an enumerator
		// like "(四)" the reading left out)
		hanRight := 0
		for _, w := range words {
			if cy := (w.Box.Min.Y + w.Box.Max.Y) / 2; cy >= bd[0] && cy < bd[1] && hasHan(w.Text) {
				hanRight = max(hanRight, w.Box.Max.X)
			}
		}
		start, last := -1, -1
		for x := hanRight; x <= b.w; x++ {
			ink := false
			for y := bd[0]; x < b.w && y < bd[1] && !ink; y++ {
				ink = b.ink[y*b.w+x]
			}
			if ink {
				if start < 0 {
					start = x
				}
				last = x
				continue
			}
			if start >= 0 && (x == b.w || x-last > h) {
				piece(start, last+1, bd[0], bd[1])
				start = -1
			}
		}
	}
	return out
}

// covered tells columns that the page reading found numbers in: two in
// five at least in the rows it read as numbers (columns of ink where it
// found none are words, not numbers).
func covered(region []numRow, cols []column) bool {
	n := 0
	for _, r := range region {
		seen := map[int]bool{}
		for _, w := range r.words {
			if k := match(cols, w); k >= 0 {
				seen[k] = true
			}
		}
		n += len(seen)
	}
	return n*5 >= len(region)*len(cols)*2
}

// prose tells rows of numbers that have text between their numbers: lines
// of prose that mention a few numbers (a digit misread as a character or
// two, or 〇 for 0, does not make a row prose).
func prose(words []Word, region []numRow, cols []column) bool {
	lo, hi := cols[0].lo, cols[len(cols)-1].hi
	han, num := 0, 0
	for _, r := range region {
		num += len(r.words)
		for _, w := range words {
			cx, cy := (w.Box.Min.X+w.Box.Max.X)/2, (w.Box.Min.Y+w.Box.Max.Y)/2
			if cy < r.top || cy >= r.bot || cx < lo || cx >= hi {
				continue
			}
			for _, c := range w.Text {
				if c != '〇' && unicode.Is(unicode.Han, c) {
					han++
				}
			}
		}
	}
	return han > 2*num
}

// inkColumns finds the columns of numbers in rows: the runs of ink across
// the rows' bands right of x0 (less a line height), split where a gap
// wider than half a line height runs through all of them.
func inkColumns(b *bitmap, rows []numRow, x0, h int) []column {
	from := max(0, x0-h)
	ink := make([]bool, b.w)
	for _, r := range rows {
		for y := max(r.top, 0); y < min(r.bot, b.h); y++ {
			for x := from; x < b.w; x++ {
				if b.ink[y*b.w+x] {
					ink[x] = true
				}
			}
		}
	}
	var cols []column
	start, last := -1, -1
	for x := from; x <= b.w; x++ {
		if x < b.w && ink[x] {
			if start < 0 {
				start = x
			}
			last = x
			continue
		}
		if start >= 0 && (x == b.w || x-last > h/2) {
			cols = append(cols, column{lo: start, hi: last + 1, cx: (start + last + 1) / 2})
			start = -1
		}
	}
	tol := h
	for k := 1; k < len(cols); k++ {
		tol = min(tol, (cols[k].lo-cols[k-1].hi)/2)
	}
	for k := range cols {
		cols[k].tol = max(tol, 2)
	}
	return cols
}

// column is a column of numbers: its extent and centre.
type column struct {
	lo, hi, cx int
	tol        int
}

// match is the column a number falls in, or -1.
func match(cols []column, w numWord) int {
	for k, c := range cols {
		if abs(w.cx-c.cx) <= c.tol || w.cx >= c.lo && w.cx <= c.hi {
			return k
		}
	}
	return -1
}

// fits tells a row whose numbers fall into the region's columns (at most
// one a column, most of them in one).
func fits(cols []column, r numRow, h int) bool {
	used := map[int]bool{}
	in := 0
	for _, w := range r.words {
		k := match(cols, w)
		if k < 0 {
			continue
		}
		if used[k] {
			return false
		}
		used[k] = true
		in++
	}
	return in*3 >= len(r.words)*2
}

// inkRows finds the rows of a region from the ink: lines of ink within
// the columns' span, from the region's first row of numbers up and its
// last down, that stay inside the columns (a line of text runs across the
// gaps between them) and hold ink in two columns at least. Lines are
// taken while they come no more than four lines apart.
func inkRows(b *bitmap, region []numRow, cols []column, h int) []numRow {
	xs := bounds(cols, h)
	x0, x1 := max(xs[0], 0), min(xs[len(xs)-1], b.w)
	// the lines: bands of pixel rows with ink in the span
	type line struct{ top, bot int }
	var lines []line
	start := -1
	for y := 0; y <= b.h; y++ {
		ink := false
		if y < b.h {
			for x := x0; x < x1 && !ink; x++ {
				ink = b.ink[y*b.w+x]
			}
		}
		switch {
		case ink && start < 0:
			start = y
		case !ink && start >= 0:
			if y-start >= h/3 {
				lines = append(lines, line{start, y})
			}
			start = -1
		}
	}
	isRow := func(l line) (numRow, bool) {
		if l.bot-l.top > 3*h {
			return numRow{}, false
		}
		// no ink on the bounds between columns
		for _, x := range xs[1 : len(xs)-1] {
			for y := l.top; y < l.bot; y++ {
				if b.at(x, y) || b.at(x-1, y) || b.at(x+1, y) {
					return numRow{}, false
				}
			}
		}
		r := numRow{cy: (l.top + l.bot) / 2, top: l.top, bot: l.bot}
		for k := range cols {
			if b.inkIn(image.Rect(xs[k], l.top, xs[k+1], l.bot)) > 0 {
				r.words = append(r.words, numWord{})
			}
		}
		return r, len(r.words) >= 2
	}
	first, last := region[0].cy, region[len(region)-1].cy
	var out []numRow
	// the lines that hold the region's rows, and the ones around them
	in := -1
	for i, l := range lines {
		if l.top <= first && first < l.bot {
			in = i
			break
		}
	}
	if in < 0 {
		return nil
	}
	if _, ok := isRow(lines[in]); !ok {
		return nil // a line of text, not a row of a table
	}
	for i := in - 1; i >= 0; i-- {
		r, ok := isRow(lines[i])
		if !ok || lines[i+1].top-lines[i].bot > 4*h {
			break
		}
		out = append([]numRow{r}, out...)
	}
	prev := -1
	for i := in; i < len(lines); i++ {
		r, ok := isRow(lines[i])
		if !ok {
			if lines[i].top <= last {
				continue // a line of the region that is not a row
			}
			break
		}
		if prev >= 0 && lines[i].top-lines[prev].bot > 4*h && lines[i].top > last {
			break
		}
		out = append(out, r)
		prev = i
	}
	return out
}

// bounds are the x bounds of the columns: halfway between them, and as
// far out at the ends.
func bounds(cols []column, h int) []int {
	xs := make([]int, len(cols)+1)
	for k := 1; k < len(cols); k++ {
		xs[k] = (cols[k-1].hi + cols[k].lo) / 2
	}
	n := len(cols)
	xs[0] = cols[0].lo - max(h, xs[1]-cols[0].hi)
	xs[n] = cols[n-1].hi + max(h, cols[n-1].lo-xs[n-1])
	return xs
}

// regionTable makes the cell grid of a region of rows: a table of three
// columns and two rows at least, or one row of five numbers (table 四's
// one row).
func regionTable(b *bitmap, rows []numRow, cols []column, h int) *gridTable {
	if len(rows) == 0 || len(cols) < 3 || len(rows) < 2 && len(rows[0].words) < 5 {
		return nil
	}
	// row bands: halfway between rows of numbers
	bands := make([][2]int, len(rows))
	for i, r := range rows {
		top, bot := r.top-h, r.bot+h
		if i > 0 {
			top = (rows[i-1].cy + r.cy) / 2
		}
		if i+1 < len(rows) {
			bot = (r.cy + rows[i+1].cy) / 2
		}
		bands[i] = [2]int{top, bot}
	}
	xs := bounds(cols, h)
	// label cells: the ink of a band left of the numbers, split where a
	// gap of a line height runs through it (the gap between label
	// columns; the characters of a label stand closer)
	labels := make([][]image.Rectangle, len(rows))
	left := xs[0]
	nl := 1
	for i, bd := range bands {
		var groups []image.Rectangle
		start, last, n := -1, -1, 0
		for x := 0; x <= xs[0]; x++ {
			k := 0
			if x < xs[0] {
				k = b.inkIn(image.Rect(x, bd[0], x+1, bd[1]))
			}
			if k > 0 {
				if start < 0 {
					start, n = x, 0
				}
				last = x
				n += k
				continue
			}
			if start >= 0 && (x == xs[0] || x-last > h) {
				if n >= h { // not a speck
					groups = append(groups, image.Rect(start, bd[0], last+1, bd[1]))
					left = min(left, start)
				}
				start = -1
			}
		}
		labels[i] = groups
		nl = max(nl, len(groups))
	}
	left -= h / 2
	t := &gridTable{}
	// label columns have no bounds of their own: nl columns between the
	// left edge and the numbers
	for k := 0; k < nl; k++ {
		t.xs = append(t.xs, left+(xs[0]-left)*k/nl)
	}
	t.xs = append(t.xs, xs...)
	t.ys = append(t.ys, bands[0][0])
	for i, b := range bands {
		t.ys = append(t.ys, b[1])
		// labels right-aligned: the last one in the last label column,
		// the first spanning what is left
		g := labels[i]
		for k, r := range g {
			col := nl - len(g) + k
			span := 1
			if k == 0 {
				span, col = col+1, 0
			}
			// a margin: inkBox cuts a cell's edge off (where rules would be)
			t.cells = append(t.cells, gridCell{row: i, col: col, rowSpan: 1, colSpan: span, box: r.Inset(-h / 2)})
		}
		if len(g) == 0 {
			t.cells = append(t.cells, gridCell{row: i, col: 0, rowSpan: 1, colSpan: nl, box: image.Rect(left, b[0], xs[0], b[1])})
		}
		for k := range cols {
			t.cells = append(t.cells, gridCell{row: i, col: nl + k, rowSpan: 1, colSpan: 1, box: image.Rect(xs[k], b[0], xs[k+1], b[1])})
		}
	}
	return t
}

// inkIn counts ink pixels in r.
func (b *bitmap) inkIn(r image.Rectangle) int {
	r = r.Intersect(image.Rect(0, 0, b.w, b.h))
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if b.ink[y*b.w+x] {
				n++
			}
		}
	}
	return n
}
