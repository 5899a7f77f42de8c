// Package textruns narrows a regular expression's search over a long text
// to the stretches where it can match.
package textruns

import (
	"regexp"
	"unicode/utf8"
)

// Runs are the stretches of a text a search over the whole text can be
// narrowed to: the maximal runs of runes that In accepts and that Need
// accepts. A regular expression all of whose matches are made of such
// runes (and lie in runs Need accepts), and that has no ^, $ or \b,
// matches inside such runs only and nowhere across their ends, so its
// matches over the whole text are its matches over the runs, in order.
// That is one pass over the text in plain Go instead of the regexp
// engine's automaton over every byte (whose unanchored search without a
// literal prefix costs tens of nanoseconds a byte): the texts searched are
// whole reports, thousands of pages for long files.
type Runs struct {
	// In says whether a rune can be part of a match.
	In func(rune) bool
	// Need says whether a run can hold a match (nil: every run).
	Need func(run string) bool
}

// Each calls f with the start and text of every run, in order, until f
// returns false. In is asked once per ASCII rune value (it must depend on
// the rune only), and for every other rune.
func (c Runs) Each(s string, f func(at int, run string) bool) {
	var ascii [utf8.RuneSelf]uint8 // In of an ASCII rune: 0 not asked yet, 1 in, 2 out
	// a long text asks In once per rune of the Basic Multilingual Plane
	// too (a report's Chinese repeats a few thousand runes)
	var bmp *bmpMemo
	if len(s) >= memoFrom {
		bmp = new(bmpMemo)
	}
	start := -1
	for i := 0; i <= len(s); {
		in, w := false, 0
		if i < len(s) {
			if b := s[i]; b < utf8.RuneSelf {
				w = 1
				if ascii[b] == 0 {
					ascii[b] = 2
					if c.In(rune(b)) {
						ascii[b] = 1
					}
				}
				in = ascii[b] == 1
			} else {
				var r rune
				r, w = utf8.DecodeRuneInString(s[i:])
				if bmp != nil && r < 1<<16 {
					word, bit := r>>6, uint64(1)<<(r&63)
					if bmp.asked[word]&bit == 0 {
						bmp.asked[word] |= bit
						if c.In(r) {
							bmp.in[word] |= bit
						}
					}
					in = bmp.in[word]&bit != 0
				} else {
					in = c.In(r)
				}
			}
		}
		if in {
			if start < 0 {
				start = i
			}
			i += w
			continue
		}
		if start >= 0 {
			if run := s[start:i]; (c.Need == nil || c.Need(run)) && !f(start, run) {
				return
			}
			start = -1
		}
		if i == len(s) {
			return
		}
		i += w
	}
}

// FindAll is re.FindAllStringSubmatchIndex(s, -1) for such a re.
func (c Runs) FindAll(re *regexp.Regexp, s string) [][]int {
	var out [][]int
	c.Each(s, func(at int, run string) bool {
		for _, m := range re.FindAllStringSubmatchIndex(run, -1) {
			for i := range m {
				if m[i] >= 0 {
					m[i] += at
				}
			}
			out = append(out, m)
		}
		return true
	})
	return out
}

// Find is re.FindStringSubmatchIndex(s) for such a re.
func (c Runs) Find(re *regexp.Regexp, s string) []int {
	var out []int
	c.Each(s, func(at int, run string) bool {
		m := re.FindStringSubmatchIndex(run)
		if m == nil {
			return true
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += at
			}
		}
		out = m
		return false
	})
	return out
}

// Space is the regexp class \s: tab, newline, form feed, carriage return,
// space.
func Space(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' }

// Digit is the regexp class \d (ASCII digits).
func Digit(r rune) bool { return r >= '0' && r <= '9' }

// memoFrom is the length of text from which Each keeps In of the runes
// below U+10000 (16 KB of bits: worth clearing for a text of this size).
var memoFrom = 16 << 10

// bmpMemo holds In of the runes below U+10000 asked so far.
type bmpMemo struct {
	asked, in [1 << 16 / 64]uint64
}

// RuneIndex converts byte offsets of a text into rune indices: the index
// of the rune that starts at or spans the byte, the number of runes at
// len(s). It keeps its place, so offsets asked in increasing order (the
// matches of a search) cost the bytes between them, without a table of
// the whole text.
type RuneIndex struct {
	s    string
	b, r int // s[:b] holds r runes; b is at a rune start or len(s)
}

// NewRuneIndex returns a RuneIndex of s at its start.
func NewRuneIndex(s string) *RuneIndex { return &RuneIndex{s: s} }

// At returns the rune index of byte offset b (0 ≤ b ≤ len(s)).
func (x *RuneIndex) At(b int) int {
	for x.b > b {
		_, n := utf8.DecodeLastRuneInString(x.s[:x.b])
		x.b -= n
		x.r--
	}
	for x.b < len(x.s) {
		_, n := utf8.DecodeRuneInString(x.s[x.b:])
		if x.b+n > b {
			break
		}
		x.b += n
		x.r++
	}
	return x.r
}
