package extract

import (
	"bufio"
	"io"
	"strings"
)

// WritePlain writes the text of d as it was read, in reading order, the
// way pdftotext prints a PDF: one line per text block; a table one line
// per row, its cells separated by a tab (a cell spanning several rows or
// columns is printed once, at its top-left position); for a paged
// document a form feed ends every page, so page n is what lies between
// the (n-1)th and nth form feeds. Text read by OCR is printed like any
// other.
func WritePlain(w io.Writer, d *Document) error {
	p := &plainWriter{bw: bufio.NewWriter(w), page: 1, paged: d.Paged}
	for _, b := range d.Blocks {
		p.toPage(b.Page)
		switch b.Kind {
		case BlockText:
			p.bw.WriteString(oneLine(b.Text))
			p.bw.WriteByte('\n')
		case BlockTable:
			if b.Table != nil {
				p.table(b.Table)
			}
		}
	}
	if d.Paged {
		p.toPage(max(d.Pages, p.page) + 1)
	}
	return p.bw.Flush()
}

// plainWriter is WritePlain's state: the page being written.
type plainWriter struct {
	bw    *bufio.Writer
	page  int
	paged bool
}

// toPage ends the pages before page n.
func (p *plainWriter) toPage(n int) {
	for ; p.paged && p.page < n; p.page++ {
		p.bw.WriteByte('\f')
	}
}

// table writes t one row per line, cells separated by tabs; a table
// stitched across a page break has its form feed between the rows.
func (p *plainWriter) table(t *Table) {
	grid := t.Grid()
	for r, row := range grid {
		rowPage := 0
		for c, i := range row {
			if i >= 0 && t.Cells[i].Row == r && t.Cells[i].Col == c && t.Cells[i].Page > 0 {
				if rowPage == 0 || t.Cells[i].Page < rowPage {
					rowPage = t.Cells[i].Page
				}
			}
		}
		p.toPage(rowPage)
		for c, i := range row {
			if c > 0 {
				p.bw.WriteByte('\t')
			}
			if i >= 0 && t.Cells[i].Row == r && t.Cells[i].Col == c {
				p.bw.WriteString(oneLine(t.Cells[i].Text))
			}
		}
		p.bw.WriteByte('\n')
	}
}

// oneLine keeps a block or cell on its line: line breaks and tabs inside
// it become spaces.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\t\f") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', '\t', '\f':
			return ' '
		}
		return r
	}, s)
}
