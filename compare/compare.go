// Package compare sets a report beside the same body's report of the year
// before: how much of each part's text repeats last year's (the measure of
// CONS-COPY-PREV), every template cell with its old and new value, the
// carry-over of table 三 (四 of last year → 二 of this year) and whether the
// two reports are of one body and consecutive years. `nianbao compare`
// prints it; the batch outputs of `nianbao audit` embed it for each report
// whose predecessor is in the batch.
package compare

import (
	"fmt"
	"math"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
	"github.com/nianbao/nianbao/rules"
)

// Schema is the name of the JSON document (README "nianbao compare").
const Schema = "nianbao/compare/v1"

// MinPassageRunes is the shortest stretch (in compared characters: letters
// and digits, every number one character) that counts as repeated text.
const MinPassageRunes = 12

// MaxPassages is how many of the longest repeated passages a part lists.
const MaxPassages = 3

// Side describes one of the two reports.
type Side struct {
	Path      string
	Issuer    string
	Year      int
	Published string
	Template  template.Version
}

// Part is the reuse of one of the six parts.
type Part struct {
	N                   int
	Heading             string // the template's heading
	OldPresent, Present bool
	// Runes is the length of this year's part in compared characters:
	// letters and digits, every run of numbers one character, without the
	// template's own wording (headings, table labels, standard phrases).
	Runes int
	// Repeated is how many of them lie in passages that repeat last year's
	// text; Share = Repeated / Runes (0 when the part is missing).
	Repeated int
	Share    float64
	// Similarity is the CONS-COPY-PREV measure (bigram Jaccard index).
	Similarity float64
	Passages   []rules.Passage // the longest repeated passages, longest first
}

// Cell is one template cell in both years. A value is nil when the cell is
// blank or absent; State says which.
type Cell struct {
	Key, Label         string
	Old, New           *float64
	OldState, NewState string   // "value", "blank", "absent"
	Change             *float64 // New - Old when both are values
	Uncertain          bool     // a reading in either year is uncertain
	// OldUncertain and NewUncertain say which year's reading is uncertain
	// (digits run together that could be split several ways, or an OCR
	// reading of low confidence): the change may be a misreading.
	OldUncertain, NewUncertain bool
}

// Changed reports whether the cell differs between the years (value or
// state).
func (c Cell) Changed() bool {
	if c.OldState != c.NewState {
		return true
	}
	return c.Change != nil && *c.Change != 0
}

// Carry is one column of the carry-over check.
type Carry struct {
	Column         string // 自然人 …
	OldKey, NewKey string
	Old, New       *float64
	OK             *bool // nil when a cell is missing (not checked)
}

// Comparison is the whole result.
type Comparison struct {
	Old, New Side
	// SameBody and Consecutive are the year and issuer check; Warnings say
	// in Chinese what is off.
	SameBody, Consecutive bool
	Warnings              []string
	Parts                 []Part
	Cells                 []Cell
	Carry                 []Carry
}

// Changed counts the cells that differ.
func (c *Comparison) Changed() int {
	n := 0
	for _, x := range c.Cells {
		if x.Changed() {
			n++
		}
	}
	return n
}

// CarryMismatches counts carry-over columns that do not agree.
func (c *Comparison) CarryMismatches() int {
	n := 0
	for _, x := range c.Carry {
		if x.OK != nil && !*x.OK {
			n++
		}
	}
	return n
}

func side(r *recognise.Report) Side {
	return Side{Path: r.Source.Path, Issuer: r.Issuer, Year: r.Year, Published: r.Published, Template: r.Template}
}

