package recognise

import (
	"github.com/nianbao/nianbao/recognise/template"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/lazyre"
)

// YearStatement is a place where the report names a year that says which
// year it is about: the statistics period, the signature date, a heading,
// a clause that opens with a year. Rules compare Years with the report
// year; the recogniser only finds them.
type YearStatement struct {
	Text  string // as written: the line, the heading, the clause or the date
	Years []int  // the years named, in order
	Page  int
	// Section is 0 before the first section heading, else 1…6.
	Section int
	// LooksBack: the text compares with or looks back at an earlier year
	// (问题, 改进, 整改, 上年, 同比, 回顾 …), where an earlier year is expected.
	LooksBack bool
}

var (
	yearRe   = lazyre.New(`((?:19|20)[0-9]{2})\s*年`)
	periodRe = lazyre.New(`统计(期限|时限|期间|区间|时间|周期|范围)|统计期`)
	// subHeadingRe: a line opening with a heading number (（一）, 一、, 1.)
	subHeadingRe = lazyre.New(`^\s*([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[、.．])`)
	signatureRe  = lazyre.New(`^\s*((?:19|20)[0-9]{2})\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日\s*$`)
	// tailDateRe finds a date in the tail of a flattened body.
	tailDateRe = lazyre.New(`((?:19|20)[0-9]{2})\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日`)
	// yearClauseRe: a year used as the time of the statement that follows:
	// "2023年，…" or "2024年制作、获取政府信息…", "2023年共收到…".
	yearClauseRe = lazyre.New(`((?:19|20)[0-9]{2})\s*年\s*(?:[，,]|(?:全年|共|累计|度)?\s*(?:制作|获取|收到|受理|主动公开|发布|办理|新收|答复|公开))`)
	// lookBackWords make a mention of an earlier year expected.
	lookBackWords = []string{"问题", "改进", "整改", "上年", "去年", "上一年", "比较", "对比", "同比", "落实", "回顾"}
)

const (
	// maxHeadRunes bounds a sub-heading line: longer lines are prose.
	maxHeadRunes = 40
	// maxTailRunes bounds the text after the last sentence that may hold
	// the signature (issuer name, date and a line of site chrome).
	maxTailRunes = 80
)

// YearsIn returns the years (19xx/20xx followed by 年) named in s, in order.
func YearsIn(s string) []int {
	var out []int
	for _, m := range yearRe.FindAllStringSubmatch(s, -1) {
		y, _ := strconv.Atoi(m[1])
		out = append(out, y)
	}
	return out
}

