package layout

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/nianbao/nianbao/extract"
)

// pageOut is one page after table detection: the tables and the lines of
// text outside them.
type pageOut struct {
	num           int
	width, height float64
	lines         []line
	tables        []*grid
}

// Build turns the geometry of a document's pages into blocks in reading
// order: lines of text and tables, page by page, top to bottom.
//
// Ruled tables are rebuilt from the painted rules (merged cells get
// spans); a page without ruled tables may yield an unruled numeric table by
// column alignment. A table that ends one page and starts the next with the
// same columns is stitched into one. Page numbers and running headers and
// footers are dropped. Simple two-column text on a page without tables is
// read column by column. Build never panics: when the layout fails, the
// pages are read as plain lines (tables lost) and a problem says so.
//
// Build is NewBuilder, Add for each page, Finish.
func Build(pages []PageGeom) (blocks []extract.Block, problems []extract.Problem) {
	b := NewBuilder()
	for i := range pages {
		b.Add(&pages[i])
	}
	return b.Finish()
}

// Builder lays out a document page by page, as a PDF interpreter hands
// the pages over: Add finds a page's tables and lines at once, so its
// glyphs and rulings are garbage when Add returns and memory does not grow
// with the glyphs of earlier pages. What needs the whole document (page
// furniture, tables stitched across pages, two-column text) is done by
// Finish on the lines and tables kept.
type Builder struct {
	outs []*pageOut
	sc   scratch
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder { return &Builder{} }

// Add lays out one page. The PageGeom is not used after Add returns. It
// returns about how many bytes the Builder keeps for the page (for a
// memory budget).
func (b *Builder) Add(p *PageGeom) (kept int64) {
	b.sc.reset()
	out := layoutPage(&b.sc, p)
	if out == nil {
		return 0
	}
	b.outs = append(b.outs, out)
	// The lines' glyphs live in the Builder's scratch arena, which the
	// next page reuses: they are copied, all lines of the page into one
	// array. A page with ruled tables needs no glyphs any more at all
	// (Finish reads glyphs only for unruled tables and two-column text,
	// on pages without tables).
	var own []gl
	if len(out.tables) == 0 {
		n := 0
		for i := range out.lines {
			n += len(out.lines[i].gs)
		}
		own = make([]gl, 0, n)
	}
	for i := range out.lines {
		l := &out.lines[i]
		if len(out.tables) > 0 {
			l.gs = nil
		} else if l.gs != nil {
			k := len(own)
			own = append(own, l.gs...)
			l.gs = own[k:len(own):len(own)]
		}
		kept += int64(len(l.gs))*glyphBytes + int64(len(l.text)) + lineBytes
	}
	for _, t := range out.tables {
		for _, c := range t.cells {
			kept += int64(len(c.gs))*glyphBytes + int64(len(c.text)) + lineBytes
		}
	}
	return kept
}

// DropLast forgets the page added last (one that did not fit a budget).
func (b *Builder) DropLast() {
	if len(b.outs) > 0 {
		b.outs[len(b.outs)-1] = nil
		b.outs = b.outs[:len(b.outs)-1]
	}
}

// What a kept glyph and a kept line or cell cost, about.
const (
	glyphBytes = 80
	lineBytes  = 160
)

// Finish returns the document's blocks, as Build does.
func (b *Builder) Finish() (blocks []extract.Block, problems []extract.Problem) {
	outs := b.outs
	b.outs = nil
	defer func() {
		if v := recover(); v != nil {
			blocks = outLines(outs)
			problems = []extract.Problem{{Code: extract.ProblemPage,
				Message: fmt.Sprintf("版面分析内部错误（%v），已按纯文字行读取，表格结构未能识别", v)}}
		}
	}()
	dropFurniture(outs)
	streamed := make([]bool, len(outs))
	for i, p := range outs {
		if len(p.tables) == 0 {
			p.tables, p.lines = streamTables(p.num, p.lines)
			streamed[i] = true
		}
	}
	// the first rows of an unruled table at the bottom of a page, too few
	// to be a table alone, when the next page continues it
	for i, p := range outs {
		if !streamed[i] || i+1 == len(outs) || outs[i+1].num != p.num+1 {
			continue
		}
		if t := firstStreamTable(outs[i+1]); t != nil {
			if g, rest := streamTail(p.num, p.lines, t.stream); g != nil {
				p.tables, p.lines = append(p.tables, g), rest
			}
		}
	}
	for _, p := range outs {
		if len(p.tables) == 0 {
			p.lines = columnize(p.lines, p.width)
		}
	}
	return assemble(outs), nil
}

// outLines is the fallback of a failed Finish: each page's lines, then the
// text of its table cells row by row, as plain lines.
func outLines(outs []*pageOut) []extract.Block {
	var blocks []extract.Block
	for _, p := range outs {
		if p == nil {
			continue
		}
		for k := range p.lines {
			l := &p.lines[k]
			if l.text != "" {
				blocks = append(blocks, extract.Block{Kind: extract.BlockText, Page: p.num, Box: l.box(), Text: l.text})
			}
		}
		for _, t := range p.tables {
			if t == nil {
				continue
			}
			for _, c := range t.cells {
				if c != nil && c.text != "" {
					blocks = append(blocks, extract.Block{Kind: extract.BlockText, Page: p.num, Text: c.text})
				}
			}
		}
	}
	return blocks
}

// layoutPage finds the tables of one page and groups the remaining glyphs
// into lines. If that fails, the page is read as plain lines (plainPage).
func layoutPage(sc *scratch, p *PageGeom) (out *pageOut) {
	defer func() {
		if recover() != nil {
			out = plainPage(p)
		}
	}()
	out = &pageOut{num: p.Number, width: p.Width, height: p.Height}
	gs := prepare(sc, p.Glyphs)
	hs, vs := rules(p.Segments)
	out.tables = lattice(p.Number, hs, vs)
	var loose []gl
	if len(out.tables) == 0 {
		loose = gs
	} else {
		// each glyph goes to the cell holding it; the cells' glyphs are
		// laid out one cell after the other in one array, each cell's in
		// page order
		loose = slices.Grow(sc.loose[:0], len(gs))
		owner := slices.Grow(sc.owner[:0], len(gs))[:len(gs)]
		sc.loose, sc.owner = loose, owner
		for i := range gs {
			g := &gs[i]
			x, y := g.cx(), g.cy()
			var cell *gcell
			for _, t := range out.tables {
				if t.contains(x, y) {
					if cell = t.cellAt(x, y); cell != nil {
						break
					}
				}
			}
			if cell == nil {
				cell = overflowCell(out.tables, g)
			}
			owner[i] = cell
		}
		sc.digits = keepNumbersWhole(gs, owner, sc.digits[:0])
		for i, cell := range owner {
			if cell == nil {
				loose = append(loose, gs[i])
				continue
			}
			cell.ng++
		}
		for _, t := range out.tables {
			for _, c := range t.cells {
				c.gs = sc.alloc(c.ng)[:0]
			}
		}
		for i, c := range owner {
			if c != nil {
				c.gs = append(c.gs, gs[i])
			}
		}
		kept := out.tables[:0]
		for _, t := range out.tables {
			empty := true
			for _, c := range t.cells {
				c.text = cellText(sc, c.gs)
				c.ty0, c.ty1 = math.Inf(1), math.Inf(-1)
				for i := range c.gs {
					if !c.gs[i].space {
						c.ty0, c.ty1 = min(c.ty0, c.gs[i].y0), max(c.ty1, c.gs[i].y1)
					}
				}
				c.gs, c.ng = nil, 0
				empty = empty && c.text == ""
			}
			if empty {
				continue // a grid with nothing in it (a frame, a cut-off strip)
			}
			t.collapse()
			kept = append(kept, t)
		}
		out.tables = kept
	}
	lines := mergeStacks(buildLines(sc, nil, loose))
	kept := lines[:0]
	for i := range lines {
		l := &lines[i]
		l.text = extract.Normalize(lineText(l, false))
		if l.text == "" || noise(l.text) {
			continue
		}
		kept = append(kept, *l)
	}
	out.lines = kept
	return out
}

// plainPage is the fallback for a page whose layout failed: its glyphs as
// lines, no tables. It uses no scratch (the failure may have left it in
// any state).
func plainPage(p *PageGeom) (out *pageOut) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	out = &pageOut{num: p.Number, width: p.Width, height: p.Height}
	lines := buildLines(nil, nil, prepare(nil, p.Glyphs))
	for i := range lines {
		l := &lines[i]
		l.text = extract.Normalize(lineText(l, false))
		if l.text != "" && !noise(l.text) {
			out.lines = append(out.lines, *l)
		}
	}
	return out
}

