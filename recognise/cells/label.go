package cells

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// compactRune maps one rune of already NFKC-folded text to its compact
// form, or -1 to drop it. Quotes become ", brackets become ( ), and the
// enumeration comma after a digit is handled by compactWithMap.
func compactRune(r rune) rune {
	switch {
	case unicode.IsSpace(r), r == '\u00a0', r == '\u200b', r == '\ufeff', r == '\u00ad':
		return -1
	}
	switch r {
	case '“', '”', '„', '＂', '″', '〃', '「', '」', '『', '』', '\'', '‘', '’':
		return '"'
	case '（', '〔', '【', '［', '[':
		return '('
	case '）', '〕', '】', '］', ']':
		return ')'
	case '．':
		return '.'
	case '：':
		return ':'
	case '，':
		return ','
	}
	return r
}

// compactWithMap folds s (NFKC, no white space, unified quotes and
// brackets, "1、" and "1．" written "1.") and returns, for every rune of the
// result, the index of the rune of []rune(s) it came from.
func compactWithMap(s string) ([]rune, []int) {
	return compactInto(s, true, -1)
}

// compactInto is compactWithMap; the index only when withIdx. Each rune is
// NFKC-folded on its own; ASCII and the CJK Unified Ideographs (U+4E00–
// U+9FFF, most of a report) are their own NFKC form and skip the
// normaliser, the others are folded into a buffer on the stack. With limit
// ≥ 0 it stops after the rune that makes the result limit runes long or
// longer (the result's first runes depend only on the first runes of s).
func compactInto(s string, withIdx bool, limit int) ([]rune, []int) {
	n := utf8.RuneCountInString(s)
	if limit >= 0 {
		n = min(n, limit+utf8.UTFMax)
	}
	out := make([]rune, 0, n)
	var idx []int
	if withIdx {
		idx = make([]int, 0, n)
	}
	i := 0
	add := func(r rune) {
		c := compactRune(r)
		if c < 0 {
			return
		}
		if c == '、' && len(out) > 0 && out[len(out)-1] >= '0' && out[len(out)-1] <= '9' {
			c = '.'
		}
		out = append(out, c)
		if withIdx {
			idx = append(idx, i)
		}
	}
	for _, r0 := range s { // as []rune(s): a bad byte is one U+FFFD
		if limit >= 0 && len(out) >= limit {
			break
		}
		// ASCII and CJK ideographs, most of the text: add's result written
		// inline (neither can be or become 、)
		if r0 >= 0x4E00 && r0 <= 0x9FFF {
			out = append(out, r0)
			if withIdx {
				idx = append(idx, i)
			}
		} else if r0 < utf8.RuneSelf {
			if c := asciiCompact[r0]; c >= 0 {
				out = append(out, c)
				if withIdx {
					idx = append(idx, i)
				}
			}
		} else if r, ok := foldPunct(r0); ok {
			add(r)
		} else {
			foldNFKC(r0, add)
		}
		i++
	}
	return out, idx
}

// foldPunct is the NFKC form of the punctuation of Chinese text, without
// the normaliser: the fullwidth forms of ASCII (U+FF01–U+FF5E) fold to
// ASCII; 、。〃, the brackets 〈〉《》「」『』【】 and the curly quotes ‘’“”
// are their own form. TestCompactEqualsNFKCPerRune checks every rune.
func foldPunct(r rune) (rune, bool) {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFF01 + '!', true
	case r >= 0x3001 && r <= 0x3003, r >= 0x3008 && r <= 0x3011,
		r == 0x2018, r == 0x2019, r == 0x201C, r == 0x201D:
		return r, true
	}
	return 0, false
}

// Compact is the folded form of a label used for matching.
func Compact(s string) string {
	// most labels are compact already: ASCII and CJK runes that compactRune
	// keeps are returned as they are, without a copy
	for i, r := range s {
		if r < utf8.RuneSelf {
			if asciiCompact[r] == r {
				continue
			}
		} else if r >= 0x4E00 && r <= 0x9FFF {
			continue
		}
		return compactFrom(s, i)
	}
	return s
}

// asciiCompact is compactRune of the ASCII runes.
var asciiCompact = func() (k [utf8.RuneSelf]rune) {
	for r := range rune(utf8.RuneSelf) {
		k[r] = compactRune(r)
	}
	return k
}()

