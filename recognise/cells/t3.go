package cells

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/recognise/template"
)

// t3Result is a reading of table 三.
type t3Result struct {
	found    bool
	cells    map[string]Cell
	page     int
	subRows  bool // （六） had its three sub-rows
	otherAll bool // （六） was one row
	notes    []string
	// absent are the template rows without a reading; unplaced counts the
	// rows with numbers that could not be given a template row.
	absent   []string
	unplaced int
}

// t3Item is the material of one template row before the equalities are
// applied: either separate cells (fixed) or a glued run with its possible
// splits.
type t3Item struct {
	key        string
	page       int
	text       string
	fixed      *rowReading
	cands      []Split
	consistent bool // cands satisfy the row total
	unreadable bool // digits that cannot be split into 7 cells
}

func t3Cols() []string {
	var cols []string
	for _, c := range template.T3Columns {
		cols = append(cols, c.Key)
	}
	return cols
}

func t3RowSpec() SplitSpec {
	return SplitSpec{Check: func(_ int, vals []float64) bool { return sumEq(vals) }}
}

// itemFromRun prepares a glued run.
func itemFromRun(key, run string, page int) t3Item {
	it := t3Item{key: key, page: page, text: strings.TrimSpace(run)}
	if !strings.ContainsAny(run, "0123456789") {
		r := nullReading(7, page, it.text, false)
		it.fixed = &r
		return it
	}
	spec := t3RowSpec()
	spec.Parts = 7
	sols, _ := SplitRun(run, spec)
	it.consistent = len(sols) > 0
	if len(sols) == 0 {
		spec.Check = nil
		spec.Limit = 2000
		sols, _ = SplitRun(run, spec)
	}
	if len(sols) == 0 {
		it.unreadable = true
		r := nullReading(7, page, it.text, true)
		it.fixed = &r
		return it
	}
	rankSplits(sols, nil)
	if len(sols) > 30 {
		sols = sols[:30]
	}
	it.cands = sols
	return it
}

// itemFromCells prepares a row of separate cells.
func itemFromCells(key string, vs []valCell, page int) t3Item {
	fit, ok := fitValues(vs, 7)
	multi := false
	for _, c := range fit {
		multi = multi || c.Kind == KindMulti
	}
	if ok && !multi {
		r := readCells(fit, 7, page, t3RowSpec(), nil, nil)
		return t3Item{key: key, page: page, fixed: &r, text: joinTexts(fit)}
	}
	spaced := false
	for _, c := range fit {
		if len(strings.Fields(c.Text)) > 1 {
			spaced = true
		}
	}
	if !spaced {
		// separate cells, too few of them: the positions are unknown
		r := nullReading(7, page, joinTexts(fit), true)
		return t3Item{key: key, page: page, fixed: &r, text: joinTexts(fit)}
	}
	return itemFromRun(key, joinTexts(fit), page)
}

func joinTexts(vs []valCell) string {
	var ts []string
	for _, v := range vs {
		ts = append(ts, v.Text)
	}
	return strings.Join(ts, " ")
}

