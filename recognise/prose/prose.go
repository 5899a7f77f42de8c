// Package prose finds the figures a report states in its prose (number +
// unit + the noun phrase it counts), the negations it states as facts
// (未收到政府信息公开申请, 未收取信息处理费, 无) and the enumerations of a
// total and its parts (共19件，其中网络申请15件、信函申请4件).
//
// Words come from github.com/go-ego/gse with a small dictionary of our own
// (dict.txt), loaded once on first use.
package prose

import (
	"context"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/lazyre"
	"github.com/nianbao/nianbao/internal/textruns"
	"github.com/nianbao/nianbao/recognise/outline"
)

// Line is one body line (text blocks only).
type Line = outline.Line

// Figure is a number stated in the prose with its unit and what it counts.
// 万/亿 are multiplied out (4.3万余篇 → 43000 篇, Approx) except in money,
// where the unit stays as written (万元, 亿元).
// The first six fields are those of recognise.Figure.
type Figure struct {
	Value   float64
	Unit    string // 条, 件, 次, 万元, %, …; empty for a negation
	Subject string // the noun phrase it counts, e.g. "主动公开政府信息"
	Text    string // the source text span
	Page    int
	Section int
	// Added: Negated marks a fact stated as a negation (未收到…, 无…):
	// Value is 0 and Cue holds the negating words. Unit is empty for a
	// negation without a number ("未收到政府信息公开申请"); a zero written
	// with its unit in a negative clause ("无行政复议案件0件") keeps it.
	Negated bool
	Cue     string
	// Clause is the clause the figure stands in, from the previous clause
	// stop to the unit: "全年共收到政府信息公开申请132件". It keeps the verb
	// the Subject leaves out (收到, 办结, 受理).
	Clause string
	// Approx: "400余篇", "1300多条", "约…", "近…", "超过…", "逾…".
	Approx bool
	// Comparative: the figure compares with another period (同比, 环比,
	// 较上年, 增长, 减少 …) rather than counting this year's cases.
	Comparative bool
	// Line and Rune locate the number (or the cue) in the input lines.
	Line int
	Rune int
	// About lists the template quantities the figure states, as
	// recognised from its subject, text, clause and unit (filled by
	// recognise.Topics, not by this package).
	About []About
}

// About is one template quantity a figure states (template.Topic).
type About struct {
	Topic string // template.Topic name: "t3.new", "t4.review", "t2.normative.repealed" …
	// Loose: the figure's text names another quantity as well (收到并办结,
	// 含结转 …): it may state the topic, so a figure equal to the table
	// confirms it, but a different value does not contradict it.
	Loose bool
	// PlusCarried: the text says the count may include the applications
	// carried over from the previous year (结转).
	PlusCarried bool
}

// Enumeration is a stated total with its stated parts. The first five
// fields are those of recognise.Enumeration.
type Enumeration struct {
	Total   Figure
	Parts   []Figure
	Text    string
	Page    int
	Section int
	// Added: Cue is the word that introduces the parts (其中, 包括, 分别为,
	// 涉及). Partial is set when the sentence also lists items without a
	// count, so the parts are not meant to add up to the total.
	Cue     string
	Partial bool
	// Complete says why the parts are all the parts of the total, so that
	// parts adding up to less are an error too: "cue" (分别为, 均为),
	// "catch-all" (the last part is 其他…/其余…), "outcomes" (every kind of
	// 办理结果); empty when the list may name only some parts.
	Complete string
}

// para is a run of lines of one section joined into one string, with the
// line and rune of every rune of the joined text.
type para struct {
	s       string // string(rs)
	rs      []rune
	line    []int32 // line index (int32: half the memory of a long text)
	off     []int32 // rune index in the line
	section int
}

var headingLineRe = lazyre.New(`^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+\s*[、.．])`)

