// Package layout turns the raw geometry of a page (positioned glyphs and
// ruling segments, as a PDF content-stream interpreter produces them) into
// lines of text in reading order and tables as cell grids with spans.
//
// It knows nothing about PDF syntax: extract/pdf interprets content streams
// and hands each page over as a PageGeom. Coordinates are points in page
// space with the origin at the top left and y growing downwards.
package layout

import "slices"

// Glyph is one shown character with its box in page space.
type Glyph struct {
	R        rune    // decoded Unicode; 0xFFFD when the code could not be mapped
	X0, Y0   float64 // top left
	X1, Y1   float64 // bottom right
	Size     float64 // effective font size in points (after Tm and CTM)
	Vertical bool    // drawn by a vertical (Identity-V) font
	// Text is set when one code maps to several runes (ligatures, ToUnicode
	// bfchar with a multi-rune destination); R is then its first rune.
	Text string
}

// Segment is a straight ruling line (or one edge of a thin rectangle) that
// was painted (stroked or filled) in page space. Clip-only paths are never
// segments.
type Segment struct {
	X0, Y0, X1, Y1 float64
	Width          float64 // line width in points (0 for hairlines)
}

// Rect is a filled rectangle too large to be a ruling line (cell shading,
// images' bounding boxes are kept separately in PageGeom.Images).
type Rect struct {
	X0, Y0, X1, Y1 float64
}

// PageGeom is everything layout needs from one page.
type PageGeom struct {
	Number        int // 1-based
	Width, Height float64
	Glyphs        []Glyph
	Segments      []Segment
	Fills         []Rect // large filled rectangles (not rulings)
	Images        []Rect // placed image XObjects and inline images
}

// Clone returns a copy of p that shares no array with it.
func (p *PageGeom) Clone() PageGeom {
	c := *p
	c.Glyphs = slices.Clone(p.Glyphs)
	c.Segments = slices.Clone(p.Segments)
	c.Fills = slices.Clone(p.Fills)
	c.Images = slices.Clone(p.Images)
	return c
}
