package rules

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

// blankDoc is the shared explanation of how arithmetic rules treat blank
// and uncertain cells.
const blankDoc = `空白单元格的处理：模板要求每格填数，空白不等于0，由 COMPL-CELLS 另行报告。核对时，若等式某一侧的单元格全部空白，视为未作陈述，不核对；否则空白按0计算，成立即通过。不成立时，若空白都在数值偏小的一侧（空白处填入某个非负数即可成立），结论取决于空白的含义，记为 uncertain；但若该表没有任何明确填写的0而有空白（可见该报告以空白表示0），空白即按0判定为 fail。空白无论填什么都不能使等式成立时，判定为 fail。
识别不确定的单元格：若参与核对的某个单元格是从粘连数字中多种可能拆分里选出的（识别不确定），等式不成立时记为 uncertain，责任方为 extraction（可能是我们读错了）。
OCR识别的单元格（扫描件、以图片发布的表格）：置信度低的读数记为识别不确定；等式不成立时，只要其中有一个OCR读数未经两次独立识别确认（两种预处理读出同一数字且置信度高），即记为 uncertain，责任方为 extraction；全部确认时判定为 fail，说明中注明同表有多少条勾稽关系用OCR读数核对成立，作为识别可信的依据。
表格未识别（缺失、以图片发布或以文字代替）时本规则不运行，由 COMPL-TABLES 与 FORMAT-TABLE-IMAGE 报告。`

