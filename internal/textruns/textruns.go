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
// returns false.
func (c Runs) Each(s string, f func(at int, run string) bool) {
	start := -1
	for i := 0; i <= len(s); {
		r, w := rune(-1), 0
		if i < len(s) {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if i < len(s) && c.In(r) {
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
