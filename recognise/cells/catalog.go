package cells

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nianbao/nianbao/recognise/template"
)

// t2Spec is one row of table 二 as the readers need it.
type t2Spec struct {
	Key    string
	Labels []string // compact label and aliases
	lens   []int    // the labels' lengths in runes
	Cols   []string // column keys
}

// t2Specs are table 二's rows of a version (2021 for any other), made once;
// callers must not change them.
func t2Specs(v template.Version) []t2Spec {
	if v == template.V2019 {
		return t2Specs2019()
	}
	return t2Specs2021()
}

var (
	t2Specs2021 = sync.OnceValue(func() []t2Spec { return makeT2Specs(template.V2021) })
	t2Specs2019 = sync.OnceValue(func() []t2Spec { return makeT2Specs(template.V2019) })
)

func makeT2Specs(v template.Version) []t2Spec {
	var out []t2Spec
	for _, r := range template.T2RowsFor(v) {
		s := t2Spec{Key: r.Key, Labels: []string{Compact(r.Label)}}
		for _, a := range r.Alias {
			s.Labels = append(s.Labels, Compact(a))
		}
		for _, l := range s.Labels {
			s.lens = append(s.lens, utf8.RuneCountInString(l))
		}
		for _, c := range r.Columns {
			s.Cols = append(s.Cols, c.Key)
		}
		out = append(out, s)
	}
	return out
}

// t2LabelMatch says whether a compact label names a table 二 row: exact or
// with one wrong character for labels of four or more characters.
func t2LabelMatch(found string, s t2Spec) bool {
	nf := -1
	for i, l := range s.Labels {
		if found == l {
			return true
		}
		nl := s.lens[i]
		if nl < 4 {
			continue
		}
		if nf < 0 {
			nf = utf8.RuneCountInString(found)
		}
		if oneEditApart(found, l, nf, nl) {
			return true
		}
	}
	return false
}

// t3Label is a template row label in compact form.
type t3Label struct {
	Key   string
	Label string
	Row   template.Row
	parts labelParts // Label split for labelDistance
}

var t3Labels = func() []t3Label {
	var out []t3Label
	for _, r := range template.T3Rows {
		for _, l := range append([]string{r.Label}, r.Alias...) {
			c := Compact(l)
			out = append(out, t3Label{Key: r.Key, Label: c, Row: r, parts: splitLabel(c)})
		}
	}
	return out
}()

// matchT3 finds the table 三 row a label (compact) names. It returns the
// row key, or "" with the candidate keys when the label is a fragment of
// several rows, or nothing when it matches none.
func matchT3(label string) (string, []string) {
	if !mayMatchLabel(label) {
		return "", nil
	}
	return matchT3All(label)
}

// matchT3All is matchT3 without the test of the label's runes.
func matchT3All(label string) (string, []string) {
	if label == "" {
		return "", nil
	}
	best, bestD := "", 1<<30
	tie := false
	found := splitLabel(label)
	for _, l := range t3Labels {
		d := partsDistance(found, l.parts)
		if d < 0 {
			continue
		}
		if d < bestD {
			best, bestD, tie = l.Key, d, false
		} else if d == bestD && l.Key != best {
			tie = true
		}
	}
	if best != "" && !tie {
		return best, nil
	}
	var cands []string
	for _, l := range t3Labels {
		if fragmentOf(label, l.Label) && !contains(cands, l.Key) {
			cands = append(cands, l.Key)
		}
	}
	if len(cands) == 1 {
		return cands[0], nil
	}
	return "", cands
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// labelRunes holds every rune of the compact table 二 and 三 labels
// (both versions, aliases included).
var labelRunes = sync.OnceValue(func() map[rune]bool {
	set := map[rune]bool{}
	add := func(l string) {
		for _, r := range l {
			set[r] = true
		}
	}
	for _, l := range t3Labels {
		add(l.Label)
	}
	for _, v := range []template.Version{template.V2021, template.V2019} {
		for _, s := range t2Specs(v) {
			for _, l := range s.Labels {
				add(l)
			}
		}
	}
	return set
})

// mayMatchLabel is false for a compact label that matchT3 and isT2Label
// cannot accept, told from its runes alone: a match is an equal text (all
// of the label without its numbering is made of template runes), a
// fragment of five or more template runes, or an edit distance within
// tolerance of a template label of four or more runes, which keeps at
// least three of the label's runes (d ≥ template length − matched runes,
// and the tolerance is 1 below eight runes, a quarter from eight).
// Labels of tables that are not the template's ("R1C1", "预算支出") cost
// one pass over their runes.
func mayMatchLabel(label string) bool {
	set := labelRunes()
	in := 0
	for _, r := range label {
		if set[r] {
			if in++; in >= 3 {
				return true
			}
		}
	}
	_, rest := splitNumbering(label)
	for _, r := range rest {
		if !set[r] {
			return false
		}
	}
	return true
}

// header words that mark the header rows and the context of each table.
var (
	t2HeaderWords = []string{"本年制发件数", "本年废止件数", "现行有效件数", "本年新制作数量", "新制作数量", "对外公开总数量", "上一年项目数量", "本年处理决定数量", "处理决定数量", "本年收费金额", "采购项目数量", "第二十条"}
	t3HeaderWords = []string{"申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "勾稽关系"}
	t4HeaderWords = []string{"行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉"}
)

func hasAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// sectionOfText is sectionOf(Compact(text)). The first two compact runes
// tell whether text can be a numbered heading at all, so most text is
// not folded whole.
func sectionOfText(text string) int {
	h := compactHead(text, 2)
	if len(h) < 2 || h[0] != '表' && !(strings.ContainsRune("一二三四五六", h[0]) && h[1] == '、') {
		return 0
	}
	return sectionOf(Compact(text))
}

// sectionOf says which template section a heading line (compact) opens:
// 2, 3, 4 for the table sections, 5 or 6 for the closing ones, 0 when the
// line is not a section heading. Shanghai reports number their table
// appendix 一、二、三 and "表二：…" titles occur in extracted Markdown.
func sectionOf(c string) int {
	rs := []rune(c)
	if len(rs) < 4 {
		return 0
	}
	numbered := strings.ContainsRune("一二三四五六", rs[0]) && rs[1] == '、' || strings.HasPrefix(c, "表")
	if !numbered || len(rs) > 60 {
		return 0
	}
	return template.SectionCued(c)
}
