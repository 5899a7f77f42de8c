package cells

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/recognise/template"
)

// valCell is a value cell of a table row.
type valCell struct {
	Text      string
	Kind      CellKind
	Num       Number
	Col, Span int // grid position; Span 0 when unknown
	OCR       *extract.OCR
}

// rowRec is one table row as the grid reader sees it: its label cells and
// the cells to the right of the last label.
type rowRec struct {
	Labels []string // compact texts of the label cells, left to right
	Values []valCell
	Page   int
	Ctx    int // 2, 3, 4: the template table the row is in; 0 unknown
	Header bool
	// T3Cols are the grid columns of the seven table 三 value columns as
	// the table's header places them, when the header names all seven.
	T3Cols []int
}

func (r rowRec) label() string {
	if len(r.Labels) == 0 {
		return ""
	}
	return r.Labels[len(r.Labels)-1]
}

func (r rowRec) joined() string { return strings.Join(r.Labels, "") }

func (r rowRec) numbers() int {
	n := 0
	for _, v := range r.Values {
		if v.Kind == KindNumber || v.Kind == KindMulti {
			n++
		}
	}
	return n
}

// gridRows turns the document's table blocks into row records in reading
// order, with the table context taken from section headings in the text
// and from header rows. It stops with c's error when c is done (looked at
// before every table and every rowsPerCheck rows).
func gridRows(c context.Context, doc *extract.Document) ([]rowRec, error) {
	// a row is kept when it has a cell: at most min(rows, cells) per table
	n := 0
	for _, b := range doc.Blocks {
		if b.Kind != extract.BlockText && b.Table != nil {
			n += max(0, min(b.Table.Rows, len(b.Table.Cells)))
		}
	}
	out := make([]rowRec, 0, n)
	ctx := 0
	seen := 0
	// scratch reused from row to row and table to table: nothing of it is
	// kept in a rowRec
	var (
		flat  []extract.Cell // a table's cells grouped by row, in table order within a row
		start []int          // row r's cells are flat[start[r]:start[r+1]]
		next  []int
		kinds []CellKind
		nums  []Number
	)
	for _, b := range doc.Blocks {
		if b.Kind == extract.BlockText {
			if s := sectionOfText(b.Text); s != 0 {
				ctx = s
				if s > 4 {
					ctx = 0
				}
			}
			continue
		}
		t := b.Table
		if t == nil {
			continue
		}
		if err := c.Err(); err != nil {
			return nil, err
		}
		// the cells of each row, in table order (those outside 0…Rows-1
		// are never read)
		rows := max(t.Rows, 0)
		start = slices.Grow(start[:0], rows+1)[:rows+1]
		clear(start)
		for _, c := range t.Cells {
			if c.Row >= 0 && c.Row < rows {
				start[c.Row+1]++
			}
		}
		for r := range rows {
			start[r+1] += start[r]
		}
		flat = slices.Grow(flat[:0], start[rows])[:start[rows]]
		next = append(next[:0], start[:rows]...)
		for _, c := range t.Cells {
			if c.Row >= 0 && c.Row < rows {
				flat[next[c.Row]] = c
				next[c.Row]++
			}
		}
		hdr := t3HeaderCols(t)
		for r := 0; r < t.Rows; r++ {
			if seen++; seen%rowsPerCheck == 0 {
				if err := c.Err(); err != nil {
					return nil, err
				}
			}
			cs := flat[start[r]:start[r+1]]
			slices.SortStableFunc(cs, func(a, b extract.Cell) int { return cmp.Compare(a.Col, b.Col) })
			rec := rowRec{Page: b.Page, T3Cols: hdr}
			last := -1
			kinds = slices.Grow(kinds[:0], len(cs))[:len(cs)]
			nums = slices.Grow(nums[:0], len(cs))[:len(cs)]
			for i, c := range cs {
				kinds[i], nums[i] = ParseCell(c.Text)
				if kinds[i] == KindText {
					last = i
				}
				if c.Page > 0 && i == 0 {
					rec.Page = c.Page
				}
			}
			last = lastLabel(cs, kinds, last, hdr)
			last = t2LastLabel(cs, kinds, last)
			if ctx == 4 && len(cs) == t4Cells && last >= 0 && slices.Contains(kinds, KindNumber) {
				// table 四's data row has no label: after its header, a row
				// of its fifteen cells with words in some ("不适用") is
				// values, the words those cells' text
				last = -1
			}
			var tail []valCell
			for i, c := range cs {
				if kinds[i] == KindText && i <= last { // words after last are a value's text
					label := Compact(c.Text)
					if i == last {
						// a label cell that ends with the row's numbers
						// (text layers that put a whole row in one cell)
						if l, run, ok := splitLabelRun(c.Text); ok {
							label = l
							k, n := ParseCell(run)
							tail = append(tail, valCell{Text: run, Kind: k, Num: n})
						}
					}
					rec.Labels = append(rec.Labels, label)
				}
				if i == last && len(tail) > 0 {
					rec.Values = append(rec.Values, tail...)
				}
				if i > last {
					// a cell spanning several value columns (a table 二
					// single-value cell, colspan 3) is one value
					rec.Values = append(rec.Values, valCell{Text: c.Text, Kind: kinds[i], Num: nums[i], Col: c.Col, Span: max(c.ColSpan, 1), OCR: c.OCR})
				}
			}
			all := rec.joined()
			switch {
			case rec.numbers() == 0 && hasAny(all, t3HeaderWords):
				ctx, rec.Header = 3, true
			case rec.numbers() == 0 && hasAny(all, t4HeaderWords):
				ctx, rec.Header = 4, true
			case rec.numbers() == 0 && hasAny(all, t2HeaderWords):
				ctx, rec.Header = 2, true
			}
			if !rec.Header && rec.numbers() > 0 {
				if k, _ := matchT3(rec.label()); k != "" {
					ctx = 3
				} else if isT2Label(rec.label()) && ctx != 4 {
					ctx = 2
				}
			}
			rec.Ctx = ctx
			if len(cs) > 0 {
				out = append(out, rec)
			}
		}
	}
	return joinLabelTails(out), nil
}

