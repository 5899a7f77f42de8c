package layout_test

import (
	"fmt"
	"strconv"
)

// table3 builds a fixture shaped like table 三 of the 2021 format: three
// header rows, a three-column label area, the vertical 三、本年度办理结果 label
// spanning 22 rows, and 7 numeric columns.
func table3(size float64) tableSpec {
	xs := []float64{60, 80, 160, 310}
	for i := 1; i <= 7; i++ {
		xs = append(xs, 310+float64(i)*34)
	}
	cells := []cellSpec{
		{0, 0, 3, 3, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", false},
		{0, 3, 1, 7, "申请人情况", false},
		{1, 3, 2, 1, "自然人", false},
		{1, 4, 1, 5, "法人或其他组织", false},
		{1, 9, 2, 1, "总计", false},
		{2, 4, 1, 1, "商业企业", false},
		{2, 5, 1, 1, "科研机构", false},
		{2, 6, 1, 1, "社会公益组织", false},
		{2, 7, 1, 1, "法律服务机构", false},
		{2, 8, 1, 1, "其他", false},
		{3, 0, 1, 3, "一、本年新收政府信息公开申请数量", false},
		{4, 0, 1, 3, "二、上年结转政府信息公开申请数量", false},
		{5, 0, 22, 1, "三、本年度办理结果", true},
		{5, 1, 1, 2, "（一）予以公开", false},
		{6, 1, 1, 2, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", false},
		{7, 1, 8, 1, "（三）不予公开", false},
		{15, 1, 3, 1, "（四）无法提供", false},
		{18, 1, 5, 1, "（五）不予处理", false},
		{23, 1, 3, 1, "（六）其他处理", false},
		{26, 1, 1, 2, "（七）总计", false},
		{27, 0, 1, 3, "四、结转下年度继续办理", false},
	}
	leaves := []string{
		"1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
		"5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
		"1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
		"1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
		"5.要求行政机关确认或重新出具已获取信息",
		"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
		"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
	}
	for i, l := range leaves {
		cells = append(cells, cellSpec{7 + i, 2, 1, 1, l, false})
	}
	for r := 3; r < 28; r++ {
		for c := 3; c < 10; c++ {
			cells = append(cells, cellSpec{r, c, 1, 1, strconv.Itoa(value3(r, c)), false})
		}
	}
	return tableSpec{xs: xs, heights: rowHeights(xs, 28, cells, size), cells: cells, size: size}
}

// value3 is the number printed in row r, column c of the fixture.
func value3(r, c int) int { return (r*7 + c*3) % 23 }

// specKey renders a cell for comparison.
func specKey(r, c, rs, cs int, text string) string {
	return fmt.Sprintf("%d,%d %dx%d %s", r, c, rs, cs, text)
}
