package render

import (
	"path/filepath"
	"slices"

	"github.com/mattn/go-runewidth"
)

// Fitting texts to the columns of a terminal table.

// shortenMiddle cuts s to at most width terminal columns by replacing its
// middle with "…", so both the start (the year, the body) and the end (the
// extension) of a file name stay visible.
func shortenMiddle(s string, width int) string {
	if width <= 0 || runewidth.StringWidth(s) <= width {
		return s
	}
	if width < 3 {
		return runewidth.Truncate(s, width, "")
	}
	rs := []rune(s)
	head, tail := []rune{}, []rune{}
	room := width - 1 // the ellipsis
	i, j := 0, len(rs)-1
	for i <= j {
		w := runewidth.RuneWidth(rs[i])
		if w > room {
			break
		}
		head = append(head, rs[i])
		room -= w
		i++
		if i > j {
			break
		}
		w = runewidth.RuneWidth(rs[j])
		if w > room {
			break
		}
		tail = append([]rune{rs[j]}, tail...)
		room -= w
		j--
	}
	return string(head) + "…" + string(tail)
}

// fitColumns shortens the texts of the columns in shrink (by index) so
// that a box table of rows fits width terminal columns. Other columns keep
// their width. The widest shrinkable column gives way first, and none
// becomes narrower than minw (a shortened text must still say something):
// a table that cannot fit then stays wider than width.
func fitColumns(header []string, rows [][]string, shrink []int, width, minw int) {
	if width <= 0 {
		return
	}
	w := columnWidths(header, rows)
	total := boxWidthOf(w)
	for total > width {
		k := -1
		for _, i := range shrink {
			if w[i] > runewidth.StringWidth(header[i]) && w[i] > minw && (k < 0 || w[i] > w[k]) {
				k = i
			}
		}
		if k < 0 {
			break
		}
		w[k]--
		total--
	}
	for _, i := range shrink {
		col := make([]string, len(rows))
		for j, r := range rows {
			col[j] = r[i]
		}
		for j, v := range shortenApart(col, w[i]) {
			rows[j][i] = v
		}
	}
}

// shortenApart shortens texts to width columns each (shortenMiddle) so that
// texts that differ stay different: the files of one source are often named
// alike at both ends (2019_hebei_education_dept_csvcell.txt,
// 2019_hebei_hrss_dept_csvcell.txt), which shortening in the middle makes
// one and the same 2019_hebei_…csvcell.txt. A text that comes out the same
// as a different one is shortened around the part where it differs from it
// instead (shortenAround); that part only grows from round to round (a text
// keeps in view where it differs from every text it was confused with), so
// the rounds end.
func shortenApart(texts []string, width int) []string {
	out := make([]string, len(texts))
	for i, s := range texts {
		out[i] = shortenMiddle(s, width)
	}
	middle := slices.Clone(out)
	// pre[i], suf[i]: the runes texts[i] shares at its start and end with
	// every text it was confused with; -1: none yet
	pre, suf := make([]int, len(texts)), make([]int, len(texts))
	for i := range texts {
		pre[i], suf[i] = -1, -1
	}
	for range 8 {
		groups := map[string][]int{}
		for i := range texts {
			groups[out[i]] = append(groups[out[i]], i)
		}
		changed := false
		for _, g := range groups {
			if len(g) < 2 {
				continue
			}
			// a large group: what all its texts share (one pass) rather
			// than what each shares with each
			gp, gs, whole := 0, 0, len(g) > 64
			if whole {
				var ok bool
				if gp, gs, ok = groupEnds(texts, g); !ok {
					continue
				}
			}
			for _, i := range g {
				p, q, ok := gp, gs, true
				if !whole {
					p, q, ok = sharedEnds(texts, g, i)
				}
				if !ok {
					continue
				}
				if pre[i] >= 0 {
					p, q = min(p, pre[i]), min(q, suf[i])
				}
				if p != pre[i] || q != suf[i] {
					pre[i], suf[i], changed = p, q, true
					out[i] = shortenAround(texts[i], width, p, q)
				}
			}
		}
		if !changed {
			break
		}
	}
	// Names that differ in several places can defeat this (the start of
	// what differs is shown, the rest cut); never tell fewer apart than
	// shortening in the middle did.
	if distinctCount(out) < distinctCount(middle) {
		return middle
	}
	return out
}

// sharedEnds is how many runes texts[i] shares at its start and at its end
// with the texts of g that differ from it, the least over them; ok is false
// when none differs.
func sharedEnds(texts []string, g []int, i int) (pre, suf int, ok bool) {
	for _, j := range g {
		if texts[j] == texts[i] {
			continue
		}
		p, s := commonEnds([]string{texts[i], texts[j]})
		if !ok || p < pre {
			pre = p
		}
		if !ok || s < suf {
			suf = s
		}
		ok = true
	}
	return pre, suf, ok
}

