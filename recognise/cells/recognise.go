package cells

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/lazyre"
	"github.com/nianbao/nianbao/recognise/template"
)

// Recognise finds the template cells of doc. When v is template.VUnknown
// the version is decided from the tables themselves: three sub-rows under
// （六）其他处理 or the 2021 table 二 columns mean 2021, the 2019 table 二
// columns (or a single （六） row) mean 2019. Recognise never panics.
func Recognise(doc *extract.Document, v template.Version) Result {
	res, _ := RecogniseContext(context.Background(), doc, v)
	return res
}

// RecogniseContext is Recognise that stops when ctx is done: it looks at
// ctx between the tables of the document as it reads their rows (and every
// few hundred rows of a long one) and between the readers of tables 二, 三
// and 四, and then returns ctx's error with an incomplete result.
func RecogniseContext(ctx context.Context, doc *extract.Document, v template.Version) (res Result, err error) {
	res.Cells = map[string]Cell{}
	res.Version = v
	if doc == nil {
		return res, ctx.Err()
	}
	defer func() {
		if r := recover(); r != nil {
			res.Notes = append(res.Notes, fmt.Sprintf("表格识别内部错误：%v", r))
		}
	}()
	if err := ctx.Err(); err != nil {
		return res, err
	}
	st := newStream(doc)
	rows, err := gridRows(ctx, doc)
	if err != nil {
		return res, err
	}
	t2v := detectT2Version(doc, st)
	if v == template.VUnknown || v == "" {
		res.Version = t2v
	} else if t2v == template.VUnknown {
		t2v = v
	}
	if t2v == template.VUnknown {
		t2v = template.V2021
	}

	// table 三 first: its (六) rows also tell the version
	g3 := gridT3(rows)
	switch {
	case g3.found:
		res.Reader.T3 = "grid"
		if len(g3.absent) > 0 && g3.fillFrom(streamRowsT3(st, g3.absent, g3.subRows, g3.otherAll)) > 0 {
			res.Reader.T3 = "grid+stream"
		}
	default:
		if s3 := streamT3(st); s3.found {
			g3 = s3
			res.Reader.T3 = "stream"
		}
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if g3.found {
		if g3.subRows && (res.Version == template.VUnknown || res.Version == "") {
			res.Version = template.V2021
		} else if !g3.subRows && g3.otherAll && (res.Version == template.VUnknown || res.Version == "") {
			res.Version = template.V2019
		}
		for k, c := range g3.cells {
			res.Cells[k] = c
		}
		res.Tables.T3 = TableState{Found: true, Page: g3.page, Unplaced: g3.unplaced}
		var absent []rowLabels
		for _, k := range g3.absent {
			absent = append(absent, t3RowLabels(k))
		}
		res.Tables.T3.MissingRows = notPrinted(st, rows, 3, absent)
		res.Notes = append(res.Notes, g3.notes...)
		res.Notes = append(res.Notes, g3.absentNotes()...)
	}
	if res.Version == "" {
		res.Version = template.VUnknown
	}

	if err := ctx.Err(); err != nil {
		return res, err
	}

	// table 二
	t2 := gridT2(rows, t2v)
	if len(t2.rows) > 0 {
		res.Reader.T2 = "grid"
	}
	s2 := streamT2(st, t2v)
	for _, spec := range t2Specs(t2v) {
		if _, ok := t2.rows[spec.Key]; ok {
			continue
		}
		if r, ok := s2.rows[spec.Key]; ok {
			if t2.rows == nil {
				t2.rows = map[string]rowReading{}
			}
			t2.rows[spec.Key] = r
			if res.Reader.T2 == "" {
				res.Reader.T2 = "stream"
			} else if res.Reader.T2 == "grid" {
				res.Reader.T2 = "grid+stream"
			}
		}
	}
	if t2.hasValues() {
		page := 0
		var absent []rowLabels
		for _, spec := range t2Specs(t2v) {
			r, ok := t2.rows[spec.Key]
			if !ok {
				r = nullReading(len(spec.Cols), 0, "", true)
				absent = append(absent, rowLabels{Key: spec.Key, Labels: spec.Labels})
			} else if page == 0 {
				page = r.Page
			}
			putRow(res.Cells, "t2."+spec.Key, spec.Cols, r)
		}
		res.Tables.T2 = TableState{Found: true, Page: page, Unplaced: t2.unplaced,
			MissingRows: notPrinted(st, rows, 2, absent)}
	}

	if err := ctx.Err(); err != nil {
		return res, err
	}

	// table 四
	groups := findT4Groups(st, rows)
	t4, shape4, ok4 := gridT4(rows, groups)
	if ok4 {
		res.Reader.T4 = "grid"
	} else {
		t4, shape4, ok4 = streamT4(st, groups)
		if ok4 {
			res.Reader.T4 = "stream"
		}
	}
	if ok4 {
		for gi, g := range template.T4Groups {
			var cols []string
			for _, c := range template.T4Columns {
				cols = append(cols, c.Key)
			}
			sub := rowReading{Vals: t4.Vals[gi*5 : gi*5+5], Texts: t4.Texts[gi*5 : gi*5+5], Uncertain: t4.Uncertain[gi*5 : gi*5+5], Alts: t4.Alts[gi*5 : gi*5+5], Page: t4.Page}
			if t4.OCR != nil {
				sub.OCR = t4.OCR[gi*5 : gi*5+5]
			}
			putRow(res.Cells, "t4."+g.Key, cols, sub)
		}
		res.Tables.T4 = TableState{Found: true, Page: t4.Page, MissingGroups: shape4.missing, SuitUndivided: shape4.undivided}
	}

	if err := ctx.Err(); err != nil {
		return res, err
	}
	absence(st, &res)
	markOCRLines(doc, &res)
	return res, nil
}

func putRow(cells map[string]Cell, prefix string, cols []string, r rowReading) {
	for i, c := range cols {
		key := prefix + "." + c
		cell := Cell{Key: key, Page: r.Page}
		if i < len(r.Vals) {
			cell.Value = r.Vals[i]
			cell.Text = r.Texts[i]
			cell.Uncertain = r.Uncertain[i]
			cell.Alternatives = r.Alts[i]
			if i < len(r.OCR) && r.OCR[i] != nil {
				o := r.OCR[i]
				cell.Source, cell.Confidence, cell.Agreed = extract.SourceOCR, o.Confidence, o.Agreed
				// a number the engine is unsure of is uncertain, like a
				// glued digit run with several splits
				if o.Confidence < extract.OCRHighConfidence {
					cell.Uncertain = true
				}
			}
		} else {
			cell.Uncertain = true
		}
		cells[key] = cell
	}
}

// detectT2Version reads the table 二 column headers.
func detectT2Version(doc *extract.Document, st *stream) template.Version {
	// the words are looked for in the compact stream followed by every
	// table cell (compact, each followed by |). The stream is searched where
	// it is, only for words all of whose runes it has; the cells after the
	// stream's last bytes, so that a word across the join is found too.
	v2021 := []string{"本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"}
	v2019 := []string{"新制作数量", "对外公开总数量", "上一年项目数量", "采购项目数量", "其他对外管理服务事项"}
	longest := 0
	for _, w := range append(v2021, v2019...) {
		longest = max(longest, len(w))
	}
	stream := ""
	converted := false
	inStream := func(words []string) bool {
		for _, w := range words {
			if !st.has.all([]rune(w)) {
				continue
			}
			if !converted {
				stream, converted = string(st.cs), true
			}
			if strings.Contains(stream, w) {
				return true
			}
		}
		return false
	}
	var sb strings.Builder
	if len(st.cs) > 0 {
		tailFrom := max(0, len(st.cs)-longest) // runes: at least longest-1 bytes
		sb.WriteString(string(st.cs[tailFrom:]))
	}
	for _, b := range doc.Blocks {
		if b.Table != nil {
			for _, c := range b.Table.Cells {
				sb.WriteString(Compact(c.Text))
				sb.WriteByte('|')
			}
		}
	}
	rest := sb.String()
	switch {
	case inStream(v2021) || hasAny(rest, v2021):
		return template.V2021
	case inStream(v2019) || hasAny(rest, v2019):
		return template.V2019
	}
	return template.VUnknown
}

// ---- table 二 ----

type t2Result struct {
	rows     map[string]rowReading
	unplaced int // grid rows of table 二 with numbers and no known label
}

func (t t2Result) hasValues() bool {
	for _, r := range t.rows {
		for i, v := range r.Vals {
			if v.Valid || r.Uncertain[i] {
				return true
			}
		}
	}
	return false
}

// t2SplitSpec gives the split rules and soft preferences of a table 二 row.
func t2SplitSpec(v template.Version, key string, cols []string) (SplitSpec, func(Split) int, func(int) bool) {
	spec := SplitSpec{}
	var pref func(Split) int
	money := func(i int) bool { return cols[i] == "amount" }
	spec.Decimal = money
	spec.Signed = func(i int) bool { return cols[i] == "change" }
	switch {
	case v == template.V2019 && (key == "regulations" || key == "normative"):
		// new_made usually equals new_published, and neither exceeds the total
		pref = func(s Split) int {
			p := 0
			if s.Vals[0] != s.Vals[1] {
				p++
			}
			if s.Vals[1] > s.Vals[2] {
				p++
			}
			return p
		}
	case v == template.V2019 && len(cols) == 3 && cols[1] == "change":
		// 上一年项目数量 + 本年增/减 = 处理决定数量 holds in most reports
		pref = func(s Split) int {
			if s.Vals[0]+s.Vals[1] == s.Vals[2] {
				return 0
			}
			return 1
		}
	case key == "procurement":
		// a count of tens of projects is the usual reading
		pref = func(s Split) int {
			n := len(strings.TrimLeft(s.Text[0], "+-"))
			if n >= 2 {
				return n - 2
			}
			return 1
		}
	case v != template.V2019 && len(cols) == 3:
		// 现行有效件数 is a stock that includes this year's documents and
		// is normally the largest of the three
		pref = func(s Split) int {
			if s.Vals[2] >= s.Vals[0] && s.Vals[2] >= s.Vals[1] {
				return 0
			}
			return 1
		}
	}
	return spec, pref, money
}

func gridT2(rows []rowRec, v template.Version) t2Result {
	res := t2Result{rows: map[string]rowReading{}}
	specs := t2Specs(v)
	for _, r := range rows {
		if r.Header || r.Ctx == 3 || r.Ctx == 4 {
			continue
		}
		if r.Ctx == 2 && r.numbers() > 0 && !isT2Label(r.label()) {
			res.unplaced++
		}
		for _, s := range specs {
			if _, done := res.rows[s.Key]; done || !t2LabelMatch(r.label(), s) {
				continue
			}
			if len(r.Values) == 0 {
				continue
			}
			spec, pref, money := t2SplitSpec(v, s.Key, s.Cols)
			res.rows[s.Key] = readCells(r.Values, len(s.Cols), r.Page, spec, pref, money)
		}
	}
	return res
}

func streamT2(st *stream, v template.Version) t2Result {
	res := t2Result{rows: map[string]rowReading{}}
	start := st.find(Compact("第二十条第（一）项"), 0, len(st.cs))
	if !start.OK {
		return res
	}
	pos := start.End
	specs := t2Specs(v)
	type found struct {
		spec t2Spec
		h    hit
	}
	var fs []found
	for _, s := range specs {
		var best hit
		for _, l := range s.Labels {
			h := st.find(l, pos, 400)
			if h.OK && (!best.OK || h.Start < best.Start) {
				best = h
			}
		}
		if !best.OK {
			continue
		}
		fs = append(fs, found{s, best})
		pos = best.End
	}
	for i, f := range fs {
		to := len(st.orig)
		if i+1 < len(fs) {
			to = st.origStart(fs[i+1].h.Start)
		}
		from := st.origEnd(f.h.End)
		run := st.numericPrefix(from, to)
		if strings.TrimSpace(run) == "" {
			// a row printed with all its cells blank
			res.rows[f.spec.Key] = nullReading(len(f.spec.Cols), st.pageAt(from), "", false)
			continue
		}
		spec, pref, _ := t2SplitSpec(v, f.spec.Key, f.spec.Cols)
		r := readRun(run, len(f.spec.Cols), st.pageAt(from), spec, pref)
		// a unit written after a single amount
		res.rows[f.spec.Key] = r
	}
	return res
}

// ---- table 四 ----

// t4Cells is the number of cells of table 四's data row: three groups
// (行政复议, 行政诉讼 未经复议直接起诉, 复议后起诉) of five.
const t4Cells = 15

func t4Spec() SplitSpec {
	return SplitSpec{Groups: []int{5, 5, 5}, Check: func(_ int, vals []float64) bool { return sumEq(vals) }}
}

// gridT4 reads the data row of table 四 from a grid: fifteen values, or
// five per printed group when the header names only some groups and the row
// has exactly their values (missing lists the others).
func gridT4(rows []rowRec, g t4Groups) (rowReading, t4Shape, bool) {
	for _, r := range rows {
		if r.Ctx != 4 || r.Header || len(r.Values) < 5 || r.numbers() == 0 {
			continue
		}
		if rd, shape, ok := g.read(len(r.Values), func(n int, spec SplitSpec) rowReading {
			return readCells(r.Values, n, r.Page, spec, nil, nil)
		}); ok {
			return rd, shape, true
		}
		if len(r.Labels) > 0 && len(r.Values) < 10 {
			continue
		}
		if r.numbers() == t4Cells-1 && len(r.Values) == t4Cells-1 {
			// a column not printed (cut off at the page's edge)
			nums, texts := make([]float64, len(r.Values)), make([]string, len(r.Values))
			for i, v := range r.Values {
				nums[i], texts[i] = v.Num.V, v.Text
			}
			if rd, ok := gapT4Row(nums, texts, r.Page); ok {
				return rd, t4Shape{}, true
			}
		}
		return readCells(r.Values, t4Cells, r.Page, t4Spec(), nil, nil), t4Shape{}, true
	}
	return rowReading{}, t4Shape{}, false
}

// readT4Run reads table 四's data row from a run of numbers in the text
// (see gridT4 for missing).
func readT4Run(run string, page int, g t4Groups) (rowReading, t4Shape) {
	if rd, shape, ok := g.read(wholeNumbers(run), func(n int, spec SplitSpec) rowReading {
		return readRun(run, n, page, spec, nil)
	}); ok {
		return rd, shape
	}
	return readRun(run, t4Cells, page, t4Spec(), nil), t4Shape{}
}

func streamT4(st *stream, g t4Groups) (rowReading, t4Shape, bool) {
	from := 0
	if h := st.find(Compact("四、结转下年度继续办理"), 0, len(st.cs)); h.OK {
		from = h.End
	}
	h := st.find("行政复议", from, len(st.cs))
	if !h.OK {
		return rowReading{}, t4Shape{}, false
	}
	pos := h.End
	for pos < len(st.cs) && pos < h.End+200 {
		t := st.find("总计", pos, h.End+200-pos)
		if !t.OK {
			break
		}
		o := st.origEnd(t.End)
		run := st.numericPrefix(o, len(st.orig))
		if strings.ContainsAny(run, "0123456789") {
			r, shape := readT4Run(run, st.pageAt(o), g)
			return r, shape, true
		}
		pos = t.End
	}
	return numbersLineT4(st, from, g)
}

// t4LineWindow is how many lines after a 行政复议 the data row of an
// unruled table 四 may come (its wrapped header takes several).
const t4LineWindow = 10

var t4Count = lazyre.New(`^\d+$`)

// numbersLineT4 reads a table 四 printed without rules, whose header words
// come out wrapped over several lines (总 and 计 apart): its data row is a
// line of exactly fifteen whole numbers within a few lines after a
// 行政复议, before the next section heading (five per printed group when
// the header names only some, see gridT4). When there is no such line but
// one of t4ShortRow to fourteen whole numbers and nothing else (a number
// not printed, or cut off at the page's edge, or two printed as one), the
// table is there and that line is its row, read by shortT4Row.
func numbersLineT4(st *stream, from int, g t4Groups) (rowReading, t4Shape, bool) {
	short := -1
	for pos := from; pos < len(st.cs); {
		h := st.find("行政复议", pos, len(st.cs)-pos)
		if !h.OK {
			break
		}
		pos = h.End
		i := sort.SearchInts(st.lineOff, st.origStart(h.Start)+1) - 1
		for n := i + 1; n >= 1 && n < len(st.lineOff) && n <= i+t4LineWindow; n++ {
			line := st.line(n)
			if s := sectionOfText(line); s != 0 && s != 4 {
				break
			}
			c := wholeNumbers(line)
			if c == t4Cells || g.fits(c) || g.undivided(c) {
				r, shape := readT4Run(line, st.linePage[n], g)
				return r, shape, true
			}
			if short < 0 && c >= t4ShortRow && c < t4Cells {
				short = n
			}
		}
	}
	if short >= 0 {
		return shortT4Row(st.line(short), st.linePage[short]), t4Shape{}, true
	}
	return rowReading{}, t4Shape{}, false
}

// gapT4Row reads a data row of table 四 with fourteen numbers when exactly
// one cell can be the one without a number: with the numbers in the other
// cells in order, every whole group adds up to its total, and in the group
// with the empty cell the total is at least the sum of the parts printed (or
// the empty cell is the total). The numbers are put in their cells; the
// empty one is unread (uncertain) — a blank in the report and a number the
// printing lost look the same. A row where more than one cell fits is not
// read this way.
func gapT4Row(nums []float64, texts []string, page int) (rowReading, bool) {
	if len(nums) != t4Cells-1 {
		return rowReading{}, false
	}
	fits := -1
	for gap := range t4Cells {
		if !t4GapFits(nums, gap) {
			continue
		}
		if fits >= 0 {
			return rowReading{}, false
		}
		fits = gap
	}
	if fits < 0 {
		return rowReading{}, false
	}
	r := nullReading(t4Cells, page, "", false)
	for i, j := 0, 0; i < t4Cells; i++ {
		if i == fits {
			r.Uncertain[i] = true
			continue
		}
		r.Vals[i], r.Texts[i] = Num(nums[j]), texts[j]
		j++
	}
	return r, true
}

// t4GapFits reports whether the fourteen numbers of a table 四 row, with
// cell gap left empty, make every group add up (see gapT4Row).
func t4GapFits(nums []float64, gap int) bool {
	cell := func(i int) float64 {
		if i > gap {
			return nums[i-1]
		}
		return nums[i]
	}
	for g := 0; g < t4Cells; g += 5 {
		parts, total := 0.0, g+4
		for i := g; i < total; i++ {
			if i != gap {
				parts += cell(i)
			}
		}
		switch {
		case gap == total:
			// the total not printed: nothing to check
		case gap >= g && gap < total:
			if cell(total) < parts {
				return false
			}
		case parts != cell(total):
			return false
		}
	}
	return true
}

// t4ShortRow is the fewest whole numbers, alone on a line after the header of
// table 四, read as its data row with numbers missing: two thirds of the
// row. No sentence is a line of ten bare numbers.
const t4ShortRow = 10

// shortT4Row reads a data row of table 四 that has fewer numbers than cells.
// Two numbers printed as one ("1 15" as "115") are told apart when a way of
// cutting them makes each group add up to its total, as a row of fifteen is
// read. Otherwise nothing says which cell has no number: every cell is
// unread (uncertain), rather than the numbers put in the wrong columns —
// shifted one place, each group's sum would be wrong, and blamed on the
// report.
func shortT4Row(line string, page int) rowReading {
	spec := t4Spec()
	spec.Parts = t4Cells
	text := strings.TrimSpace(line)
	sols, _ := SplitRun(text, spec)
	if len(sols) == 0 {
		// whole numbers apart (wholeNumbers): one may be missing
		f := strings.Fields(text)
		nums := make([]float64, len(f))
		for i, x := range f {
			nums[i], _ = strconv.ParseFloat(x, 64)
		}
		if r, ok := gapT4Row(nums, f, page); ok {
			return r
		}
		return nullReading(t4Cells, page, text, true)
	}
	rankSplits(sols, nil)
	r := readingOf(sols[0], page, text, "")
	if len(sols) > 1 {
		markAlternatives(&r, sols, "")
	}
	return r
}

// ---- absent tables ----

var (
	numberedAgain = lazyre.New(`[一二三四五六七八九十]、`)
	noApplyRe     = lazyre.New(`[^。]{0,40}未(收到|受理|接到)[^。]{0,30}申请[^。]{0,20}。?`)
	noReviewRe    = lazyre.New(`[^。]{0,40}(未发生|未发现|没有发生|未收到|没有收到|未有|无)[^。]{0,30}(行政复议|行政诉讼)[^。]{0,30}。?`)
)

// absence fills TableState.Sentence and HeadingOnly for tables that were
// not found.
func absence(st *stream, res *Result) {
	heads := sectionHeads(st)
	set := func(ts *TableState, n int, re *lazyre.Regexp) {
		if ts.Found {
			return
		}
		h, ok := heads[n]
		if !ok {
			return
		}
		end := len(st.orig)
		for m := n + 1; m <= 6; m++ {
			if hh, ok := heads[m]; ok && hh > h {
				end = hh
				break
			}
		}
		body := string(st.orig[h:min(end, h+300)])
		if re != nil {
			if m := re.FindString(body); m != "" {
				ts.Sentence = strings.TrimSpace(m)
				ts.Page = st.pageAt(h)
				return
			}
		}
		if headingOnlyBody(string(st.orig[h:min(end, h+60)])) {
			ts.HeadingOnly = true
			ts.Page = st.pageAt(h)
		}
	}
	set(&res.Tables.T2, 2, nil)
	set(&res.Tables.T3, 3, noApplyRe)
	set(&res.Tables.T4, 4, noReviewRe)
}

// sectionHeads finds where the headings of sections 2…6 end, in orig
// indices.
func sectionHeads(st *stream) map[int]int {
	out := map[int]int{}
	cs := st.cs
	for i := 0; i+2 < len(cs); i++ {
		if cs[i+1] != '、' || !strings.ContainsRune("二三四五六一", cs[i]) {
			continue
		}
		end := min(len(cs), i+32)
		// the heading ends at its 情况/事项
		j := i + 2
		for j < end && !strings.HasSuffix(string(cs[i:j]), "情况") && !strings.HasSuffix(string(cs[i:j]), "事项") {
			j++
		}
		head := string(cs[i:j])
		if numberedAgain.MatchString(string(cs[i+2 : j])) {
			continue
		}
		n := sectionOf(head)
		if n == 0 {
			continue
		}
		if _, seen := out[n]; seen {
			continue
		}
		out[n] = st.origEnd(j)
	}
	return out
}

var yearRe = lazyre.New(`(19|20)[0-9]{2}\s*年`)

// headingOnlyBody reports whether the text right after a table section's
// heading holds no table: no numbers other than a year, and no sub-heading
// opening prose of its own.
func headingOnlyBody(body string) bool {
	b := strings.TrimSpace(body)
	if strings.HasPrefix(b, "(一)") || strings.HasPrefix(b, "（一）") {
		return false
	}
	b = yearRe.ReplaceAllString(b, "")
	return !strings.ContainsAny(b, "0123456789")
}
