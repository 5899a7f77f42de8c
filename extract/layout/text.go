package layout

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
)

// gl is a glyph prepared for layout: its text resolved, its box repaired.
type gl struct {
	r              rune   // the glyph's character (its first when it has several)
	text           string // set only when the glyph stands for several runes
	x0, y0, x1, y1 float64
	size           float64
	vert           bool // drawn by a vertical font
	space          bool // white space only
	cjk            bool // the first rune is CJK-like (see isCJK)
	lcjk           bool // the last rune is CJK-like
}

// appendTo appends the glyph's text to b.
func (g *gl) appendTo(b []byte) []byte {
	if g.text != "" {
		return append(b, g.text...)
	}
	return utf8.AppendRune(b, g.r)
}

func (g *gl) same(o *gl) bool { return g.r == o.r && g.text == o.text }

func (g *gl) cx() float64 { return (g.x0 + g.x1) / 2 }
func (g *gl) cy() float64 { return (g.y0 + g.y1) / 2 }
func (g *gl) w() float64  { return g.x1 - g.x0 }
func (g *gl) h() float64  { return g.y1 - g.y0 }

func finite(v ...float64) bool {
	for _, f := range v {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return false
		}
	}
	return true
}

// finite5 is finite for five values, without a loop: f-f is 0 for a
// finite f and NaN for ±Inf and NaN, and a NaN makes the sum NaN.
func finite5(a, b, c, d, e float64) bool {
	return (a-a)+(b-b)+(c-c)+(d-d)+(e-e) == 0
}

// prepare converts the input glyphs, dropping those that cannot be placed.
// The result lives in sc's page buffer (a fresh array when sc is nil).
func prepare(sc *scratch, in []Glyph) []gl {
	var out []gl
	if sc != nil {
		out = slices.Grow(sc.page[:0], len(in))
		defer func() { sc.page = out[:0] }()
	} else {
		out = make([]gl, 0, len(in))
	}
	for i := range in {
		g := &in[i]
		if !finite5(g.X0, g.Y0, g.X1, g.Y1, g.Size) {
			continue
		}
		r, text := g.R, g.Text
		if text != "" {
			first, _ := firstLast(text)
			if r == 0 {
				r = first
			}
			if utf8.RuneCountInString(text) == 1 && first == r {
				text = ""
			}
		}
		if r == 0 {
			continue
		}
		x0, x1, y0, y1 := g.X0, g.X1, g.Y0, g.Y1
		if x1 < x0 {
			x0, x1 = x1, x0
		}
		if y1 < y0 {
			y0, y1 = y1, y0
		}
		size := math.Abs(g.Size)
		if size < 0.5 {
			size = y1 - y0
		}
		if size < 0.5 {
			size = 10
		}
		if y1-y0 < 0.01 {
			y0 = y1 - size
		}
		if x1-x0 < 0.01 {
			x1 = x0 + size/2
		}
		p := gl{r: r, text: text, x0: x0, y0: y0, x1: x1, y1: y1, size: size, vert: g.Vertical}
		if text != "" {
			p.space = strings.TrimSpace(text) == ""
			_, last := firstLast(text)
			p.cjk, p.lcjk = isCJK(r), isCJK(last)
		} else {
			p.space = unicode.IsSpace(r)
			p.cjk = isCJK(r)
			p.lcjk = p.cjk
		}
		out = append(out, p)
	}
	return out
}

func firstLast(s string) (first, last rune) {
	first, last = -1, -1
	for _, r := range s {
		if first < 0 {
			first = r
		}
		last = r
	}
	return first, last
}

// isCJK reports whether r is a character that is written without spaces
// next to its CJK neighbours: ideographs, kana, hangul, CJK and full-width
// punctuation, and the curly quotes Chinese text uses.
func isCJK(r rune) bool {
	switch {
	case r < 0x2000:
		return false
	case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r),
		unicode.Is(unicode.Hangul, r):
		return true
	case r >= 0x3000 && r <= 0x303f, r >= 0xff00 && r <= 0xffef, r >= 0xfe30 && r <= 0xfe4f:
		return true
	case r == '\u2018', r == '\u2019', r == '\u201c', r == '\u201d', r == '\u2026', r == '\u2014', r == '\u00b7':
		return true
	}
	return false
}

// line is one line of text: glyphs in reading order (left to right for
// horizontal text, top to bottom for a vertical column).
type line struct {
	gs   []gl
	text string // normalised, set once the line is final
	x0   float64
	y0   float64
	x1   float64
	y1   float64
	vert bool
	size float64
}

