package cells

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
)

// stream is the document's text lines joined in reading order, with a
// compact copy for label search.
type stream struct {
	orig     []rune
	cs       []rune
	cmap     []int // compact index → orig index
	lineOff  []int // orig offset of each line start
	linePage []int
	has      *runeSet // the runes of cs (labels with others are not in it)
}

func newStream(doc *extract.Document) *stream {
	s := &stream{lineOff: make([]int, 0, len(doc.Blocks)), linePage: make([]int, 0, len(doc.Blocks))}
	var sb strings.Builder
	n := 0
	for _, b := range doc.Blocks {
		if b.Kind == extract.BlockText {
			n += len(b.Text)
		}
		n++
	}
	sb.Grow(n)
	off := 0
	for _, b := range doc.Blocks {
		s.lineOff = append(s.lineOff, off)
		s.linePage = append(s.linePage, max(b.Page, 1))
		if b.Kind == extract.BlockText {
			sb.WriteString(b.Text)
			off += utf8.RuneCountInString(b.Text)
		}
		sb.WriteByte('\n')
		off++
	}
	all := sb.String()
	s.orig = []rune(all)
	// compactInto reads a bad byte as one U+FFFD, as []rune does: the
	// same runes as string(s.orig)
	s.cs, s.cmap = compactWithMap(all)
	s.has = newRuneSet(s.cs)
	return s
}

// line returns the text of line (block) n without its newline.
func (s *stream) line(n int) string {
	if n < 0 || n >= len(s.lineOff) {
		return ""
	}
	end := len(s.orig)
	if n+1 < len(s.lineOff) {
		end = s.lineOff[n+1]
	}
	return strings.TrimRight(string(s.orig[s.lineOff[n]:end]), "\n")
}

func (s *stream) pageAt(orig int) int {
	i := sort.SearchInts(s.lineOff, orig+1) - 1
	if i < 0 || i >= len(s.linePage) {
		return 1
	}
	return s.linePage[i]
}

// hit is a label found in the stream: compact start and end.
type hit struct {
	Start, End int
	OK         bool
}

// find looks for a compact label from compact position from, within
// window runes, allowing the label's tolerance of typos.
func (s *stream) find(label string, from, window int) hit {
	pat := []rune(label)
	k := tolerance(len([]rune(stripNumbering(label))))
	if len(pat) < 6 {
		k = 0
	}
	st, en, d := approxFindIn(s.cs, s.has, pat, from, from+window, k)
	if d < 0 {
		return hit{}
	}
	return hit{Start: st, End: en, OK: true}
}

// origEnd is the orig index just after the compact range ending at end.
func (s *stream) origEnd(end int) int {
	if end <= 0 {
		return 0
	}
	if end > len(s.cmap) {
		return len(s.orig)
	}
	return s.cmap[end-1] + 1
}

func (s *stream) origStart(start int) int {
	if start >= len(s.cmap) {
		return len(s.orig)
	}
	return s.cmap[start]
}

// numericPrefix returns the leading part of orig[from:to] made of digits,
// signs, decimal points, white space, thousands separators and an amount
// unit.
func (s *stream) numericPrefix(from, to int) string {
	if to > len(s.orig) {
		to = len(s.orig)
	}
	var sb strings.Builder
	for i := from; i < to; i++ {
		r := s.orig[i]
		switch {
		case r >= '0' && r <= '9', r == '.', r == '+', r == '-', r == ' ', r == '\n', r == '\t', r == ',':
			sb.WriteRune(r)
		case r == '万' && i+1 < to && s.orig[i+1] == '元', r == '元':
			sb.WriteRune(r)
			if r == '元' {
				return sb.String()
			}
		default:
			return sb.String()
		}
	}
	return sb.String()
}

// trimNumbering drops a trailing "2." that belongs to the next label's
// numbering (table 三 runs hold integers only).
func trimNumbering(run string) string {
	t := strings.TrimRight(run, " \n\t")
	if strings.HasSuffix(t, ".") {
		t = strings.TrimSuffix(t, ".")
		i := len(t)
		for i > 0 && t[i-1] >= '0' && t[i-1] <= '9' && len(t)-i < 1 {
			i--
		}
		t = t[:i]
	}
	return t
}
