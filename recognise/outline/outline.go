// Package outline finds the skeleton of a 政府信息公开工作年度报告 in its body
// text: title, issuing body, the year reported on (and every year the text
// mentions, so rules can compare them), a publication date stated in the
// text, the six statutory sections and the template notice the text cites.
//
// Headings are found anywhere in the text, not only at line starts: crawler
// dumps glue a whole report into a few lines. Positions are (line, rune
// offset) so that a caller can split lines at section boundaries (Split).
package outline

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/lazyre"
	"github.com/nianbao/nianbao/internal/textruns"
)

// Section is one of the six statutory parts as found in the body.
type Section struct {
	N       int
	Present bool
	// Heading is the heading as written (numeral included, white space
	// removed); empty when absent.
	Heading string
	// Numeral is the number the heading carries (一 → 1); it differs from N
	// in layouts that renumber the parts (Shanghai: tables as an appendix
	// numbered 一、二、三).
	Numeral int
	// Bracketed: the numeral was written "（五）" rather than "五、".
	Bracketed bool
	// Standard: the wording (after the numeral) is the template wording
	// exactly; Similarity is the weighted similarity to the closest accepted
	// wording (1 = template wording).
	Standard   bool
	Similarity float64
	Page       int
	Start      Pos // where the heading starts
	BodyStart  Pos // just after the heading
	End        Pos // where the next section starts, or the end of the body
	// Text is the section body (heading excluded) with line breaks as "\n".
	Text string
	// Implicit: the part has no heading of its own; its content begins at
	// a sub-heading (Heading) that says what the part is about: Shanghai
	// reports put "（一）主要问题 （二）改进情况" after table 四 with no
	// 五、 heading.
	Implicit bool
}

// YearMention is a "YYYY年" in the text.
type YearMention struct {
	Year int
	// Where: "title", "period" (the statistics period), "heading" (inside a
	// section heading), "date" (a full date such as a signature date) or
	// "body".
	Where string
	Pos   Pos // zero for the title
	// Context is a little of the surrounding text.
	Context string
}

// Outline is what Find returns.
type Outline struct {
	Title string
	// TitleFrom: "meta" or "text"; empty when no title was found.
	TitleFrom string
	// TitlePage is the page of the title's first line when it was read
	// from the text; 0 otherwise.
	TitlePage int
	Issuer    string
	// IssuerFrom: "title", "meta" or "signature".
	IssuerFrom string
	// Year is the year reported on; 0 when unknown. YearFrom: "title",
	// "period" or "body".
	Year     int
	YearFrom string
	// PeriodStart/PeriodEnd: the statistics period as stated
	// (YYYY-MM-DD); empty when not stated. The end year is taken from the
	// start when the text omits it ("2024 年 1 月 1 日至 12 月 31 日").
	PeriodStart, PeriodEnd string
	Years                  []YearMention
	// Published is a date the text states (YYYY-MM-DD). PublishedFrom:
	// "date-line" (a date line under the title) or "signature" (the date
	// under the signature at the end).
	Published     string
	PublishedFrom string
	// Signature is the signing body at the end, when found.
	Signature string
	Sections  [6]Section
	Hints     TemplateHints
}

// TemplateHints says which template notice the text cites.
type TemplateHints struct {
	Cites2021 bool   // 国办公开办函〔2021〕30号
	Cites2019 bool   // 国办公开办函〔2019〕60号
	Text2021  string // the citation as written
	Text2019  string
}

// Find recognises the outline of the body lines. meta is the metadata the
// extraction found outside the body (may be empty).
func Find(lines []Line, meta extract.Meta) Outline {
	o, _ := FindContext(context.Background(), lines, meta)
	return o
}

