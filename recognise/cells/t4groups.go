package cells

import (
	"strings"

	"github.com/nianbao/nianbao/recognise/template"
)

// t4Groups says which column groups of table 四 the document prints: a
// group is printed when its label (or an alias, template.T4Groups) is in a
// grid row of table 四 or in the text of part 四 after its heading. Prose of
// part 四 naming a group (未发生行政复议…) counts as printed: a missing group
// is only claimed when nothing names it.
type t4Groups struct {
	printed [3]bool
	n       int // how many are printed
	// suit: 行政诉讼 is named; with neither of its two groups named and
	// ten numbers in the row, the table prints 行政诉讼 as one undivided
	// group of five columns
	suit bool
}

// t4Shape is what the reading of table 四's data row says about the groups:
// those not printed, and whether 行政诉讼 was printed undivided.
type t4Shape struct {
	missing   []string
	undivided bool
}

func findT4Groups(st *stream, grid []rowRec) t4Groups {
	from, to := partSpan(st, 4)
	var g t4Groups
	for i, grp := range template.T4Groups {
		pats := append([]string{grp.Label}, grp.Alias...)
		for _, p := range pats {
			if to > from && st.find(p, from, to-from).OK {
				g.printed[i] = true
			}
			for _, r := range grid {
				if r.Ctx == 4 && strings.Contains(r.joined(), p) {
					g.printed[i] = true
				}
			}
		}
		if g.printed[i] {
			g.n++
		}
	}
	if to > from && st.find("行政诉讼", from, to-from).OK {
		g.suit = true
	}
	for _, r := range grid {
		if r.Ctx == 4 && strings.Contains(r.joined(), "行政诉讼") {
			g.suit = true
		}
	}
	return g
}

// undivided: the header names 行政复议 and 行政诉讼 but neither of the two
// 行政诉讼 groups, and the row has ten values: 行政复议's five and the five
// of an undivided 行政诉讼, which has no cells in the template.
func (g t4Groups) undivided(count int) bool {
	return g.printed == [3]bool{true, false, false} && g.suit && count == 10
}

// read reads the data row of count values from run (a reader of n values
// with a split spec): fifteen values, the printed groups' values (fits), or
// 行政复议's five of an undivided table; ok is false when the row is none of
// these shapes and must be read as fifteen values.
func (g t4Groups) read(count int, read func(n int, spec SplitSpec) rowReading) (rowReading, t4Shape, bool) {
	switch {
	case g.fits(count):
		return g.spread(read(count, g.spec())), t4Shape{missing: g.missing()}, true
	case g.undivided(count):
		s := t4Spec()
		s.Groups = s.Groups[:2]
		r := read(count, s)
		return g.spread(r), t4Shape{missing: g.missing(), undivided: true}, true
	}
	return rowReading{}, t4Shape{}, false
}

// partial: some groups are named and some are not. With none named the
// table's header was not read (a picture, a lost header) and nothing is
// concluded.
func (g t4Groups) partial() bool { return g.n > 0 && g.n < len(g.printed) }

// fits: a data row of count values is the printed groups' five columns
// each, and no more: then the groups whose label is absent are not printed
// at all (a row of fifteen values has every group, whatever the header
// says).
func (g t4Groups) fits(count int) bool { return g.partial() && count == 5*g.n }

// spec splits a run of the printed groups' values.
func (g t4Groups) spec() SplitSpec {
	s := t4Spec()
	s.Groups = s.Groups[:g.n]
	return s
}

// missing lists the keys of the groups not printed.
func (g t4Groups) missing() []string {
	var out []string
	for i, p := range g.printed {
		if !p {
			out = append(out, template.T4Groups[i].Key)
		}
	}
	return out
}

// spread places the reading of the printed groups' values into the fifteen
// cells of table 四; the cells of groups not printed are null (and listed in
// TableState.MissingGroups).
func (g t4Groups) spread(r rowReading) rowReading {
	out := nullReading(15, r.Page, "", true)
	j := 0
	for i, p := range g.printed {
		if !p {
			continue
		}
		for c := 0; c < 5; c++ {
			if j*5+c >= len(r.Vals) {
				break
			}
			k := i*5 + c
			out.Vals[k], out.Texts[k], out.Uncertain[k], out.Alts[k] = r.Vals[j*5+c], r.Texts[j*5+c], r.Uncertain[j*5+c], r.Alts[j*5+c]
			if j*5+c < len(r.OCR) && r.OCR[j*5+c] != nil {
				out.setOCR(k, r.OCR[j*5+c])
			}
		}
		j++
	}
	return out
}

// wholeNumbers counts the whitespace-separated fields of run when each is
// a whole number, else -1.
func wholeNumbers(run string) int {
	f := strings.Fields(run)
	for _, x := range f {
		if !t4Count.MatchString(x) {
			return -1
		}
	}
	return len(f)
}
