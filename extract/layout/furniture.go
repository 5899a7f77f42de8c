package layout

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Page furniture: page numbers and running headers/footers. They are dropped
// from the output (neither text blocks nor table cells).

// pageNumberRes are compiled on first use (package initialisation is paid
// by every nianbao run, also those that read no PDF).
var pageNumberRes = sync.OnceValue(func() []*regexp.Regexp {
	return []*regexp.Regexp{
		// -4-  - 4 -  — 5 —  ～6～  4
		regexp.MustCompile(`^[-–—―~－～·•]*\s*\d{1,4}\s*[-–—―~－～·•]*$`),
		// 第 4 页, 第4页 共6页, 第4页/共6页
		regexp.MustCompile(`^第\s*\d{1,4}\s*页(\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?$`),
		// 4/6, 4 / 6
		regexp.MustCompile(`^\d{1,4}\s*/\s*\d{1,4}$`),
		// 共6页 第4页
		regexp.MustCompile(`^共\s*\d{1,4}\s*页\s*[,，/、]?\s*第\s*\d{1,4}\s*页$`),
		regexp.MustCompile(`(?i)^page\s*\d{1,4}(\s*of\s*\d{1,4})?$`),
	}
})

// isPageNumber reports whether a normalised line is a page number.
func isPageNumber(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for _, re := range pageNumberRes() {
		if re.MatchString(s) {
			return true
		}
	}
	return false
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