func looksBack(s string) bool {
	for _, w := range lookBackWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// TextFacts fills the facts the recogniser reads off the report's Title,
// Sections and Lines once they are found: the year statements (TitleYears,
// TitleBody, Period, Signature, YearHeadings, YearClauses) and each
// section's Substance. Recognise calls it; it is exported for reports built
// by hand (rule fixtures), so that their facts agree with their text.
func TextFacts(r *Report) {
	r.TitleYears = YearsIn(r.Title)
	r.TitleBody = titleBody(r.Title)
	r.TitleNamesReport = template.ContainsAny(r.Title, template.ReportTitleWords)
	r.Period = period(r.Lines)
	r.Signature = signature(r.Lines)
	r.YearHeadings = yearHeadings(r)
	r.YearClauses = yearClauses(r.Lines)
	for i := range r.Sections {
		r.Sections[i].Substance = substanceOf(r.Sections[i].Text)
	}
}

// titleBody is the title before its first year ("淮安市2024年政府信息公开工作
// 年度报告" → 淮安市), "" when the title names no year or starts with it.
func titleBody(title string) string {
	t := strings.TrimSpace(title)
	if loc := yearRe.FindStringIndex(t); loc != nil {
		return strings.TrimSpace(t[:loc[0]])
	}
	return ""
}

// period is the first line that states the statistics period with a year.
func period(lines []Line) *YearStatement {
	for _, l := range lines {
		if !periodRe.MatchString(l.Text) {
			continue
		}
		if ys := YearsIn(l.Text); len(ys) > 0 {
			return &YearStatement{Text: strings.TrimSpace(l.Text), Years: ys, Page: l.Page, Section: l.Section}
		}
	}
	return nil
}

// yearHeadings are the section headings and the sub-headings (a line that
// opens with a heading number, at most maxHeadRunes runes, without 。，；)
// that name a year, each text once.
func yearHeadings(r *Report) []YearStatement {
	var out []YearStatement
	seen := map[string]bool{}
	add := func(text string, page, section int) {
		if seen[text] {
			return
		}
		seen[text] = true
		if ys := YearsIn(text); len(ys) > 0 {
			out = append(out, YearStatement{Text: text, Years: ys, Page: page, Section: section, LooksBack: looksBack(text)})
		}
	}
	for _, s := range r.Sections {
		if s.Present && s.Heading != "" {
			add(s.Heading, s.Page, s.N)
		}
	}
	for _, l := range r.Lines {
		t := strings.TrimSpace(l.Text)
		if l.Section > 0 && subHeadingRe.MatchString(t) && utf8.RuneCountInString(t) <= maxHeadRunes &&
			!strings.ContainsAny(t, "。，；,;") {
			add(t, l.Page, l.Section)
		}
	}
	return out
}

// yearClauses are the clauses that open with a year as the time of what
// they state ("2023年，在主动公开的61条政府信息中…", "2024年制作、获取政府信息
// 总数467条"), each clause and year once, in the body after the first
// heading.
func yearClauses(lines []Line) []YearStatement {
	var out []YearStatement
	seen := map[string]bool{}
	for _, l := range lines {
		if l.Section == 0 {
			continue
		}
		for _, m := range yearClauseRe.FindAllStringSubmatchIndex(l.Text, -1) {
			y, _ := strconv.Atoi(l.Text[m[2]:m[3]])
			clause := clauseAround(l.Text, m[0])
			key := clause + "|" + strconv.Itoa(y)
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, YearStatement{Text: clause, Years: []int{y}, Page: l.Page, Section: l.Section, LooksBack: looksBack(clause)})
		}
	}
	return out
}

// clauseAround returns the sentence part around byte offset i of s: from
// after the previous 。；！？ (at most 12 runes before the year) to the
// second comma after the year or the sentence end.
func clauseAround(s string, i int) string {
	start := strings.LastIndexAny(s[:i], "。；！？")
	if start < 0 {
		start = 0
	} else {
		_, size := utf8.DecodeRuneInString(s[start:])
		start += size
	}
	rest := s[i:]
	// skip the year's own comma ("2023年，在…")
	end := len(rest)
	if k := strings.IndexAny(rest, "。；！？"); k >= 0 {
		end = k
	}
	if k := strings.IndexAny(rest, "，,"); k >= 0 && k < end {
		if k2 := strings.IndexAny(rest[k+1:], "，,"); k2 >= 0 && k+1+k2 < end {
			end = k + 1 + k2
		}
	}
	before := []rune(s[start:i])
	if len(before) > 12 {
		before = append([]rune("…"), before[len(before)-12:]...)
	}
	return strings.TrimSpace(string(before) + rest[:end])
}

// signature finds the signature date: a line of its own among the last five
// lines, else a date in the text after the last sentence end of the last
// line when that text is short (a body flattened into one line: 机关名 +
// 日期 + site chrome).
func signature(lines []Line) *YearStatement {
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-5; i-- {
		if m := signatureRe.FindStringSubmatch(lines[i].Text); m != nil {
			y, _ := strconv.Atoi(m[1])
			return &YearStatement{Text: strings.TrimSpace(lines[i].Text), Years: []int{y}, Page: lines[i].Page, Section: lines[i].Section}
		}
	}
	for i := len(lines) - 1; i >= 0; i-- {
		t := strings.TrimSpace(lines[i].Text)
		if t == "" {
			continue
		}
		if k := strings.LastIndexAny(t, "。！？"); k >= 0 {
			_, size := utf8.DecodeRuneInString(t[k:])
			t = t[k+size:]
		}
		if utf8.RuneCountInString(t) > maxTailRunes {
			return nil
		}
		m := tailDateRe.FindStringSubmatch(t)
		if m == nil {
			return nil
		}
		y, _ := strconv.Atoi(m[1])
		return &YearStatement{Text: m[0], Years: []int{y}, Page: lines[i].Page, Section: lines[i].Section}
	}
	return nil
}
