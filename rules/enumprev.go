package rules

import (
	"fmt"
	"math"
	"slices"

	"github.com/nianbao/nianbao/recognise"
)

// enumPrevRule: a list that does not say it is complete is complete by the
// body's own usage when its report of the year before broke the same total
// into the same parts and they added up exactly (河北省人社厅 2022:
// 网民互动交流事项1057件 = five platforms 194+96+572+150+45; 2023: the same
// five platforms 242+101+407+81+17 = 848 for 872).
var enumPrevRule = Rule{
	ID:       "ARITH-PROSE-ENUM-PREV",
	Title:    "与上年相同的分项列举，分项之和应等于所述总数",
	Severity: SeverityWarning,
	Category: CategoryArithmetic,
	Pair:     true,
	Basis:    "《中华人民共和国政府信息公开条例》第五十条（年度报告的内容应真实准确）",
	Explanation: `正文写“总数N，其中A a、B b…”而没有说明已列全（没有“分别为”、“其他”一类的兜底项）时，分项之和小于总数本身不算错（ARITH-PROSE-ENUM 不报告）。
但同一机关上年报告把同一总数（主语相同，如“网民互动交流事项”）分成完全相同的几项（各分项的主语一一相同，至少三项；只列两项的多是当年碰巧出现的两类，如“自然人、商业企业”，不算），且上年分项之和恰好等于总数，说明这些分项就是该机关对总数的完整划分；本年分项之和小于总数，判定为 fail（warning），消息中给出上年的分项与总数。
分项之和大于总数由 ARITH-PROSE-ENUM 报告，本规则不重复。本规则跨报告运行（nianbao audit 对同一机关连续年度的报告配对），单份报告审核时不运行；任一年的列举含百分比或单位不同的分项、或只列举了部分事项（带有未计数的分项）时不核对。`,
	Example: "正文“受理网民互动交流事项872件，其中河北省效能监督平台242件，人民网101件，中国河北407件，阳光理政81件，长城网17件”：分项之和（848）小于所述总数（872）；上年（2022年度）报告同样把“网民互动交流事项”分为这5项，其和等于总数（1057）",
	Check:   checkEnumPrev,
}

func checkEnumPrev(p *Pass) {
	prev, cur := p.Previous, p.Report
	if prev == nil || prev.Year != 0 && cur.Year != 0 && prev.Year != cur.Year-1 {
		return
	}
	prevYear := "上年"
	if prev.Year != 0 {
		prevYear = fmt.Sprintf("上年（%d年度）", prev.Year)
	}
	for _, e := range cur.Enumerations {
		sum, ok := listSum(e)
		if !ok || e.Complete != "" || sum >= e.Total.Value-tolerance {
			continue
		}
		for _, pe := range prev.Enumerations {
			psum, ok := listSum(pe)
			if !ok || math.Abs(psum-pe.Total.Value) > tolerance || !sameBreakdown(pe, e) {
				continue
			}
			p.report(issue{
				status:   StatusFail,
				expected: ptr(sum),
				actual:   ptr(e.Total.Value),
				loc:      Location{Page: e.Page, Section: e.Section},
				message: fmt.Sprintf("正文“%s”：分项之和（%s）小于所述总数（%s）；%s报告同样把“%s”分为这%d项，其和等于总数（%s）",
					e.Text, num(sum), num(e.Total.Value), prevYear, e.Total.Subject, len(e.Parts), num(pe.Total.Value)),
				detail: enumDetail(e),
			})
			break
		}
	}
}

// minPrevParts: a breakdown repeated from last year needs at least three
// named parts to be taken as the body's complete breakdown; two parts are
// too often the two kinds that happened to occur (自然人、商业企业).
const minPrevParts = 3

// listSum adds the parts of a list that counts its total in one unit and
// lists every part with a count; ok is false otherwise.
func listSum(e recognise.Enumeration) (sum float64, ok bool) {
	if len(e.Parts) < minPrevParts || e.Partial || e.Total.Unit == "%" || e.Total.Subject == "" {
		return 0, false
	}
	for _, part := range e.Parts {
		if part.Unit != "" && part.Unit != e.Total.Unit || part.Unit == "%" || part.Subject == "" {
			return 0, false
		}
		sum += part.Value
	}
	return sum, true
}

// sameBreakdown: a and b break the same total (the same subject and unit)
// into the same parts (the same subjects, in any order).
func sameBreakdown(a, b recognise.Enumeration) bool {
	if a.Total.Subject != b.Total.Subject || a.Total.Unit != b.Total.Unit || len(a.Parts) != len(b.Parts) {
		return false
	}
	subjects := func(e recognise.Enumeration) []string {
		var s []string
		for _, p := range e.Parts {
			s = append(s, p.Subject)
		}
		slices.Sort(s)
		return s
	}
	return slices.Equal(subjects(a), subjects(b))
}