// FindContext is Find stopping early when ctx is done (a time-out): it
// looks at ctx between its steps and returns ctx's error with the outline
// found so far. Each step is linear in the text, and recognition's share
// of the budget bounds the text (extract/load), so a cancel is noticed
// within a fraction of a second.
func FindContext(ctx context.Context, lines []Line, meta extract.Meta) (o Outline, err error) {
	o.Sections = emptySections()
	b := newBody(lines)
	if err := ctx.Err(); err != nil {
		return o, err
	}
	cands := findCandidates(b)
	if err := ctx.Err(); err != nil {
		return o, err
	}
	chain := implicitPart5(b, chooseSections(cands))
	for k, c := range chain {
		end := len(b.rs)
		if k+1 < len(chain) {
			end = chain[k+1].start
		}
		s := &o.Sections[c.n-1]
		s.Present = true
		s.Heading = b.flat(c.start, c.bodyStart)
		s.Numeral = c.numeral
		s.Bracketed = c.bracket
		s.Standard = c.standard && !c.bracket && c.numeral == c.n
		s.Similarity = round2(c.sim)
		s.Implicit = c.implicit
		s.Page = b.page(c.start)
		s.Start = b.pos(c.start)
		s.BodyStart = b.pos(c.bodyStart)
		s.End = b.pos(end)
		s.Text = b.text(c.bodyStart, end)
	}
	firstSection := len(b.rs)
	if len(chain) > 0 {
		firstSection = chain[0].start
	}

	if err := ctx.Err(); err != nil {
		return o, err
	}
	findTitle(&o, b, meta, firstSection)
	findPeriod(&o, b)
	findSignature(&o, b)
	findDateLine(&o, b, firstSection)
	findIssuer(&o, meta)
	if o.Issuer == "" {
		head := string(b.rs[:min(len(b.rs), bodyIssuerRunes)])
		o.Issuer = bodyIssuer(head)
		if o.Issuer == "" {
			o.Issuer = elidedIssuer(head)
		}
		if o.Issuer != "" {
			o.IssuerFrom = "text"
		}
	}
	if err := ctx.Err(); err != nil {
		return o, err
	}
	findYears(&o, b, chain)
	if err := ctx.Err(); err != nil {
		return o, err
	}
	o.Hints = Hints(lines)
	return o, nil
}

// implicitPart5 adds section 5 when it has no heading but its content is
// there: after section 4's heading (or 3's, when 4 has none) and before
// section 6, a line of its own that opens with a bracketed numeral or
// "一、", is short, has no sentence punctuation and speaks of 问题
// ("（一）主要问题", "（一）2024 年工作中存在问题的改进情况").
func implicitPart5(b *body, chain []candidate) []candidate {
	from, to, at := -1, len(b.rs), len(chain)
	for k, c := range chain {
		switch {
		case c.n == 5:
			return chain
		case c.n < 5:
			from = c.bodyStart
		case c.n > 5 && to == len(b.rs):
			to, at = c.start, k
		}
	}
	if from < 0 || at == 0 || chain[at-1].n < 3 {
		return chain
	}
	for li, st := range b.starts {
		if st < from || st >= to {
			continue
		}
		line := strings.TrimSpace(b.lines[li].Text)
		m := subHeadingRe.FindStringSubmatch(line)
		if m == nil || utf8.RuneCountInString(line) > 40 || strings.ContainsAny(line, "。，；,;") || !strings.Contains(line, "问题") {
			continue
		}
		lead := st
		for lead < len(b.rs) && isSpace(b.rs[lead]) {
			lead++
		}
		num := m[1] + m[2]
		c := candidate{start: lead, bodyStart: st + len([]rune(b.lines[li].Text)), numeral: numerals[[]rune(num)[0]],
			bracket: m[1] != "", n: 5, implicit: true}
		return append(append(append([]candidate(nil), chain[:at]...), c), chain[at:]...)
	}
	return chain
}

var subHeadingRe = lazyre.New(`^(?:[（(]\s*([一二三四五六七八])\s*[）)]|([一二三四五六七八])\s*、)`)

