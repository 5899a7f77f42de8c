package layout

// scratch holds the working arrays of a page's layout. A Builder keeps
// one for all its pages, so that a long document does not allocate (and
// the garbage collector does not sweep) them again for every page; nothing
// that outlives Builder.Add points into them (see Add).
//
// A nil *scratch is valid: every array is then allocated afresh.
type scratch struct {
	page   []gl      // the page's glyphs as prepare returns them
	loose  []gl      // the glyphs outside tables
	owner  []*gcell  // the cell of each glyph, nil outside tables
	digits []int     // keepNumbersWhole: the page's digits
	order  []int32   // groupHorizontal: glyph indices by height
	keys   []float64 // groupHorizontal: each glyph's vertical centre
	accs   []lineAcc // groupHorizontal: lines under construction
	done   []int32
	active []int32
	lines  []line // cellText: the lines of one cell
	// arena gives out the glyph arrays of lines and cells: arena[used:] is
	// free. Arrays handed out on the page before are garbage once the
	// next page starts (reset).
	arena []gl
	used  int
}

// alloc returns an array of n glyphs that nothing else uses until the
// next reset.
func (sc *scratch) alloc(n int) []gl {
	if sc == nil {
		return make([]gl, n)
	}
	if sc.used+n > len(sc.arena) {
		// the arrays already handed out keep the old chunk alive
		sc.arena = make([]gl, max(2*len(sc.arena), n, 1024))
		sc.used = 0
	}
	a := sc.arena[sc.used : sc.used+n : sc.used+n]
	sc.used += n
	return a
}

// reset makes the whole arena free again for the next page.
func (sc *scratch) reset() {
	clear(sc.owner)
	sc.used = 0
}
