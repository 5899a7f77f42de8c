package xlsx

import (
	"sort"
	"strconv"
)

// xml writes the worksheet part; sst receives its texts; legacyDrawing is
// the relationship id of its comments' VML drawing ("" when it has none).
// The elements stand in the order the schema (CT_Worksheet) requires.
func (s *Sheet) xml(sst *sharedStrings, active bool, legacyDrawing string) []byte {
	var p part
	p.WriteString(xmlHeader)
	p.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	if s.page != nil && s.page.FitToPage {
		p.WriteString(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`)
	}
	p.WriteString("<dimension")
	p.attr("ref", s.dimension().relative())
	p.WriteString("/>")
	s.viewXML(&p, active)
	p.WriteString(`<sheetFormatPr defaultRowHeight="15"/>`)
	s.colsXML(&p)
	s.dataXML(&p, sst)
	if s.filter != nil {
		p.WriteString("<autoFilter")
		p.attr("ref", s.filter.relative())
		p.WriteString("/>")
	}
	p.WriteString(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`)
	if pg := s.page; pg != nil {
		p.WriteString("<pageSetup")
		if pg.Paper > 0 {
			p.attrInt("paperSize", pg.Paper)
		}
		if pg.FitToPage {
			p.attrInt("fitToWidth", pg.FitWidth)
			p.attrInt("fitToHeight", pg.FitHeight)
		}
		if pg.Landscape {
			p.attr("orientation", "landscape")
		} else {
			p.attr("orientation", "portrait")
		}
		p.WriteString("/>")
	}
	if legacyDrawing != "" {
		p.WriteString("<legacyDrawing")
		p.attr("r:id", legacyDrawing)
		p.WriteString("/>")
	}
	p.WriteString("</worksheet>")
	return p.Bytes()
}

// dimension is the smallest range holding every cell (A1 when empty).
func (s *Sheet) dimension() Range {
	r := Range{FromCol: 1, FromRow: 1, ToCol: 1, ToRow: 1}
	first := true
	for _, rw := range s.rows {
		if len(rw.cells) == 0 {
			continue
		}
		lo, hi := rw.cells[0].col, rw.cells[len(rw.cells)-1].col
		if first {
			r = Range{FromCol: lo, FromRow: rw.num, ToCol: hi, ToRow: rw.num}
			first = false
			continue
		}
		r.FromCol, r.ToCol, r.ToRow = min(r.FromCol, lo), max(r.ToCol, hi), rw.num
	}
	return r
}

// viewXML writes the sheet view: selected when active, with its frozen
// pane. The active pane is the one that scrolls both ways: bottomRight when
// rows and columns are frozen, bottomLeft for rows only, topRight for
// columns only.
func (s *Sheet) viewXML(p *part, active bool) {
	p.WriteString("<sheetViews><sheetView")
	if active {
		p.attr("tabSelected", "1")
	}
	p.WriteString(` workbookViewId="0"`)
	if s.freezeCols == 0 && s.freezeRows == 0 {
		p.WriteString("/></sheetViews>")
		return
	}
	pane := "bottomRight"
	switch {
	case s.freezeCols == 0:
		pane = "bottomLeft"
	case s.freezeRows == 0:
		pane = "topRight"
	}
	top := cellName(s.freezeCols+1, s.freezeRows+1)
	p.WriteString("><pane")
	if s.freezeCols > 0 {
		p.attrInt("xSplit", s.freezeCols)
	}
	if s.freezeRows > 0 {
		p.attrInt("ySplit", s.freezeRows)
	}
	p.attr("topLeftCell", top)
	p.attr("activePane", pane)
	p.attr("state", "frozen")
	p.WriteString("/><selection")
	p.attr("pane", pane)
	p.attr("activeCell", top)
	p.attr("sqref", top)
	p.WriteString("/></sheetView></sheetViews>")
}

// colsXML writes the column widths and styles, one <col> per run of
// neighbouring columns set alike.
func (s *Sheet) colsXML(p *part) {
	if len(s.cols) == 0 {
		return
	}
	nums := make([]int, 0, len(s.cols))
	for c := range s.cols {
		nums = append(nums, c)
	}
	sort.Ints(nums)
	p.WriteString("<cols>")
	for i := 0; i < len(nums); {
		c := *s.cols[nums[i]]
		j := i + 1
		for j < len(nums) && nums[j] == nums[j-1]+1 && *s.cols[nums[j]] == c {
			j++
		}
		p.WriteString("<col")
		p.attrInt("min", nums[i])
		p.attrInt("max", nums[j-1])
		if c.width > 0 {
			p.attr("width", strconv.FormatFloat(c.width, 'f', -1, 64))
			p.attr("customWidth", "1")
		} else {
			p.attr("width", "9.140625") // Excel's default, required with a style
		}
		if c.style != 0 {
			p.attrInt("style", c.style)
		}
		p.WriteString("/>")
		i = j
	}
	p.WriteString("</cols>")
}

func (s *Sheet) dataXML(p *part, sst *sharedStrings) {
	p.WriteString("<sheetData>")
	for _, rw := range s.rows {
		p.WriteString("<row")
		p.attrInt("r", rw.num)
		p.WriteString(">")
		for _, c := range rw.cells {
			style := c.style
			if style == 0 {
				if col := s.cols[c.col]; col != nil {
					style = col.style
				}
			}
			p.WriteString(`<c r="`)
			p.WriteString(cellName(c.col, rw.num))
			p.WriteByte('"')
			if style != 0 {
				p.attrInt("s", style)
			}
			switch c.kind {
			case blankCell:
				p.WriteString("/>")
			case numberCell:
				p.WriteString("><v>")
				p.WriteString(c.value)
				p.WriteString("</v></c>")
			case stringCell:
				p.WriteString(` t="s"><v>`)
				p.WriteString(strconv.Itoa(sst.add(c.value)))
				p.WriteString("</v></c>")
			}
		}
		p.WriteString("</row>")
	}
	p.WriteString("</sheetData>")
}
