package prose

import (
	"regexp"
	"strings"
)

var (
	// 未/没有/不/无 + (optionally 向申请人) + a verb of receiving or
	// occurring, then the object up to the end of the clause.
	negVerbRe = regexp.MustCompile(`(未|没有|不|无)\s*(?:向[^，。；,;]{1,8}?)?(收到|接到|发生|收取|产生|出现|受理|涉及)(?:过|了|任何)?([^，。；,;！？\n]*)`)
	// a bare 无 as a whole clause ("无。") or before 其他 ("无其他需要报告的事项")
	negBareRe = regexp.MustCompile(`(?:^|[，。；：,;:\n\s])(无)(?:([。；;，,]|$)|(其他[^，。；,;\n]*))`)
	// leading words of an object that are not part of what is counted
	objLeadRe  = regexp.MustCompile(`^(?:涉及|有关|关于|因|任何|过|了)+`)
	objTrailRe = regexp.MustCompile(`(?:的情况|情况|等)$`)
	// "涉及政府信息公开的行政复议" → "行政复议"
	objOfRe = regexp.MustCompile(`^.{0,12}?(?:政府信息公开|信息公开)(?:工作)?的`)
)

// findNegations returns the negations stated in the paragraph as Figures
// with Value 0, Negated set and no unit. "未发生行政复议、行政诉讼案件"
// gives one negation per conjunct (行政复议案件, 行政诉讼案件).
func findNegations(p para, lines []Line) []Figure {
	s := string(p.rs)
	ri := byteToRune(s)
	var out []Figure
	add := func(cue string, subj string, bstart, bend int) {
		start, end := ri[bstart], ri[bend]
		for _, sub := range splitConjuncts(subj) {
			f := Figure{Negated: true, Cue: cue, Subject: sub, Section: p.section}
			f.Text = strings.TrimSpace(string(p.rs[start:end]))
			if start < len(p.line) {
				f.Line, f.Rune = p.line[start], p.off[start]
			}
			f.Page = pageOf(lines, f.Line)
			out = append(out, f)
		}
	}
	for _, m := range negVerbRe.FindAllStringSubmatchIndex(s, -1) {
		neg := s[m[2]:m[3]]
		verb := s[m[4]:m[5]]
		obj := cleanObject(s[m[6]:m[7]])
		if neg == "无" && m[2] > 0 {
			// "无" glued to a preceding word is not a negation cue
			// ("有无收到"); accept it at a clause start or after a year.
			prev := []rune(s[:m[2]])
			last := prev[len(prev)-1]
			if !strings.ContainsRune("，。；：,;:\n 年", last) {
				continue
			}
		}
		if neg == "不" && verb != "收取" {
			continue // 不涉及… is rarely a countable fact; 不收取 is
		}
		if obj == "" {
			continue
		}
		add(neg+verb, obj, m[0], m[1])
	}
	for _, m := range negBareRe.FindAllStringSubmatchIndex(s, -1) {
		obj := ""
		end := m[3]
		if m[6] >= 0 {
			obj = cleanObject(s[m[6]:m[7]])
			end = m[7]
		} else if p.section == 6 {
			obj = "其他需要报告的事项"
		}
		if obj == "" {
			continue
		}
		add("无", obj, m[2], end)
	}
	sortFigures(out)
	return out
}

func cleanObject(o string) string {
	o = strings.TrimSpace(o)
	o = objLeadRe.ReplaceAllString(o, "")
	o = objOfRe.ReplaceAllString(o, "")
	o = objTrailRe.ReplaceAllString(o, "")
	// a verb left at the front ("收取信息处理费")
	for _, v := range []string{"收取", "收到", "发生", "产生"} {
		o = strings.TrimPrefix(o, v)
	}
	return strings.TrimSpace(o)
}

// splitConjuncts splits "行政复议、行政诉讼案件" into "行政复议案件" and
// "行政诉讼案件": the head noun of the last conjunct is shared.
func splitConjuncts(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '、' || r == '和' || r == '及' })
	if len(parts) < 2 {
		return []string{s}
	}
	head := ""
	for _, h := range []string{"案件", "事项", "申请"} {
		if strings.HasSuffix(parts[len(parts)-1], h) {
			head = h
		}
	}
	out := make([]string, 0, len(parts))
	for i, p := range parts {
		if p == "" {
			continue
		}
		if i < len(parts)-1 && head != "" && !strings.HasSuffix(p, head) {
			p += head
		}
		out = append(out, p)
	}
	return out
}

func sortFigures(fs []Figure) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && (fs[j].Line < fs[j-1].Line || fs[j].Line == fs[j-1].Line && fs[j].Rune < fs[j-1].Rune); j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

// ---- enumerations ----

// enumCueRe introduces the parts of a total.
var enumCueRe = regexp.MustCompile(`其中|包括|分别为|分别是|具体为|涉及`)

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
	s := string(p.rs)
	ri := byteToRune(s)
	depth := bracketDepth(p.rs)
	var out []Enumeration
	for _, m := range enumCueRe.FindAllStringIndex(s, -1) {
		cs, ce := ri[m[0]], ri[m[1]]
		cue := s[m[0]:m[1]]
		if depth[cs] > 0 {
			continue
		}
		// the figures before the cue, outside brackets
		var before []int
		for i := range figs {
			if figs[i].end <= cs && figs[i].Unit != "%" && depth[figs[i].start] == 0 {
				before = append(before, i)
			}
		}
		if len(before) == 0 {
			continue
		}
		last := figs[before[len(before)-1]]
		gap := strings.TrimSpace(string(p.rs[last.end:cs]))
		sameSentence := runeLen(strings.Trim(gap, "，,：: ")) == 0 && runeLen(gap) <= 4
		nextSentence := cue == "其中" && !sameSentence && strings.HasSuffix(strings.TrimSpace(string(p.rs[:cs])), "。")
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
				if k < len(before)-1 && strings.ContainsAny(string(p.rs[f.end:figs[before[k+1]].start]), "。！？!?\n") {
					break
				}
				totals = append(totals, f)
			}
		}
		// the sentence end
		send := len(p.rs)
		for k := ce; k < len(p.rs); k++ {
			if strings.ContainsRune("。！？!?\n", p.rs[k]) {
				send = k
				break
			}
		}
		unit := totals[0].Unit
		var parts []Figure
		var partEnds []int
		partial := false
		lastEnd := ce
		for i := range figs {
			f := figs[i]
			if f.start < ce || depth[f.start] > 0 {
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
		out = append(out, Enumeration{
			Total:   total.Figure,
			Parts:   parts,
			Text:    strings.TrimSpace(string(p.rs[total.from:textEnd])),
			Page:    total.Page,
			Section: p.section,
			Cue:     cue,
			Partial: partial || figurelessClause(p.rs[textEnd:send]),
		})
	}
	return out
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

func sum(fs []Figure) float64 {
	t := 0.0
	for _, f := range fs {
		t += f.Value
	}
	return t
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