// solveT3 chooses a split for every glued row so that the table's
// equalities hold: per column, （七）总计 = the sum of the result rows and
// 新收 + 上年结转 = 总计 + 结转下年度. Splits that are equally good are kept
// as alternatives and their cells marked uncertain.
func solveT3(items []t3Item, rows []template.Row) (map[string]rowReading, []string) {
	var notes []string
	byKey := map[string]int{}
	for i, it := range items {
		byKey[it.key] = i
	}
	var leaves []int
	for _, r := range rows {
		if i, ok := byKey[r.Key]; ok && r.Leaf {
			leaves = append(leaves, i)
		}
	}
	idx := func(k string) int {
		if i, ok := byKey[k]; ok {
			return i
		}
		return -1
	}
	total, nw, co, cf := idx("total"), idx("new"), idx("carried_over"), idx("carried_forward")
	choice := make([]int, len(items))
	val := func(i, c int) (float64, bool) {
		if i < 0 {
			return 0, false
		}
		it := items[i]
		if it.fixed != nil {
			v := it.fixed.Vals[c]
			return v.V, v.Valid
		}
		return it.cands[choice[i]].Vals[c], true
	}
	violations := func() int {
		n := 0
		for c := 0; c < 7; c++ {
			if t, ok := val(total, c); ok && len(leaves) > 0 {
				s, all := 0.0, true
				for _, l := range leaves {
					v, ok := val(l, c)
					if !ok {
						all = false
						break
					}
					s += v
				}
				if all && math.Abs(s-t) > 1e-6 {
					n++
				}
			}
			a, ok1 := val(nw, c)
			b, ok2 := val(co, c)
			t, ok3 := val(total, c)
			f, ok4 := val(cf, c)
			if ok1 && ok2 && ok3 && ok4 && math.Abs(a+b-t-f) > 1e-6 {
				n++
			}
		}
		return n
	}
	var multi []int
	product := 1
	for i, it := range items {
		if it.fixed == nil && len(it.cands) > 1 {
			multi = append(multi, i)
			if product <= 1_000_000 {
				product *= len(it.cands)
			}
		}
	}
	type assign struct {
		ch   []int
		viol int
		rank int
	}
	var best []assign
	bestViol := math.MaxInt
	record := func() {
		v := violations()
		rank := 0
		for _, m := range multi {
			rank += choice[m]
		}
		if v < bestViol {
			bestViol = v
			best = best[:0]
		}
		if v == bestViol && len(best) < 500 {
			best = append(best, assign{ch: append([]int(nil), choice...), viol: v, rank: rank})
		}
	}
	if len(multi) > 0 && product <= 200_000 {
		for {
			record()
			k := 0
			for k < len(multi) {
				m := multi[k]
				choice[m]++
				if choice[m] < len(items[m].cands) {
					break
				}
				choice[m] = 0
				k++
			}
			if k == len(multi) {
				break
			}
		}
	} else if len(multi) > 0 {
		notes = append(notes, "表三粘连数字组合过多，逐行近似求解")
		for pass := 0; pass < 3; pass++ {
			for _, m := range multi {
				bestC, bestV := choice[m], math.MaxInt
				for c := range items[m].cands {
					choice[m] = c
					if v := violations(); v < bestV {
						bestC, bestV = c, v
					}
				}
				choice[m] = bestC
			}
		}
		record()
	} else {
		record()
	}
	// the most plausible among the best
	pick := 0
	for i, a := range best {
		if a.rank < best[pick].rank {
			pick = i
		}
	}
	if len(best) > 0 {
		copy(choice, best[pick].ch)
	}
	out := map[string]rowReading{}
	for i, it := range items {
		if it.fixed != nil {
			out[it.key] = *it.fixed
			continue
		}
		r := readingOf(it.cands[choice[i]], it.page, it.text, "")
		if len(it.cands) > 1 {
			var alts []Split
			for _, a := range best {
				if a.ch[i] != choice[i] {
					alts = append(alts, it.cands[a.ch[i]])
				}
			}
			if bestViol > 0 {
				// no reading satisfies the equalities: every reading of this
				// row stays possible
				alts = append(alts, it.cands...)
			}
			if len(alts) > 0 {
				markAlternatives(&r, append([]Split{it.cands[choice[i]]}, alts...), "")
			}
		}
		out[it.key] = r
	}
	if bestViol > 0 && len(multi) > 0 {
		notes = append(notes, fmt.Sprintf("表三粘连数字没有满足全部勾稽关系的拆分（最少 %d 处不符），取最可能的一种", bestViol))
	}
	return out, notes
}

// rowsFor returns the template rows of table 三 for the （六） layout found.
func rowsFor(subRows, otherAll bool) []template.Row {
	if !subRows && otherAll {
		return template.T3RowsFor(template.V2019)
	}
	return template.T3RowsFor(template.V2021)
}

func (res *t3Result) fill(items []t3Item, rows []template.Row) {
	readings, notes := solveT3(items, rows)
	res.notes = append(res.notes, notes...)
	res.cells = map[string]Cell{}
	cols := t3Cols()
	for _, r := range rows {
		rd, ok := readings[r.Key]
		if !ok {
			rd = nullReading(7, 0, "", true)
			res.absent = append(res.absent, r.Key)
		}
		putRow(res.cells, "t3."+r.Key, cols, rd)
	}
}

// absentNotes says which template rows have no reading.
func (res *t3Result) absentNotes() []string {
	var out []string
	for _, r := range rowsFor(res.subRows, res.otherAll) {
		if slices.Contains(res.absent, r.Key) {
			out = append(out, fmt.Sprintf("表三未找到“%s”行", r.Label))
		}
	}
	return out
}

// streamRowsT3 reads the rows keys of table 三 from the text lines (the
// stream): each by its label, met once in the text, and the numbers after
// it. It serves for rows a grid lacks: a borderless table's last row printed
// on the next page, below the grid, as a line of text.
func streamRowsT3(st *stream, keys []string, subRows, otherAll bool) t3Result {
	res := t3Result{cells: map[string]Cell{}}
	for _, r := range rowsFor(subRows, otherAll) {
		if !slices.Contains(keys, r.Key) {
			continue
		}
		label := Compact(r.Label)
		h := st.find(label, 0, len(st.cs))
		if !h.OK || st.find(label, h.End, len(st.cs)-h.End).OK {
			res.absent = append(res.absent, r.Key)
			continue
		}
		from := st.origEnd(h.End)
		run := trimNumbering(st.numericPrefix(from, len(st.orig)))
		putRow(res.cells, "t3."+r.Key, t3Cols(), readRun(run, 7, st.pageAt(from), t3RowSpec(), nil))
	}
	return res
}