func (l *line) cy() float64 { return (l.y0 + l.y1) / 2 }
func (l *line) box() extract.Box {
	return extract.Box{X0: l.x0, Y0: l.y0, X1: l.x1, Y1: l.y1}
}

func (l *line) bound() {
	l.x0, l.y0, l.x1, l.y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	l.size = 0
	for i := range l.gs {
		g := &l.gs[i]
		l.x0 = min(l.x0, g.x0)
		l.y0 = min(l.y0, g.y0)
		l.x1 = max(l.x1, g.x1)
		l.y1 = max(l.y1, g.y1)
		if !g.space {
			l.size = max(l.size, g.size)
		}
	}
	if l.size == 0 && len(l.gs) > 0 {
		l.size = l.gs[0].size
	}
}

// buildLines groups glyphs into lines and returns them in reading order (top
// to bottom, then left to right). Horizontal glyphs are grouped by vertical
// overlap; vertical-font glyphs are grouped into columns by horizontal
// overlap. Duplicate glyphs (fake bold) are removed.
//
// The lines' glyphs are allocated from sc (see scratch); the lines are
// appended to dst.
func buildLines(sc *scratch, dst []line, gs []gl) []line {
	hor, ver := gs, []gl(nil)
	if anyVertical(gs) {
		hor = nil
		for _, g := range gs {
			if g.vert {
				ver = append(ver, g)
			} else {
				hor = append(hor, g)
			}
		}
	}
	lines := groupHorizontal(sc, dst, hor)
	lines = append(lines, groupVertical(ver)...)
	sortLines(lines[len(dst):])
	return lines
}

// anyVertical reports whether a vertical-font glyph is among gs (a loop
// over pointers: slices.ContainsFunc would copy every glyph).
func anyVertical(gs []gl) bool {
	for i := range gs {
		if gs[i].vert {
			return true
		}
	}
	return false
}

func sortLines(lines []line) {
	slices.SortStableFunc(lines, func(a, b line) int { return less(lineBefore(&a, &b)) })
}

// lineBefore is the reading order of lines: the same row when each
// centre lies inside the other's band, then left to right; else top to
// bottom. (It is not transitive for lines of odd heights: the order of
// such lines is the one the stable merge sort gives.)
func lineBefore(a, b *line) bool {
	if a.cy() > b.y0 && a.cy() < b.y1 && b.cy() > a.y0 && b.cy() < a.y1 {
		return a.x0 < b.x0
	}
	return a.cy() < b.cy()
}

// less turns a "less" result into a comparison for the slices package's
// sorts, which only ever ask whether cmp(a, b) < 0: with it, slices.SortFunc
// and SortStableFunc order exactly as sort.Slice and SliceStable do with
// the same less (the same algorithms), without their reflection and
// allocations.
func less(lt bool) int {
	if lt {
		return -1
	}
	return 1
}

type lineAcc struct {
	idx        []int32
	sumY0      float64
	sumY1      float64
	n          float64
	y0, y1, hh float64 // mean top, mean bottom, mean height
}

// groupHorizontal appends the lines of horizontal glyphs to dst (in the
// order they are found; buildLines sorts them).
func groupHorizontal(sc *scratch, dst []line, gs []gl) []line {
	if len(gs) == 0 {
		return dst
	}
	if l, ok := oneLine(sc, gs); ok {
		if l.gs == nil {
			return dst
		}
		return append(dst, l)
	}
	if sc == nil {
		sc = &scratch{}
	}
	order := slices.Grow(sc.order[:0], len(gs))[:len(gs)]
	sc.order = order
	for i := range order {
		order[i] = int32(i)
	}
	cy := slices.Grow(sc.keys[:0], len(gs))[:len(gs)]
	sc.keys = cy
	for i := range gs {
		cy[i] = gs[i].cy()
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(cy[a], cy[b]) })
	// accs[:nacc] are the lines found so far (their idx arrays are
	// reused from page to page); active and done hold their indices
	accs := sc.accs[:cap(sc.accs)]
	nacc := 0
	done, active := sc.done[:0], sc.active[:0]
	for _, gi := range order {
		g := &gs[gi]
		// retire lines that are well above this glyph
		k := 0
		for _, ai := range active {
			a := &accs[ai]
			if a.y1+a.hh*0.5 < g.y0 {
				done = append(done, ai)
				continue
			}
			active[k] = ai
			k++
		}
		active = active[:k]
		best := int32(-1)
		bestOv := 0.0
		gh := g.h()
		for _, ai := range active {
			a := &accs[ai]
			ov := min(g.y1, a.y1) - max(g.y0, a.y0)
			if ov >= 0.5*min(gh, a.hh) && ov > bestOv {
				best, bestOv = ai, ov
			}
		}
		if best < 0 {
			if nacc == len(accs) {
				accs = append(accs, lineAcc{})
				accs = accs[:cap(accs)]
			}
			accs[nacc] = lineAcc{idx: accs[nacc].idx[:0]}
			best = int32(nacc)
			nacc++
			active = append(active, best)
		}
		a := &accs[best]
		a.idx = append(a.idx, gi)
		if !g.space || a.n == 0 {
			a.sumY0 += g.y0
			a.sumY1 += g.y1
			a.n++
			a.y0, a.y1 = a.sumY0/a.n, a.sumY1/a.n
			a.hh = a.y1 - a.y0
		}
	}
	done = append(done, active...)
	sc.accs, sc.done, sc.active = accs, done, active
	out := slices.Grow(dst, len(done))
	for _, ai := range done {
		a := &accs[ai]
		slices.SortStableFunc(a.idx, func(p, q int32) int { return cmp.Compare(gs[p].x0, gs[q].x0) })
		lg := sc.alloc(len(a.idx))
		for i, gi := range a.idx {
			lg[i] = gs[gi]
		}
		l := line{gs: dedupe(lg, false)}
		if onlySpaces(l.gs) {
			continue
		}
		l.bound()
		out = append(out, l)
	}
	return out
}

