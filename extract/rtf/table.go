package rtf

import (
	"sort"
	"strings"

	"github.com/nianbao/nianbao/extract"
)

// endCell ends the open cell of the row.
func (p *parser) endCell() {
	c := extract.Normalize(extract.JoinLines(p.cellLines))
	p.rowCells = append(p.rowCells, c)
	p.cellLines, p.cellBytes = nil, 0
	p.rowBytes += int64(len(c))
	p.grown += int64(len(c)) + stringCost
}

func (p *parser) endRow() {
	if p.full {
		// the budget ran out in this row: it is cut with the rest
		p.rowCells, p.cellLines, p.cellBytes, p.rowBytes = nil, nil, 0, 0
		return
	}
	if len(p.cellLines) > 0 || strings.TrimSpace(p.text.String()) != "" { // text after the last \cell
		p.endParagraph(true)
		p.endCell()
	}
	if len(p.rowCells) > 0 { // a \row with no cell is not a row of the table
		cost := int64(max(len(p.defs), len(p.rowCells))) * cellCost
		for _, c := range p.rowCells {
			cost += int64(len(c))
		}
		p.spend(cost)
		if p.full {
			p.rowCells, p.rowBytes = nil, 0
			return
		}
		p.kept += p.rowBytes
		p.rows = append(p.rows, row{defs: append([]cellDef(nil), p.defs...), cells: p.rowCells})
	}
	p.rowCells, p.rowBytes = nil, 0
}

// closeTable emits the open table, if any.
func (p *parser) closeTable() {
	if len(p.rowCells) > 0 {
		p.endRow()
	}
	if len(p.rows) == 0 {
		return
	}
	tb := buildGrid(p.rows)
	p.rows = nil
	if tb == nil {
		return
	}
	if extract.TableTooLarge(tb.Rows, tb.Cols) {
		p.problems = append(p.problems, extract.TableTooLargeProblem(tb.Rows, tb.Cols))
		for _, c := range tb.Cells {
			if c.Text != "" {
				p.blocks = append(p.blocks, extract.Block{Kind: extract.BlockText, Page: 1, Text: c.Text})
			}
		}
		return
	}
	p.blocks = append(p.blocks, extract.Block{Kind: extract.BlockTable, Page: 1, Table: tb})
}

// buildGrid lays the rows on one grid. Column edges are the \cellx right
// boundaries of all rows, snapped together; a cell covers the edges between
// the previous cell's boundary and its own. \clmrg widens the cell to its
// left, \clvmrg lengthens the cell above that starts at the same column.
// Rows whose cells outnumber their \cellx (a damaged file) take one column
// per cell.
func buildGrid(rows []row) *extract.Table {
	var edges []int
	for _, r := range rows {
		for _, d := range r.defs {
			edges = append(edges, d.right)
		}
	}
	sort.Ints(edges)
	var snapped []int
	for _, e := range edges {
		if len(snapped) == 0 || e-snapped[len(snapped)-1] > snapTwips {
			snapped = append(snapped, e)
		}
	}
	colOf := func(right int) int { // index of the snapped edge of right
		i := sort.SearchInts(snapped, right+snapTwips+1) - 1
		return max(i, 0)
	}
	g := extract.NewMergeGrid()
	for _, r := range rows {
		useDefs := len(r.defs) >= len(r.cells) && len(snapped) <= maxCols
		g.StartRow(0)
		col := 0
		for ci, text := range r.cells {
			span := 1
			var d cellDef
			if useDefs {
				d = r.defs[ci]
				span = max(colOf(d.right)-col+1, 1)
			}
			g.Cell(text, span, d.hCont, d.vCont)
			col += span
		}
		g.EndRow(0)
	}
	return g.Table(0)
}
