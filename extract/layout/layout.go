package layout

import (
	"math"
	"sort"

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
// footers are dropped. Build never panics: a page that cannot be laid out
// is skipped.
func Build(pages []PageGeom) (blocks []extract.Block) {
	defer func() {
		if recover() != nil {
			// never let a panic escape: fall back to plain lines
			blocks = linesOnly(pages)
		}
	}()
	outs := make([]*pageOut, 0, len(pages))
	for i := range pages {
		if p := layoutPage(&pages[i]); p != nil {
			outs = append(outs, p)
		}
	}
	dropFurniture(outs)
	for _, p := range outs {
		if len(p.tables) == 0 {
			p.tables, p.lines = streamTables(p.num, p.lines)
		}
	}
	return assemble(outs)
}

// layoutPage finds the tables of one page and groups the remaining glyphs
// into lines. It returns nil if the page cannot be laid out.
func layoutPage(p *PageGeom) (out *pageOut) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	out = &pageOut{num: p.Number, width: p.Width, height: p.Height}
	gs := prepare(p.Glyphs)
	hs, vs := rules(p.Segments)
	out.tables = lattice(p.Number, hs, vs)
	var loose []gl
	if len(out.tables) == 0 {
		loose = gs
	} else {
		for _, g := range gs {
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
				loose = append(loose, g)
				continue
			}
			cell.gs = append(cell.gs, g)
		}
		for _, t := range out.tables {
			for _, c := range t.cells {
				c.text = cellText(c.gs)
				c.gs = nil
			}
			t.collapse()
		}
	}
	lines := mergeStacks(buildLines(loose))
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

// item is a block before conversion.
type item struct {
	y, x float64
	l    *line
	t    *grid
}

func pageItems(p *pageOut) []item {
	items := make([]item, 0, len(p.lines)+len(p.tables))
	for i := range p.lines {
		l := &p.lines[i]
		items = append(items, item{y: l.y0, x: l.x0, l: l})
	}
	for _, t := range p.tables {
		items = append(items, item{y: t.box.Y0, x: t.box.X0, t: t})
	}
	sort.SliceStable(items, func(i, j int) bool {
		if math.Abs(items[i].y-items[j].y) > 1 {
			return items[i].y < items[j].y
		}
		return items[i].x < items[j].x
	})
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
		if open != nil && p.num == prevNum+1 && len(items) > 0 && items[0].t != nil && stitch(open, items[0].t) {
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
	sort.SliceStable(cells, func(i, j int) bool {
		if cells[i].r != cells[j].r {
			return cells[i].r < cells[j].r
		}
		return cells[i].c < cells[j].c
	})
	tab.Cells = make([]extract.Cell, len(cells))
	for i, c := range cells {
		tab.Cells[i] = extract.Cell{Row: c.r, Col: c.c, RowSpan: c.rs, ColSpan: c.cs, Text: c.text, Page: c.page, Box: c.box}
	}
	return extract.Block{Kind: extract.BlockTable, Page: t.page, Box: t.box, Table: tab}
}

// linesOnly is the fallback when Build fails: every page's glyphs as lines
// of text, without tables or furniture removal.
func linesOnly(pages []PageGeom) []extract.Block {
	var blocks []extract.Block
	for i := range pages {
		func() {
			defer func() { _ = recover() }()
			p := &pages[i]
			var out []extract.Block
			lines := buildLines(prepare(p.Glyphs))
			for k := range lines {
				t := extract.Normalize(lineText(&lines[k], false))
				if t != "" && !noise(t) {
					out = append(out, extract.Block{Kind: extract.BlockText, Page: p.Number, Box: lines[k].box(), Text: t})
				}
			}
			blocks = append(blocks, out...)
		}()
	}
	return blocks
}
