package rules

import (
	"fmt"
	"regexp"
	"unicode"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

// CarryRelation is a declared equality between a cell of the previous
// year's report and a cell of this year's report of the same body.
type CarryRelation struct {
	Name     string // stable, feeds the fingerprint
	Where    string // 表三“自然人”列
	Previous string // key in the previous year's report
	Current  string // key in this year's report
}

// T3CarryRelations: for every column of table 三, 四、结转下年度继续办理 of
// year y = 二、上年结转政府信息公开申请数量 of year y+1.
func T3CarryRelations() []CarryRelation {
	var out []CarryRelation
	for _, c := range template.T3Columns {
		out = append(out, CarryRelation{
			Name:     "t3.carry." + c.Key,
			Where:    t3ColumnName(c),
			Previous: t3("carried_forward", c.Key),
			Current:  t3("carried_over", c.Key),
		})
	}
	return out
}

var crossReportRules = []Rule{
	copyRule,
	{
		ID:       "CONS-CARRYOVER",
		Title:    "上年报告结转下年度的申请数应等于本年报告上年结转数",
		Severity: SeverityError,
		Category: CategoryConsistency,
		Pair:     true,
		Basis:    "国办公开办函〔2021〕30号表三“二、上年结转政府信息公开申请数量”与“四、结转下年度继续办理”的定义",
		Explanation: `同一机关相邻两年的报告：上年报告表三“四、结转下年度继续办理”的每一列，应等于本年报告表三“二、上年结转政府信息公开申请数量”的同一列。
本规则跨报告运行（nianbao audit 对同一机关连续年度的报告配对），单份报告审核时不运行。两份报告年度不相邻、任一份的表三未识别、或比较的单元格任一空白时不核对；任一单元格识别不确定时不相等记为 uncertain，责任方为 extraction。`,
		Example: "表三“自然人”列：上年（2022年度）报告“四、结转下年度继续办理”为1，本年报告“二、上年结转政府信息公开申请数量”为2",
		Check:   checkCarryOver,
	},
}

// copyParts are the parts compared by CONS-COPY-PREV: 五 (problems and
// improvements) above all, and 一 (the overview).
var copyParts = []int{5, 1}

var copyRule = Rule{
	ID:       "CONS-COPY-PREV",
	Title:    "正文不应照搬上年报告",
	Severity: SeverityWarning,
	Category: CategoryConsistency,
	Pair:     true,
	Basis:    "《中华人民共和国政府信息公开条例》第五十条（报告本年度的情况）；国办公开办函〔2021〕30号（内容“不能遗漏，也不宜泛化”）",
	Explanation: `同一机关相邻两年的报告中，第五部分“存在的主要问题及改进情况”或第一部分“总体情况”的正文与上年报告基本相同（去掉空白、标点并把所有数字（年份、件数）视为相同后，按相邻两字计算的相似度达到配置的阈值，默认0.8），说明该部分照搬了上年报告，没有写本年度的情况。
两部分中任一部分的正文少于60字时不比较。本规则跨报告运行，单份报告审核时不运行。`,
	Example: "第五部分“五、存在的主要问题及改进情况”与上年（2022年度）报告的相应部分基本相同（相似度1.00）",
	Check:   checkCopyPrev,
}

var digitRun = regexp.MustCompile(`[0-9]+(\.[0-9]+)?`)

// bigrams of the text's letters and digits, every number made equal (a
// copied text with this year's figures filled in is still a copy).
func bigrams(s string) map[string]bool {
	s = digitRun.ReplaceAllString(s, "#")
	var rs []rune
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '#' {
			rs = append(rs, r)
		}
	}
	out := make(map[string]bool, len(rs))
	for i := 0; i+1 < len(rs); i++ {
		out[string(rs[i:i+2])] = true
	}
	return out
}