// joinLabelTails joins to a row of numbers the row after it that holds
// only the rest of its label: a row cut by a page break in the middle of a
// wrapped label (LibreOffice breaks table rows across pages: "3.危及“三"
// with the numbers at the foot of one page, "安全一稳定”" in an empty row at
// the top of the next), or a label wrapped inside its cell that comes out as
// two rows because the spanning label beside it wraps at the same height
// ("2.其他法律" with the numbers, then "开" — the end of "(三)不予公开" — and
// "行政法规禁止公开"). It is done when the row's label alone names no
// template row and the label with its rest does. Labels of the rest in
// columns left of the row's own labels end a spanning label of a row above:
// they are left out.
func joinLabelTails(rows []rowRec) []rowRec {
	out := rows[:0]
	for i := 0; i < len(rows); i++ {
		r := rows[i]
		if i+1 < len(rows) && r.numbers() > 0 && len(r.Labels) > 0 && rows[i+1].labelTail() {
			tail := rows[i+1].Labels
			if extra := len(tail) - len(r.Labels); extra > 0 {
				tail = tail[extra:]
			}
			joined := r.label() + tail[len(tail)-1]
			if k, _ := matchT3(r.label()); k == "" && !isT2Label(r.label()) {
				if k, _ := matchT3(joined); k != "" || isT2Label(joined) {
					// each label column goes on in the same column
					// ("(五" and ")不予处理", "1.信访举报" and "投诉类申请")
					ls := slices.Clone(r.Labels)
					for j := 1; j <= len(tail); j++ {
						ls[len(ls)-j] += tail[len(tail)-j]
					}
					r.Labels = ls
					i++
				}
			}
		}
		out = append(out, r)
	}
	return out
}

// labelTail reports whether the row holds labels and nothing else: no
// number, no text in its value cells.
func (r rowRec) labelTail() bool {
	if r.Header || len(r.Labels) == 0 {
		return false
	}
	for _, v := range r.Values {
		if v.Kind != KindBlank {
			return false
		}
	}
	return true
}