// compactFrom is Compact of s whose first i bytes are ASCII and CJK runes
// that stay as they are: it writes the result as UTF-8 directly (the same
// bytes as string(compactInto(s))).
func compactFrom(s string, i int) string {
	// built in a buffer on the stack for a label (a strings.Builder would
	// be on the heap: it keeps a pointer to itself), copied once
	var stack [128]byte
	b := append(stack[:0], s[:i]...)
	lastDigit := i > 0 && s[i-1] >= '0' && s[i-1] <= '9'
	add := func(r rune) {
		c := compactRune(r)
		if c < 0 {
			return
		}
		if c == '、' && lastDigit {
			c = '.'
		}
		b = utf8.AppendRune(b, c)
		lastDigit = c >= '0' && c <= '9'
	}
	for j, r0 := range s[i:] {
		// ASCII and CJK ideographs written inline (neither can be or
		// become 、)
		if r0 < utf8.RuneSelf {
			if c := asciiCompact[r0]; c >= 0 {
				b = append(b, byte(c))
				lastDigit = c >= '0' && c <= '9'
			}
		} else if r0 >= 0x4E00 && r0 <= 0x9FFF {
			b = append(b, s[i+j:i+j+3]...) // a CJK ideograph is 3 bytes
			lastDigit = false
		} else if r, ok := foldPunct(r0); ok {
			add(r)
		} else {
			foldNFKC(r0, add)
		}
	}
	return string(b)
}

// compactHead is the first n runes of Compact(s) (fewer when it is
// shorter), without folding the rest of s.
func compactHead(s string, n int) []rune {
	r, _ := compactInto(s, false, n)
	return r[:min(len(r), n)]
}

// stripNumbering removes a leading "1." / "(一)" / "一、" numbering.
func stripNumbering(c string) string {
	_, rest := splitNumbering(c)
	return rest
}

// splitNumbering splits a compact label into its leading numbering ("1.",
// "(一)", "一、") and the rest; num is empty when there is none. It works
// on the string in place (labels are compared many times per table).
func splitNumbering(c string) (num, rest string) {
	const numerals = "一二三四五六七八九十"
	isNumeral := func(r rune) bool { return strings.ContainsRune(numerals, r) }
	// skip returns the byte index after the leading run of runes that ok accepts.
	skip := func(from int, ok func(rune) bool) int {
		i := from
		for i < len(c) {
			r, n := utf8.DecodeRuneInString(c[i:])
			if !ok(r) {
				break
			}
			i += n
		}
		return i
	}
	next := func(i int) (rune, int) {
		if i >= len(c) {
			return 0, 0
		}
		return utf8.DecodeRuneInString(c[i:])
	}
	first, _ := next(0)
	switch {
	case first >= '0' && first <= '9':
		i := skip(0, func(r rune) bool { return r >= '0' && r <= '9' })
		if r, n := next(i); r == '.' || r == '、' {
			return c[:i+n], c[i+n:]
		}
	case first == '(':
		i := skip(1, isNumeral)
		if r, n := next(i); i > 1 && r == ')' {
			return c[:i+n], c[i+n:]
		}
	case isNumeral(first):
		i := skip(0, isNumeral)
		if r, n := next(i); r == '、' {
			return c[:i+n], c[i+n:]
		}
	}
	return "", c
}

// oneEditApart reports whether a and b, of na and nb runes, are at most one
// rune apart (editDistance ≤ 1: one rune replaced, added or left out), in
// one pass and without converting them to runes: table 二's labels are
// tried against every row of every table of a long document.
func oneEditApart(a, b string, na, nb int) bool {
	if na < nb {
		a, b, na, nb = b, a, nb, na
	}
	if na-nb > 1 {
		return false
	}
	// the common start
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ra, sa := utf8.DecodeRuneInString(a[i:])
		rb, sb := utf8.DecodeRuneInString(b[j:])
		if ra != rb {
			break
		}
		i, j = i+sa, j+sb
	}
	if i == len(a) {
		return true // b is a's start, and not longer
	}
	// the first difference: replaced (same length) or one more in a
	_, sa := utf8.DecodeRuneInString(a[i:])
	if na == nb {
		_, sb := utf8.DecodeRuneInString(b[j:])
		j += sb
	}
	return sameRunes(a[i+sa:], b[j:])
}

// sameRunes reports whether a and b are the same runes ([]rune(a) equals
// []rune(b): bytes that are not UTF-8 count as U+FFFD).
func sameRunes(a, b string) bool {
	if a == b {
		return true
	}
	for a != "" && b != "" {
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return false
		}
		a, b = a[sa:], b[sb:]
	}
	return a == b
}