// fillFrom takes from another reading of the table (the text stream's) the
// rows this one did not find — a borderless table's last row printed on the
// next page as a line of text — when that row is read whole: seven numbers,
// none uncertain, that add up (the six applicants' counts make the total).
// It returns how many rows it took.
func (res *t3Result) fillFrom(o t3Result) int {
	cols := t3Cols()
	took := 0
	res.absent = slices.DeleteFunc(res.absent, func(key string) bool {
		if slices.Contains(o.absent, key) {
			return false
		}
		vals := make([]float64, len(cols))
		for i, c := range cols {
			cell, ok := o.cells["t3."+key+"."+c]
			if !ok || !cell.Value.Valid || cell.Uncertain {
				return false
			}
			vals[i] = cell.Value.V
		}
		if !sumEq(vals) {
			return false
		}
		for _, c := range cols {
			res.cells["t3."+key+"."+c] = o.cells["t3."+key+"."+c]
		}
		took++
		return true
	})
	return took
}

// gridT3 reads table 三 from table rows: rows found by label are anchors;
// rows whose label was lost are placed by position between anchors when
// their number fits the gap exactly.
func gridT3(recs []rowRec) t3Result {
	var res t3Result
	type cand struct {
		rec   rowRec
		key   string
		cands []string
	}
	var cs []cand
	for _, r := range recs {
		if r.Ctx != 3 || r.Header || len(r.Values) == 0 {
			continue
		}
		k, alts := matchT3(r.label())
		if k == "" && len(r.Labels) > 1 {
			k2, alts2 := matchT3(r.joined())
			if k2 != "" || len(alts2) > 0 {
				k, alts = k2, alts2
			}
		}
		if k == "" && len(alts) == 0 && len(r.Labels) > 0 && hasAny(r.joined(), t3HeaderWords) {
			continue
		}
		if k == "" && (len(r.Values) < 3 || r.numbers() == 0) {
			continue
		}
		cs = append(cs, cand{rec: r, key: k, cands: alts})
		switch k {
		case "other.no_correction", "other.no_fee", "other.other":
			res.subRows = true
		case "other.all":
			res.otherAll = true
		}
	}
	if len(cs) == 0 {
		return res
	}
	rows := rowsFor(res.subRows, res.otherAll)
	pos := map[string]int{}
	for i, r := range rows {
		pos[r.Key] = i
	}
	// anchors: the longest run of recognised rows in increasing template
	// order (a row out of order is treated as unlabeled)
	assigned := make([]int, len(cs))
	for i := range assigned {
		assigned[i] = -1
	}
	for _, i := range longestIncreasing(cs, func(c cand) int {
		if p, ok := pos[c.key]; ok && c.key != "" {
			return p
		}
		return -1
	}) {
		assigned[i] = pos[cs[i].key]
	}
	// fill the gaps
	prevAnchor, prevIdx := -1, -1
	fillGap := func(from, to int, lo, hi int) {
		// records from..to-1 go to template rows lo..hi-1
		n := to - from
		if n <= 0 {
			return
		}
		slots := hi - lo
		if n > slots {
			res.notes = append(res.notes, fmt.Sprintf("表三有 %d 行无法对应到模板行", n-slots))
			return
		}
		start := lo
		if n < slots {
			if from == 0 && prevAnchor < 0 {
				start = hi - n // rows just before the first anchor
			} else if hi == len(rows) && to == len(cs) {
				start = lo // rows just after the last anchor
			} else {
				res.notes = append(res.notes, fmt.Sprintf("表三有 %d 行标签缺失，位置不能确定", n))
				return
			}
		}
		for k := 0; k < n; k++ {
			p := start + k
			c := cs[from+k]
			if len(c.cands) > 0 && !contains(c.cands, rows[p].Key) {
				res.notes = append(res.notes, "表三无标签行与模板位置不符")
				return
			}
		}
		for k := 0; k < n; k++ {
			assigned[from+k] = start + k
		}
	}
	for i := 0; i <= len(cs); i++ {
		if i < len(cs) && assigned[i] < 0 {
			continue
		}
		hi := len(rows)
		if i < len(cs) {
			hi = assigned[i]
		}
		fillGap(prevIdx+1, i, prevAnchor+1, hi)
		if i < len(cs) {
			prevAnchor, prevIdx = assigned[i], i
		}
	}
	var items []t3Item
	seen := map[string]bool{}
	for i, c := range cs {
		if assigned[i] < 0 {
			if c.rec.numbers() > 0 {
				res.unplaced++
			}
			continue
		}
		key := rows[assigned[i]].Key
		if seen[key] {
			continue
		}
		seen[key] = true
		if res.page == 0 {
			res.page = c.rec.Page
		}
		vs := c.rec.Values
		if fit, ok := fitValues(vs, 7); !ok || len(fit) != 7 {
			// too few cells: the header's columns say where they are
			if hv, ok := byHeader(vs, c.rec.T3Cols); ok {
				vs = hv
			}
		}
		items = append(items, itemFromCells(key, vs, c.rec.Page))
	}
	if len(items) < 5 {
		return t3Result{notes: res.notes}
	}
	res.found = true
	res.fill(items, rows)
	return res
}