// similarity is the Jaccard index of the two texts' bigrams.
func similarity(a, b string) float64 {
	x, y := bigrams(a), bigrams(b)
	if len(x) == 0 || len(y) == 0 {
		return 0
	}
	inter := 0
	for k := range x {
		if y[k] {
			inter++
		}
	}
	return float64(inter) / float64(len(x)+len(y)-inter)
}

const minCopyRunes = 60

func checkCopyPrev(p *Pass) {
	prev, cur := p.Previous, p.Report
	if prev == nil || (prev.Year != 0 && cur.Year != 0 && prev.Year != cur.Year-1) {
		return
	}
	threshold := p.Profile.CopySimilarity
	if threshold <= 0 {
		return
	}
	for _, n := range copyParts {
		a, b := prev.Sections[n-1], cur.Sections[n-1]
		if !a.Present || !b.Present || len([]rune(a.Text)) < minCopyRunes || len([]rune(b.Text)) < minCopyRunes {
			continue
		}
		sim := similarity(a.Text, b.Text)
		if sim < threshold {
			continue
		}
		prevYear := "上年"
		if prev.Year != 0 {
			prevYear = fmt.Sprintf("上年（%d年度）", prev.Year)
		}
		p.report(issue{
			status:   StatusFail,
			expected: ptr(threshold),
			actual:   ptr(float64(int(sim*100)) / 100),
			loc:      Location{Page: b.Page, Section: n},
			message: fmt.Sprintf("第%s部分“%s”与%s报告的相应部分基本相同（相似度%.2f）",
				cnNum(n), template.Sections[n-1].Heading, prevYear, float64(int(sim*100))/100),
			detail: fmt.Sprintf("copy-%d", n),
		})
	}
}

func checkCarryOver(p *Pass) {
	prev, cur := p.Previous, p.Report
	if prev == nil || !prev.Tables.T3.Found || !cur.Tables.T3.Found {
		return
	}
	if prev.Year != 0 && cur.Year != 0 && prev.Year != cur.Year-1 {
		return
	}
	prevYear := "上年"
	if prev.Year != 0 {
		prevYear = fmt.Sprintf("上年（%d年度）", prev.Year)
	}
	for _, rel := range T3CarryRelations() {
		a, okA := cellValue(prev, rel.Previous)
		b, okB := cellValue(cur, rel.Current)
		if !okA || !okB || a.Value.V == b.Value.V {
			continue
		}
		is := issue{
			status:   StatusFail,
			cells:    []string{rel.Previous, rel.Current},
			expected: ptr(a.Value.V),
			actual:   ptr(b.Value.V),
			loc:      Location{Page: b.Page, Section: 3},
			message: fmt.Sprintf("%s：%s报告“四、结转下年度继续办理”为%s，本年报告“二、上年结转政府信息公开申请数量”为%s",
				rel.Where, prevYear, num(a.Value.V), num(b.Value.V)),
			detail: rel.Name,
		}
		if a.Uncertain || b.Uncertain {
			is.status, is.resp = StatusUncertain, ResponsibilityExtraction
			is.message += "；其中有单元格识别不确定"
		}
		p.report(is)
	}
}

// RunPair runs the cross-report rules of All() on a report and the same
// body's report of the previous year, sorted like Run. The caller (audit)
// decides which reports belong to one body.
func RunPair(prev, cur *recognise.Report, p Profile) []Finding {
	return RunPairRules(prev, cur, p, All())
}

// RunPairRules is RunPair over an explicit rule list; rules that are not
// pair rules are skipped.
func RunPairRules(prev, cur *recognise.Report, p Profile, rs []Rule) []Finding {
	if prev == nil || cur == nil {
		return nil
	}
	p = p.compiled()
	var out []Finding
	for i := range rs {
		rule := &rs[i]
		if !rule.Pair || p.disabled(rule.ID) {
			continue
		}
		out = append(out, runOne(&Pass{Report: cur, Previous: prev, Profile: p, rule: rule})...)
	}
	Sort(out)
	return out
}