// Reports compares cur with old, last year's report of the same body.
// Neither report is changed.
func Reports(old, cur *recognise.Report) *Comparison {
	c := &Comparison{Old: side(old), New: side(cur)}
	c.SameBody = old.Issuer != "" && cur.Issuer != "" && rules.SameIssuer(old.Issuer, cur.Issuer)
	c.Consecutive = old.Year > 0 && cur.Year == old.Year+1
	switch {
	case old.Issuer == "" || cur.Issuer == "":
		c.Warnings = append(c.Warnings, "未能识别发布机关，无法确认两份报告出自同一机关")
	case !c.SameBody:
		c.Warnings = append(c.Warnings, fmt.Sprintf("两份报告的发布机关不同：%s、%s", old.Issuer, cur.Issuer))
	}
	switch {
	case old.Year == 0 || cur.Year == 0:
		c.Warnings = append(c.Warnings, "未能识别报告年度，无法确认是相邻两年")
	case !c.Consecutive:
		c.Warnings = append(c.Warnings, fmt.Sprintf("两份报告不是相邻两年：%d年度、%d年度", old.Year, cur.Year))
	}
	for n := 1; n <= 6; n++ {
		c.Parts = append(c.Parts, part(old, cur, n))
	}
	c.Cells = cells(old, cur)
	for _, rel := range rules.T3CarryRelations() {
		x := Carry{Column: rel.Where, OldKey: rel.Previous, NewKey: rel.Current}
		a, okA := old.Cells[rel.Previous]
		b, okB := cur.Cells[rel.Current]
		if okA && a.Value.Valid {
			x.Old = ptr(a.Value.V)
		}
		if okB && b.Value.Valid {
			x.New = ptr(b.Value.V)
		}
		if x.Old != nil && x.New != nil {
			ok := *x.Old == *x.New
			x.OK = &ok
		}
		c.Carry = append(c.Carry, x)
	}
	return c
}

func part(old, cur *recognise.Report, n int) Part {
	a, b := old.Sections[n-1], cur.Sections[n-1]
	p := Part{N: n, Heading: template.Sections[n-1].Heading, OldPresent: a.Present, Present: b.Present}
	if !b.Present {
		return p
	}
	nb := rules.ContentText(b.Text)
	p.Runes = len(nb.Norm)
	if !a.Present || p.Runes == 0 {
		return p
	}
	passages, covered := rules.Repeats(rules.ContentText(a.Text), nb, MinPassageRunes, nil)
	p.Repeated = covered
	p.Share = round2(float64(covered) / float64(p.Runes))
	p.Similarity = round2(rules.Similarity(a.Text, b.Text))
	p.Passages = rules.Longest(passages, MaxPassages)
	return p
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }

func ptr(v float64) *float64 { return &v }

func state(r *recognise.Report, key string) (*float64, string, bool) {
	c, ok := r.Cells[key]
	switch {
	case !ok:
		return nil, "absent", false
	case !c.Value.Valid:
		return nil, "blank", c.Uncertain
	}
	return ptr(c.Value.V), "value", c.Uncertain
}

// cellKeys lists the template keys of both reports in template order: the
// new report's table 二 version first, then anything only the old one has.
func cellKeys(old, cur *recognise.Report) []string {
	var keys []string
	seen := map[string]bool{}
	add := func(ks []string) {
		for _, k := range ks {
			if seen[k] {
				continue
			}
			if _, a := old.Cells[k]; !a {
				if _, b := cur.Cells[k]; !b {
					continue
				}
			}
			seen[k] = true
			keys = append(keys, k)
		}
	}
	add(template.T2Keys(cur.Template))
	add(template.T2Keys(old.Template))
	add(template.T2Keys(template.V2021))
	add(template.T2Keys(template.V2019))
	add(template.T3Keys(template.T3Rows))
	add(template.T4Keys())
	return keys
}

func cells(old, cur *recognise.Report) []Cell {
	var out []Cell
	for _, k := range cellKeys(old, cur) {
		c := Cell{Key: k, Label: template.Describe(k)}
		c.Old, c.OldState, c.OldUncertain = state(old, k)
		c.New, c.NewState, c.NewUncertain = state(cur, k)
		c.Uncertain = c.OldUncertain || c.NewUncertain
		if c.Old != nil && c.New != nil {
			c.Change = ptr(math.Round((*c.New-*c.Old)*1e6) / 1e6) // no float noise in 72044.01 - 70000.5
		}
		out = append(out, c)
	}
	return out
}
