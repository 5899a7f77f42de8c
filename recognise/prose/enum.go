package prose

import (
	"sort"
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/internal/textruns"
)

// enumCues introduce the parts of a total.
var enumCues = []string{"其中", "包括", "分别为", "分别是", "具体为", "涉及"}

// cueIndexAll is the regexp 其中|包括|分别为|分别是|具体为|涉及's
// FindAllStringIndex(s, -1): the leftmost cue, then the leftmost from its
// end on (no cue is a prefix of another, so one cue at most starts at a
// place). Each cue's next place is kept, so the text is searched once per
// cue.
func cueIndexAll(s string) [][]int {
	next := make([]int, len(enumCues)) // byte index of the cue's next place from pos; -1: none
	for i, c := range enumCues {
		next[i] = strings.Index(s, c)
	}
	var out [][]int
	for pos := 0; ; {
		best := -1
		for i, at := range next {
			if at >= 0 && at < pos {
				if j := strings.Index(s[pos:], enumCues[i]); j >= 0 {
					at = pos + j
				} else {
					at = -1
				}
				next[i] = at
			}
			if at >= 0 && (best < 0 || at < next[best]) {
				best = i
			}
		}
		if best < 0 {
			return out
		}
		at := next[best]
		pos = at + len(enumCues[best])
		out = append(out, []int{at, pos})
	}
}

// findEnumerations pairs a total with the parts that follow 其中/包括/分别为
// and have the same unit, up to the end of the sentence. Figures inside
// brackets ("（含上年结转189件）") are annotations, neither totals nor parts.
//
// In the same sentence ("共81件，其中…"), when the parts overshoot the total
// and a leading run of them adds up exactly, the run is taken (the sentence
// went on to other figures); otherwise all parts are kept, so that a total
// that disagrees with its parts stays visible. When 其中 opens the next
// sentence ("办结1191件。其中，…"), the total is one of the previous
// sentence's figures, and the pairing is made only when a leading run of the
// parts adds up to one of them exactly: which figure was meant cannot be
// told otherwise.
func findEnumerations(p para, figs []pfig) []Enumeration {
	if len(figs) == 0 {
		return nil // every enumeration has a figure for total
	}
	s := p.s
	ri := textruns.NewRuneIndex(s)
	depth := bracketDepth(p.rs)
	stops := nextStops(p.rs)
	// the figures that can be totals: outside brackets, not shares
	var elig []int
	for i := range figs {
		if figs[i].Unit != "%" && depth[figs[i].start] == 0 {
			elig = append(elig, i)
		}
	}
	nb := 0 // elig[:nb] end before the current cue (cues come in order)
	var out []Enumeration
	for _, m := range cueIndexAll(s) {
		cs, ce := ri.At(m[0]), ri.At(m[1])
		cue := s[m[0]:m[1]]
		for nb < len(elig) && figs[elig[nb]].end <= cs {
			nb++
		}
		// "共公布政府信息2599条(其中…条，…条)": the parts in brackets right
		// after their total
		open := bracketOpen(p.rs, cs)
		bracketed := cue == "其中" && depth[cs] == 1 && open >= 0
		if depth[cs] > 0 && !bracketed {
			continue
		}
		before := elig[:nb]
		if len(before) == 0 {
			continue
		}
		last := figs[before[len(before)-1]]
		if bracketed && !shortGap(p.rs[last.end:open]) {
			continue
		}
		sameSentence := bracketed || shortGap(p.rs[last.end:cs]) || nounGap(p.rs[last.end:cs])
		nextSentence := cue == "其中" && !sameSentence && afterSentenceEnd(p.rs, cs)
		if !sameSentence && !nextSentence {
			continue
		}
		var totals []pfig
		if sameSentence {
			totals = []pfig{last}
		} else {
			// every figure of the previous sentence
			for k := len(before) - 1; k >= 0; k-- {
				f := figs[before[k]]
				if k < len(before)-1 && hasStop(p.rs[f.end:figs[before[k+1]].start]) {
					break
				}
				totals = append(totals, f)
			}
		}
		// the sentence end, at most enumWindow runes on
		send := min(stops[ce], ce+enumWindow)
		partDepth := 0
		if bracketed {
			partDepth = 1
			send = min(send, bracketClose(p.rs, ce))
		}
		unit := totals[0].Unit
		var parts []Figure
		var partEnds []int
		partial := false
		lastEnd := ce
		first := sort.Search(len(figs), func(i int) bool { return figs[i].start >= ce })
		for i := first; i < len(figs) && len(parts) < maxParts; i++ {
			f := figs[i]
			if depth[f.start] != partDepth {
				continue
			}
			if f.start >= send {
				break
			}
			if figurelessClause(p.rs[lastEnd:f.from]) {
				// "…2 件;2024 年度部门预算…信息;…": items without counts
				// were listed, so the parts cannot add up to the total
				partial = true
				break
			}
			if len(parts) > 0 && newClauseBreaks(p.rs[lastEnd:f.from]) {
				// "…长城网17件；向“惠企利民直通车”推送…66件": after a
				// semicolon a clause that opens with a preposition or verb
				// is a new statement, not another item of the list
				break
			}
			lastEnd = f.end
			if f.Unit == "%" {
				continue
			}
			if sameSentence && f.Unit != unit {
				break
			}
			if nextSentence && len(parts) > 0 && f.Unit != parts[0].Unit {
				break
			}
			parts = append(parts, f.Figure)
			partEnds = append(partEnds, f.end)
			// a part that is itself followed by 其中 starts a new enumeration
			if next := strings.TrimLeft(string(p.rs[f.end:min(len(p.rs), f.end+3)]), "，,：: "); strings.HasPrefix(next, "其中") {
				break
			}
		}
		if len(parts) < 2 {
			continue
		}
		var total pfig
		found := false
		if sameSentence {
			total, found = totals[0], true
			if k := prefixTo(parts, total.Value); k > 0 {
				parts, partEnds = parts[:k], partEnds[:k]
			}
		} else {
			for _, t := range totals {
				if t.Unit != parts[0].Unit {
					continue
				}
				if k := prefixTo(parts, t.Value); k > 0 {
					total, found = t, true
					parts, partEnds = parts[:k], partEnds[:k]
					break
				}
			}
		}
		if !found {
			continue
		}
		textEnd := partEnds[len(partEnds)-1]
		e := Enumeration{
			Total:   total.Figure,
			Parts:   parts,
			Text:    strings.TrimSpace(string(p.rs[total.from:textEnd])),
			Page:    total.Page,
			Section: p.section,
			Cue:     cue,
			Partial: partial || figurelessClause(p.rs[textEnd:send]),
		}
		if bracketed {
			e.Text = strings.TrimSpace(string(p.rs[total.from:min(len(p.rs), send+1)]))
		}
		e.Complete = completeness(e, p.rs[cs:ce], p.rs[ce:min(len(p.rs), ce+4)], etcAfter(p.rs, textEnd, send))
		out = append(out, e)
	}
	out = append(out, bracketEnumerations(p, figs, depth)...)
	return append(out, outcomeLists(p, figs, depth, stops, out)...)
}