// paragraphs joins the lines of each section. A line break is dropped when
// the line does not end a sentence (PDF and Markdown wrap lines in the middle
// of words); it is kept as a separator after a sentence end or a heading.
func paragraphs(lines []Line, sectionOf func(int) int) []para {
	secs := make([]int, len(lines))
	if sectionOf != nil {
		for i := range lines {
			secs[i] = sectionOf(i)
		}
	}
	var out []para
	var cur *para
	var text []byte // cur's string(rs), written as the runes are
	for i, l := range lines {
		sec := secs[i]
		if cur == nil || cur.section != sec {
			if cur != nil {
				cur.s = string(text)
			}
			out = append(out, para{section: sec})
			cur = &out[len(out)-1]
			// room for the runes of the section's lines and a separator
			// after each: the arrays are filled without growing
			n, nb := 0, 0
			for k := i; k < len(lines) && secs[k] == sec; k++ {
				n += utf8.RuneCountInString(lines[k].Text) + 1
				nb += len(lines[k].Text) + 1
			}
			text = make([]byte, 0, nb)
			cur.rs = make([]rune, 0, n)
			cur.line = make([]int32, 0, n)
			cur.off = make([]int32, 0, n)
		} else if len(cur.rs) > 0 {
			prev := lines[i-1].Text
			last := lastNonSpace(cur.rs)
			if breaksAfter(prev, last) {
				cur.rs = append(cur.rs, '\n')
				text = append(text, '\n')
			} else if numbersApart(last, l.Text) {
				cur.rs = append(cur.rs, ' ')
				text = append(text, ' ')
			}
			if len(cur.rs) > 0 && (cur.rs[len(cur.rs)-1] == '\n' || cur.rs[len(cur.rs)-1] == ' ') {
				cur.line = append(cur.line, int32(i))
				cur.off = append(cur.off, 0)
			}
		}
		k := 0
		for _, r := range l.Text {
			cur.rs = append(cur.rs, r)
			cur.line = append(cur.line, int32(i))
			cur.off = append(cur.off, int32(k))
			k++
		}
		if utf8.ValidString(l.Text) {
			text = append(text, l.Text...)
		} else {
			for _, r := range l.Text {
				text = utf8.AppendRune(text, r)
			}
		}
	}
	if cur != nil {
		cur.s = string(text)
	}
	return out
}

// BreaksAfter reports whether the line break after line is kept: the line
// ends a sentence or is a heading. Otherwise the text goes on in the next
// line (PDF and Markdown wrap lines in the middle of sentences).
func BreaksAfter(line string) bool { return breaksAfter(line, lastNonSpace([]rune(line))) }

// breaksAfter is BreaksAfter with the last non-space rune before the break
// (of the paragraph so far: the line may be blank).
func breaksAfter(line string, last rune) bool {
	return strings.ContainsRune("。！？；;!?：:", last) || headingLineRe.MatchString(line) &&
		utf8.RuneCountInString(strings.TrimSpace(line)) <= 40 && !strings.ContainsAny(line, "。，,；;")
}

func lastNonSpace(rs []rune) rune {
	for i := len(rs) - 1; i >= 0; i-- {
		if !unicode.IsSpace(rs[i]) && rs[i] != '\u3000' {
			return rs[i]
		}
	}
	return 0
}

// Join joins a line to the line that wraps it: directly, or with a space
// when both sides are digits (two numbers wrapped apart stay two).
func Join(prev, next string) string {
	if numbersApart(lastNonSpace([]rune(prev)), next) {
		return prev + " " + next
	}
	return prev + next
}

// numbersApart: the text before a wrap ends with the digit last and the
// next line starts with one.
func numbersApart(last rune, next string) bool { return isDigit(last) && startsWithDigit(next) }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func startsWithDigit(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && isDigit(rune(s[0]))
}

// Figures returns the figures (negations included, Negated set) and the
// enumerations stated in the lines. sectionOf gives the section (0…6) of a
// line index; it may be nil. Lines should not span two sections
// (outline.Split).
func Figures(lines []Line, sectionOf func(line int) int) (figs []Figure, enums []Enumeration) {
	figs, enums, _ = FiguresContext(context.Background(), lines, sectionOf)
	return figs, enums
}

