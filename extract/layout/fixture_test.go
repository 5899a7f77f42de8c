package layout_test

import (
	"math"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract/layout"
)

// Fixture helpers: glyphs are placed the way a PDF interpreter would report
// them: CJK characters one em wide, ASCII half an em, boxes from the top of
// the line to top+size.

func adv(r rune, size float64) float64 {
	if r < 0x80 {
		return size / 2
	}
	return size
}

// put places s as one horizontal run starting at (x, y).
func put(s string, x, y, size float64) []layout.Glyph {
	var out []layout.Glyph
	for _, r := range s {
		w := adv(r, size)
		out = append(out, layout.Glyph{R: r, X0: x, Y0: y, X1: x + w, Y1: y + size, Size: size})
		x += w
	}
	return out
}

// textWidth is the advance of s.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += adv(r, size)
	}
	return w
}

// putRight places s so that it ends at x1.
func putRight(s string, x1, y, size float64) []layout.Glyph {
	return put(s, x1-textWidth(s, size), y, size)
}

// putV places s top to bottom in a vertical (Identity-V) font, centred on cx.
func putV(s string, cx, y, size float64) []layout.Glyph {
	var out []layout.Glyph
	for _, r := range s {
		out = append(out, layout.Glyph{R: r, X0: cx - size/2, Y0: y, X1: cx + size/2, Y1: y + size, Size: size, Vertical: true})
		y += size
	}
	return out
}

// stack places s one character per line (horizontal font), centred on cx.
func stack(s string, cx, y, size float64) []layout.Glyph {
	var out []layout.Glyph
	for _, r := range s {
		out = append(out, put(string(r), cx-adv(r, size)/2, y, size)...)
		y += size * 1.2
	}
	return out
}

// wrap splits s into lines of at most n characters.
func wrap(s string, n int) []string {
	if n < 1 {
		n = 1
	}
	var out []string
	rs := []rune(s)
	for len(rs) > n {
		out = append(out, string(rs[:n]))
		rs = rs[n:]
	}
	if len(rs) > 0 {
		out = append(out, string(rs))
	}
	return out
}

func hline(x0, x1, y float64) layout.Segment {
	return layout.Segment{X0: x0, Y0: y, X1: x1, Y1: y, Width: 0.96}
}

func vline(x, y0, y1 float64) layout.Segment {
	return layout.Segment{X0: x, Y0: y0, X1: x, Y1: y1, Width: 0.96}
}

// fullGrid rules every boundary of the grid.
func fullGrid(xs, ys []float64) []layout.Segment {
	var out []layout.Segment
	for _, y := range ys {
		out = append(out, hline(xs[0], xs[len(xs)-1], y))
	}
	for _, x := range xs {
		out = append(out, vline(x, ys[0], ys[len(ys)-1]))
	}
	return out
}

// cellSpec is one cell of a fixture table.
type cellSpec struct {
	r, c, rs, cs int
	text         string
	vertical     bool // an Identity-V label
}

// tableSpec draws a table the way WPS does: each cell's edges stroked
// separately, so a merged cell simply has no interior rules.
type tableSpec struct {
	xs      []float64 // column boundaries
	heights []float64 // row heights
	cells   []cellSpec
	size    float64
}

// rowHeights gives every row the height its one-row cells need.
func rowHeights(xs []float64, rows int, cells []cellSpec, size float64) []float64 {
	h := make([]float64, rows)
	for r := range h {
		h[r] = size * 1.8
	}
	for _, c := range cells {
		if c.rs != 1 || c.vertical {
			continue
		}
		n := len(wrap(c.text, perLine(xs[c.c+c.cs]-xs[c.c], size)))
		h[c.r] = math.Max(h[c.r], float64(n)*size*1.3+4)
	}
	return h
}

func perLine(w, size float64) int { return int((w - 4) / size) }

// draw renders rows [from, to) of the table with its top at y. With
// openBottom the page's last boundary is not ruled (the table goes on);
// cells that began on an earlier page have no top rule.
func (t tableSpec) draw(from, to int, y float64, openBottom bool) ([]layout.Segment, []layout.Glyph) {
	ys := []float64{y}
	for r := from; r < to; r++ {
		ys = append(ys, ys[len(ys)-1]+t.heights[r])
	}
	yAt := func(r int) float64 { return ys[r-from] }
	var segs []layout.Segment
	var gs []layout.Glyph
	for _, c := range t.cells {
		r0, r1 := max(c.r, from), min(c.r+c.rs, to)
		if r0 >= r1 {
			continue
		}
		x0, x1 := t.xs[c.c], t.xs[c.c+c.cs]
		top, bottom := yAt(r0), yAt(r1)
		if c.r >= from {
			segs = append(segs, hline(x0, x1, top))
		}
		if c.r+c.rs <= to && !(openBottom && c.r+c.rs == to) {
			segs = append(segs, hline(x0, x1, bottom))
		}
		segs = append(segs, vline(x0, top, bottom), vline(x1, top, bottom))
		if c.r < from || c.text == "" {
			continue // text is printed where the cell starts
		}
		if c.vertical {
			gs = append(gs, putV(c.text, (x0+x1)/2, top+4, t.size)...)
			continue
		}
		lines := wrap(c.text, perLine(x1-x0, t.size))
		ty := (top+bottom)/2 - float64(len(lines))*t.size*1.3/2
		for _, l := range lines {
			if isNumber(l) {
				gs = append(gs, putRight(l, x1-3, ty, t.size)...)
			} else {
				gs = append(gs, put(l, x0+2, ty, t.size)...)
			}
			ty += t.size * 1.3
		}
	}
	return segs, gs
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return utf8.RuneCountInString(s) > 0
}
