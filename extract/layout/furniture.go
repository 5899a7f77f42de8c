package layout

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Page furniture: page numbers and running headers/footers. They are dropped
// from the output (neither text blocks nor table cells).

// isPageNumber reports whether a normalised line is a page number: one of
//
//	^[-–—―~－～·•]*\s*\d{1,4}\s*[-–—―~－～·•]*$              -4-  - 4 -  — 5 —  ～6～  4
//	^第\s*\d{1,4}\s*页(\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?$    第 4 页, 第4页 共6页, 第4页/共6页
//	^\d{1,4}\s*/\s*\d{1,4}$                                   4/6, 4 / 6
//	^共\s*\d{1,4}\s*页\s*[,，/、]?\s*第\s*\d{1,4}\s*页$       共6页 第4页
//	(?i)^page\s*\d{1,4}(\s*of\s*\d{1,4})?$                      Page 4, page 4 of 6
//
// (\s and \d the ASCII classes), matched by plain code: the classes next to
// each other never share a rune, so reading greedily from the left decides
// (no regular expression compiled in every run that reads a PDF).
func isPageNumber(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	p := pnScan{s: s}
	switch {
	case p.lit("第"):
		if !p.number() || !p.lit("页") {
			return false
		}
		if p.end() {
			return true
		}
		p.sep()
		return p.lit("共") && p.number() && p.lit("页") && p.end()
	case p.lit("共"):
		if !p.number() || !p.lit("页") {
			return false
		}
		p.sep()
		return p.lit("第") && p.number() && p.lit("页") && p.end()
	case p.fold("page"):
		if !p.number() {
			return false
		}
		if p.end() {
			return true
		}
		p.space()
		return p.fold("of") && p.number() && p.end()
	}
	// the bare number with dashes, or n/m
	p.dashes()
	p.space()
	if !p.digits() {
		return false
	}
	p.space()
	if p.i < len(p.s) && p.s[p.i] == '/' {
		if p.i0 != 0 { // n/m has no dashes before it
			return false
		}
		p.i++
		return p.number() && p.end()
	}
	p.dashes()
	return p.end()
}

// pnScan reads a page-number line from the left.
type pnScan struct {
	s  string
	i  int
	i0 int // where the digits of a bare number began after dashes (0: no dashes)
}

func (p *pnScan) end() bool { return p.i == len(p.s) }

// space skips \s*.
func (p *pnScan) space() {
	for p.i < len(p.s) && strings.IndexByte(" \t\n\f\r", p.s[p.i]) >= 0 {
		p.i++
	}
}

// digits reads \d{1,4} (and fails on a fifth digit).
func (p *pnScan) digits() bool {
	j := p.i
	for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
		j++
	}
	if j == p.i || j-p.i > 4 {
		return false
	}
	p.i = j
	return true
}

// number reads \s*\d{1,4}\s*.
func (p *pnScan) number() bool {
	p.space()
	if !p.digits() {
		return false
	}
	p.space()
	return true
}

// lit reads a literal.
func (p *pnScan) lit(w string) bool {
	if strings.HasPrefix(p.s[p.i:], w) {
		p.i += len(w)
		return true
	}
	return false
}

// fold reads an ASCII word in any case.
func (p *pnScan) fold(w string) bool {
	if len(p.s)-p.i >= len(w) && strings.EqualFold(p.s[p.i:p.i+len(w)], w) {
		p.i += len(w)
		return true
	}
	return false
}

// sep reads \s*[,，/、]?\s*.
func (p *pnScan) sep() {
	p.space()
	for _, w := range []string{",", "，", "/", "、"} {
		if p.lit(w) {
			break
		}
	}
	p.space()
}

// dashes reads [-–—―~－～·•]*.
func (p *pnScan) dashes() {
	start := p.i
	for p.i < len(p.s) {
		r, w := utf8.DecodeRuneInString(p.s[p.i:])
		if !strings.ContainsRune("-–—―~－～·•", r) {
			break
		}
		p.i += w
	}
	if p.i > start {
		p.i0 = p.i
	}
}

// band reports whether the line lies in the top or bottom margin band of
// the page, where headers, footers and page numbers live.
func band(l *line, pageHeight, contentTop, contentBottom float64) bool {
	if pageHeight > 0 {
		return l.y1 <= pageHeight*0.12 || l.y0 >= pageHeight*0.85
	}
	// no page size: the first or last line of the page content
	return l.y0 <= contentTop+0.5 || l.y1 >= contentBottom-0.5
}

func digitsToHash(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r = '#'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// dropFurniture removes page numbers and running headers/footers from the
// pages' loose lines.
func dropFurniture(pages []*pageOut) {
	type key struct {
		text string
		y    int
	}
	seen := map[key]map[int]bool{}
	bandOf := func(p *pageOut) []bool {
		top, bottom := math.Inf(1), math.Inf(-1)
		for i := range p.lines {
			top = min(top, p.lines[i].y0)
			bottom = max(bottom, p.lines[i].y1)
		}
		for _, t := range p.tables {
			top = min(top, t.box.Y0)
			bottom = max(bottom, t.box.Y1)
		}
		out := make([]bool, len(p.lines))
		for i := range p.lines {
			out[i] = band(&p.lines[i], p.height, top, bottom)
		}
		return out
	}
	bands := make([][]bool, len(pages))
	for pi, p := range pages {
		bands[pi] = bandOf(p)
		for i := range p.lines {
			if !bands[pi][i] {
				continue
			}
			k := key{digitsToHash(p.lines[i].text), int(math.Round(p.lines[i].y0 / 4))}
			if seen[k] == nil {
				seen[k] = map[int]bool{}
			}
			seen[k][pi] = true
		}
	}
	// running: the text is seen at (nearly) the same height on at least
	// half the pages. The count of distinct pages over the three height
	// buckets is computed once per (text, height), so the whole pass is
	// linear in the number of lines.
	need := max(3, (len(pages)+1)/2)
	counts := map[key]int{}
	running := func(l *line) bool {
		if len(pages) < 3 {
			return false
		}
		k := key{digitsToHash(l.text), int(math.Round(l.y0 / 4))}
		n, ok := counts[k]
		if !ok {
			var ps []int
			for d := -1; d <= 1; d++ {
				for pi := range seen[key{k.text, k.y + d}] {
					ps = append(ps, pi)
				}
			}
			slices.Sort(ps)
			n = len(slices.Compact(ps))
			counts[k] = n
		}
		return n >= need
	}
	for pi, p := range pages {
		kept := p.lines[:0]
		for i := range p.lines {
			l := &p.lines[i]
			if bands[pi][i] && (isPageNumber(l.text) || running(l)) {
				continue
			}
			kept = append(kept, *l)
		}
		p.lines = kept
	}
}
