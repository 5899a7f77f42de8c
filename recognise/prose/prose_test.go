package prose

import (
	"fmt"
	"strings"
	"testing"
)

func one(s string) []Line { return []Line{{Text: s, Page: 1}} }

// short renders a figure as value+unit/subject, "!" marking a negation
// (a zero figure stated as one keeps its value and unit), "~" an
// approximate figure, "±" a comparison with another period.
func short(f Figure) string {
	if f.Negated && f.Unit == "" {
		return "!" + f.Subject
	}
	a := ""
	if f.Negated {
		a += "!"
	}
	if f.Approx {
		a += "~"
	}
	if f.Comparative {
		a += "±"
	}
	return fmt.Sprintf("%s%g%s/%s", a, f.Value, f.Unit, f.Subject)
}

func TestFiguresSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"2023_fujian_pingtan_zone_pagetxt.txt total", "2023年，平潭综合实验区……坚持应公开尽公开,持续推进基础信息公开、深化重点领域信息公开，2023年全区共主动公开政府信息13561条。",
			[]string{"13561条/主动公开政府信息"}},
		{"2022_hebei_hrss_dept_csvcell.txt applications", "全年共收到信息公开申请166件，按照规定格式答复。",
			[]string{"166件/信息公开申请"}},
		{"brief example", "收到政府信息公开申请共19件。", []string{"19件/政府信息公开申请"}},
		{"2023_fujian_pingtan_zone_pagetxt.txt shares and cases", "不予公开5件，占6.17%；因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。",
			[]string{"5件/不予公开", "6.17%/不予公开", "2件/行政复议案件", "7件/行政诉讼案件"}},
		{"2024_fujian_pingtan_finance_bureau_pagetxt.txt share with subject", "主动公开的政府信息占15.4%。", []string{"15.4%/主动公开的政府信息"}},
		{"2024_fujian_pingtan_finance_bureau_pagetxt.txt list across 、", "财政预算、决算报告共7条；财政资金直达基层12条",
			[]string{"7条/财政预算、决算报告", "12条/财政资金直达基层"}},
		{"2022_hebei_hrss_dept_csvcell.txt approx and 万", "在中央和省级纸质媒体发稿400余篇，新媒体和网络媒体发稿4.3万余篇。",
			[]string{"~400篇/中央和省级纸质媒体发稿", "~43000篇/新媒体和网络媒体发稿"}},
		{"2022_hebei_hrss_dept_csvcell.txt 万 multiplied out", "阅读量达1075.1万人次，粉丝量达265.6万人", []string{"1.0751e+07人次/阅读量", "2.656e+06人/粉丝量"}},
		{"money keeps 万元", "全年政府采购金额102339.45万元。", []string{"102339.45万元/政府采购金额"}},
		{"2019_fujian_pingtan_zone_pagetxt.txt flattened table cell is not a figure", "第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购13575394432.52元", nil},
		{"2024_shanghai_stcsm_kewei_pdf_extracted.md spaces from PDF", "全年收到政府信息公开申请 34 件，上年结转政府信息公开申请 2 件",
			[]string{"34件/政府信息公开申请", "2件/上年结转政府信息公开申请"}},
		{"verb after noun (2024_shanghai_stcsm_kewei_pdf_extracted.md)", "其中动态类信息发布 1744 条", []string{"1744条/动态类信息"}},
		{"brief example 发布", "发布政策类文件89条", []string{"89条/政策类文件"}},
		{"2024_shanghai_stcsm_kewei_pdf_extracted.md noun after the number", "2024 年市科委有 1 件涉及政府信息公开工作的行政复议，该行政复议件未被复议审查机关纠错。",
			[]string{"1件/行政复议"}},
		{"2024_fujian_pingtan_finance_bureau_pagetxt.txt 的+number+noun", "2023年，在主动公开的61条政府信息中，", []string{"61条/主动公开的政府信息"}},
		{"fee in yuan", "收取信息处理费0元", []string{"0元/信息处理费"}},
		{"Chinese numeral", "行政复议一件", []string{"1件/行政复议"}},
		{"thousands separators", "主动公开政府信息1,820条，其中原创信息1，234条", []string{"1820条/主动公开政府信息", "1234条/原创信息"}},
		{"a comparison with last year", "收到申请较上年增加5件", []string{"±5件/"}},
		{"approximate by its text", "全年发布政府信息近300条", []string{"~300条/政府信息"}},
		{"a zero written as 零", "申请数为零件", []string{"!0件/申请数"}},
		{"无法提供 is a result, not a negation", "无法提供0件", []string{"0件/无法提供"}},
		// negative cases: no figure at all
		{"date is not a figure", "统计期限自2023年1月1日起至2023年12月31日止。", nil},
		{"document number is not a figure", "（国办公开办函〔2021〕30号）", nil},
		{"law article is not a figure", "根据《条例》第五十条、第二十条第（一）项", nil},
		{"order number is not a figure", "（国务院令第711号）", nil},
		{"address and phone are not figures", "通讯地址：平潭综合实验区商务营运中心7号楼14层；邮编：350400；电话：0591-23165385。", nil},
		{"flattened table row is not a figure", "一、本年新收政府信息公开申请数量801000081二、上年结转", nil},
		{"一次性 一件事 are not figures", "推行一次性告知，推进一件事一次办", nil},
		{"numeral counting what follows", "包括总体情况……和其他需要报告的事项等六个部分", nil},
		{"sub-item numbering", "1.属于国家秘密 2.其他法律行政法规禁止公开", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			figs, _ := Figures(one(tc.text), nil)
			var got []string
			for _, f := range figs {
				got = append(got, short(f))
			}
			if strings.Join(got, " | ") != strings.Join(tc.want, " | ") {
				t.Errorf("\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestNegations(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		section int
		want    []string
	}{
		{"2020_hebei_science_technology_dept_csvcell.txt", "2020年未收到政府信息公开申请。", 3, []string{"!政府信息公开申请"}},
		{"2019_hebei_industry_it_dept_csvcell.txt", "2019年河北省工业和信息化厅未发生涉及政府信息公开的行政复议、行政诉讼案件。", 4,
			[]string{"!行政复议案件", "!行政诉讼案件"}},
		{"2021_hebei_industry_it_dept_csvcell.txt", "落实信息处理收费政策。2021年未收取信息处理费。", 6, []string{"!信息处理费"}},
		{"2023_hebei_industry_it_dept_csvcell.txt", "2023年未向申请人收取政府信息公开信息处理费。", 6, []string{"!政府信息公开信息处理费"}},
		{"2023_fujian_pingtan_zone_pagetxt.txt", "2023年，无收取信息处理费情况。", 6, []string{"!信息处理费"}},
		{"2024_shanghai_stcsm_kewei_pdf_extracted.md", "2024 年，市科委未发生政府信息公开收费事项。", 6, []string{"!政府信息公开收费事项"}},
		{"不收取", "依法不收取信息处理费。", 6, []string{"!信息处理费"}},
		{"2021_hebei_education_dept_csvcell.txt bare 无 in section 6", "无。", 6, []string{"!其他需要报告的事项"}},
		{"2019_fujian_pingtan_zone_pagetxt.txt", "无其他需要报告的事项", 6, []string{"!其他需要报告的事项"}},
		// not negations
		{"无法提供 is a result, not a negation", "无法提供31件", 1, []string{"31件/无法提供"}},
		{"无正当理由 is a label", "申请人无正当理由逾期不补正", 3, nil},
		{"尚未审结 is a label", "行政复议尚未审结", 4, nil},
		{"bare 无 outside section 6 says nothing countable", "无。", 1, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			figs, _ := Figures(one(tc.text), func(int) int { return tc.section })
			var got []string
			for _, f := range figs {
				got = append(got, short(f))
				if f.Negated && (f.Value != 0 || f.Unit != "" || f.Cue == "" || f.Section != tc.section) {
					t.Errorf("negation fields: %+v", f)
				}
			}
			if strings.Join(got, " | ") != strings.Join(tc.want, " | ") {
				t.Errorf("\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func renderEnum(e Enumeration) string {
	var ps []string
	for _, p := range e.Parts {
		ps = append(ps, fmt.Sprintf("%g", p.Value))
	}
	s := fmt.Sprintf("%g%s=%s", e.Total.Value, e.Total.Unit, strings.Join(ps, "+"))
	if e.Partial {
		s += " partial"
	}
	if e.Complete != "" {
		s += " complete:" + e.Complete
	}
	return s
}

func TestEnumerations(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"2024_fujian_pingtan_finance_bureau_pagetxt.txt categories 5+1+7+12+51=76 vs 61",
			"2023年，在主动公开的61条政府信息中，全文电子化的主动公开信息数共61条，其中:减税降费5条，财税金融等政策及解读共1条；财政预算、决算报告共7条；财政资金直达基层12条；其他文件共51条等。",
			[]string{"61条=5+1+7+12+51 complete:catch-all"}},
		{"2024_fujian_pingtan_finance_bureau_pagetxt.txt 397",
			"2024年制作、获取政府信息总数397条，其中主动公开政府信息61条，依申请公开信息数255条，不子公开信息数81条。主动公开的政府信息占15.4%。",
			[]string{"397条=61+255+81"}},
		{"2023_fujian_pingtan_zone_pagetxt.txt parts stop where the total is reached",
			"办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%；因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。",
			[]string{"81件=42+5+31+1+2 complete:outcomes"}},
		{"2023_fujian_pingtan_zone_pagetxt.txt 涉及",
			"2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件，涉及自然人80件、商业企业1件。",
			[]string{"81件=80+1"}},
		{"2022_hebei_hrss_dept_csvcell.txt", "2022年共公开政策文件58件，其中规范性文件10件、各类政策文件48件；公开人大建议政协提案办理结果29件；",
			[]string{"58件=10+48"}},
		{"2024_shanghai_stcsm_kewei_pdf_extracted.md 2139 vs 2160",
			"“上海科技”网站全年累计发布信息 2139 条，其中动态类信息发布 1744 条，政务信息发布 393 条，解读类信息发布 21 条，回应公众关注热点信息 2 条。",
			[]string{"2139条=1744+393+21+2"}},
		{"2024_shanghai_stcsm_kewei_pdf_extracted.md items without counts make it partial",
			"市科委通过部门网站当年发布政府信息 393 件，其中包括：行政规范性文件 13 件；规划计划文件 2 件；2024 年度部门预算、2023 年度部门决算信息；主合办人大代表建议 50 件。",
			[]string{"393件=13+2 partial"}},
		{"brief example across a clause", "收到政府信息公开申请共19件，其中网络申请15件，信函申请4件。", []string{"19件=15+4"}},
		// not enumerations
		{"different unit is not a part", "主动公开政府信息1820条，其中召开新闻发布会3场、发布解读5篇。", nil},
		{"a single part is not an enumeration", "共61条，其中减税降费5条。", nil},
		{"2025_shanghai_municipal_gov_office_pdf_extracted.md 其中 opening the next sentence, bracketed notes skipped",
			"市政府共受理政府信息公开申请 1295 件，办结 1191 件（含上年结转 189 件），均在法定期限内答复。其中，予以公开及部分公开 208 件（17.46%），不予公开 20 件（1.68%），因本机关不掌握等原因无法提供 564 件（47.36%），属信访、重复申请等不予处理 80 件（6.72%），其他处理 319 件（26.78%，含申请人主动撤回 157 件）。",
			[]string{"1191件=208+20+564+80+319 complete:outcomes"}},
		{"2019_fujian_pingtan_zone_pagetxt.txt parts in brackets after the total, ending with a catch-all (2533 < 2599)",
			"今年，我区政府信息公开单位共公布政府信息2599条，(其中机构职能类信息25条，政策、规范性文件类信息68条，规划计划类信息28条，行政许可类信息69条，重大建设项目信息90条，为民办实事类信息175条，民政扶贫救灾社会保障就业类信息67条，国土资源城乡建设环保能源类信息983条，科教文体卫生类信息48条，安全生产、应急管理类信息124条，其他应主动公开政府信息856条)对于主动公开的政府信息，主要通过政府门户网站发布公开。",
			[]string{"2599条=25+68+28+69+90+175+67+983+48+124+856 complete:catch-all"}},
		{"2020_fujian_pingtan_zone_pagetxt.txt bracketed parts (2603 > 2602)",
			"全年我区政府信息公开单位共公布政府信息2602条(其中机构职能类信息82条，政策、规范性文件类信息80条，规划计划类信息21条，行政许可类信息40条，重大建设项目信息390条，为民办实事类信息69条，民政扶贫救灾社会保障就业类信息143条，国土资源城乡建设环保能源类信息208条，科教文体卫生类信息246条，安全生产、应急管理类信息271条，其他应主动公开政府信息1053条)，对于主动公开的政府信息，主要通过政府门户网站进行公开。",
			[]string{"2602条=82+80+21+40+390+69+143+208+246+271+1053 complete:catch-all"}},
		{"2024_jiangsu_huaian_city.pdf the four results of table 四",
			"全市共发生政府信息公开行政复议 351件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚未审结 37 件。",
			[]string{"351件=72+64+178+37 complete:outcomes"}},
		{"分别为 lists every part", "举办政府开放活动12场，分别为线上5场、线下4场。", []string{"12场=5+4 complete:cue"}},
		{"均为 lists every part", "共收到申请19件，其中网络申请15件、信函申请3件，均为自然人申请。", []string{"19件=15+3"}},
		{"2023_hebei_industry_it_dept_csvcell.txt a list ending in 等 is not complete",
			"全年通过门户网站发布各类政务信息4464条，其中，我厅制发的规范性文件1条、政策类文件8条、各类业务性文件283条等。",
			[]string{"4464条=1+8+283"}},
		{"parts in the next sentence that add up to nothing there are not paired", "共收到申请19件。其中网络申请15件，信函申请3件。", nil},
		{"2019_fujian_pingtan_zone_pagetxt.txt a part broken down in brackets without 其中",
			"今年共发布380条财政资金信息，其中专项资金152条，预决算公开197条（政府预决算32条、部门预决算公开165条）、“三公”经费27条、债券发行4条。",
			[]string{"380条=152+197+27+4", "197条=32+165"}},
		{"nested bracket parts that overshoot", "预决算公开197条（政府预决算42条、部门预决算公开165条）。",
			[]string{"197条=42+165"}},
		{"nested bracket parts ending with a catch-all", "发布信息197条（政策文件32条、其他信息160条）。",
			[]string{"197条=32+160 complete:catch-all"}},
		{"2019_shanghai_municipal_gov_office_fragment.html every kind of result without a cue, after the answered total",
			"市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复），均在法定期限内予以答复。予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%；不予处理158件，占19.6%；其他处理0件。",
			[]string{"805件=258+35+265+158+0 complete:outcomes"}},
		{"2024_shanghai_stcsm_kewei_pdf_extracted.md results without a stated answered total are not paired",
			"全年收到政府信息公开申请 34 件，上年结转政府信息公开申请 2 件，所有申请均已按要求办理完成。所有办结的信息公开申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2 件，无法提供的 10 件，不予处理 0 件，其他处理 14 件，转下一年度办理答复的有 1 件。",
			nil},
		{"results of received applications are not a breakdown of them", "收到申请20件。予以公开5件，部分公开1件，不予公开1件，无法提供6件，不予处理1件，其他处理1件。", nil},
		// brackets that are not breakdowns
		{"a bracket with a note of other applications", "答复申请805件（含结转申请18件，另有72件顺延）。", nil},
		{"a bracket with one figure is a note", "办结1191件（含上年结转189件），均在法定期限内答复。", nil},
		{"a bracket comparing with last year", "收到申请31件（上年25件、前年19件）。", nil},
		{"a bracket of shares", "予以公开208件（17.46%，含撤回157件）。", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, enums := Figures(one(tc.text), nil)
			var got []string
			for _, e := range enums {
				got = append(got, renderEnum(e))
			}
			if strings.Join(got, " | ") != strings.Join(tc.want, " | ") {
				t.Errorf("\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestWrappedLines: PDF/Markdown lines break inside a sentence and even
// between a number and its unit (2024_shanghai_stcsm_kewei_pdf_extracted.md).
func TestWrappedLines(t *testing.T) {
	ls := []Line{
		{Text: "所有办结的信息公开申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2", Page: 2},
		{Text: "件，无法提供的 10 件。", Page: 3},
		{Text: "六、其他需要报告的事项", Page: 3},
		{Text: "无。", Page: 3},
	}
	secs := []int{1, 1, 6, 6}
	figs, _ := Figures(ls, func(i int) int { return secs[i] })
	var got []string
	for _, f := range figs {
		got = append(got, fmt.Sprintf("%s@%d:%d p%d s%d", short(f), f.Line, f.Rune, f.Page, f.Section))
	}
	want := []string{"9件/同意公开答复@0:19 p2 s1", "0件/部分公开答复@0:30 p2 s1", "2件/不予公开答复@0:41 p2 s1",
		"10件/无法提供@1:8 p3 s1", "!其他需要报告的事项@3:0 p3 s6"}
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

// TestWrappedAfterSubheading: a line that opens with a sub-heading and goes
// on with prose is not a heading line, so its line break is dropped like any
// wrap (2024_jiangsu_huaian_city.pdf, page 1: "…公开各类政" / "府信息 5500 余条").
func TestWrappedAfterSubheading(t *testing.T) {
	ls := []Line{
		{Text: "（一）主动公开情况。2024 年，市政府网站主动公开各类政", Page: 1},
		{Text: "府信息 5500 余条，全年新增公开市政府规章 1 件。", Page: 1},
		{Text: "（二）依申请公开情况", Page: 1},
		{Text: "收到申请 12 件。", Page: 1},
	}
	figs, _ := Figures(ls, nil)
	var got []string
	for _, f := range figs {
		got = append(got, short(f))
	}
	want := []string{"~5500条/市政府网站主动公开各类政府信息", "1件/新增公开市政府规章", "12件/申请"}
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

// TestConcurrent: the shared segmenter is loaded once and read by many
// goroutines (run with -race).
func TestConcurrent(t *testing.T) {
	done := make(chan []Figure)
	for range 8 {
		go func() {
			figs, _ := Figures(one("收到政府信息公开申请共19件，其中网络申请15件，信函申请4件。"), nil)
			done <- figs
		}()
	}
	for range 8 {
		if figs := <-done; len(figs) != 3 || figs[0].Subject != "政府信息公开申请" {
			t.Errorf("got %+v", figs)
		}
	}
}