// handledWords mark the figure an outcome list breaks down: the
// applications answered or closed (答复, 办结), not those received.
var handledWords = []string{"答复", "办结", "办理完毕", "处理完毕"}

// outcomeLists pairs a list of the results of applications that names every
// kind of 办理结果 (予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理)
// without a cue ("…答复政府信息公开申请805件…。予以公开及部分公开258件，…；
// 其他处理0件。") with the figure of answered applications just before it (in
// the same or the previous sentence): such a list is the complete set of
// parts of that figure. Lists already paired through a cue are left alone.
func outcomeLists(p para, figs []pfig, depth []int, stops []int, have []Enumeration) []Enumeration {
	var out []Enumeration
	isOutcome := func(f pfig) bool {
		for _, kinds := range outcomeKinds {
			if containsAnyWord(f.Subject+f.Text, kinds) {
				return true
			}
		}
		return false
	}
	paired := map[int]bool{} // rune offsets of parts already in a cue enumeration
	for _, e := range have {
		for _, pt := range e.Parts {
			paired[pt.Line<<20|pt.Rune] = true
		}
	}
	for i := 0; i < len(figs); {
		f := figs[i]
		if f.Unit != "件" || depth[f.start] != 0 || !isOutcome(f) {
			i++
			continue
		}
		// the run of outcome figures of this sentence
		end := stops[f.start]
		first := i
		var run []pfig
		j := i
		for ; j < len(figs) && figs[j].start < end; j++ {
			g := figs[j]
			if depth[g.start] != 0 || g.Unit == "%" {
				continue
			}
			if g.Unit != "件" || !isOutcome(g) {
				break
			}
			run = append(run, g)
		}
		i = max(j, i+1)
		if len(run) < 2 || paired[run[0].Line<<20|run[0].Rune] {
			continue
		}
		parts := make([]Figure, len(run))
		for k, g := range run {
			parts[k] = g.Figure
		}
		probe := Enumeration{Parts: parts}
		if completeness(probe, nil, nil, false) != "outcomes" {
			continue
		}
		total, ok := handledTotal(p, figs[:first], depth, run[0])
		if !ok {
			continue
		}
		last := run[len(run)-1]
		e := Enumeration{
			Total:    total.Figure,
			Parts:    parts,
			Text:     strings.TrimSpace(string(p.rs[total.from:last.end])),
			Page:     total.Page,
			Section:  p.section,
			Complete: "outcomes",
		}
		out = append(out, e)
	}
	return out
}

