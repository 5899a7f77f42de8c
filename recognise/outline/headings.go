package outline

import (
	"slices"
	"strings"

	"github.com/nianbao/nianbao/recognise/template"
)

// variant is one accepted wording of a section heading (without numeral).
// Weight scales the similarity: 1 for the template wording, less for
// wordings that are known but not the template's.
type variant struct {
	text   []rune
	weight float64
}

// sectionVariants lists the wordings accepted for sections 1…6, folded: the
// template wording first, then its Variants (template.Sections, the one
// place where heading wordings live).
var sectionVariants [6][]variant

func init() {
	for i, s := range template.Sections {
		if i >= 6 {
			break
		}
		h := []rune(s.Heading)
		// drop the numeral and its separator: "一、"
		if len(h) > 2 {
			h = h[2:]
		}
		sectionVariants[i] = append(sectionVariants[i], variant{text: foldRunes(h), weight: 1})
		for _, e := range s.Variants {
			sectionVariants[i] = append(sectionVariants[i], variant{text: foldRunes([]rune(e.Text)), weight: e.Weight})
		}
	}
	for _, vs := range sectionVariants {
		for _, v := range vs {
			windowLen = max(windowLen, len(v.text)+windowSlack)
		}
	}
}

// A wording is aligned against at most windowSlack more non-space runes
// than it has; windowLen is that length for the longest wording.
const windowSlack = 6

var windowLen int

func foldRunes(rs []rune) []rune {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = fold(r)
	}
	return out
}

// minSimilarity is the least weighted similarity a heading text must have;
// minLooseSimilarity is that of a heading written without a separator after
// its numeral ("一 总体情况"), which is taken only at a line start.
const (
	minSimilarity      = 0.72
	minLooseSimilarity = 0.85
)

// atLineStart: only white space between the previous line break and i.
func atLineStart(rs []rune, i int) bool {
	for k := i - 1; k >= 0; k-- {
		if rs[k] == '\n' {
			return true
		}
		if !isSpace(rs[k]) {
			return false
		}
	}
	return true
}

var numerals = map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8}

// candidate is a possible section heading.
type candidate struct {
	start, bodyStart int // rune indexes in body.rs: heading start, heading end
	numeral          int // numeral as written
	bracket          bool
	n                int     // the section it matches
	sim              float64 // weighted similarity of the wording
	standard         bool    // wording is the template wording exactly
	score            float64
	implicit         bool // see implicitPart5
}

// findCandidates returns every place where a numbered heading matching one of
// the six sections starts.
func findCandidates(b *body) []candidate {
	rs := b.rs
	var out []candidate
	var win window
	for i := 0; i < len(rs); i++ {
		num, ok := numerals[rs[i]]
		if !ok {
			continue
		}
		start, textStart, bracket, loose := -1, -1, false, false
		// "（五）" / "(五)" with any mix of bracket widths
		if i > 0 && (rs[i-1] == '(' || rs[i-1] == '（') {
			j := skipSpace(rs, i+1)
			if j < len(rs) && (rs[j] == ')' || rs[j] == '）') {
				start, textStart, bracket = i-1, j+1, true
			}
		}
		if start < 0 {
			if i > 0 && (rs[i-1] == '第' || isNumeral(rs[i-1])) {
				continue
			}
			if i+1 < len(rs) && isNumeral(rs[i+1]) {
				continue
			}
			j := skipSpace(rs, i+1)
			if j < len(rs) && strings.ContainsRune("、,，.．", rs[j]) {
				start, textStart = i, j+1
			} else if atLineStart(rs, i) {
				// "一 总体情况", "一总体情况": the separator left out; only at
				// a line start and with a closer wording (minLooseSimilarity)
				start, textStart, loose = i, j, true
			}
		}
		if start < 0 {
			continue
		}
		textStart = skipSpace(rs, textStart)
		win = fillWindow(win, rs, textStart)
		for n := 1; n <= 6; n++ {
			sim, end, std := matchSection(win, n)
			if sim < minSimilarity || loose && sim < minLooseSimilarity {
				continue
			}
			c := candidate{start: start, bodyStart: end, numeral: num, bracket: bracket, n: n, sim: sim, standard: std}
			c.score = sim
			if num == n {
				c.score += 0.15
			}
			if bracket {
				c.score -= 0.1
			}
			if loose {
				c.score -= 0.05
			}
			if standalone(b, start, end) {
				c.score += 0.05
			}
			out = append(out, c)
		}
	}
	return out
}

func isNumeral(r rune) bool {
	return strings.ContainsRune("一二三四五六七八九十百零〇两", r)
}

func skipSpace(rs []rune, i int) int {
	for i < len(rs) && isSpace(rs[i]) {
		i++
	}
	return i
}

// standalone reports whether [start,end) is a whole line (ignoring spaces).
func standalone(b *body, start, end int) bool {
	for i := start - 1; i >= 0; i-- {
		if b.rs[i] == '\n' {
			break
		}
		if !isSpace(b.rs[i]) {
			return false
		}
	}
	for i := end; i < len(b.rs); i++ {
		if b.rs[i] == '\n' {
			break
		}
		if !isSpace(b.rs[i]) {
			return false
		}
	}
	return true
}

// window is the text a heading wording is aligned against: the folded
// runes from start on with white space left out (white space in the text is
// free), windowLen of them at most, each with its index in the text. One
// window serves every wording at a position.
type window struct {
	start int
	w     []rune
	idx   []int
}

