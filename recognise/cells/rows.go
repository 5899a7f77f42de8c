package cells

import (
	"sort"
	"strings"
)

// A template row that a found table has no reading for is either printed
// without readable numbers (its label is there: the cells are unreadable) or
// not printed at all (the report left the row out). notPrinted tells the two
// apart by looking for the row's label, generously: in any grid row of the
// document (headers aside), and anywhere in the table's part of the text
// stream from the table's first header word (or the part's heading) to the
// next part's heading, even when the table was read from a grid (a table
// whose rules were lost half-way leaves its last rows as text lines); with
// the label's typo tolerance and also without its numbering. A row is
// reported as not printed only when none of its labels is found.

// rowLabels is a template row key with its compact label and aliases.
type rowLabels struct {
	Key    string
	Labels []string
}

// notPrinted returns the keys (in the order given) of the rows whose labels
// do not occur in table n's part of the stream nor in any grid row.
func notPrinted(st *stream, grid []rowRec, n int, rows []rowLabels) []string {
	if len(rows) == 0 {
		return nil
	}
	from, to := partSpan(st, n)
	from = tableStart(st, n, from, to)
	var out []string
	for _, r := range rows {
		if !labelPrinted(st, grid, r.Labels, from, to) {
			out = append(out, r.Key)
		}
	}
	return out
}

// partSpan is the compact range of part n (2…4): from the end of its
// heading to the next part's heading; the whole text when the heading is not
// found.
func partSpan(st *stream, n int) (from, to int) {
	heads := sectionHeads(st)
	from, to = 0, len(st.cs)
	h, ok := heads[n]
	if !ok {
		return from, to
	}
	from = compactAt(st, h)
	for m := n + 1; m <= 6; m++ {
		if hh, ok := heads[m]; ok && hh > h {
			to = compactAt(st, hh)
			break
		}
	}
	// a heading found again later (a table title repeating the part's
	// name) must not hide the table's own rows: the part runs at least to
	// the end of the text when its end is before its start
	if to <= from {
		to = len(st.cs)
	}
	return from, to
}

// tableStart is where table n's header begins in the compact range
// [from, to): prose before the table (which names 行政许可, 规章 … in its own
// sentences) is not the table. from when no header word is found.
func tableStart(st *stream, n, from, to int) int {
	var words []string
	switch n {
	case 2:
		words = []string{"第二十条", "信息内容"}
	case 3:
		words = []string{"申请人情况", "自然人"}
	}
	best := -1
	for _, w := range words {
		if h := st.find(w, from, to-from); h.OK && (best < 0 || h.Start < best) {
			best = h.Start
		}
	}
	if best < 0 {
		return from
	}
	return best
}

// compactAt is the compact index of the first compact rune at or after the
// orig index o.
func compactAt(st *stream, o int) int {
	return sort.SearchInts(st.cmap, o)
}

func labelPrinted(st *stream, grid []rowRec, labels []string, from, to int) bool {
	for _, l := range labels {
		bare := stripNumbering(l)
		pats := []string{l}
		// the label without its numbering, unless that is too short to
		// name the row (3.其他 → 其他 is also a column header)
		if bare != l && len([]rune(bare)) >= 4 {
			pats = append(pats, bare)
		}
		for _, p := range pats {
			if to > from && st.find(p, from, to-from).OK {
				return true
			}
			for _, g := range grid {
				if g.Header {
					continue // column headers (其他, 总计) are not row labels
				}
				for _, gl := range g.Labels {
					if strings.Contains(gl, p) || labelDistance(gl, l) >= 0 {
						return true
					}
				}
			}
		}
	}
	return false
}

// t3RowLabels is table 三 row key with its compact labels.
func t3RowLabels(key string) rowLabels {
	r := rowLabels{Key: key}
	for _, l := range t3Labels {
		if l.Key == key {
			r.Labels = append(r.Labels, l.Label)
		}
	}
	return r
}