func emptySections() [6]Section {
	var s [6]Section
	for i := range s {
		s[i].N = i + 1
	}
	return s
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// SectionAt returns the section (1…6) that p lies in, 0 before the first.
func (o *Outline) SectionAt(p Pos) int {
	n := 0
	for i := range o.Sections {
		s := &o.Sections[i]
		if s.Present && !p.Less(s.Start) {
			n = s.N
		}
	}
	return n
}

// Split cuts lines at every section heading found in o, so that no line
// spans two sections, and returns the new lines with the section (0…6) of
// each. A heading that starts a new line stays at the start of its line.
func Split(lines []Line, o Outline) ([]Line, []int) {
	var cuts [][2]int // line, rune
	for _, s := range o.Sections {
		if s.Present && s.Start.Rune > 0 {
			cuts = append(cuts, [2]int{s.Start.Line, s.Start.Rune})
		}
	}
	sort.Slice(cuts, func(i, j int) bool {
		if cuts[i][0] != cuts[j][0] {
			return cuts[i][0] < cuts[j][0]
		}
		return cuts[i][1] < cuts[j][1]
	})
	out := make([]Line, 0, len(lines)+len(cuts))
	secs := make([]int, 0, len(lines)+len(cuts))
	ci := 0
	for li, l := range lines {
		if (ci >= len(cuts) || cuts[ci][0] != li) && utf8.ValidString(l.Text) {
			// no cut in the line: its text as it is (string([]rune(s))
			// is s for valid UTF-8)
			out = append(out, Line{Text: l.Text, Page: l.Page})
			secs = append(secs, o.SectionAt(Pos{Line: li}))
			continue
		}
		rs := []rune(l.Text)
		from := 0
		for ci < len(cuts) && cuts[ci][0] == li {
			at := min(cuts[ci][1], len(rs))
			if at > from {
				out = append(out, Line{Text: string(rs[from:at]), Page: l.Page})
				secs = append(secs, o.SectionAt(Pos{Line: li, Rune: from}))
			}
			from = at
			ci++
		}
		out = append(out, Line{Text: string(rs[from:]), Page: l.Page})
		secs = append(secs, o.SectionAt(Pos{Line: li, Rune: from}))
	}
	return out, secs
}

// ---- title and issuer ----

var (
	titleRe = lazyre.New(`(政府信息|信息公开|政务公开|政务信息).*报|年度报告|工作报告|年报`)
	yearRe  = lazyre.New(`((?:19|20)\d{2})\s*年`)
	// issuer before or after the year in a title
	titleIssuerRe = lazyre.New(`^(.*?)((?:19|20)\d{2})\s*年度?(.*?)(?:关于)?(?:政府信息|政务信息|信息公开|政务公开|政府信息公开|年度报告|工作报告)`)
	// titleEndRe: how a title ends ("…年度报告", "…年报", a misread "…年度报",
	// a note in brackets after it).
	titleEndRe = lazyre.New(`(?:报告|年报|报)\s*(?:[(（【\[][^()（）【】\[\]]{1,12}[)）】\]])?$`)
	// titleLabelRe: the field name a page's information table or a copy of
	// it prints before the title ("标题：…", "名称	…").
	titleLabelRe = lazyre.New(`^(?:文章标题|信息名称|标题|名称|题名|题目)(?:\s*[:：]\s*|\s+)`)
	// titleSiteRe: a site's name after the title, as a page's <title> and
	// copies of it end ("…年度报告-沭阳县发改局", "…年报_平潭综合实验区…").
	titleSiteRe = lazyre.New(`^(.*?(?:报告|年报))\s*(?:[-_|｜—–]+)\s*\S.*$`)
)

// cleanTitle takes a field label off the front of a title line and a
// site's name off its end.
func cleanTitle(s string) string {
	s = strings.TrimSpace(s)
	if m := titleLabelRe.FindStringIndex(s); m != nil {
		s = strings.TrimSpace(s[m[1]:])
	}
	if m := titleSiteRe.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	return s
}

// looksLikeTitle reports whether s reads like a report title.
func looksLikeTitle(s string) bool {
	f := strings.Join(strings.Fields(s), "")
	r := []rune(f)
	if len(r) < 8 || len(r) > 80 {
		return false
	}
	if strings.ContainsAny(f, "。；") {
		return false
	}
	return titleRe.MatchString(f) && strings.Contains(f, "报")
}

func findTitle(o *Outline, b *body, meta extract.Meta, firstSection int) {
	// a meta title with a year wins; a generic one ("政府信息公开工作年度报告",
	// PDF document info) only when the text has no better title
	metaTitle := cleanTitle(meta.Title)
	if looksLikeTitle(metaTitle) && yearRe.MatchString(metaTitle) {
		o.Title, o.TitleFrom = metaTitle, "meta"
		return
	}
	defer func() {
		if o.Title == "" && looksLikeTitle(metaTitle) {
			o.Title, o.TitleFrom = metaTitle, "meta"
		}
	}()
	// the first lines before the first section: a title may be wrapped over
	// two or three short lines.
	endLine := b.pos(firstSection).Line
	for i := 0; i < len(b.lines) && i <= endLine && i < 12; i++ {
		if first := strings.TrimSpace(b.lines[i].Text); len([]rune(first)) < 6 && !yearRe.MatchString(first) {
			continue // a label such as "正文"
		}
		acc := ""
		for j := i; j < len(b.lines) && j < i+3; j++ {
			t := strings.TrimSpace(b.lines[j].Text)
			if len([]rune(t)) > 60 {
				break
			}
			acc += t
			cand := cleanTitle(acc)
			if j > i && !titleEndRe.MatchString(cand) {
				continue // a title wrapped over lines ends as titles end, not in a sentence below it
			}
			if looksLikeTitle(cand) && yearRe.MatchString(cand) || looksLikeTitle(cand) && j == i+2 {
				o.Title, o.TitleFrom = strings.Join(strings.Fields(cand), ""), "text"
				o.TitlePage = b.lines[i].Page
				return
			}
		}
	}
}

func findIssuer(o *Outline, meta extract.Meta) {
	if o.Title != "" {
		t := strings.Join(strings.Fields(o.Title), "")
		if m := titleIssuerRe.FindStringSubmatch(t); m != nil {
			is := strings.TrimSpace(m[1])
			if is == "" {
				is = strings.TrimSpace(m[3])
			}
			is = strings.TrimRight(is, "关于的")
			if len([]rune(is)) >= 2 {
				o.Issuer, o.IssuerFrom = is, "title"
				return
			}
		}
	}
	if s := strings.TrimSpace(meta.Issuer); s != "" {
		o.Issuer, o.IssuerFrom = s, "meta"
		return
	}
	if o.Signature != "" {
		o.Issuer, o.IssuerFrom = o.Signature, "signature"
	}
}

// bodyIssuerRunes bounds the text searched for the issuer's name.
const bodyIssuerRunes = 3000

// bodyOrgRe: a body's full name in the text, from its province to the kind
// of body (河北省科学技术厅, 河北省工业和信息化厅).
var bodyOrgRe = lazyre.New(`(?:` + strings.Join(provinces, "|") + `)(?:省|市|自治区|综合实验区)?\p{Han}{1,12}?(?:厅|局|委员会|办公厅|人民政府|管委会)`)

// bodyIssuer names the issuer of a report that has no title, no issuer tag
// and no signature (a crawled body only): the full body name the text
// mentions most often, the first of equals ("河北省工业和信息化厅编写了…",
// "2021年，河北省科学技术厅坚持…"). A name inside 《》 (a cited document)
// does not count.
func bodyIssuer(text string) string {
	count := map[string]int{}
	first := map[string]int{}
	depth := 0
	quoted := make([]bool, len(text)+1)
	for i, r := range text {
		switch r {
		case '《':
			depth++
		case '》':
			depth = max(0, depth-1)
		}
		quoted[i] = depth > 0
	}
	for _, m := range bodyOrgRuns.FindAll(bodyOrgRe.Compiled(), text) {
		if quoted[m[0]] {
			continue
		}
		name := text[m[0]:m[1]]
		if _, ok := first[name]; !ok {
			first[name] = m[0]
		}
		count[name]++
	}
	best := ""
	for name, n := range count {
		if best == "" || n > count[best] || n == count[best] && first[name] < first[best] {
			best = name
		}
	}
	return best
}

// elidedIssuerRe: the opening sentence of part 一 with a provincial body
// as its subject, named as bodies name themselves at home, without the
// province ("2022年,省工业和信息化厅坚持…").
var elidedIssuerRe = lazyre.New(`(?:19|20)\d{2}\s*年\s*[,，]\s*省(\p{Han}{1,12}?(?:厅|局|委员会|办公厅))`)

// provinceRe: a province's full name (河北省), quoted documents included:
// a provincial body cites its own province's rules (《河北省实施〈…〉办法》).
var provinceRe = lazyre.New(`(?:` + strings.Join(provinces, "|") + `)省`)

// elidedIssuer names the issuer of a report whose text has only the short
// form of its name (省工业和信息化厅): the province is the one the text
// names, when it names exactly one; otherwise "" (no guess).
func elidedIssuer(text string) string {
	m := elidedIssuerRe.FindStringSubmatchIndex(text)
	if m == nil {
		return ""
	}
	province := ""
	for _, p := range provinceRe.FindAllString(text, -1) {
		if province != "" && p != province {
			return ""
		}
		province = p
	}
	if province == "" {
		return ""
	}
	return province + text[m[2]:m[3]]
}

// ---- statistics period, signature, dates ----

var (
	periodRe = lazyre.New(`((?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日?\s*(?:起)?\s*(?:至|到|-|—|–|～|~)\s*(?:((?:19|20)\d{2})\s*年\s*)?12\s*月\s*31\s*日`)
	dateRe   = lazyre.New(`((?:19|20)\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?`)
	// signature: a body name then a date at the very end
	provinces = []string{"北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
		"福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
		"内蒙古", "广西", "西藏", "宁夏", "新疆"}
	orgSuffixRe = lazyre.New(`(厅|局|委|委员会|政府|办公室|办公厅|管委会|委员会办公室|办事处|街道|镇|乡|中心|院|署|会|站|所|部|处)$`)
)

func isoDate(y, m, d string) string {
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	if mi < 1 || mi > 12 || di < 1 || di > 31 {
		return ""
	}
	return fmt.Sprintf("%s-%02d-%02d", y, mi, di)
}

func findPeriod(o *Outline, b *body) {
	s := b.str()
	loc := b.periodLoc()
	if loc == nil {
		return
	}
	y1 := s[loc[2]:loc[3]]
	y2 := y1
	if loc[4] >= 0 {
		y2 = s[loc[4]:loc[5]]
	}
	o.PeriodStart = y1 + "-01-01"
	o.PeriodEnd = y2 + "-12-31"
}

// findSignature looks at the last few hundred characters for "body name +
// date" and records the date as a publication date stated by the text.
func findSignature(o *Outline, b *body) {
	rs := b.rs
	from := max(0, len(rs)-300)
	tail := string(rs[from:])
	all := dateRe.FindAllStringSubmatchIndex(tail, -1)
	if len(all) == 0 {
		return
	}
	loc := all[len(all)-1]
	// the date must be near the end (a trailing "更多信息请关注…" is tolerated)
	after := []rune(tail[loc[1]:])
	if len(after) > 40 {
		return
	}
	before := []rune(tail[:loc[0]])
	// the name is the run of non-space, non-punctuation text before the date
	// (spaces or a line break may separate the two)
	k := len(before)
	for k > 0 && isSpace(before[k-1]) {
		k--
	}
	e := k
	for k > 0 && !isSpace(before[k-1]) && !strings.ContainsRune("。；;，,：:、）)》”\"", before[k-1]) {
		k--
	}
	name := string(before[k:e])
	if name == "" {
		return
	}
	for _, p := range provinces {
		if i := strings.LastIndex(name, p); i > 0 {
			name = name[i:]
			break
		}
	}
	nr := []rune(name)
	if len(nr) < 3 || len(nr) > 30 || !orgSuffixRe.MatchString(name) {
		return
	}
	date := isoDate(tail[loc[2]:loc[3]], tail[loc[4]:loc[5]], tail[loc[6]:loc[7]])
	if date == "" {
		return
	}
	o.Signature = name
	o.Published, o.PublishedFrom = date, "signature"
}

// pageDateRe: the date a page's information line, printed or copied with
// the report, gives for its publication ("来源：…管委会办公室 时间：2024-03-08
// 15:34", "公开日期	2024-01-17", "发布时间：2024年1月17日"). The label starts
// the line or follows a space: 采集时间 and 统计时间 are not publication dates;
// a date followed by 至 starts a period.
var pageDateRe = lazyre.New(`(?:^|[\s|｜])(?:发布时间|发布日期|公开日期|公开时间|时间|日期)\s*[:：]?\s*((?:19|20)\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+|$)(.?)`)

// pageDateLines bounds how far before the first section a page's
// information line is looked for (a printed web page puts the site's menus
// above it).
const pageDateLines = 80

// findDateLine looks, between the title and the first section, for a line
// that is only a date ("（2024年1月26日）", "发布日期：2024-01-26") in the first
// lines, or for a page's information line with a labelled date.
func findDateLine(o *Outline, b *body, firstSection int) {
	endLine := b.pos(firstSection).Line
	for i := 0; i < len(b.lines) && i < endLine && i < pageDateLines; i++ {
		t := strings.TrimSpace(b.lines[i].Text)
		if d := dateOnlyLine(t); d != "" && i < 12 {
			o.Published, o.PublishedFrom = d, "date-line"
			return
		}
		if m := pageDateRe.FindStringSubmatch(t); m != nil && !strings.ContainsAny(m[4], "至到起-~—－") {
			if d := isoDate(m[1], m[2], m[3]); d != "" {
				o.Published, o.PublishedFrom = d, "date-line"
				return
			}
		}
	}
}

// dateOnlyLine is the date of a short line that holds nothing else but
// brackets and a label ("（2024年1月26日）", "发布日期：2024-01-26").
func dateOnlyLine(t string) string {
	if len([]rune(t)) > 24 {
		return ""
	}
	m := dateRe.FindStringSubmatchIndex(t)
	if m == nil {
		return ""
	}
	rest := t[:m[0]] + t[m[1]:]
	rest = strings.Trim(rest, " ()（）[]【】：:发布日期时间成文")
	if rest != "" {
		return ""
	}
	return isoDate(t[m[2]:m[3]], t[m[4]:m[5]], t[m[6]:m[7]])
}

// ---- years ----

func findYears(o *Outline, b *body, chain []candidate) {
	if o.Title != "" {
		for _, m := range yearRe.FindAllStringSubmatch(o.Title, -1) {
			y, _ := strconv.Atoi(m[1])
			o.Years = append(o.Years, YearMention{Year: y, Where: "title", Context: o.Title})
		}
	}
	s := b.str()
	var period []int
	if m := b.periodLoc(); m != nil {
		period = m[:2]
	}
	// byte offset → rune index (the text may be large: no table of it)
	runeAt := textruns.NewRuneIndex(s).At
	counts := map[int]int{}
	for _, loc := range yearRuns.FindAll(yearRe.Compiled(), s) {
		y, _ := strconv.Atoi(s[loc[2]:loc[3]])
		ri := runeAt(loc[0])
		where := "body"
		switch {
		case period != nil && loc[0] >= period[0] && loc[1] <= period[1]:
			where = "period"
		case inHeading(chain, ri):
			where = "heading"
		case dateRe.MatchString(prefixAt(s, loc[0], 14)) && isFullDate(s[loc[0]:]):
			where = "date"
		}
		if where == "body" {
			counts[y]++
		}
		ctxFrom, ctxTo := max(0, ri-8), min(len(b.rs), ri+12)
		o.Years = append(o.Years, YearMention{Year: y, Where: where, Pos: b.pos(ri),
			Context: strings.ReplaceAll(string(b.rs[ctxFrom:ctxTo]), "\n", " ")})
	}
	// the year reported on
	if o.Title != "" {
		if m := yearRe.FindStringSubmatch(o.Title); m != nil {
			o.Year, _ = strconv.Atoi(m[1])
			o.YearFrom = "title"
			return
		}
	}
	if o.PeriodStart != "" {
		o.Year, _ = strconv.Atoi(o.PeriodStart[:4])
		o.YearFrom = "period"
		return
	}
	best, bc := 0, 0
	for y, c := range counts {
		if c > bc || c == bc && y < best {
			best, bc = y, c
		}
	}
	if best != 0 {
		o.Year, o.YearFrom = best, "body"
	}
}

func prefixAt(s string, off, runes int) string {
	r := []rune(s[off:min(len(s), off+runes*4)])
	return string(r[:min(len(r), runes)])
}

var fullDateRe = lazyre.New(`^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日`)

func isFullDate(s string) bool { return fullDateRe.MatchString(s) }

func inHeading(chain []candidate, ri int) bool {
	for _, c := range chain {
		if ri >= c.start && ri < c.bodyStart {
			return true
		}
	}
	return false
}

// ---- template hints ----

var (
	// "国办公开办函〔2021〕30号", tolerating 涵 for 函, lost or odd brackets,
	// spaces and lost characters ("〔202130号").
	cite2021Re = lazyre.New(`(国办公开办[函涵]?)?[〔\[［(（【]?\s*2021\s*[〕\]］)）】]?\s*3\s*0\s*号`)
	cite2019Re = lazyre.New(`(国办公开办[函涵]?)?[〔\[［(（【]?\s*2019\s*[〕\]］)）】]?\s*6\s*0\s*号`)
)

// Hints reports which template notice the lines cite. A bare "〔2021〕30号"
// counts only next to 国办公开办函 or in a sentence about the report format.
func Hints(lines []Line) TemplateHints {
	var h TemplateHints
	var sb strings.Builder
	for _, l := range lines {
		sb.WriteString(l.Text)
		sb.WriteByte('\n')
	}
	s := sb.String()
	// both notices are looked for in the same runs (citeRuns), found once
	var runs []citeRun
	citeRuns.Each(s, func(at int, run string) bool {
		runs = append(runs, citeRun{at, run})
		return true
	})
	h.Cites2021, h.Text2021 = cites(s, runs, cite2021Re)
	h.Cites2019, h.Text2019 = cites(s, runs, cite2019Re)
	return h
}

// citeRun is one of citeRuns' runs of a text and where it starts.
type citeRun struct {
	at  int
	run string
}

// cites looks for re's matches in the runs of s, in order (the matches of
// citeRuns.FindAll(re, s)).
func cites(s string, runs []citeRun, re *lazyre.Regexp) (bool, string) {
	for _, r := range runs {
		for _, m := range re.Compiled().FindAllStringSubmatchIndex(r.run, -1) {
			for i := range m {
				if m[i] >= 0 {
					m[i] += r.at
				}
			}
			if ok, txt := citeAt(s, m); ok {
				return true, txt
			}
		}
	}
	return false, ""
}

// citeAt says whether the match m of a citation in s cites the notice.
func citeAt(s string, m []int) (bool, string) {
	txt := s[m[0]:m[1]]
	if m[2] >= 0 {
		return true, txt
	}
	// bare number: accept when the notice is named nearby
	ctx := s[max(0, m[0]-120):m[0]]
	if strings.Contains(ctx, "年度报告格式") || strings.Contains(ctx, "国办公开办") || strings.Contains(ctx, "政府信息与政务公开办公室") {
		return true, txt
	}
	return false, ""
}
