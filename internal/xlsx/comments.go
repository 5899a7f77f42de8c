package xlsx

import (
	"fmt"
	"sort"
	"strconv"
)

// comment is a note on a cell.
type comment struct {
	col, row     int
	author, text string
}

// sortedComments returns the sheet's notes in reading order (row, then
// column), the order Excel keeps them in.
func (s *Sheet) sortedComments() []comment {
	cs := append([]comment(nil), s.comments...)
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].row != cs[j].row {
			return cs[i].row < cs[j].row
		}
		return cs[i].col < cs[j].col
	})
	return cs
}

// commentsXML writes xl/commentsN.xml: the authors once each, then each
// note as one run of 9-point text.
func commentsXML(cs []comment) []byte {
	var authors []string
	authorID := map[string]int{}
	for _, c := range cs {
		if _, ok := authorID[c.author]; !ok {
			authorID[c.author] = len(authors)
			authors = append(authors, c.author)
		}
	}
	var p part
	p.WriteString(xmlHeader)
	p.WriteString(`<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors>`)
	for _, a := range authors {
		p.WriteString("<author>")
		p.text(a)
		p.WriteString("</author>")
	}
	p.WriteString("</authors><commentList>")
	for _, c := range cs {
		p.WriteString("<comment")
		p.attr("ref", cellName(c.col, c.row))
		p.attrInt("authorId", authorID[c.author])
		p.WriteString(`><text><r><rPr><sz val="9"/><color indexed="81"/><rFont val="` + defaultFontName + `"/><family val="2"/></rPr>`)
		p.textElement(c.text)
		p.WriteString("</r></text></comment>")
	}
	p.WriteString("</commentList></comments>")
	return p.Bytes()
}

// vmlXML writes xl/drawings/vmlDrawingN.vml, the legacy drawing that gives
// each note its (hidden) box: Excel shows no note without it. block is the
// drawing's number, which spaces the shape ids of different sheets apart
// (1,024 ids per block).
func vmlXML(cs []comment, block int) []byte {
	var p part
	p.WriteString(`<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">`)
	p.WriteString(`<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="` + strconv.Itoa(block) + `"/></o:shapelayout>`)
	p.WriteString(`<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">`)
	p.WriteString(`<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`)
	for i, c := range cs {
		col0, row0 := c.col-1, c.row-1 // 0-based, as the drawing counts
		// the box stands to the right of the cell, a little above it,
		// two columns wide and four rows high
		top := max(row0-1, 0)
		fmt.Fprintf(&p, `<v:shape id="_x0000_s%d" type="#_x0000_t202"`, block*1024+i+1)
		p.WriteString(` style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:` + strconv.Itoa(i+1) + `;visibility:hidden"`)
		p.WriteString(` fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>`)
		p.WriteString(`<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>`)
		p.WriteString(`<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>`)
		fmt.Fprintf(&p, `<x:Anchor>%d, 15, %d, 2, %d, 15, %d, 16</x:Anchor>`, col0+1, top, col0+3, top+4)
		fmt.Fprintf(&p, `<x:AutoFill>False</x:AutoFill><x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape>`, row0, col0)
	}
	p.WriteString("</xml>")
	return p.Bytes()
}