// FiguresContext is Figures that stops between paragraphs when ctx is
// cancelled and returns ctx.Err() with what it found so far.
func FiguresContext(ctx context.Context, lines []Line, sectionOf func(line int) int) (figs []Figure, enums []Enumeration, err error) {
	for _, p := range paragraphs(lines, sectionOf) {
		if err := ctx.Err(); err != nil {
			return figs, enums, err
		}
		pf := findFigures(p, lines)
		pn := findNegations(p, lines)
		enums = append(enums, findEnumerations(p, pf)...)
		plain := make([]Figure, len(pf))
		for i := range pf {
			plain[i] = pf[i].Figure
		}
		figs = append(figs, mergeByPos(plain, pn)...)
	}
	return figs, enums, nil
}

func mergeByPos(a, b []Figure) []Figure {
	out := make([]Figure, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j >= len(b) || i < len(a) && (a[i].Line < b[j].Line || a[i].Line == b[j].Line && a[i].Rune <= b[j].Rune) {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	return out
}

// ---- figures ----

// unitAlt lists the units, longest first.
const unitAlt = `人次|个百分点|元|%|％|条|件|次|篇|个|期|场次|场|项|家|份|批|人|名|起|宗|例|部|户|封|余`

var (
	// a number: Arabic (thousands separators allowed, decimals) or Chinese
	// numerals; then 余/多, a 万/亿 multiplier, and a unit.
	figureRe = lazyre.New(`([0-9]{1,3}(?:[,，][0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千]+)\s*(余|多)?\s*(万|亿)?\s*(余|多)?\s*(` + unitAlt + `)`)
	// units a Chinese numeral may take
	cnUnits = "件条次篇起宗例"
	// figureRe's matches are made of digits, separators, Chinese numerals,
	// white space, 余多万亿 and the runes of the units, and hold a number
	// and a unit: it is run on those stretches only (textruns.Runs)
	figureRuns = textruns.Runs{
		In: func(r rune) bool {
			return textruns.Digit(r) || textruns.Space(r) || strings.ContainsRune(figureRunes, r)
		},
		Need: func(run string) bool {
			return strings.ContainsAny(run, "0123456789零〇一二两三四五六七八九十百千") && strings.ContainsAny(run, unitRunes)
		},
	}
)

// figureRunes are the runes of figureRe's matches besides digits and
// white space; unitRunes those of its units.
var (
	unitRunes   = strings.ReplaceAll(unitAlt, "|", "")
	figureRunes = ",，.零〇一二两三四五六七八九十百千余多万亿" + unitRunes
)

// clauseStop are runes that end a subject phrase going backwards.
const clauseStop = "，,。；;：:！？!?、（）()《》“”\"\n"

func findFigures(p para, lines []Line) []pfig {
	s := p.s
	ri := textruns.NewRuneIndex(s)
	var out []pfig
	for _, m := range figureRuns.FindAll(figureRe.Compiled(), s) {
		numS := s[m[2]:m[3]]
		unit := s[m[10]:m[11]]
		if unit == "余" { // "余" alone is not a unit
			continue
		}
		start, end := ri.At(m[0]), ri.At(m[1])
		var prev rune
		if start > 0 {
			prev = p.rs[start-1]
		}
		if prev == '第' || chineseNumBefore(p.rs, start, numS) || prev == '.' || isDigit(prev) || prev < 128 && unicode.IsLetter(prev) {
			continue // ordinal (第五十条) or the tail of a longer token
		}
		chinese := !isDigit(rune(numS[0]))
		if chinese {
			if !strings.Contains(cnUnits, unit) {
				continue
			}
			if end < len(p.rs) && strings.ContainsRune("性龙事化体", p.rs[end]) {
				continue // 一次性, 一条龙, 一件事
			}
		}
		if inFlattenedTable(p.rs, start) {
			continue // a table cell glued into the text; the table recogniser reads it
		}
		v, ok := parseNumber(numS)
		if !ok {
			continue
		}
		if m[6] >= 0 {
			mult := s[m[6]:m[7]]
			switch {
			case unit == "元":
				// money keeps its unit as the tables write it: 万元, 亿元
				unit = mult + unit
			case mult == "万":
				v = math.Round(v*1e4*1e6) / 1e6
			case mult == "亿":
				v = math.Round(v*1e8*1e6) / 1e6
			}
		}
		if unit == "％" {
			unit = "%"
		}
		approx := m[4] >= 0 || m[8] >= 0
		subjEnd := start
		subj, subjFrom, clauseFrom, about := subject(p.rs[:subjEnd], unit)
		if about {
			approx = true
		}
		textEnd := end
		if after, n := nounAfter(p.rs[end:]); after != "" {
			// "市科委有 1 件涉及政府信息公开工作的行政复议", "在主动公开的61条政府信息中":
			// the number comes before the noun it counts
			switch {
			case subj == "" || !hasDictNoun(subj):
				subj, subjFrom, textEnd = after, start, end+n
			case strings.HasSuffix(strings.TrimSpace(string(p.rs[max(0, start-2):start])), "的"):
				subj += "的" + after
				textEnd = end + n
			}
		}
		if runeLen(subj) == 1 && !hasDictNoun(subj) {
			subj = "" // a stray character ("本报告分6个部分" → "分") says nothing
		}
		if subj == "" && unit == "%" && len(out) > 0 {
			// "予以公开42件，占51.85%": the share of the previous figure
			last := out[len(out)-1]
			gap := strings.TrimSpace(string(p.rs[min(subjEnd, last.end):subjEnd]))
			if strings.Trim(gap, "，,占约为比()（）") == "" {
				subj = last.Subject
			}
		}
		if chinese && (runeLen(subj) < 2 || start > 0 && p.rs[start-1] == '等') {
			continue // "等六个部分": the numeral counts what follows
		}
		f := Figure{Value: v, Unit: unit, Subject: subj, Approx: approx, Section: p.section}
		f.Text = strings.TrimSpace(string(p.rs[min(subjFrom, start):textEnd]))
		f.Clause = strings.TrimSpace(string(p.rs[min(clauseFrom, subjFrom, start):textEnd]))
		f.Approx = f.Approx || approxTextRe.MatchString(f.Text)
		f.Comparative = containsAnyWord(f.Subject+f.Text, comparativeWords) || containsAnyWord(f.Clause, periodWords)
		if v == 0 {
			// "申请数为零件", "没有…0件": a zero stated as a negation
			if cue := zeroNegation(f.Text); cue != "" {
				f.Negated, f.Cue = true, cue
			}
		}
		f.Line, f.Rune = int(p.line[start]), int(p.off[start])
		f.Page = pageOf(lines, f.Line)
		out = append(out, pfig{Figure: f, start: start, end: end, from: min(subjFrom, start)})
	}
	return out
}

var (
	// approxTextRe marks an approximate figure in its text: 400余件, 1300多条,
	// 约50件, 近百件, 超过…, 逾….
	approxTextRe = lazyre.New(`[0-9]\s*(余|多)|(约|近|超过|逾)\s*[0-9]`)
	// zeroNegationRe: the negating words of a zero figure's text.
	zeroNegationRe = lazyre.New(`未|没有|无法?|零`)
	// comparativeWords mark a figure that compares with another period.
	comparativeWords = []string{"同比", "环比", "增长", "下降", "减少", "增加", "较上年", "比上年", "较去年", "比去年", "较上一年", "比上一年"}
	// periodWords name the other period anywhere in the figure's clause
	// ("收到申请较上年增加5件": the subject stops before 较上年).
	periodWords = []string{"同比", "环比", "较上年", "比上年", "较去年", "比去年", "较上一年", "比上一年"}
)

// zeroNegation returns the negating word in a zero figure's text, or "":
// 无法 (无法提供, one of the results of table 三) does not negate.
func zeroNegation(text string) string {
	for _, m := range zeroNegationRe.FindAllString(text, -1) {
		if m != "无法" {
			return m
		}
	}
	return ""
}

// tableHeaders are column headers of the template tables. A number shortly
// after one of them, with no sentence end between, is a cell of a table
// that a crawler flattened into the text ("…采购总金额政府集中采购
// 13575394432.52元"), not a figure of the prose.
var tableHeaders = []string{"信息内容", "采购项目数量", "采购总金额", "上一年项目数量", "处理决定数量", "本年新制作数量",
	"本年新公开数量", "对外公开总数量", "本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "申请人情况"}

func inFlattenedTable(rs []rune, start int) bool {
	from := start
	for from > 0 && start-from < 80 && !strings.ContainsRune("。！？!?\n", rs[from-1]) {
		from--
	}
	back := string(rs[from:start])
	for _, h := range tableHeaders {
		if strings.Contains(back, h) {
			return true
		}
	}
	return false
}

// afterLeadRe skips "涉及…的" between a number and the noun it counts.
var afterLeadRe = lazyre.New(`^\s*(?:涉及[^，,。；;]{0,16}?的)?`)

// nounAfter returns the noun phrase that directly follows a unit when it
// contains a dictionary noun ("件涉及政府信息公开工作的行政复议" →
// "行政复议"), or "", with the number of runes of rest it spans.
func nounAfter(rest []rune) (string, int) {
	if len(rest) == 0 {
		return "", 0
	}
	r := string(rest[:min(len(rest), 30)])
	lead := afterLeadRe.FindString(r)
	r = r[len(lead):]
	if i := strings.IndexAny(r, clauseStop); i >= 0 {
		r = r[:i]
	}
	if r == "" {
		return "", 0
	}
	toks := tokens(r)
	last := -1
	for k, t := range toks {
		if !contentToken(t) || t.text == "的" {
			break
		}
		if t.pos == "n" || t.pos == "nz" {
			last = k
		}
	}
	if last < 0 {
		return "", 0
	}
	n := runeLen(lead)
	for _, t := range toks[:last+1] {
		n += runeLen(t.text)
	}
	return joinTokens(toks[:last+1]), n
}

// hasDictNoun reports whether s contains a noun of our dictionary.
func hasDictNoun(s string) bool {
	for _, t := range tokens(s) {
		if t.pos == "n" || t.pos == "nz" || t.pos == "vn" {
			return true
		}
	}
	return false
}

// pfig is a figure with its offsets in the paragraph.
type pfig struct {
	Figure
	start, end int // runes of the number and unit in para.rs
	from       int // where the subject starts (start when there is none)
}

func runeLen(s string) int { return len([]rune(s)) }

func pageOf(lines []Line, i int) int {
	if i >= 0 && i < len(lines) {
		return lines[i].Page
	}
	return 0
}

func parseNumber(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	if isDigit(rune(s[0])) {
		s = thousandsSep.Replace(s)
		v, err := strconv.ParseFloat(s, 64)
		return v, err == nil
	}
	return parseChinese(s)
}

var cnDigit = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// parseChinese reads 一, 十二, 二十三, 一百零五, 三千.
func parseChinese(s string) (float64, bool) {
	total, cur := 0, 0
	for _, r := range s {
		if d, ok := cnDigit[r]; ok {
			cur = d
			continue
		}
		mult := 0
		switch r {
		case '十':
			mult = 10
		case '百':
			mult = 100
		case '千':
			mult = 1000
		default:
			return 0, false
		}
		if cur == 0 {
			cur = 1
		}
		total += cur * mult
		cur = 0
	}
	return float64(total + cur), true
}

// subject returns the noun phrase that ends right before a number: the
// clause before it, segmented, minus leading verbs/adverbs/pronouns/time
// words and trailing 共/共计/达/为/占 …. from is the rune index in before
// where the phrase starts; about is set when 约 was skipped.
func subject(before []rune, unit string) (subj string, from, clauseFrom int, about bool) {
	// the clause: back to the previous stop rune, at most 40 runes; a 、
	// between two nouns ("财政预算、决算报告") does not end it, a 、 after a
	// figure ("行政复议案件2件、行政诉讼案件7件") does.
	i := len(before)
	// a bracketed note right before the number belongs to the noun before
	// it: "河北省效能监督平台（国家政务服务平台、…）242件"
	end := len(before)
	if k := len(before) - 1; k >= 0 && (before[k] == ')' || before[k] == '）') {
		for o := k - 1; o >= 0 && k-o < 80; o-- {
			if before[o] == '(' || before[o] == '（' {
				end, i = o, o
				break
			}
		}
	}
	for i > 0 && end-i < 40 {
		r := before[i-1]
		if r == '、' && !endsWithFigure(before[:i-1]) {
			i--
			continue
		}
		if strings.ContainsRune(clauseStop, r) {
			break
		}
		i--
	}
	clauseFrom = i
	clause := string(before[i:end])
	if strings.TrimSpace(clause) == "" {
		return "", len(before), clauseFrom, false
	}
	toks := tokens(clause)
	// drop trailing fillers
	k := len(toks)
	for k > 0 {
		t := toks[k-1]
		if strings.TrimSpace(t.text) == "" || trailingSkip[t.text] || t.pos == "q" && t.text == unit {
			if t.text == "约" {
				about = true
			}
			k--
			continue
		}
		break
	}
	j := k
	if k < len(toks) && (j == 0 || !contentToken(toks[j-1])) {
		// nothing but a verb before the number ("办结 1191 件"): the verb
		// says what was counted
		if t := toks[k]; trailingVerb[t.text] {
			return t.text, i + runeLen(joinTokens(toks[:k])), clauseFrom, about
		}
	}
	for j > 0 {
		t := toks[j-1]
		if !contentToken(t) {
			break
		}
		if runeLen(joinTokens(toks[j-1:k])) > 24 {
			break
		}
		j--
	}
	// trim connectors at the edges
	for j < k && edgeTrim[toks[j].text] {
		j++
	}
	for k > j && edgeTrim[toks[k-1].text] {
		k--
	}
	from = i
	for _, t := range toks[:j] {
		from += runeLen(t.text)
	}
	sub := joinTokens(toks[j:k])
	if sub == "" {
		from = len(before)
	}
	return sub, from, clauseFrom, about
}

// endsWithFigure reports whether rs ends with a number and a unit.
func endsWithFigure(rs []rune) bool {
	for k := len(rs) - 1; k >= 0 && k >= len(rs)-4; k-- {
		if isDigit(rs[k]) {
			return true
		}
	}
	return false
}

var trailingSkip = map[string]bool{
	"共": true, "共计": true, "合计": true, "累计": true, "总计": true, "约": true, "达": true, "达到": true,
	"为": true, "计": true, "占": true, "分别为": true, "有": true, "是": true, "近": true, "超": true, "超过": true,
	"均": true, "分别": true, "了": true, "各": true,
	// a verb after the noun: "动态类信息发布1744条"
	"发布": true, "推送": true, "编发": true, "受理": true, "办结": true, "报送": true,
}

var trailingVerb = map[string]bool{"发布": true, "推送": true, "编发": true, "受理": true, "办结": true, "报送": true}

// chineseNumBefore rejects a Chinese numeral after 届/第 ("十届二次全会").
func chineseNumBefore(rs []rune, start int, num string) bool {
	if start == 0 || isDigit(rune(num[0])) {
		return false
	}
	return strings.ContainsRune("届第", rs[start-1])
}

var edgeTrim = map[string]bool{"的": true, "之": true, "、": true, "及": true, "和": true, "与": true, "以及": true, "或": true, "等": true, "上": true}

func contentToken(t token) bool {
	switch t.pos {
	case "n", "nz", "vn", "a", "u":
		return true
	case "c":
		return t.text == "及" || t.text == "和" || t.text == "与" || t.text == "以及" || t.text == "或"
	case "x":
		if t.text == "、" {
			return true
		}
		// unknown: Han characters are content; digits and punctuation not
		for _, r := range t.text {
			if !unicode.Is(unicode.Han, r) {
				return false
			}
		}
		return t.text != ""
	}
	return false
}

func joinTokens(ts []token) string {
	var sb strings.Builder
	for _, t := range ts {
		sb.WriteString(t.text)
	}
	return strings.TrimSpace(sb.String())
}

// thousandsSep removes the thousands separators of a number (a Replacer is
// built once: it is safe for concurrent use).
var thousandsSep = strings.NewReplacer(",", "", "，", "")