// editDistance is the Levenshtein distance between a and b in runes.
func editDistance(a, b []rune) int {
	if len(a) == 0 {
		return len(b)
	}
	// two rows of the table, on the stack for labels (under 64 runes)
	var prevBuf, curBuf [64]int
	prev, cur := prevBuf[:0], curBuf[:0]
	if len(b)+1 > len(prevBuf) {
		prev, cur = make([]int, 0, len(b)+1), make([]int, 0, len(b)+1)
	}
	prev, cur = prev[:len(b)+1], cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// tolerance is the number of wrong or missing characters allowed when
// matching a label of n runes: none for short labels, about one in four for
// long ones (2.其他法律行政止公开 lacks three of twelve).
func tolerance(n int) int {
	switch {
	case n < 4:
		return 0
	case n < 8:
		return 1
	default:
		return n / 4
	}
}

// labelDistance compares a found label text with a template label, both
// compact. It returns -1 when they do not match. The numbering must agree
// when both have one.
func labelDistance(found, tmpl string) int {
	return partsDistance(splitLabel(found), splitLabel(tmpl))
}

// labelParts is a compact label split for labelDistance: its numbering,
// the rest (core) and the rest's length in runes. A template label is split
// once (t3Label), a found one once for all the labels it is compared with.
type labelParts struct {
	s, num, core string
	runes        int
}

func splitLabel(s string) labelParts {
	num, core := splitNumbering(s)
	return labelParts{s: s, num: num, core: core, runes: utf8.RuneCountInString(core)}
}

// partsDistance is labelDistance of split labels.
func partsDistance(f, t labelParts) int {
	if f.s == t.s {
		return 0
	}
	nf, fc, nt, tc := f.num, f.core, t.num, t.core
	if fc == tc && fc != "" {
		if nf == "" || nt == "" || nf == nt {
			return 0
		}
		return -1
	}
	lf, lt := f.runes, t.runes
	if lf < 4 || lt < 4 || nf != "" && nt != "" && nf != nt {
		return -1
	}
	// the edit distance is at least the difference of the lengths
	if max(lf-lt, lt-lf) > tolerance(lt) {
		return -1
	}
	fr, tr := []rune(fc), []rune(tc)
	d := editDistance(fr, tr)
	if d <= tolerance(len(tr)) {
		return d
	}
	return -1
}

// fragmentOf reports whether found (compact, at least 5 runes, numbering
// stripped) is a piece of tmpl: labels wrapped over several cells leave a
// fragment in each.
func fragmentOf(found, tmpl string) bool {
	f := stripNumbering(found)
	if len([]rune(f)) < 5 {
		return false
	}
	if f != found {
		// a numbered fragment is the start of the label
		return strings.HasPrefix(tmpl, found)
	}
	return strings.Contains(tmpl, f)
}

// approxFind finds pat in text[from:to] allowing up to k edits. It returns
// the start and end (exclusive) of the best match in text indices and the
// distance, or -1 when there is none: of the ends with the least distance
// the first, and of the starts for that end the first with that distance.
// Exact matches are looked up first.
//
// The edit distance is computed only where a match can be (approxRegions):
// a search over a long text costs about one pass over it per piece of the
// label, not the label's length in steps per character.
func approxFind(text []rune, pat []rune, from, to, k int) (int, int, int) {
	return approxFindIn(text, nil, pat, from, to, k)
}

// approxFindIn is approxFind where has, when not nil, holds every rune of
// text: a pattern or piece with a rune not in it occurs nowhere and is not
// looked for (a label searched for in a long text that lacks its words
// costs nothing).
func approxFindIn(text []rune, has *runeSet, pat []rune, from, to, k int) (int, int, int) {
	if from < 0 {
		from = 0
	}
	if to > len(text) {
		to = len(text)
	}
	if from >= to || len(pat) == 0 {
		return -1, -1, -1
	}
	if has.all(pat) {
		if i := indexRunes(text[from:to], pat); i >= 0 {
			return from + i, from + i + len(pat), 0
		}
	}
	if k <= 0 {
		return -1, -1, -1
	}
	m := len(pat)
	bestEnd, bestD := -1, k+1
	prev := make([]int, m+1)
	cur := make([]int, m+1)
	// sellers runs Sellers' algorithm over text[a:b] (D[i][j] = distance
	// of pat[:i] to a suffix of text[a:a+j], a match may start anywhere
	// from a) and keeps the first end with the least distance so far.
	sellers := func(a, b int) {
		for i := range prev {
			prev[i] = i
		}
		for j := a; j < b; j++ {
			cur[0] = 0
			for i := 1; i <= m; i++ {
				cost := 1
				if pat[i-1] == text[j] {
					cost = 0
				}
				cur[i] = min(prev[i]+1, cur[i-1]+1, prev[i-1]+cost)
			}
			if cur[m] < bestD {
				bestD, bestEnd = cur[m], j+1
			}
			prev, cur = cur, prev
		}
	}
	if regions, ok := approxRegions(text, has, pat, from, to, k); ok {
		for _, r := range regions {
			sellers(r[0], r[1])
		}
	} else {
		sellers(from, to)
	}
	if bestEnd < 0 {
		return -1, -1, -1
	}
	// recover the start: the longest span ending at bestEnd with the best
	// distance.
	bestStart := -1
	for s := max(from, bestEnd-m-k); s <= bestEnd-m+k && s < bestEnd; s++ {
		if s < from {
			continue
		}
		if editDistance(pat, text[s:bestEnd]) == bestD {
			bestStart = s
			break
		}
	}
	if bestStart < 0 {
		bestStart = max(from, bestEnd-m)
	}
	return bestStart, bestEnd, bestD
}

// approxRegions are the stretches of text[from:to], in order and apart,
// outside which no match of pat with at most k edits can end, each begun
// early enough that Sellers' algorithm started fresh at its beginning gives
// every such match its true distance. ok is false when pat is too short to
// filter (fewer than two runes per piece) or the stretches would cover
// most of the text anyway.
//
// Why: split pat into k+1 pieces. A match text[s:e] with at most k edits
// leaves one piece (offset o, length l) intact, at some q in [s, e-l];
// the edits before and after it change lengths by at most k, so
// e <= q-o+m+k, and every match with at most k edits has s >= e-m-k.
// Starting Sellers at a <= e-m-k therefore allows the best start of
// every end e in the stretch, and later starts only raise a distance
// (never below the true one), so distances above k stay above k.
func approxRegions(text []rune, has *runeSet, pat []rune, from, to, k int) ([][2]int, bool) {
	m := len(pat)
	np := k + 1
	if m < 2*np || to-from < 4*(m+k) {
		return nil, false
	}
	var regions [][2]int
	covered := 0
	add := func(a, b int) bool {
		a, b = max(a, from), min(b, to)
		if a >= b {
			return true
		}
		if n := len(regions); n > 0 && a <= regions[n-1][1] {
			// occurrences come in text order per piece, not across
			// pieces: merge with every region this one touches
			if a < regions[n-1][0] {
				return false
			}
			if b > regions[n-1][1] {
				covered += b - regions[n-1][1]
				regions[n-1][1] = b
			}
		} else {
			regions = append(regions, [2]int{a, b})
			covered += b - a
		}
		return covered <= (to-from)/2
	}
	// every piece's occurrences, merged in text order
	type piece struct{ off, n, next int }
	ps := make([]piece, np)
	for t := range ps {
		off, end := t*m/np, (t+1)*m/np
		ps[t] = piece{off: off, n: end - off, next: from}
	}
	nextOcc := func(p *piece) int {
		if p.next > to-p.n || !has.all(pat[p.off:p.off+p.n]) {
			return -1
		}
		i := indexRunes(text[p.next:to], pat[p.off:p.off+p.n])
		if i < 0 {
			p.next = to
			return -1
		}
		q := p.next + i
		p.next = q + 1
		return q
	}
	occ := make([]int, np)
	for t := range ps {
		occ[t] = nextOcc(&ps[t])
	}
	for {
		// the piece whose next occurrence starts its region first
		t := -1
		for u := range ps {
			if occ[u] >= 0 && (t < 0 || occ[u]+ps[u].n < occ[t]+ps[t].n) {
				t = u
			}
		}
		if t < 0 {
			return regions, true
		}
		q := occ[t]
		if !add(q+ps[t].n-m-k, q-ps[t].off+m+k) {
			return nil, false
		}
		occ[t] = nextOcc(&ps[t])
	}
}

// runeSet is the set of the runes of a text below U+10000 (a bit each);
// others are taken to be in it.
type runeSet [1 << 16 / 64]uint64

func newRuneSet(text []rune) *runeSet {
	var s runeSet
	for _, r := range text {
		if r >= 0 && r < 1<<16 {
			s[r>>6] |= 1 << (r & 63)
		}
	}
	return &s
}

// all says whether every rune of p may be in the text (true for a nil set).
func (s *runeSet) all(p []rune) bool {
	if s == nil {
		return true
	}
	for _, r := range p {
		if r >= 0 && r < 1<<16 && s[r>>6]&(1<<(r&63)) == 0 {
			return false
		}
	}
	return true
}

func indexRunes(s, sub []rune) int {
	n := len(sub)
outer:
	for i := 0; i+n <= len(s); i++ {
		for j := 0; j < n; j++ {
			if s[i+j] != sub[j] {
				continue outer
			}
		}
		return i
	}
	return -1
}

// foldNFKC hands add the runes of r's NFKC form (the rare runes that are
// neither ASCII, a CJK ideograph nor folded punctuation), without
// allocating.
func foldNFKC(r rune, add func(rune)) {
	var buf [32]byte
	var one [utf8.UTFMax]byte
	folded := norm.NFKC.Append(buf[:0], one[:utf8.EncodeRune(one[:], r)]...)
	for len(folded) > 0 {
		r, w := utf8.DecodeRune(folded)
		add(r)
		folded = folded[w:]
	}
}