// fillWindow refills win (reusing its slices) with the text at start.
func fillWindow(win window, rs []rune, start int) window {
	win.start, win.w, win.idx = start, win.w[:0], win.idx[:0]
	for i := start; i < len(rs) && len(win.w) < windowLen; i++ {
		if isSpace(rs[i]) {
			continue
		}
		win.w = append(win.w, fold(rs[i]))
		win.idx = append(win.idx, i)
	}
	return win
}

// matchSection aligns every wording of section n against the window
// and returns the best weighted similarity, the end of the matched text and
// whether the match is the template wording exactly. A similarity below
// minSimilarity is never used (findCandidates drops it), so a wording is
// aligned only as far as it can still reach minSimilarity and beat the best
// so far: when the best is below minSimilarity the result is some similarity
// below it; otherwise it is the one of the full alignment
// (TestMatchSectionEqualsFullAlignment).
func matchSection(win window, n int) (sim float64, end int, standard bool) {
	end = win.start
	for vi, v := range sectionVariants[n-1] {
		// the largest distance whose similarity is at least minSimilarity
		// and above sim, by the same arithmetic as below
		maxD := -1
		for d := 0; d <= len(v.text); d++ {
			s := v.weight * (1 - float64(d)/float64(len(v.text)))
			if s < minSimilarity || s <= sim {
				break
			}
			maxD = d
		}
		if maxD < 0 {
			continue
		}
		d, e, ok := alignPrefixWithin(v.text, win, maxD)
		if !ok {
			continue
		}
		s := v.weight * (1 - float64(d)/float64(len(v.text)))
		if s > sim {
			sim, end, standard = s, e, vi == 0 && d == 0
		}
	}
	return sim, end, standard
}

// alignPrefixWithin computes the edit distance between v and the best prefix
// of the window's first len(v)+windowSlack runes and returns it with the
// rune index in the text just after that prefix; ties go to the longer
// prefix. When the distance exceeds maxD it returns ok false, as soon as
// every entry of a row of the table exceeds maxD (a row's least entry never
// decreases from one row to the next).
func alignPrefixWithin(v []rune, win window, maxD int) (dist, end int, ok bool) {
	w := win.w[:min(len(v)+windowSlack, len(win.w))]
	// prev[k] = distance between v[:i] and w[:k]; two rows on the stack
	// for the usual lengths
	var rows [2 * 64]int
	var prev, cur []int
	if len(w)+1 <= len(rows)/2 {
		prev, cur = rows[:len(w)+1], rows[len(rows)/2:len(rows)/2+len(w)+1]
	} else {
		prev, cur = make([]int, len(w)+1), make([]int, len(w)+1)
	}
	for k := range prev {
		prev[k] = k
	}
	for i := 1; i <= len(v); i++ {
		cur[0] = i
		least := i
		for k := 1; k <= len(w); k++ {
			c := prev[k-1]
			if v[i-1] != w[k-1] {
				c++
			}
			c = min(c, prev[k]+1, cur[k-1]+1)
			cur[k] = c
			least = min(least, c)
		}
		if least > maxD {
			return 0, win.start, false
		}
		prev, cur = cur, prev
	}
	dist, best := prev[0], 0
	for k := 1; k <= len(w); k++ {
		if prev[k] <= dist {
			dist, best = prev[k], k
		}
	}
	if dist > maxD {
		return 0, win.start, false
	}
	if best == 0 {
		return dist, win.start, true
	}
	return dist, win.idx[best-1] + 1, true
}

// chooseSections picks at most one candidate per section so that section
// numbers increase with position, maximising the total score; of equal
// chains, the one that takes the earliest predecessor at every step. The
// best chain ending at each section is kept, so the work is linear in the
// number of candidates (a long text has many heading-like lines).
func chooseSections(cs []candidate) []candidate {
	// cs is in position order (findCandidates scans left to right).
	nc := len(cs)
	if nc == 0 {
		return nil
	}
	best := make([]float64, nc)
	prev := make([]int, nc)
	// a candidate may precede i once its heading has ended: release them in
	// order of bodyStart
	order := make([]int, nc)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cs[a].bodyStart - cs[b].bodyStart })
	type end struct {
		score float64
		idx   int
	}
	var byN [7]end // the best released chain ending at section n; idx -1 when none
	for n := range byN {
		byN[n].idx = -1
	}
	released := 0
	for i := range cs {
		for released < nc && cs[order[released]].bodyStart <= cs[i].start {
			j := order[released]
			released++
			if e := &byN[cs[j].n]; e.idx < 0 || best[j] > e.score || best[j] == e.score && j < e.idx {
				e.score, e.idx = best[j], j
			}
		}
		best[i], prev[i] = cs[i].score, -1
		for n := 1; n < cs[i].n; n++ {
			e := byN[n]
			if e.idx < 0 {
				continue
			}
			if s := e.score + cs[i].score; s > best[i] || s == best[i] && prev[i] >= 0 && e.idx < prev[i] {
				best[i], prev[i] = s, e.idx
			}
		}
	}
	bi := 0
	for i := range best {
		if best[i] > best[bi] {
			bi = i
		}
	}
	var chain []candidate
	for i := bi; i >= 0; i = prev[i] {
		chain = append(chain, cs[i])
	}
	slices.Reverse(chain)
	return chain
}