// handledTotal is the figure of answered applications the outcome list
// starting at first breaks down: the last figure outside brackets before it
// (figs are the figures before first), in its sentence or the previous one,
// counted in 件 in a clause that says 答复/办结 and not 结转. It looks back
// over two sentences at most.
func handledTotal(p para, figs []pfig, depth []int, first pfig) (pfig, bool) {
	sentences := 0
	prevEnd := first.start
	for k := len(figs) - 1; k >= 0; k-- {
		f := figs[k]
		if f.end > first.start {
			continue
		}
		if hasStop(p.rs[f.end:prevEnd]) {
			sentences++
		}
		prevEnd = f.start
		if sentences > 1 {
			break
		}
		if depth[f.start] != 0 || f.Unit == "%" {
			continue
		}
		if f.Unit == "件" && containsAnyWord(f.Clause, handledWords) && !strings.Contains(f.Subject, "结转") {
			return f, true
		}
		return pfig{}, false
	}
	return pfig{}, false
}

// bracketNotes mark a bracket after a figure that compares or annotates
// rather than breaks the figure down ("（同比增长12件、上年8件）").
var bracketNotes = []string{"同比", "环比", "上年", "去年", "上一年", "较", "增长", "下降", "增加", "减少", "累计", "年度", "另有", "另外", "此外"}

// bracketEnumerations pairs a figure with the figures of a bracket right
// after it that has no cue of its own: "预决算公开197条（政府预决算32条、部门预
// 决算公开165条）" (a part of an outer list broken down in turn). The bracket
// must hold at least two figures, all in the figure's unit, and no words of
// comparison; a bracket opening with 其中 is paired by findEnumerations.
func bracketEnumerations(p para, figs []pfig, depth []int) []Enumeration {
	var out []Enumeration
	for i := 0; i < len(figs); i++ {
		t := figs[i]
		if t.Unit == "%" {
			continue
		}
		open := t.end
		for open < len(p.rs) && isSpaceRune(p.rs[open]) {
			open++
		}
		if open >= len(p.rs) || p.rs[open] != '（' && p.rs[open] != '(' {
			continue
		}
		// the closing bracket within enumWindow runes (a bracket left open
		// must not make every figure scan the rest of the paragraph)
		close := bracketClose(p.rs[:min(len(p.rs), open+1+enumWindow)], open+1)
		if close >= len(p.rs) || p.rs[close] != ')' && p.rs[close] != '）' {
			continue
		}
		inner := strings.TrimSpace(string(p.rs[open+1 : close]))
		if strings.HasPrefix(inner, "其中") || containsAnyWord(inner, bracketNotes) {
			continue
		}
		var parts []Figure
		mixed := false
		k := i + 1
		for ; k < len(figs) && figs[k].start < close; k++ {
			f := figs[k]
			if depth[f.start] != depth[open]+1 {
				continue
			}
			if f.Unit != t.Unit {
				mixed = true
				break
			}
			parts = append(parts, f.Figure)
		}
		if mixed || len(parts) < 2 {
			continue
		}
		e := Enumeration{
			Total:   t.Figure,
			Parts:   parts,
			Text:    strings.TrimSpace(string(p.rs[t.from:min(len(p.rs), close+1)])),
			Page:    t.Page,
			Section: p.section,
			Cue:     "（",
			Partial: figurelessClause(p.rs[open+1 : close]),
		}
		e.Complete = completeness(e, nil, p.rs[open+1:min(close, open+5)], etcAfter(p.rs, max(open+1, close-3), close))
		out = append(out, e)
	}
	return out
}