// item is a block before conversion: a line or a table.
type item struct {
	l *line
	t *grid
}

// pageItems merges a page's lines (already in reading order) and tables
// (by their top edge) into one sequence.
func pageItems(p *pageOut) []item {
	tabs := append([]*grid(nil), p.tables...)
	slices.SortStableFunc(tabs, func(a, b *grid) int { return less(a.box.Y0 < b.box.Y0) })
	items := make([]item, 0, len(p.lines)+len(tabs))
	k := 0
	for i := range p.lines {
		l := &p.lines[i]
		for k < len(tabs) && tabs[k].box.Y0 <= l.y0+1 {
			items = append(items, item{t: tabs[k]})
			k++
		}
		items = append(items, item{l: l})
	}
	for ; k < len(tabs); k++ {
		items = append(items, item{t: tabs[k]})
	}
	return items
}

// assemble orders each page's items, stitches tables across page breaks
// and converts everything to blocks.
func assemble(pages []*pageOut) []extract.Block {
	var blocks []extract.Block
	var open *grid // a table that ended the previous page
	var openBlock int
	prevNum := 0
	for _, p := range pages {
		items := pageItems(p)
		if open != nil && p.num == prevNum+1 && len(items) > 0 && items[0].t != nil && (stitch(open, items[0].t) || stitchStream(open, items[0].t)) {
			blocks[openBlock] = tableBlock(open)
			items = items[1:]
			if len(items) > 0 {
				open = nil
			}
		} else if len(items) > 0 || p.num != prevNum+1 {
			open = nil
		}
		for _, it := range items {
			if it.t != nil {
				blocks = append(blocks, tableBlock(it.t))
				open, openBlock = it.t, len(blocks)-1
				continue
			}
			open = nil
			blocks = append(blocks, extract.Block{Kind: extract.BlockText, Page: p.num, Box: it.l.box(), Text: it.l.text})
		}
		prevNum = p.num
	}
	return blocks
}

