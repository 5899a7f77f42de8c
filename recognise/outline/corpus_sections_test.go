package outline

import (
	"testing"

	"github.com/nianbao/nianbao/internal/testdoc"
)

// TestCorpusSections checks, for every text, Markdown and HTML report in
// shared/corpus/real, which of the six sections are found and their heading
// as written. Each expectation was checked by reading the document (see
// corpus/real/NOTES.md §2.2/§2.3 for the known gaps and variants).
func TestCorpusSections(t *testing.T) {
	const (
		h1  = "一、总体情况"
		h2  = "二、主动公开政府信息情况"
		h3  = "三、收到和处理政府信息公开申请情况"
		h4  = "四、政府信息公开行政复议、行政诉讼情况"
		h4b = "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
		h5  = "五、存在的主要问题及改进情况"
		h6  = "六、其他需要报告的事项"
	)
	std := [6]string{h1, h2, h3, h4, h5, h6}
	hebei := [6]string{h1, h2, h3, h4b, h5, h6}
	tests := []struct {
		file string
		want [6]string
	}{
		// pre-2019 free format: 一、概述 … 六、政府信息公开情况统计表 (not 其他需要报告的事项)
		{"2018_fujian_pingtan_zone_pagetxt.txt", [6]string{"一、概述", h2, "三、政府信息依申请公开工作情况",
			"四、因政府信息公开申请行政复议、提起行政诉讼的情况", "五、主要问题和改进措施", ""}},
		{"2019_fujian_pingtan_zone_pagetxt.txt", std},
		{"2020_fujian_pingtan_zone_pagetxt.txt", std},
		{"2021_fujian_pingtan_zone_pagetxt.txt", std},
		{"2022_fujian_pingtan_zone_pagetxt.txt", [6]string{h1, h2, h3, "四、政府信息公开行政法复议、行政诉讼情况", h5, h6}},
		{"2023_fujian_pingtan_zone_pagetxt.txt", std},
		{"2024_fujian_pingtan_zone_pagetxt.txt", std},
		{"2025_fujian_pingtan_zone_pagetxt.txt", std},
		{"2024_fujian_pingtan_finance_bureau_pagetxt.txt", std},
		{"2025_fujian_pingtan_finance_bureau_pagetxt.txt", std},
		// no 六 in the 2019 education report
		{"2019_hebei_education_dept_csvcell.txt", [6]string{h1, h2, h3, h4, h5, ""}},
		{"2021_hebei_education_dept_csvcell.txt", hebei},
		{"2022_hebei_education_dept_csvcell.txt", hebei},
		{"2023_hebei_education_dept_csvcell.txt", hebei},
		{"2019_hebei_hrss_dept_csvcell.txt", std},
		// NOTES §2.2: 人社厅 2020 has no 五、, 2022 no 四、 and no 五、
		{"2020_hebei_hrss_dept_csvcell.txt", [6]string{h1, h2, h3, h4, "", h6}},
		{"2022_hebei_hrss_dept_csvcell.txt", [6]string{h1, h2, h3, "", "", h6}},
		{"2023_hebei_hrss_dept_csvcell.txt", hebei},
		// 工信厅 2019 calls part 一 基本情况; 2019 and 2020 have no 六
		{"2019_hebei_industry_it_dept_csvcell.txt", [6]string{"一、基本情况", h2, h3, h4, h5, ""}},
		{"2020_hebei_industry_it_dept_csvcell.txt", [6]string{h1, h2, h3, h4, h5, ""}},
		{"2021_hebei_industry_it_dept_csvcell.txt", hebei},
		{"2022_hebei_industry_it_dept_csvcell.txt", hebei},
		{"2023_hebei_industry_it_dept_csvcell.txt", hebei},
		// 科技厅 2019 and 2020 have no 六
		{"2019_hebei_science_technology_dept_csvcell.txt", [6]string{h1, h2, h3, h4, h5, ""}},
		{"2020_hebei_science_technology_dept_csvcell.txt", [6]string{h1, h2, h3, h4, h5, ""}},
		{"2021_hebei_science_technology_dept_csvcell.txt", std},
		{"2022_hebei_science_technology_dept_csvcell.txt", std},
		{"2023_hebei_science_technology_dept_csvcell.txt", std},
		// Shanghai layout: prose parts 二…六 are not the template's; the
		// tables are an appendix numbered 一、二、三; no 五 heading (its
		// （一）主要问题 （二）改进情况 stand alone: part 五 is implicit); 其他事项 numbered 五
		{"2024_shanghai_stcsm_kewei_pdf_extracted.md", [6]string{h1, "一、主动公开政府信息情况", "二、收到和处理政府信息公开申请情况",
			"三、政府信息公开行政复议、行政诉讼情况", "(一)主要问题", "五、其他需要报告的事项"}},
		// 上海市府办 2025: 五 replaced by （一）2024 年工作中存在问题的改进情况 / （二）… (implicit)
		{"2025_shanghai_municipal_gov_office_pdf_extracted.md", [6]string{h1, h2, h3, h4, "(一)2024年工作中存在问题的改进情况", h6}},
		{"2019_shanghai_municipal_gov_office_fragment.html", [6]string{h1, h2, h3, h4, "五、政府信息公开工作存在的主要问题及改进情况", h6}},
		{"2023_fujian_pingtan_zone_page.html", std},
		{"2024_fujian_pingtan_zone_page.html", std},
		{"2025_fujian_pingtan_zone_page.html", std},
		{"2023_jiangsu_shuyang_county_drc_capture.html", [6]string{h1, h2, h3, h4, "五、存在的主要问题及整改措施", h6}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			doc := testdoc.Corpus(t, tc.file)
			o := Find(LinesOf(doc), doc.Meta)
			if got := headings(o); got != tc.want {
				for i := range got {
					if got[i] != tc.want[i] {
						t.Errorf("section %d: got %q, want %q", i+1, got[i], tc.want[i])
					}
				}
			}
			// sections are in order and do not overlap
			var prev *Section
			for i := range o.Sections {
				s := &o.Sections[i]
				if !s.Present {
					continue
				}
				if prev != nil && !prev.End.Less(s.Start) && prev.End != s.Start {
					t.Errorf("section %d ends at %+v after section %d starts at %+v", prev.N, prev.End, s.N, s.Start)
				}
				prev = s
			}
		})
	}
}