// enumWindow bounds how far after its cue an enumeration's parts are looked
// for, and maxParts how many: real lists are far shorter, and the bounds
// keep a page of text without sentence ends linear.
const (
	enumWindow = 2000
	maxParts   = 100
)

// sentenceStops end a sentence for enumerations.
const sentenceStops = "。！？!?\n"

// nextStops returns, for every rune index, the index of the next sentence
// stop at or after it (len(rs) when there is none).
func nextStops(rs []rune) []int {
	next := make([]int, len(rs)+1)
	next[len(rs)] = len(rs)
	for i := len(rs) - 1; i >= 0; i-- {
		if strings.ContainsRune(sentenceStops, rs[i]) {
			next[i] = i
		} else {
			next[i] = next[i+1]
		}
	}
	return next
}

func hasStop(rs []rune) bool {
	for _, r := range rs {
		if strings.ContainsRune(sentenceStops, r) {
			return true
		}
	}
	return false
}

// shortGap: between a figure and a cue, at most 4 runes once spaces are
// trimmed, none of them other than "，,：: " ("共81件，其中").
func shortGap(rs []rune) bool {
	n := 0
	for _, r := range rs {
		if isSpaceRune(r) {
			continue
		}
		if !strings.ContainsRune("，,：:", r) {
			return false
		}
		if n++; n > 4 {
			return false
		}
	}
	return true
}