// oneLine is the fast path of groupHorizontal for a few glyphs that all
// share the first one's line (most table cells).
func oneLine(sc *scratch, gs []gl) (line, bool) {
	if len(gs) > 32 {
		return line{}, false
	}
	f := &gs[0]
	for i := range gs {
		g := &gs[i]
		ov := min(g.y1, f.y1) - max(g.y0, f.y0)
		if ov < 0.5*min(g.h(), f.h()) {
			return line{}, false
		}
	}
	lg := sc.alloc(len(gs))
	copy(lg, gs)
	slices.SortStableFunc(lg, func(p, q gl) int { return cmp.Compare(p.x0, q.x0) })
	l := line{gs: dedupe(lg, false)}
	if onlySpaces(l.gs) {
		return line{}, true // nothing to read
	}
	l.bound()
	return l, true
}

func groupVertical(gs []gl) []line {
	if len(gs) == 0 {
		return nil
	}
	slices.SortFunc(gs, func(a, b gl) int { return cmp.Compare(a.cx(), b.cx()) })
	type col struct {
		gs     []gl
		x0, x1 float64
	}
	var cols []*col
	for _, g := range gs {
		var best *col
		for i := len(cols) - 1; i >= 0 && i >= len(cols)-3; i-- {
			c := cols[i]
			ov := min(g.x1, c.x1) - max(g.x0, c.x0)
			if ov >= 0.5*min(g.w(), c.x1-c.x0) {
				best = c
				break
			}
		}
		if best == nil {
			best = &col{x0: g.x0, x1: g.x1}
			cols = append(cols, best)
		}
		best.gs = append(best.gs, g)
	}
	out := make([]line, 0, len(cols))
	for _, c := range cols {
		slices.SortStableFunc(c.gs, func(p, q gl) int { return cmp.Compare(p.y0, q.y0) })
		l := line{gs: dedupe(c.gs, true), vert: true}
		if onlySpaces(l.gs) {
			continue
		}
		l.bound()
		out = append(out, l)
	}
	// split columns where the vertical gap is large (two labels in one column)
	var res []line
	for _, l := range out {
		start := 0
		for i := 1; i < len(l.gs); i++ {
			if l.gs[i].y0-l.gs[i-1].y1 > 1.5*max(l.gs[i].size, l.gs[i-1].size) {
				part := line{gs: l.gs[start:i], vert: true}
				part.bound()
				res = append(res, part)
				start = i
			}
		}
		part := line{gs: l.gs[start:], vert: true}
		part.bound()
		res = append(res, part)
	}
	return res
}

func onlySpaces(gs []gl) bool {
	for i := range gs {
		if !gs[i].space {
			return false
		}
	}
	return true
}

// dedupe drops glyphs drawn twice at almost the same position (fake bold).
// gs must be sorted along the reading direction.
func dedupe(gs []gl, vertical bool) []gl {
	out := gs[:0] // in place: out never overtakes the loop
	for i := range gs {
		g := &gs[i]
		dup := false
		for k := len(out) - 1; k >= 0 && k >= len(out)-4; k-- {
			p := &out[k]
			if !p.same(g) {
				continue
			}
			tol := 0.2 * min(p.size, g.size)
			ext := min(p.w(), g.w())
			if vertical {
				ext = min(p.h(), g.h())
			}
			if ext > 0 {
				tol = min(tol, 0.5*ext)
			}
			if math.Abs(p.x0-g.x0) <= tol && math.Abs(p.y0-g.y0) <= tol {
				dup = true
				break
			}
		}
		switch {
		case dup:
		case len(out) == i:
			out = out[:i+1] // already in place: no copy of the glyph onto itself
		default:
			out = append(out, *g)
		}
	}
	return out
}