// rowsPerCheck is how many table rows gridRows reads between two looks at
// the context (a long table is read in well under a millisecond per
// hundred rows).
const rowsPerCheck = 256

func isT2Label(l string) bool {
	return mayMatchLabel(l) && isT2LabelAll(l)
}

// isT2LabelAll is isT2Label without the test of the label's runes.
func isT2LabelAll(l string) bool {
	for _, v := range []template.Version{template.V2021, template.V2019} {
		for _, s := range t2Specs(v) {
			if t2LabelMatch(l, s) {
				return true
			}
		}
	}
	return false
}

// fitValues brings a row's value cells to n: extra blank cells at the end,
// then at the start, are dropped; when still too many, the last n are kept
// and ok is false.
func fitValues(vs []valCell, n int) ([]valCell, bool) {
	for len(vs) > n && vs[len(vs)-1].Kind == KindBlank {
		vs = vs[:len(vs)-1]
	}
	for len(vs) > n && vs[0].Kind == KindBlank {
		vs = vs[1:]
	}
	if len(vs) > n {
		return vs[len(vs)-n:], false
	}
	return vs, len(vs) == n
}

// rowReading is the reading of one template row: n values with provenance.
type rowReading struct {
	Vals      []Value
	Texts     []string
	Uncertain []bool
	Alts      [][]float64
	Page      int
	// OCR is nil unless some value was read from a picture; then it
	// holds, per value, how (nil for values not read by OCR).
	OCR []*extract.OCR
}

// setOCR records that value i was read by OCR.
func (r *rowReading) setOCR(i int, o *extract.OCR) {
	if o == nil || i >= len(r.Vals) {
		return
	}
	if r.OCR == nil {
		r.OCR = make([]*extract.OCR, len(r.Vals))
	}
	r.OCR[i] = o
}

func nullReading(n, page int, text string, uncertain bool) rowReading {
	r := rowReading{Vals: make([]Value, n), Texts: make([]string, n), Uncertain: make([]bool, n), Alts: make([][]float64, n), Page: page}
	for i := range r.Texts {
		r.Texts[i] = text
		r.Uncertain[i] = uncertain
	}
	return r
}

// readCells reads a row of value cells into n values. Cells that are
// already separate are read as they are; when there are fewer cells than
// values (numbers glued or space-separated inside one cell) the texts are
// split with spec.
func readCells(vs []valCell, n int, page int, spec SplitSpec, pref func(Split) int, money func(int) bool) rowReading {
	fit, ok := fitValues(vs, n)
	multi := false
	for _, c := range fit {
		multi = multi || c.Kind == KindMulti
	}
	if (ok || len(fit) == n) && !multi {
		r := nullReading(n, page, "", !ok)
		for i, c := range fit {
			r.Texts[i] = c.Text
			if c.Kind == KindNumber {
				v := c.Num.V
				if money != nil && money(i) {
					v = toWan(c.Num)
				}
				r.Vals[i] = Num(v)
			} else if c.Kind == KindText {
				r.Uncertain[i] = true
			}
			r.setOCR(i, c.OCR)
		}
		return r
	}
	// Separate cells are taken as printed: only cells holding several
	// numbers (space-separated, as PDF text gives them) are split further.
	var texts []string
	spaced := false
	for _, c := range fit {
		texts = append(texts, c.Text)
		if len(strings.Fields(c.Text)) > 1 {
			spaced = true
		}
	}
	run := strings.Join(texts, " ")
	var r rowReading
	if !spaced {
		r = nullReading(n, page, run, true)
	} else {
		r = readRun(run, n, page, spec, pref)
	}
	// values split out of cells read by OCR are as sure as the least sure
	// of those cells, and never confirmed
	var least *extract.OCR
	for _, c := range fit {
		if c.OCR != nil && (least == nil || c.OCR.Confidence < least.Confidence) {
			least = &extract.OCR{Confidence: c.OCR.Confidence}
		}
	}
	for i := range r.Vals {
		r.setOCR(i, least)
	}
	return r
}

