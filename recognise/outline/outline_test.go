package outline

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

func lines(ss ...string) []Line {
	out := make([]Line, len(ss))
	for i, s := range ss {
		out[i] = Line{Text: s, Page: 1}
	}
	return out
}

// headings returns the six headings found ("" for absent).
func headings(o Outline) [6]string {
	var h [6]string
	for i, s := range o.Sections {
		if s.Present {
			h[i] = s.Heading
		}
	}
	return h
}

func TestHeadingsSynthetic(t *testing.T) {
	tests := []struct {
		name  string
		lines []Line
		want  [6]string
	}{
		{
			name: "clean 2021 headings one per line",
			lines: lines("一、总体情况", "正文。", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
				"四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "问题。", "六、其他需要报告的事项", "无。"),
			want: [6]string{"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
				"四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"},
		},
		{
			// 2019_hebei_hrss_dept_csvcell.txt: tables were images, headings glued
			name:  "glued headings hebei hrss 2019",
			lines: lines("一、总体情况（一）主动公开情况。2019年，我厅……。二、主动公开政府信息情况三、收到和处理政府信息公开申请情况四、政府信息公开行政复议、行政诉讼情况五、存在的主要问题及改进情况2019年，我厅政府信息和政务公开工作……六、其他需要报告的事项无河北省人力资源和社会保障厅2020年1月20日"),
			want: [6]string{"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
				"四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"},
		},
		{
			// 2022_fujian_pingtan_zone_pagetxt.txt: typo, and table labels 一、…四、 of table 三 in the same line
			name:  "flattened line with table labels and typo pingtan 2022",
			lines: lines("三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）一、本年新收政府信息公开申请数量 801000081二、上年结转政府信息公开申请数量 0000000三、本年度办理结果 （一）予以公开 2600002（七）总计 801000081四、结转下年度继续办理 0000000四、政府信息公开行政法复议、行政诉讼情况行政复议 行政诉讼 五、存在的主要问题及改进情况 （一）存在问题"),
			want: [6]string{"", "", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政法复议、行政诉讼情况",
				"五、存在的主要问题及改进情况", ""},
		},
		{
			// 2021_hebei_education_dept_csvcell.txt, 2023_jiangsu_shuyang_county_drc_capture.html,
			// 2019_shanghai_municipal_gov_office_fragment.html, 2022_hebei_hrss_dept_csvcell.txt
			name:  "wording variants and mixed brackets",
			lines: lines("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "(五）存在的主要问题及整改措施", "六、其他需要报告的事项"),
			want:  [6]string{"", "", "", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "(五）存在的主要问题及整改措施", "六、其他需要报告的事项"},
		},
		{
			name:  "Shanghai 2019 wording of five",
			lines: lines("五、政府信息公开工作存在的主要问题及改进情况", "本年度……"),
			want:  [6]string{"", "", "", "", "五、政府信息公开工作存在的主要问题及改进情况", ""},
		},
		{
			name:  "table labels alone are not headings",
			lines: lines("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果", "（一）予以公开", "四、结转下年度继续办理"),
		},
		{
			// 2023_hebei_education_dept_csvcell.txt section 五; 2025 上海市府办 section 一
			name:  "numbered sub-items in prose are not headings",
			lines: lines("一、与公众互动性还需进一步增强等", "一、权威、动态发布区政府、区级工作", "二是加强学习培训", "三、四部分）"),
		},
		{
			// 2025_shanghai_municipal_gov_office_pdf_extracted.md: no 五 heading,
			// part five found from its sub-heading (Implicit)
			name: "shanghai 2025 without five",
			lines: lines("四、政府信息公开行政复议、行政诉讼情况", "表", "（一）2024 年工作中存在问题的改进情况", "文字。",
				"（二）2025 年工作中存在的主要问题", "文字。", "六、其他需要报告的事项", "2025 年度本机关未收取信息公开处理费。"),
			want: [6]string{"", "", "", "四、政府信息公开行政复议、行政诉讼情况", "（一）2024年工作中存在问题的改进情况", "六、其他需要报告的事项"},
		},
		{
			name: "separators left out or replaced: space, none, full stop, brackets",
			lines: lines("一 总体情况", "正文。", "二主动公开政府信息情况", "三.收到和处理政府信息公开申请情况",
				"（四）政府信息公开行政复议、行政诉讼情况", "五．存在的主要问题及改进情况", "问题。", "六 、其他需要报告的事项", "无。"),
			want: [6]string{"一总体情况", "二主动公开政府信息情况", "三.收到和处理政府信息公开申请情况",
				"（四）政府信息公开行政复议、行政诉讼情况", "五．存在的主要问题及改进情况", "六、其他需要报告的事项"},
		},
		{
			name:  "no separator inside a line is not a heading",
			lines: lines("我们一总体情况良好", "本机关二主动公开政府信息情况良好"),
		},
		{
			// a report that gives the fee a part of its own and shifts 五/六
			name: "renumbered: 信息处理费 as part five",
			lines: lines("一、总体情况", "正文。", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
				"四、政府信息公开行政复议、行政诉讼情况", "五、信息处理费收取情况", "本年度未收取信息处理费。",
				"六、存在的主要问题及改进情况", "问题。", "七、其他需要报告的事项", "无。"),
			want: [6]string{"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
				"四、政府信息公开行政复议、行政诉讼情况", "六、存在的主要问题及改进情况", "七、其他需要报告的事项"},
		},
		{
			name:  "order: a section out of order is not taken twice",
			lines: lines("一、总体情况", "三、收到和处理政府信息公开申请情况", "二、主动公开政府信息情况", "四、政府信息公开行政复议、行政诉讼情况"),
			want:  [6]string{"一、总体情况", "", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "", ""},
		},
		{
			name:  "heading wrapped over two PDF lines",
			lines: lines("三、收到和处理政府信息公开申", "请情况", "（本列数据的勾稽关系为……）"),
			want:  [6]string{"", "", "三、收到和处理政府信息公开申请情况", "", "", ""},
		},
		{
			name:  "ordinal 第三、 and 十一、 are not headings",
			lines: lines("第五、存在的主要问题及改进情况", "十六、其他需要报告的事项"),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := Find(tc.lines, extract.Meta{})
			if got := headings(o); got != tc.want {
				t.Errorf("headings:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestPositionsInsideLongLine(t *testing.T) {
	text := "本报告根据……编制。一、总体情况2023年，全区……二、主动公开政府信息情况第二十条第（一）项信息内容"
	o := Find(lines("标题行", text), extract.Meta{})
	s1, s2 := o.Sections[0], o.Sections[1]
	if !s1.Present || !s2.Present {
		t.Fatalf("sections 1,2 not found: %+v", headings(o))
	}
	r := []rune(text)
	if s1.Start.Line != 1 || string(r[s1.Start.Rune:s1.Start.Rune+6]) != "一、总体情况" {
		t.Errorf("section 1 start = %+v", s1.Start)
	}
	if s1.BodyStart != (Pos{1, s1.Start.Rune + 6}) || s1.End != s2.Start {
		t.Errorf("section 1 body/end = %+v %+v, section 2 start %+v", s1.BodyStart, s1.End, s2.Start)
	}
	if s1.Text != "2023年，全区……" {
		t.Errorf("section 1 text = %q", s1.Text)
	}
	if s2.Text != "第二十条第（一）项信息内容" || s2.End != (Pos{1, len(r)}) {
		t.Errorf("section 2 text = %q end %+v", s2.Text, s2.End)
	}
	// Split cuts the long line at both headings
	ls, secs := Split(lines("标题行", text), o)
	var got []string
	for i, l := range ls {
		got = append(got, strings.TrimSpace(l.Text)[:min(len(l.Text), 9)]+"|"+string(rune('0'+secs[i])))
	}
	want := []string{"标题行|0", "本报告|0", "一、总|1", "二、主|2"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Split = %v, want %v", got, want)
	}
}

func TestTitleIssuerYear(t *testing.T) {
	tests := []struct {
		name                         string
		meta                         extract.Meta
		lines                        []Line
		title, issuer, from          string
		year                         int
		yearFrom, published, pubFrom string
	}{
		{
			name:  "meta title wins",
			meta:  extract.Meta{Title: "平潭综合实验区2023年度政府信息公开工作年度报告", Issuer: "平潭综合实验区管委会办公室"},
			lines: lines("本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"),
			title: "平潭综合实验区2023年度政府信息公开工作年度报告", issuer: "平潭综合实验区", from: "title",
			year: 2023, yearFrom: "title",
		},
		{
			name:  "site name in meta is not a title; title wrapped in text (2024_shanghai_stcsm_kewei_pdf_extracted.md)",
			meta:  extract.Meta{Title: "沭阳县人民政府"},
			lines: lines("正文", "2024 年上海市科委政府信息公开工作", "年度报告", "根据……"),
			title: "2024年上海市科委政府信息公开工作年度报告", issuer: "上海市科委", from: "title",
			year: 2024, yearFrom: "title",
		},
		{
			name:  "garbled title keeps its issuer",
			lines: lines("七家子镇2023年政府信息公开 工作告年度报", "一、总体情况"),
			title: "七家子镇2023年政府信息公开工作告年度报", issuer: "七家子镇", from: "title", year: 2023, yearFrom: "title",
		},
		{
			name:   "no title: year from the statistics period, issuer and date from the signature (2023_hebei_education_dept_csvcell.txt)",
			lines:  lines("本报告中所列数据统计期限从2023年1月1日起至2023年12月31日止。", "一、总体情况", "2022年相比……", "六、其他需要报告的事项", "无。", "", "河北省教育厅", "2024年1月26日"),
			issuer: "河北省教育厅", from: "signature", year: 2023, yearFrom: "period", published: "2024-01-26", pubFrom: "signature",
		},
		{
			name:   "signature glued to section 6 (2020_hebei_hrss_dept_csvcell.txt)",
			lines:  lines("一、总体情况2020年，我厅……2020年……", "六、其他需要报告的事项无河北省人力资源和社会保障厅2021年1月27日更多信息请关注官方微信“河北人社”"),
			issuer: "河北省人力资源和社会保障厅", from: "signature", year: 2020, yearFrom: "body", published: "2021-01-27", pubFrom: "signature",
		},
		{
			name:  "date line under the title",
			lines: lines("上海市人民政府办公厅2019年政府信息公开工作年度报告", "（2020年1月31日）", "一、总体情况"),
			title: "上海市人民政府办公厅2019年政府信息公开工作年度报告", issuer: "上海市人民政府办公厅", from: "title",
			year: 2019, yearFrom: "title", published: "2020-01-31", pubFrom: "date-line",
		},
		{
			name:  "township title, 年度…工作报告 wording",
			meta:  extract.Meta{Title: "沙坡头区兴仁镇2021年度政府信息公开工作报告"},
			title: "沙坡头区兴仁镇2021年度政府信息公开工作报告", issuer: "沙坡头区兴仁镇", from: "title", year: 2021, yearFrom: "title",
		},
		{
			// NOTES §2.3 西关街道: 公开 missing from the title
			name:  "title with a word missing",
			meta:  extract.Meta{Title: "西关街道2024年度政府信息工作年度报告"},
			title: "西关街道2024年度政府信息工作年度报告", issuer: "西关街道", from: "title", year: 2024, yearFrom: "title",
		},
		{
			// 2024_jiangsu_huaian_city.pdf: PDF info title has no year; the text title is split over two lines
			name:  "generic meta title loses to the text title",
			meta:  extract.Meta{Title: "政府信息公开工作年度报告"},
			lines: lines("淮安市人民政府", "2024 年政府信息公开工作年度报告", "本报告由淮安市人民政府办公室根据……"),
			title: "淮安市人民政府2024年政府信息公开工作年度报告", issuer: "淮安市人民政府", from: "title", year: 2024, yearFrom: "title",
		},
		{
			// 2021_hebei_science_technology_dept_csvcell.txt: no title, no signature; names in 《》 and
			// other bodies named once do not count
			name: "no title, no signature: the body named most often in the text",
			lines: lines("根据《河北省财政厅关于……的通知》等规定，发布本年度报告。报告中所列数据统计期限为2021年1月1日至12月31日。",
				"一、总体情况2021年，河北省科学技术厅坚持……河北省财政厅、河北省发展和改革委员会……河北省科学技术厅网站……"),
			issuer: "河北省科学技术厅", from: "text", year: 2021, yearFrom: "period",
		},
		{
			name:  "no body named with its province: no issuer",
			lines: lines("报告中所列数据统计期限为2023年1月1日至12月31日。", "一、总体情况2023年，省工业和信息化厅坚持……"),
			year:  2023, yearFrom: "period",
		},
		{
			// 2022/2023_hebei_industry_it_dept_csvcell.txt: the body names itself without its province,
			// and cites its province's rules
			name: "short name as the subject of part 一, the one province the text names",
			lines: lines("根据《中华人民共和国政府信息公开条例》《河北省实施〈中华人民共和国政府信息公开条例〉办法》等规定，发布本年度报告。报告中所列数据统计期限为2022年1月1日至12月31日。",
				"一、总体情况2022年，省工业和信息化厅坚持……省委、省政府……"),
			issuer: "河北省工业和信息化厅", from: "text", year: 2022, yearFrom: "period",
		},
		{
			name: "short name, two provinces named: no guess",
			lines: lines("根据《河北省实施〈条例〉办法》等规定。报告中所列数据统计期限为2022年1月1日至12月31日。",
				"一、总体情况2022年,省工业和信息化厅坚持……与山西省开展合作……"),
			year: 2022, yearFrom: "period",
		},
		{
			// 2023_jiangsu_shuyang_county_drc_capture.html saved as Word by LibreOffice: the
			// capture's field lines, the site's clock and the page's information table
			// come before the title
			name: "field label and site name around the title; the page's date, not the clock's or the capture's",
			lines: lines("标题:沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局", "单位:沭阳县发改局",
				"采集时间:2025-12-30T21:37:37+08:00", "2025年12月30日 星期二", "名称\t沭阳县发展和改革局2023年政府信息公开年度报告",
				"发布机构\t沭阳县发展和改革局\t公开日期\t2024-01-17", "沭阳县发展和改革局2023年政府信息公开年度报告", "一、总体情况"),
			title: "沭阳县发展和改革局2023年政府信息公开年度报告", issuer: "沭阳县发展和改革局", from: "title",
			year: 2023, yearFrom: "title", published: "2024-01-17", pubFrom: "date-line",
		},
		{
			// 2023_fujian_pingtan_zone_page.html printed by chromium: the PDF's title is the
			// page's <title>; the page's information line is printed among the site's menus
			name: "site names after a meta title; the page's information line",
			meta: extract.Meta{Title: "平潭综合实验区2023年度政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会"},
			lines: append(lines("国务院 省政府 省人大 省政协", "首页", "政务公开"), append(lines(slices.Repeat([]string{"菜单"}, 20)...),
				lines("平潭综合实验区2023年度政府信息公开工作年度报告", "来源:平潭综合实验区管委会办公室 时间:2024-03-08 15:34",
					"本报告……", "一、总体情况")...)...),
			title: "平潭综合实验区2023年度政府信息公开工作年度报告", issuer: "平潭综合实验区", from: "title",
			year: 2023, yearFrom: "title", published: "2024-03-08", pubFrom: "date-line",
		},
		{
			name: "a capture time, a period and a time of the statistics are not publication dates",
			lines: lines("2023年度政府信息公开工作报告", "采集时间:2025-12-30T21:37:37+08:00", "统计时间:2024年1月2日",
				"时间：2023年1月1日 至 2023年12月31日", "日期:2023-01-01至2023-12-31", "一、总体情况"),
			title: "2023年度政府信息公开工作报告", year: 2023, yearFrom: "title",
		},
		{
			name:  "meta issuer when the title has none",
			meta:  extract.Meta{Title: "2023年度政府信息公开工作报告", Issuer: "河北省工业和信息化厅"},
			title: "2023年度政府信息公开工作报告", issuer: "河北省工业和信息化厅", from: "meta", year: 2023, yearFrom: "title",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := Find(tc.lines, tc.meta)
			if o.Title != tc.title || o.Issuer != tc.issuer || o.IssuerFrom != tc.from || o.Year != tc.year ||
				o.YearFrom != tc.yearFrom || o.Published != tc.published || o.PublishedFrom != tc.pubFrom {
				t.Errorf("got title=%q issuer=%q(%s) year=%d(%s) published=%q(%s)", o.Title, o.Issuer, o.IssuerFrom,
					o.Year, o.YearFrom, o.Published, o.PublishedFrom)
			}
		})
	}
}

func TestYearMentions(t *testing.T) {
	// 2024_fujian_pingtan_finance_bureau_pagetxt.txt: a 2024 report that says 2023年
	meta := extract.Meta{Title: "平潭综合实验区财政金融局2024年度政府信息公开工作年度报告"}
	o := Find(lines("本报告中所列数据统计期限自2024年1月1日起至2024年12月31日止。",
		"二、主动公开政府信息情况(二)主动公开政府信息的主要类别2023年，在主动公开的61条政府信息中……",
		"平潭综合实验区财政金融局 2025年1月23日"), meta)
	var got []string
	for _, y := range o.Years {
		got = append(got, strconv.Itoa(y.Year)+"/"+y.Where)
	}
	want := "2024/title,2024/period,2024/period,2023/body,2025/date"
	if strings.Join(got, ",") != want {
		t.Errorf("years = %v, want %s", got, want)
	}
	if o.PeriodStart != "2024-01-01" || o.PeriodEnd != "2024-12-31" {
		t.Errorf("period = %s..%s", o.PeriodStart, o.PeriodEnd)
	}
}

func TestHints(t *testing.T) {
	tests := []struct {
		text     string
		c21, c19 bool
	}{
		{"《…年度报告格式〉的通知》（国办公开办函〔2021〕30号）等文件要求", true, false},
		{"（国办公开办函〔2021〕30 号）的要求编制", true, false},                  // 2025_shanghai_municipal_gov_office_pdf_extracted.md
		{"根据国办公开办涵〔2021〕30号要求", true, false},                      // 兴庆区前进街街道 2024 (NOTES §2.3)
		{"按照国办公开办函〔202130号", true, false},                         // 利辛县望疃镇 2023: characters lost
		{"《关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）", false, true}, // 2020_fujian_pingtan_zone_pagetxt.txt
		{"岚综管规〔2021〕3号", false, false},
		{"根据《条例》第五十条", false, false},
		{"数量30号楼2021", false, false},
	}
	for _, tc := range tests {
		h := Hints(lines(tc.text))
		if h.Cites2021 != tc.c21 || h.Cites2019 != tc.c19 {
			t.Errorf("%q: got 2021=%v 2019=%v", tc.text, h.Cites2021, h.Cites2019)
		}
	}
}

// FindContext returns the context's error once it is done (a time-out)
// instead of going on, and finds what Find finds while it is live.
func TestFindContextStops(t *testing.T) {
	ls := lines("某县2023年政府信息公开工作年度报告", "一、总体情况", "本年度收到申请12件。")
	ctx, cancel := context.WithCancel(context.Background())
	o, err := FindContext(ctx, ls, extract.Meta{})
	if err != nil || !o.Sections[0].Present || o.Year != Find(ls, extract.Meta{}).Year {
		t.Fatalf("live: %v, part 1 present %v", err, o.Sections[0].Present)
	}
	cancel()
	if _, err := FindContext(ctx, ls, extract.Meta{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}
}

// TestTitleDoesNotTakeTheSentenceBelow: a title line OCR misread so that it
// does not read as a title is not completed with the sentence under it
// (fixtures/ocr/clean-lo-zenhei-town.pdf: "…工作年上_邮告" + "本报告由…（以下简称");
// a title wrapped over lines still is.
func TestTitleDoesNotTakeTheSentenceBelow(t *testing.T) {
	o := Find(lines("青禾县柳溪镇人民政府2023年政府信息公开工作年上_邮告",
		"本报告由青禾县柳溪镇人民政府根据《中华人民共和国政府信息公开条例》(以下简称",
		"《条例》)编制。", "一、总体情况"), extract.Meta{})
	if o.Title != "" {
		t.Errorf("title %q, want none", o.Title)
	}
	o = Find(lines("青禾县柳溪镇人民政府", "2023年政府信息公开工作", "年度报告（更正）", "一、总体情况"), extract.Meta{})
	if o.Title != "青禾县柳溪镇人民政府2023年政府信息公开工作年度报告（更正）" {
		t.Errorf("wrapped title %q", o.Title)
	}
}