var arithmeticRules = []Rule{
	{
		ID:       "ARITH-T3-BALANCE",
		Title:    "表三各列第一项加第二项应等于第三项加第四项",
		Severity: SeverityError,
		Category: CategoryArithmetic,
		Basis:    "国办公开办函〔2021〕30号《政府信息公开工作年度报告格式》表三勾稽关系说明：“第一项加第二项之和，等于第三项加第四项之和”（〔2019〕60号格式相同）",
		Explanation: `对表三的7列（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）逐列核对：
一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度继续办理。
这是模板中唯一写明的勾稽关系，每列一条，不成立的列各报一条。
` + blankDoc,
		Example: "表三“自然人”列：第一项加第二项之和（32）不等于第三项加第四项之和（31）",
		Check: func(p *Pass) {
			if p.Report.Tables.T3.Found {
				checkRelations(p, T3BalanceRelations(), "t3.")
			}
		},
	},
	{
		ID:       "ARITH-T3-TOTAL",
		Title:    "表三（七）总计应等于各项办理结果之和",
		Severity: SeverityError,
		Category: CategoryArithmetic,
		Basis:    "国办公开办函〔2021〕30号表三“三、本年度办理结果”各项与“（七）总计”",
		Explanation: `对表三的每一列核对：（七）总计 = （一）予以公开 + （二）部分公开 + （三）不予公开8项 + （四）无法提供3项 + （五）不予处理5项 + （六）其他处理。
2021年格式的（六）其他处理分3个子项；2019年格式及保留单行“（六）其他处理”的报告按单行计算。
` + blankDoc,
		Example: "表三“总计”列：各项办理结果之和（38）不等于（七）总计（37）",
		Check: func(p *Pass) {
			if p.Report.Tables.T3.Found {
				checkRelations(p, T3TotalRelations(p.Report), "t3.")
			}
		},
	},
	{
		ID:       "ARITH-T3-ROWSUM",
		Title:    "表三每行总计应等于六类申请人之和",
		Severity: SeverityError,
		Category: CategoryArithmetic,
		Basis:    "国办公开办函〔2021〕30号表三表头“申请人情况”下“总计”列",
		Explanation: `对表三的每一行核对：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。
总计列空白的行不核对（常见于以空白代替0的报告），空白由 COMPL-CELLS 报告。
` + blankDoc,
		Example: "表三“一、本年新收政府信息公开申请数量”行：六类申请人之和（39）不等于总计（40）",
		Check: func(p *Pass) {
			if p.Report.Tables.T3.Found {
				checkRelations(p, T3RowSumRelations(p.Report), "t3.")
			}
		},
	},
	{
		ID:       "ARITH-T4-TOTAL",
		Title:    "表四各组总计应等于维持、纠正、其他、尚未审结之和",
		Severity: SeverityError,
		Category: CategoryArithmetic,
		Basis:    "国办公开办函〔2021〕30号表四“行政复议”“未经复议直接起诉”“复议后起诉”各组的“总计”列",
		Explanation: `对表四的三组（行政复议；行政诉讼中的未经复议直接起诉、复议后起诉）分别核对：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。
模板没有行政诉讼的合计栏，不核对两组诉讼之和。
` + blankDoc,
		Example: "表四“行政复议”：维持、纠正、其他、尚未审结之和（3）不等于总计（2）",
		Check: func(p *Pass) {
			if p.Report.Tables.T4.Found {
				checkRelations(p, T4TotalRelations(), "t4.")
			}
		},
	},
	{
		ID:       "ARITH-NONNEG",
		Title:    "表格中的件数应为非负整数",
		Severity: SeverityError,
		Category: CategoryArithmetic,
		Basis:    "国办公开办函〔2021〕30号表二、表三、表四各栏为件数（表二“本年收费金额”以万元计，可有小数）",
		Explanation: `表二、表三、表四中的件数不能为负数，也不能有小数。
例外：表二“本年收费金额（单位：万元）”与2019年格式的“采购总金额”可以有小数；2019年格式表二“本年增/减”可以为负数。
空白单元格不在本规则核对范围（见 COMPL-CELLS）。识别不确定的单元格不合要求时记为 uncertain，责任方为 extraction。`,
		Example: "表三“一、本年新收政府信息公开申请数量”行“社会公益组织”列的值（-1）不是非负整数",
		Check:   checkNonNegative,
	},
	{
		ID:       "ARITH-PROSE-ENUM",
		Title:    "正文列举的分项之和应与所述总数相符",
		Severity: SeverityWarning,
		Category: CategoryArithmetic,
		Basis:    "《中华人民共和国政府信息公开条例》第五十条（年度报告的内容）；正文自身陈述的一致性",
		Explanation: `正文中“共……，其中……、……”一类的陈述：分项之和大于总数，一定有误，判定为 fail；多出的数恰等于其中一项时，消息指出该项（常是总数之外另计的一类，如解读类信息）。
分项之和小于总数时，“其中”常常只列举了一部分，不作判断；只有列举明确是全部分项时才判定为 fail：用“分别为”“分别是”“均为”列举，最后一项是“其他…”“其余…”一类的兜底项，或分项恰是模板的全部办理结果（予以公开、部分公开、不予公开、无法提供、不予处理、其他处理；表四的维持、纠正、其他结果、尚未审结）。以“等”结尾的列举只有带兜底项时才算完整。
括号中紧跟在总数之后的“（其中……）”也是列举；紧跟在某个数字之后、不带“其中”的括号，若含两个以上同单位的数字且没有“同比”“上年”一类的比较词，是该数字的分项（“预决算公开197条（政府预决算32条、部门预决算公开165条）”）。
没有“其中”等提示词、但逐一列出了全部办理结果（予以公开、部分公开、不予公开、无法提供、不予处理、其他处理）的句子，与紧挨在前（同一句或上一句）的答复、办结申请数配对，也是完整的列举。
分项与总数的单位不同（如百分比）时不核对。`,
		Example: "正文“共收到政府信息公开申请31件，其中自然人申请25件、法人或其他组织申请8件”：分项之和（33）大于所述总数（31）",
		Check:   checkEnumerations,
	},
}

// signedKeys may be negative; decimalKeys may carry a fraction.
var (
	signedSuffixes  = []string{".change"}
	decimalSuffixes = []string{"t2.fees.amount", "t2.procurement.amount"}
)