// readRun splits a run of digits into n values (see SplitRun). A unique
// split gives certain values; several give the most plausible one with the
// others as alternatives, marked uncertain; none gives nulls marked
// uncertain (unless the run has no digits at all: then the cells are blank).
func readRun(run string, n int, page int, spec SplitSpec, pref func(Split) int) rowReading {
	text := strings.TrimSpace(run)
	unit := ""
	for _, u := range []string{"万元", "元"} {
		if strings.HasSuffix(text, u) {
			unit = u
			text = strings.TrimSpace(strings.TrimSuffix(text, u))
			break
		}
	}
	if !strings.ContainsAny(text, "0123456789") {
		return nullReading(n, page, strings.TrimSpace(run), false)
	}
	spec.Parts = n
	sols, _ := SplitRun(text, spec)
	consistent := true
	if len(sols) == 0 && spec.Check != nil {
		consistent = false
		spec.Check = nil
		spec.Limit = 2000
		sols, _ = SplitRun(text, spec)
	}
	if len(sols) == 0 {
		return nullReading(n, page, strings.TrimSpace(run), true)
	}
	rankSplits(sols, pref)
	r := readingOf(sols[0], page, strings.TrimSpace(run), unit)
	if len(sols) > 1 || !consistent && len(sols) > 1 {
		markAlternatives(&r, sols, unit)
	}
	return r
}

func readingOf(s Split, page int, run, unit string) rowReading {
	n := len(s.Vals)
	r := nullReading(n, page, run, false)
	for i, v := range s.Vals {
		if unit == "元" && i == n-1 {
			v = round(v/10000, 8)
		}
		r.Vals[i] = Num(v)
	}
	return r
}

// markAlternatives marks the cells where the splits disagree.
func markAlternatives(r *rowReading, sols []Split, unit string) {
	n := len(r.Vals)
	for i := 0; i < n; i++ {
		seen := map[float64]bool{r.Vals[i].V: true}
		for _, s := range sols[1:] {
			v := s.Vals[i]
			if unit == "元" && i == n-1 {
				v = round(v/10000, 8)
			}
			if !seen[v] {
				seen[v] = true
				r.Uncertain[i] = true
				if len(r.Alts[i]) < 20 {
					r.Alts[i] = append(r.Alts[i], v)
				}
			}
		}
		sort.Float64s(r.Alts[i])
	}
}

// splitLabelRun splits "一、本年新收政府信息公开申请数量 21 0 0 0 0 0 21" into
// its label and its run of numbers, when the label is a template row label.
func splitLabelRun(text string) (string, string, bool) {
	l, run, ok := cutLabelRun(strings.TrimSpace(text))
	if !ok {
		return "", "", false
	}
	label := Compact(l)
	if k, _ := matchT3(label); k == "" && !isT2Label(label) {
		return "", "", false
	}
	return label, strings.TrimSpace(run), true
}

// cutLabelRun matches s against ^(.*[^0-9\s.+\-])\s*([0-9][0-9\s.+\-]*)$
// (\s is ASCII white space, . is any rune but a newline) and returns the
// two groups: the label ends at the last rune that cannot be part of a run
// of numbers, and what follows it, past white space, starts with a digit.
func cutLabelRun(s string) (label, run string, ok bool) {
	end := -1 // just after the last rune outside the run's class
	for i, r := range s {
		if !runRune(r) {
			end = i + utf8.RuneLen(r)
			if r == utf8.RuneError {
				_, w := utf8.DecodeRuneInString(s[i:])
				end = i + w
			}
		}
	}
	if end < 0 || strings.IndexByte(s[:end], '\n') >= 0 {
		return "", "", false
	}
	rest := s[end:]
	j := 0
	for j < len(rest) && asciiSpace(rest[j]) {
		j++
	}
	if j == len(rest) || rest[j] < '0' || rest[j] > '9' {
		return "", "", false
	}
	return s[:end], rest[j:], true
}

