package outline

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
)

// Line is one text line of the report body, in reading order. Table blocks
// are not lines. A crawler-flattened report may be a few very long lines with
// headings in the middle.
type Line struct {
	Text string
	Page int
}

// Pos is a position in the body: a line index and a rune offset in that
// line's Text. A Pos at the end of a line has Rune == number of runes in it.
type Pos struct {
	Line int
	Rune int
}

// Less reports whether p comes before q.
func (p Pos) Less(q Pos) bool {
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Rune < q.Rune
}

// LinesOf returns the text blocks of doc as lines (table blocks excluded).
func LinesOf(doc *extract.Document) []Line {
	if doc == nil {
		return nil
	}
	var out []Line
	for _, b := range doc.Blocks {
		if b.Kind != extract.BlockText {
			continue
		}
		out = append(out, Line{Text: b.Text, Page: b.Page})
	}
	return out
}

// body is the concatenation of all lines as runes, with '\n' between lines,
// and the rune index where each line starts.
type body struct {
	rs     []rune
	starts []int
	lines  []Line

	s      string // string(rs), made on first use (str)
	hasS   bool
	period []int // periodRuns' match in s (nil: none), on first use (periodLoc)
	hasP   bool
}

// str is string(b.rs), made once: several searches read the whole text.
func (b *body) str() string {
	if !b.hasS {
		// the lines' bytes joined, which is string(b.rs) for valid UTF-8
		// (a line with bad bytes goes through []rune, as in rs)
		var sb strings.Builder
		sb.Grow(len(b.rs) + len(b.rs)/2)
		for i, l := range b.lines {
			if i > 0 {
				sb.WriteByte('\n')
			}
			if utf8.ValidString(l.Text) {
				sb.WriteString(l.Text)
			} else {
				sb.WriteString(string([]rune(l.Text)))
			}
		}
		b.s, b.hasS = sb.String(), true
	}
	return b.s
}

// periodLoc is periodRuns.Find(periodRe, b.str()), searched once.
func (b *body) periodLoc() []int {
	if !b.hasP {
		b.period, b.hasP = periodRuns.Find(periodRe.Compiled(), b.str()), true
	}
	return b.period
}

func newBody(lines []Line) *body {
	b := &body{lines: lines, starts: make([]int, len(lines))}
	n := 0
	for _, l := range lines {
		n += len(l.Text) + 1
	}
	b.rs = make([]rune, 0, n)
	for i, l := range lines {
		b.starts[i] = len(b.rs)
		for _, r := range l.Text { // as []rune(l.Text), without the copy
			b.rs = append(b.rs, r)
		}
		if i < len(lines)-1 {
			b.rs = append(b.rs, '\n')
		}
	}
	return b
}

// pos converts a rune index of the concatenation into a Pos.
func (b *body) pos(i int) Pos {
	if len(b.starts) == 0 {
		return Pos{}
	}
	lo, hi := 0, len(b.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if b.starts[mid] <= i {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return Pos{Line: lo, Rune: i - b.starts[lo]}
}

func (b *body) page(i int) int {
	if len(b.lines) == 0 {
		return 0
	}
	return b.lines[b.pos(i).Line].Page
}

// text returns the runes [i, j) with line breaks kept as '\n', trimmed.
func (b *body) text(i, j int) string {
	i = max(0, min(i, len(b.rs)))
	j = max(i, min(j, len(b.rs)))
	return strings.TrimSpace(string(b.rs[i:j]))
}

// flat returns the runes [i, j) with all white space removed.
func (b *body) flat(i, j int) string {
	i = max(0, min(i, len(b.rs)))
	j = max(i, min(j, len(b.rs)))
	var sb strings.Builder
	for _, r := range b.rs[i:j] {
		if !isSpace(r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' }

// fold maps look-alike characters onto one form for matching.
func fold(r rune) rune {
	switch r {
	case '（':
		return '('
	case '）':
		return ')'
	case '，':
		return ','
	case '．', '。':
		return '.'
	case '：':
		return ':'
	case '“', '”', '＂':
		return '"'
	}
	return r
}