// TestCorpusMeta checks title, issuer, year and stated dates on a few
// documents (values read from the documents).
func TestCorpusMeta(t *testing.T) {
	tests := []struct {
		file                      string
		title, issuer, issuerFrom string
		year                      int
		published, from           string
		c21, c19                  bool
	}{
		{"2023_fujian_pingtan_zone_pagetxt.txt", "平潭综合实验区2023年度政府信息公开工作年度报告", "平潭综合实验区", "title", 2023, "", "", true, false},
		{"2020_fujian_pingtan_zone_pagetxt.txt", "平潭综合实验区2020年度政府信息公开工作年度报告", "平潭综合实验区", "title", 2020, "", "", false, true},
		{"2024_fujian_pingtan_finance_bureau_pagetxt.txt", "平潭综合实验区财政金融局2024年度政府信息公开工作年度报告", "平潭综合实验区财政金融局", "title", 2024, "2025-01-23", "signature", false, false},
		// NOTES §2.3: the 2023 report is signed 2023年1月29日 (should be 2024)
		{"2023_hebei_hrss_dept_csvcell.txt", "", "河北省人力资源和社会保障厅", "signature", 2023, "2023-01-29", "signature", false, false},
		{"2023_hebei_education_dept_csvcell.txt", "", "河北省教育厅", "signature", 2023, "2024-01-26", "signature", false, false},
		// no title, no signature, only the short name 省工业和信息化厅; the province from 《河北省实施…办法》
		{"2022_hebei_industry_it_dept_csvcell.txt", "", "河北省工业和信息化厅", "text", 2022, "", "", false, false},
		{"2025_shanghai_municipal_gov_office_pdf_extracted.md", "2025年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅", "title", 2025, "", "", true, false},
		{"2024_shanghai_stcsm_kewei_pdf_extracted.md", "2024年上海市科委政府信息公开工作年度报告", "上海市科委", "title", 2024, "", "", false, false},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			doc := testdoc.Corpus(t, tc.file)
			o := Find(LinesOf(doc), doc.Meta)
			if o.Title != tc.title || o.Issuer != tc.issuer || o.IssuerFrom != tc.issuerFrom || o.Year != tc.year ||
				o.Published != tc.published || o.PublishedFrom != tc.from || o.Hints.Cites2021 != tc.c21 || o.Hints.Cites2019 != tc.c19 {
				t.Errorf("got title=%q issuer=%q(%s) year=%d published=%q(%s) hints=%+v", o.Title, o.Issuer, o.IssuerFrom,
					o.Year, o.Published, o.PublishedFrom, o.Hints)
			}
		})
	}
}

// TestCorpusOneLine glues each document's lines into a single line (as a
// crawler that drops every line break would) and expects the same headings.
func TestCorpusOneLine(t *testing.T) {
	for _, file := range []string{
		"2023_fujian_pingtan_zone_pagetxt.txt", "2022_fujian_pingtan_zone_pagetxt.txt",
		"2023_hebei_education_dept_csvcell.txt", "2022_hebei_hrss_dept_csvcell.txt",
		"2024_shanghai_stcsm_kewei_pdf_extracted.md", "2025_shanghai_municipal_gov_office_pdf_extracted.md",
	} {
		t.Run(file, func(t *testing.T) {
			doc := testdoc.Corpus(t, file)
			ls := LinesOf(doc)
			full := Find(ls, doc.Meta)
			for i, sec := range full.Sections {
				if sec.Implicit {
					// a part without heading is found from a line of its
					// own; a glued line has none
					full.Sections[i] = Section{}
				}
			}
			want := headings(full)
			var sb []byte
			for _, l := range ls {
				sb = append(sb, l.Text...)
			}
			o := Find([]Line{{Text: string(sb), Page: 1}}, doc.Meta)
			if got := headings(o); got != want {
				t.Errorf("one line: got %q, want %q", got, want)
			}
			for _, s := range o.Sections {
				if s.Present && s.Start.Line != 0 {
					t.Errorf("section %d at line %d", s.N, s.Start.Line)
				}
			}
		})
	}
}