func tableBlock(t *grid) extract.Block {
	tab := &extract.Table{Page: t.page, LastPage: t.lastPage, Rows: t.rows, Cols: len(t.xs) - 1, Box: t.box}
	cells := append([]*gcell(nil), t.cells...)
	slices.SortStableFunc(cells, func(a, b *gcell) int {
		if a.r != b.r {
			return less(a.r < b.r)
		}
		return less(a.c < b.c)
	})
	tab.Cells = make([]extract.Cell, len(cells))
	for i, c := range cells {
		tab.Cells[i] = extract.Cell{Row: c.r, Col: c.c, RowSpan: c.rs, ColSpan: c.cs, Text: c.text, Page: c.page, Box: c.box}
	}
	return extract.Block{Kind: extract.BlockTable, Page: t.page, Box: t.box, Table: tab}
}

// keepNumbersWhole gives a number that runs over its cell's right border
// to the cell where it starts: a digit (or a decimal point or thousands
// separator) that touches the digit before it on its line — no gap, as the
// characters of one number are set — goes to that digit's cell. A renderer
// lets a number too wide for a narrow column run into the next cell or past
// the table (Chromium printed "3026" as "302" in its cell and "6" beyond
// it); the text of adjacent cells is always apart by the cells' padding.
// idx is scratch for the indices of the page's digits, returned for reuse.
func keepNumbersWhole(gs []gl, owner []*gcell, idx []int) []int {
	for i := range gs {
		if isNumberRune(gs[i].r) && gs[i].text == "" && !gs[i].vert {
			idx = append(idx, i)
		}
	}
	if len(idx) < 2 {
		return idx
	}
	slices.SortFunc(idx, func(a, b int) int {
		return cmp.Or(cmp.Compare(gs[a].cy(), gs[b].cy()), cmp.Compare(gs[a].x0, gs[b].x0))
	})
	for k := 1; k < len(idx); k++ {
		p, g := &gs[idx[k-1]], &gs[idx[k]]
		from, to := owner[idx[k-1]], owner[idx[k]]
		h := max(p.h(), g.h())
		if from == nil || to == from || h <= 0 || math.Abs(p.cy()-g.cy()) > 0.1*h ||
			math.Abs(p.h()-g.h()) > 0.1*h || math.Abs(g.x0-p.x1) > 0.05*h {
			continue
		}
		owner[idx[k]] = from
	}
	return idx
}

func isNumberRune(r rune) bool { return r >= '0' && r <= '9' || r == '.' || r == ',' }

// overflowCell finds the cell for a glyph whose centre lies just outside a
// table's top or bottom edge while its box reaches into the table: text a
// renderer let run over the border of a row cut by the page (Chromium).
func overflowCell(tables []*grid, g *gl) *gcell {
	x := g.cx()
	for _, t := range tables {
		if x < t.box.X0 || x > t.box.X1 {
			continue
		}
		ov := min(g.y1, t.box.Y1) - max(g.y0, t.box.Y0)
		if ov < 0.15*g.h() {
			continue
		}
		y := min(max(g.cy(), t.box.Y0+0.01), t.box.Y1-0.01)
		if c := t.cellAt(x, y); c != nil {
			return c
		}
	}
	return nil
}