// groupEnds is how many runes all the texts of g share at their start and
// end; ok is false when they are all the same text.
func groupEnds(texts []string, g []int) (pre, suf int, ok bool) {
	var distinct []string
	seen := map[string]bool{}
	for _, i := range g {
		if !seen[texts[i]] {
			seen[texts[i]] = true
			distinct = append(distinct, texts[i])
		}
	}
	if len(distinct) < 2 {
		return 0, 0, false
	}
	pre, suf = commonEnds(distinct)
	return pre, suf, true
}

func distinctCount(texts []string) int {
	seen := map[string]bool{}
	for _, t := range texts {
		seen[t] = true
	}
	return len(seen)
}

// commonEnds is how many runes all of texts begin with and, after those,
// end with.
func commonEnds(texts []string) (pre, suf int) {
	rs := make([][]rune, len(texts))
	shortest := -1
	for i, t := range texts {
		rs[i] = []rune(t)
		if shortest < 0 || len(rs[i]) < shortest {
			shortest = len(rs[i])
		}
	}
	same := func(at func(r []rune) rune) bool {
		for _, r := range rs[1:] {
			if at(r) != at(rs[0]) {
				return false
			}
		}
		return true
	}
	for pre < shortest && same(func(r []rune) rune { return r[pre] }) {
		pre++
	}
	for suf < shortest-pre && same(func(r []rune) rune { return r[len(r)-1-suf] }) {
		suf++
	}
	return pre, suf
}

// shortenAround cuts s to width columns keeping in view the runes after its
// first pre and before its last suf (where it differs from the texts it was
// confused with): a little of the start, that part, and as much of the end
// as fits — 2019…hrss…t_csvcell.txt, 2019…scien…ology….txt. When even
// that does not fit it is shortenMiddle's.
func shortenAround(s string, width, pre, suf int) string {
	if width <= 0 || runewidth.StringWidth(s) <= width {
		return s
	}
	rs := []rune(s)
	head := firstColumns(rs[:pre], 4) // 2019, 青禾
	if len([]rune(head)) < pre {
		head += "…"
	}
	body := rs[pre : len(rs)-suf]
	tail := rs[len(rs)-suf:]
	room := width - runewidth.StringWidth(head)
	ext := []rune(filepath.Ext(string(tail)))
	if len(ext) > 6 {
		ext = nil
	}
	bw := runewidth.StringWidth(string(body))
	switch {
	case room <= 0 || len(body) == 0:
	case bw+runewidth.StringWidth(string(tail)) <= room:
		return head + string(body) + string(tail)
	case len(tail) > 0 && bw+1+runewidth.StringWidth(string(ext)) <= room:
		// the whole differing part, then the end of the name
		return head + string(body) + "…" + lastColumns(tail, room-bw-1)
	case room-1-runewidth.StringWidth(string(ext)) >= 3:
		// the differing part shortened in its middle, then the extension
		return head + shortenMiddle(string(body), room-1-runewidth.StringWidth(string(ext))) + "…" + string(ext)
	}
	return shortenMiddle(s, width)
}

// firstColumns is the longest start of rs at most width columns wide.
func firstColumns(rs []rune, width int) string {
	i, w := 0, 0
	for i < len(rs) && w+runewidth.RuneWidth(rs[i]) <= width {
		w += runewidth.RuneWidth(rs[i])
		i++
	}
	return string(rs[:i])
}

// lastColumns is the longest end of rs at most width columns wide.
func lastColumns(rs []rune, width int) string {
	i, w := len(rs), 0
	for i > 0 && w+runewidth.RuneWidth(rs[i-1]) <= width {
		w += runewidth.RuneWidth(rs[i-1])
		i--
	}
	return string(rs[i:])
}

// boxWidth is the width in terminal columns of header and rows printed
// as a box table.
func boxWidth(header []string, rows [][]string) int { return boxWidthOf(columnWidths(header, rows)) }

// columnWidths are the widths of the columns' widest texts.
func columnWidths(header []string, rows [][]string) []int {
	w := make([]int, len(header))
	for i, h := range header {
		w[i] = runewidth.StringWidth(h)
	}
	for _, r := range rows {
		for i, c := range r {
			w[i] = max(w[i], runewidth.StringWidth(c))
		}
	}
	return w
}

// boxWidthOf is the width of a box table whose columns' texts are w wide.
func boxWidthOf(w []int) int {
	total := 1
	for _, x := range w {
		total += x + 3 // "│ " + text + " "
	}
	return total
}