// Word gaps, in ems: a gap wider than this between two glyphs separates
// words. pdftotext uses 0.1 em; between two CJK characters (justified text
// is spread out) only a really wide gap counts.
const (
	wordGap    = 0.1
	wordGapCJK = 1.0
)

// gapSpace reports whether the gap between two neighbouring glyphs of a
// line is a word break.
func gapSpace(prev, g *gl, vertical bool) bool {
	size := max(prev.size, g.size)
	both := prev.lcjk && g.cjk
	if vertical {
		return !both && g.y0-prev.y1 > 0.3*size
	}
	gap := g.x0 - prev.x1
	if both {
		return gap > wordGapCJK*size
	}
	return gap > wordGap*size
}

// lineText renders a line. In cell mode no space is ever put between two
// CJK characters (labels spread out with spaces or justified); elsewhere a
// space stands for an explicit space glyph or a wide gap.
func lineText(l *line, cell bool) string {
	var buf [512]byte // most lines fit: one allocation, the string
	b := buf[:0]
	var prev *gl
	pendingSpace := false
	for i := range l.gs {
		g := &l.gs[i]
		if g.space {
			pendingSpace = true
			continue
		}
		if prev != nil {
			space := pendingSpace || gapSpace(prev, g, l.vert)
			if cell && (prev.lcjk || g.cjk) {
				space = false // labels: no spaces next to CJK characters
			}
			if space {
				b = append(b, ' ')
			}
		}
		b = g.appendTo(b)
		prev = g
		pendingSpace = false
	}
	return string(b)
}

// noise reports whether s holds nothing but U+FFFD and white space.
func noise(s string) bool {
	for _, r := range s {
		if r != '\ufffd' && !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// cellText orders the glyphs of one cell into lines and joins them. Wrapped
// CJK lines join without a space; vertical stacks read top to bottom.
func cellText(sc *scratch, gs []gl) string {
	var lines []line
	if sc != nil {
		lines = buildLines(sc, sc.lines[:0], gs)
		defer func() { sc.lines = lines[:0] }()
	} else {
		lines = buildLines(nil, nil, gs)
	}
	if len(lines) == 1 {
		// one line (most cells): its text is the cell's
		s := extract.Normalize(lineText(&lines[0], true))
		if noise(s) {
			return ""
		}
		return s
	}
	var buf [256]byte
	b := buf[:0]
	lastRune := rune(-1)
	for i := range lines {
		t := extract.Normalize(lineText(&lines[i], true))
		if t == "" {
			continue
		}
		first, last := firstLast(t)
		if lastRune >= 0 {
			joinTight := isCJK(lastRune) || isCJK(first) ||
				(isDigitish(lastRune) && isDigitish(first))
			if !joinTight {
				b = append(b, ' ')
			}
		}
		b = append(b, t...)
		lastRune = last
	}
	s := string(b) // parts are normalised and joined by single spaces
	if noise(s) {
		return ""
	}
	return s
}

func isDigitish(r rune) bool { return (r >= '0' && r <= '9') || r == '.' || r == ',' }

// mergeStacks joins runs of single-character lines stacked in a narrow
// column (a label typed one character per line) into one line.
func mergeStacks(lines []line) []line {
	single := func(l *line) bool {
		n := 0
		for i := range l.gs {
			if !l.gs[i].space {
				n++
			}
		}
		return n == 1 && !l.vert && l.gs[0].cjk
	}
	out := lines[:0:0]
	for i := 0; i < len(lines); {
		if !single(&lines[i]) {
			out = append(out, lines[i])
			i++
			continue
		}
		j := i + 1
		for j < len(lines) && single(&lines[j]) {
			p, q := &lines[j-1], &lines[j]
			size := max(p.size, q.size)
			cxp, cxq := (p.x0+p.x1)/2, (q.x0+q.x1)/2
			if math.Abs(cxp-cxq) > 0.3*size || q.y0-p.y1 > 1.0*size || q.y0 < p.y1-0.3*size {
				break
			}
			j++
		}
		if j-i >= 2 {
			m := line{vert: true}
			for k := i; k < j; k++ {
				m.gs = append(m.gs, lines[k].gs...)
			}
			m.bound()
			out = append(out, m)
		} else {
			out = append(out, lines[i])
		}
		i = j
	}
	return out
}
