package outline

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// charRuns are the stretches of a text a search over the whole text can be
// narrowed to: the maximal runs of runes of a set that contain a needed
// string. A regular expression all of whose matches are made of runes of
// the set (and contain the needed string), and that has no ^, $ or \b,
// matches inside such runs only and nowhere across their ends, so its
// matches over the whole text are its matches over the runs, in order.
// One pass over the text in plain Go instead of the regexp engine's
// automaton over every byte: the texts searched here are whole reports
// (thousands of pages for long files).
type charRuns struct {
	in   func(rune) bool
	need string
}

// each calls f with the start and text of every run, in order, until f
// returns false.
func (c charRuns) each(s string, f func(at int, run string) bool) {
	start := -1
	for i := 0; i <= len(s); {
		r, w := rune(-1), 0
		if i < len(s) {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if i < len(s) && c.in(r) {
			if start < 0 {
				start = i
			}
			i += w
			continue
		}
		if start >= 0 {
			if run := s[start:i]; strings.Contains(run, c.need) && !f(start, run) {
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

// findAll is re.FindAllStringSubmatchIndex(s, -1) for such a re.
func (c charRuns) findAll(re *regexp.Regexp, s string) [][]int {
	var out [][]int
	c.each(s, func(at int, run string) bool {
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

// find is re.FindStringSubmatchIndex(s) for such a re.
func (c charRuns) find(re *regexp.Regexp, s string) []int {
	var out []int
	c.each(s, func(at int, run string) bool {
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

// reSpace is the regexp class \s.
func reSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' }

func digit(r rune) bool { return r >= '0' && r <= '9' }

var (
	// yearRe: digits, white space, 年
	yearRuns = charRuns{in: func(r rune) bool { return digit(r) || reSpace(r) || r == '年' }, need: "年"}
	// periodRe: digits, white space, 年月日起, the range words and dashes
	periodRuns = charRuns{in: func(r rune) bool {
		return digit(r) || reSpace(r) || strings.ContainsRune("年月日起至到-—–～~", r)
	}, need: "月"}
	// cite2021Re, cite2019Re: 国办公开办函/涵, brackets, digits, white space, 号
	citeRuns = charRuns{in: func(r rune) bool {
		return digit(r) || reSpace(r) || strings.ContainsRune("国办公开函涵〔[［(（【〕]］)）】号", r)
	}, need: "号"}
)
