package prose

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/lazyre"
	"github.com/nianbao/nianbao/internal/textruns"
)

var (
	// 未/没有/不/无 + (optionally 向申请人) + a verb of receiving or
	// occurring, then the object up to the end of the clause.
	negVerbRe = lazyre.New(`(未|没有|不|无)\s*(?:向[^，。；,;]{1,8}?)?(收到|接到|发生|收取|产生|出现|受理|涉及)(?:过|了|任何)?([^，。；,;！？\n]*)`)
	// a bare 无 as a whole clause ("无。") or before 其他 ("无其他需要报告的事项")
	negBareRe = lazyre.New(`(?:^|[，。；：,;:\n\s])(无)(?:([。；;，,]|$)|(其他[^，。；,;\n]*))`)
	// leading words of an object that are not part of what is counted
	objLeadRe  = lazyre.New(`^(?:涉及|有关|关于|因|任何|过|了)+`)
	objTrailRe = lazyre.New(`(?:的情况|情况|等)$`)
	// "涉及政府信息公开的行政复议" → "行政复议"
	objOfRe = lazyre.New(`^.{0,12}?(?:政府信息公开|信息公开)(?:工作)?的`)
)

// findNegations returns the negations stated in the paragraph as Figures
// with Value 0, Negated set and no unit. "未发生行政复议、行政诉讼案件"
// gives one negation per conjunct (行政复议案件, 行政诉讼案件).
func findNegations(p para, lines []Line) []Figure {
	s := p.s
	ri := textruns.NewRuneIndex(s)
	var out []Figure
	add := func(cue string, subj string, bstart, bend int) {
		start, end := ri.At(bstart), ri.At(bend)
		for _, sub := range splitConjuncts(subj) {
			f := Figure{Negated: true, Cue: cue, Subject: sub, Section: p.section}
			f.Text = strings.TrimSpace(string(p.rs[start:end]))
			if start < len(p.line) {
				f.Line, f.Rune = int(p.line[start]), int(p.off[start])
			}
			f.Page = pageOf(lines, f.Line)
			out = append(out, f)
		}
	}
	// every match of negVerbRe holds 未, 没, 不 or 无, of negBareRe 无:
	// looked for first (text without them is not searched)
	var verbMatches, bareMatches [][]int
	if strings.ContainsAny(s, "未没不无") {
		verbMatches = negVerbRe.FindAllStringSubmatchIndex(s, -1)
	}
	if strings.Contains(s, "无") {
		bareMatches = negBareRe.FindAllStringSubmatchIndex(s, -1)
	}
	for _, m := range verbMatches {
		neg := s[m[2]:m[3]]
		verb := s[m[4]:m[5]]
		obj := cleanObject(s[m[6]:m[7]])
		if neg == "无" && m[2] > 0 {
			// "无" glued to a preceding word is not a negation cue
			// ("有无收到"); accept it at a clause start or after a year.
			last, _ := utf8.DecodeLastRuneInString(s[:m[2]])
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
	for _, m := range bareMatches {
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

// sortFigures orders figures by line and rune (stable: O(n log n), a
// paragraph may hold thousands).
func sortFigures(fs []Figure) {
	slices.SortStableFunc(fs, func(a, b Figure) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Rune - b.Rune
	})
}