func checkNonNegative(p *Pass) {
	r := p.Report
	keys := make([]string, 0, len(r.Cells))
	for k := range r.Cells {
		if strings.HasPrefix(k, "t2.") || strings.HasPrefix(k, "t3.") || strings.HasPrefix(k, "t4.") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := r.Cells[k]
		if !c.Value.Valid {
			continue
		}
		v := c.Value.V
		signed, decimal := false, false
		for _, s := range signedSuffixes {
			signed = signed || strings.HasSuffix(k, s)
		}
		for _, s := range decimalSuffixes {
			decimal = decimal || k == s
		}
		bad := (v < 0 && !signed) || (!decimal && v != math.Trunc(v))
		if !bad {
			continue
		}
		is := issue{
			status:  StatusFail,
			cells:   []string{k},
			actual:  ptr(v),
			loc:     Location{Page: c.Page, Section: tableSection(k)},
			message: fmt.Sprintf("%s的值（%s）不是非负整数", template.Describe(k), num(v)),
			detail:  "nonneg",
		}
		switch {
		case decimal:
			is.message = fmt.Sprintf("%s的值（%s）为负数", template.Describe(k), num(v))
		case signed:
			is.message = fmt.Sprintf("%s的值（%s）不是整数", template.Describe(k), num(v))
		}
		if c.Uncertain {
			is.status = StatusUncertain
			is.resp = ResponsibilityExtraction
			is.message += "；该单元格识别不确定"
		}
		p.report(is)
	}
}

func tableSection(key string) int {
	switch {
	case strings.HasPrefix(key, "t2."):
		return 2
	case strings.HasPrefix(key, "t3."):
		return 3
	case strings.HasPrefix(key, "t4."):
		return 4
	}
	return 0
}

func tableName(key string) string {
	return [...]string{"", "", "表二", "表三", "表四"}[tableSection(key)]
}

func checkEnumerations(p *Pass) {
	for _, e := range p.Report.Enumerations {
		if len(e.Parts) == 0 || e.Total.Unit == "%" {
			continue
		}
		sum, comparable := 0.0, true
		for _, part := range e.Parts {
			if part.Unit != "" && part.Unit != e.Total.Unit || part.Unit == "%" {
				comparable = false
				break
			}
			sum += part.Value
		}
		if !comparable {
			continue
		}
		exhaustive := e.Complete != ""
		diff := sum - e.Total.Value
		if math.Abs(diff) <= tolerance || (diff < 0 && !exhaustive) {
			continue
		}
		rel, why := "大于", excessPart(e.Parts, diff)
		if diff < 0 {
			rel = "小于"
			switch e.Complete {
			case "catch-all":
				why = "；列举以“其他”一类的兜底项收尾，应已包括全部分项"
			case "outcomes":
				why = "；分项已是全部办理结果"
			default:
				why = "；“" + e.Cue + "”表明已列出全部分项"
			}
		}
		p.report(issue{
			status:   StatusFail,
			expected: ptr(sum),
			actual:   ptr(e.Total.Value),
			loc:      Location{Page: e.Page, Section: e.Section},
			message:  fmt.Sprintf("正文“%s”：分项之和（%s）%s所述总数（%s）%s", e.Text, num(sum), rel, num(e.Total.Value), why),
			detail:   enumDetail(e),
		})
	}
}

// excessPart names the one part whose value is the excess of the parts'
// sum over the total (1744+393+21+2 = 2160 against 2139: 21): most often a
// part the total does not count (解读类信息 counted apart from 发布信息),
// which is what a reader asked to explain the difference needs to see.
// Empty when no part or more than one part has that value.
func excessPart(parts []recognise.Figure, diff float64) string {
	if diff <= tolerance {
		return ""
	}
	found := -1
	for i, part := range parts {
		if math.Abs(part.Value-diff) <= tolerance {
			if found >= 0 {
				return ""
			}
			found = i
		}
	}
	if found < 0 {
		return ""
	}
	return "；去掉其中“" + strings.TrimSpace(parts[found].Text) + "”后恰与总数相符，该项可能未计入总数"
}

func enumDetail(e recognise.Enumeration) string {
	return fmt.Sprintf("%s|%d", e.Text, e.Section)
}