// runRune: a rune of [0-9\s.+\-].
func runRune(r rune) bool {
	return r >= '0' && r <= '9' || r < utf8.RuneSelf && asciiSpace(byte(r)) || r == '.' || r == '+' || r == '-'
}

// asciiSpace is the regexp class \s: tab, newline, form feed, carriage
// return, space.
func asciiSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'
}

// t3HeaderCols finds the grid columns of 自然人, 商业企业 … 其他, 总计 in a
// table's header cells. It returns nil unless all seven are found in
// increasing order.
func t3HeaderCols(t *extract.Table) []int {
	want := [][]string{{"自然人"}, {"商业企业", "商业"}, {"科研机构", "科研"}, {"社会公益组织", "社会公益"}, {"法律服务机构", "法律服务"}, {"其他"}, {"总计"}}
	cols := make([]int, 7)
	for i := range cols {
		cols[i] = -1
	}
	for _, c := range t.Cells {
		if isASCII(c.Text) {
			continue // compacts to ASCII: none of the words
		}
		txt := Compact(c.Text)
		for i, ws := range want {
			if cols[i] >= 0 {
				continue
			}
			for _, w := range ws {
				if txt == w {
					cols[i] = c.Col
					break
				}
			}
		}
	}
	for i, c := range cols {
		if c < 0 || i > 0 && c <= cols[i-1] {
			return nil
		}
	}
	return cols
}

// lastLabel is the index of the row's last label cell, given last, the
// index of its last text cell, and hdr, the grid columns of table 三's
// seven value columns (nil when unknown). Words printed in a value column
// of a row of numbers ("不详" where 自然人's count should be) are that cell's
// text, not a label: a text cell in the value columns is taken as a value
// when, with it, the row's non-blank values are still at most seven and
// some of them are numbers. (A label placed in those columns, as text
// layouts do, leaves seven values after it and stays a label.)
func lastLabel(cs []extract.Cell, kinds []CellKind, last int, hdr []int) int {
	if len(hdr) != 7 || last < 0 {
		return last
	}
	values, numbers := 0, 0
	for i := last + 1; i < len(cs); i++ {
		if kinds[i] != KindBlank {
			values++
		}
		if kinds[i] == KindNumber {
			numbers++
		}
	}
	// last is a text cell or -1 at every test of the loop
	for last >= 0 && numbers > 0 && cs[last].Col >= hdr[0] && values+1 <= 7 {
		values++
		last--
		for last >= 0 && kinds[last] != KindText {
			if kinds[last] != KindBlank {
				values++
			}
			last--
		}
	}
	return last
}

// t2LastLabel: in a row of table 二 the label is the first text cell
// ("规章"); words in a later cell ("不适用" where 本年制发件数 should be) are
// that cell's text, not more of the label — when the row has numbers, or
// the words fill a cell spanning the value columns (行政许可's one value).
func t2LastLabel(cs []extract.Cell, kinds []CellKind, last int) int {
	first := slices.Index(kinds, KindText)
	if first < 0 || last <= first || !isT2Label(Compact(cs[first].Text)) {
		return last
	}
	if slices.Contains(kinds[first+1:], KindNumber) || (last == first+1 && cs[last].ColSpan > 1) {
		return first
	}
	return last
}

// isASCII reports whether s is ASCII only.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// byHeader reads a row's value cells at the header's seven columns; a
// column with no cell is blank. ok is false when a value cell lies outside
// those columns.
func byHeader(vs []valCell, cols []int) ([]valCell, bool) {
	if len(cols) != 7 {
		return nil, false
	}
	out := make([]valCell, 7)
	for i := range out {
		out[i] = valCell{Kind: KindBlank}
	}
	for _, v := range vs {
		if v.Span == 0 {
			return nil, false
		}
		placed := false
		for i, c := range cols {
			if c >= v.Col && c < v.Col+v.Span {
				if placed || out[i].Kind != KindBlank || v.Span > 1 {
					return nil, false
				}
				out[i] = v
				placed = true
			}
		}
		if !placed && v.Kind != KindBlank {
			return nil, false
		}
	}
	return out, true
}