// nounGap: between a figure and a cue, the noun phrase the figure counts
// and a comma ("共发布380条财政资金信息，其中…"): at most 12 runes, every word
// a noun, then one "，" or "：".
func nounGap(rs []rune) bool {
	t := strings.TrimSpace(string(rs))
	t = strings.TrimRight(t, " ")
	if !strings.HasSuffix(t, "，") && !strings.HasSuffix(t, ",") && !strings.HasSuffix(t, "：") && !strings.HasSuffix(t, ":") {
		return false
	}
	t = strings.TrimRight(t, "，,：: ")
	n := len([]rune(t))
	if n < 2 || n > 12 {
		return false
	}
	for _, r := range t {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	for _, tk := range tokens(t) {
		if !strings.HasPrefix(tk.pos, "n") {
			return false
		}
	}
	return true
}

// afterSentenceEnd: the last non-space rune before i is "。".
func afterSentenceEnd(rs []rune, i int) bool {
	for k := i - 1; k >= 0; k-- {
		if !isSpaceRune(rs[k]) {
			return rs[k] == '。'
		}
	}
	return false
}

func isSpaceRune(r rune) bool { return unicode.IsSpace(r) }

// bracketOpen returns the index of the opening bracket right before i
// (spaces aside), or -1.
func bracketOpen(rs []rune, i int) int {
	for k := i - 1; k >= 0; k-- {
		switch {
		case rs[k] == '(' || rs[k] == '（':
			return k
		case !isSpaceRune(rs[k]):
			return -1
		}
	}
	return -1
}

// bracketClose returns the index of the bracket closing the one open at i
// (len(rs) when unclosed).
func bracketClose(rs []rune, i int) int {
	d := 0
	for k := i; k < len(rs); k++ {
		switch rs[k] {
		case '(', '（':
			d++
		case ')', '）':
			if d == 0 {
				return k
			}
			d--
		}
	}
	return len(rs)
}

// etcAfter: the list ends with 等 ("…74件等"): it names only some parts.
func etcAfter(rs []rune, end, send int) bool {
	for k := end; k < send && k < end+3; k++ {
		if rs[k] == '等' {
			return true
		}
	}
	return false
}

// outcomeKinds are the five kinds of 办理结果 of table 三 as prose names
// them; parts naming all five are the complete set.
var outcomeKinds = [][]string{{"予以公开", "同意公开", "全部公开", "公开答复"}, {"部分公开"}, {"不予公开"}, {"无法提供"}, {"不予处理"}, {"其他处理"}}

// caseOutcomeKinds are the four results of table 四 (行政复议, 行政诉讼).
var caseOutcomeKinds = [][]string{{"维持"}, {"纠正"}, {"其他结果"}, {"尚未审结", "未审结"}}

// completeness says why an enumeration lists all the parts of its total,
// or "" when it may list only some: the cue says so (分别为, 均为), the last
// part is a catch-all (其他…, 其余…), or the parts are every kind of 办理结果.
// A list that ends with 等 ("…74件等") is complete only with a catch-all.
func completeness(e Enumeration, cue, afterCue []rune, etc bool) string {
	if e.Partial {
		return ""
	}
	c := string(cue)
	if etc {
		// only a catch-all makes a list ending in 等 complete
		c = ""
	}
	if c == "分别为" || c == "分别是" {
		return "cue"
	}
	if !etc && strings.HasPrefix(strings.TrimLeft(string(afterCue), "，,：: "), "均为") {
		return "cue"
	}
	last := e.Parts[len(e.Parts)-1]
	subj := strings.TrimLeft(last.Subject, "，,：: ")
	for _, w := range []string{"其他", "其余", "其它"} {
		if strings.HasPrefix(subj, w) || strings.Contains(last.Clause, "，"+w) || strings.HasPrefix(strings.TrimSpace(last.Clause), w) {
			// "其他处理" is one of the five results, not a catch-all
			if !strings.HasPrefix(subj, "其他处理") && !strings.HasPrefix(subj, "其他结果") {
				return "catch-all"
			}
		}
	}
	if etc {
		return ""
	}
	seen := 0
	for _, kinds := range outcomeKinds {
		for _, p := range e.Parts {
			if containsAnyWord(p.Subject+p.Text, kinds) {
				seen++
				break
			}
		}
	}
	if seen == len(outcomeKinds) {
		return "outcomes"
	}
	seen = 0
	for _, kinds := range caseOutcomeKinds {
		for _, p := range e.Parts {
			if containsAnyWord(p.Subject+p.Text, kinds) {
				seen++
				break
			}
		}
	}
	if seen == len(caseOutcomeKinds) {
		return "outcomes"
	}
	return ""
}

func containsAnyWord(s string, ws []string) bool {
	for _, w := range ws {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// prefixTo returns the length (at least 2) of the longest leading run of
// parts that adds up to total exactly, or 0.
func prefixTo(parts []Figure, total float64) int {
	acc, best := 0.0, 0
	for k := range parts {
		acc += parts[k].Value
		if k >= 1 && almostEqual(acc, total) {
			best = k + 1
		}
	}
	return best
}

// bracketDepth returns, for every rune, how many brackets enclose it.
func bracketDepth(rs []rune) []int {
	d := make([]int, len(rs)+1)
	cur := 0
	for i, r := range rs {
		if r == ')' || r == '）' {
			cur = max(0, cur-1)
		}
		d[i] = cur
		if r == '(' || r == '（' {
			cur++
		}
		if r == '\n' || r == '。' {
			cur = 0
		}
	}
	d[len(rs)] = cur
	return d
}

func almostEqual(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d < 1e-6
}

// figurelessClause reports whether rs holds a whole clause (between two
// ";" — text is NFKC-normalised, so "；" is ";") with no figure in it.
func figurelessClause(rs []rune) bool {
	// the first piece ends the previous item's clause and the last piece
	// begins the next item's; only the pieces between are whole clauses
	pieces := strings.Split(strings.ReplaceAll(string(rs), "；", ";"), ";")
	for i := 1; i < len(pieces)-1; i++ {
		c := strings.Trim(pieces[i], " ,，:：。等")
		if c != "" && !figureRe.MatchString(c) {
			return true
		}
	}
	return false
}

// newClauseBreaks reports whether the text between two figures crosses a
// semicolon into a clause that opens with a preposition, verb, adverb,
// pronoun or time word (a new statement rather than a list item).
func newClauseBreaks(rs []rune) bool {
	t := strings.ReplaceAll(string(rs), "；", ";")
	i := strings.LastIndex(t, ";")
	if i < 0 {
		return false
	}
	rest := strings.TrimLeft(t[i+1:], " ,，:：")
	if rest == "" {
		return false
	}
	toks := tokens(rest)
	if len(toks) == 0 {
		return false
	}
	switch toks[0].pos {
	case "p", "v", "d", "r", "t":
		return true
	}
	return false
}