// streamT3 reads table 三 from flattened text: the template labels are
// scanned in order and the digits between one label and the next are that
// row's run.
func streamT3(st *stream) t3Result {
	var res t3Result
	type lab struct {
		key   string // "" for a group label
		label string
	}
	seq := []lab{
		{"new", "一、本年新收政府信息公开申请数量"},
		{"carried_over", "二、上年结转政府信息公开申请数量"},
		{"", "三、本年度办理结果"},
		{"granted", "（一）予以公开"},
		{"partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
	}
	// Each group label, then its rows (（六） is also a single row).
	for _, g := range []lab{{"", "（三）不予公开"}, {"", "（四）无法提供"}, {"", "（五）不予处理"}, {"other.all", "（六）其他处理"}} {
		seq = append(seq, g)
		for _, r := range template.T3Rows {
			if r.Group == g.label {
				seq = append(seq, lab{r.Key, r.Label})
			}
		}
	}
	seq = append(seq, lab{"total", "（七）总计"}, lab{"carried_forward", "四、结转下年度继续办理"})

	type found struct {
		lab
		h hit
	}
	var fs []found
	pos := 0
	first := true
	for _, l := range seq {
		window := 400
		if first {
			window = len(st.cs)
		}
		h := st.find(Compact(l.label), pos, window)
		if !h.OK {
			continue
		}
		first = false
		fs = append(fs, found{l, h})
		pos = h.End
	}
	keys := 0
	for _, f := range fs {
		switch f.key {
		case "other.no_correction", "other.no_fee", "other.other":
			res.subRows = true
		case "":
		default:
			keys++
		}
	}
	if keys < 5 {
		return res
	}
	res.otherAll = !res.subRows
	rows := rowsFor(res.subRows, res.otherAll)
	inRows := map[string]bool{}
	for _, r := range rows {
		inRows[r.Key] = true
	}
	var items []t3Item
	digits := false
	for i, f := range fs {
		if f.key == "" || !inRows[f.key] {
			continue
		}
		to := len(st.orig)
		if i+1 < len(fs) {
			to = st.origStart(fs[i+1].h.Start)
		}
		from := st.origEnd(f.h.End)
		run := trimNumbering(st.numericPrefix(from, to))
		if strings.ContainsAny(run, "0123456789") {
			digits = true
		}
		page := st.pageAt(from)
		if res.page == 0 {
			res.page = page
		}
		items = append(items, itemFromRun(f.key, run, page))
	}
	if !digits {
		return t3Result{}
	}
	res.found = true
	res.fill(items, rows)
	return res
}

// longestIncreasing returns the indices of the longest subsequence of xs
// whose keys (ignoring negative ones) strictly increase; of several, the one
// that takes the earliest predecessor at every step. Keys are template row
// positions (a few dozen), so the best chain ending at each key is kept and
// the work is O(len(xs) × keys), linear in the table's length.
func longestIncreasing[T any](xs []T, key func(T) int) []int {
	n := len(xs)
	keys := make([]int, n)
	maxKey := -1
	for i := range xs {
		keys[i] = key(xs[i])
		maxKey = max(maxKey, keys[i])
	}
	// byKey[v]: the longest chain ending at a key v so far and the earliest
	// index that ends one that long
	type end struct{ length, idx int }
	byKey := make([]end, maxKey+1)
	prev := make([]int, n)
	length := make([]int, n)
	best := -1
	for i := 0; i < n; i++ {
		prev[i] = -1
		ki := keys[i]
		if ki < 0 {
			continue
		}
		length[i] = 1
		for v := 0; v < ki; v++ {
			e := byKey[v]
			if e.length == 0 {
				continue
			}
			if e.length+1 > length[i] || e.length+1 == length[i] && prev[i] >= 0 && e.idx < prev[i] {
				length[i], prev[i] = e.length+1, e.idx
			}
		}
		if length[i] > byKey[ki].length {
			byKey[ki] = end{length[i], i}
		}
		if best < 0 || length[i] > length[best] {
			best = i
		}
	}
	var out []int
	for i := best; i >= 0; i = prev[i] {
		out = append(out, i)
	}
	slices.Reverse(out)
	return out
}
