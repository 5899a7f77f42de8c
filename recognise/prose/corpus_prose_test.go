package prose

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/testdoc"
	"github.com/nianbao/nianbao/recognise/outline"
)

func corpusFigures(t *testing.T, file string) ([]Figure, []Enumeration) {
	t.Helper()
	doc := testdoc.Corpus(t, file)
	lines := outline.LinesOf(doc)
	o := outline.Find(lines, doc.Meta)
	ls, secs := outline.Split(lines, o)
	return Figures(ls, func(i int) int { return secs[i] })
}

// TestCorpusProse checks the enumerations and negations found in whole
// reports; every expectation was read off the document.
func TestCorpusProse(t *testing.T) {
	tests := []struct {
		file      string
		enums     []string // section:total=parts
		negations []string // section:subject
	}{
		{
			// 财政金融局 2024: categories 5+1+7+12+51 = 76 against a stated 61 (NOTES, SOURCES)
			file:      "2024_fujian_pingtan_finance_bureau_pagetxt.txt",
			enums:     []string{"1:2件=1+1", "2:397条=61+255+81", "2:61条=5+1+7+12+51 complete:catch-all"},
			negations: []string{"6:信息处理费"},
		},
		{
			file:      "2019_hebei_science_technology_dept_csvcell.txt",
			negations: []string{"3:政府信息公开申请", "4:行政复议案件", "4:行政诉讼案件"},
		},
		{
			file:      "2023_fujian_pingtan_zone_page.html",
			enums:     []string{"1:81件=80+1", "1:81件=42+5+31+1+2 complete:outcomes"},
			negations: []string{"6:信息处理费"},
		},
		{
			// 1191 = 208+20+564+80+319 across a sentence break; 1295 and the
			// bracketed 189 are not totals of that list
			file:      "2025_shanghai_municipal_gov_office_pdf_extracted.md",
			enums:     []string{"1:1191件=208+20+564+80+319 complete:outcomes"},
			negations: []string{"1:依申请公开被行政复议纠错或行政诉讼败诉情形", "6:信息公开处理费"},
		},
		{
			// 872 stated, the five channels add up to 848
			file:      "2023_hebei_hrss_dept_csvcell.txt",
			enums:     []string{"1:872件=242+101+407+81+17"},
			negations: []string{"6:信息处理费"},
		},
		{
			file:      "2021_hebei_education_dept_csvcell.txt",
			negations: []string{"6:其他需要报告的事项"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			figs, enums := corpusFigures(t, tc.file)
			var ge, gn []string
			for _, e := range enums {
				ge = append(ge, fmt.Sprintf("%d:%s", e.Section, renderEnum(e)))
			}
			for _, f := range figs {
				if f.Negated {
					gn = append(gn, fmt.Sprintf("%d:%s", f.Section, f.Subject))
				}
			}
			if strings.Join(ge, " | ") != strings.Join(tc.enums, " | ") {
				t.Errorf("enumerations\n got %q\nwant %q", ge, tc.enums)
			}
			if strings.Join(gn, " | ") != strings.Join(tc.negations, " | ") {
				t.Errorf("negations\n got %q\nwant %q", gn, tc.negations)
			}
		})
	}
}

// TestCorpusNoPanicAndSane runs every corpus document through outline and
// prose: no figure may be a year, a date or carry an empty unit unless it is
// a negation.
func TestCorpusNoPanicAndSane(t *testing.T) {
	files := []string{
		"2018_fujian_pingtan_zone_pagetxt.txt", "2019_fujian_pingtan_zone_pagetxt.txt", "2019_hebei_education_dept_csvcell.txt",
		"2020_hebei_industry_it_dept_csvcell.txt", "2021_fujian_pingtan_zone_pagetxt.txt", "2022_hebei_science_technology_dept_csvcell.txt",
		"2024_shanghai_stcsm_kewei_pdf_extracted.md", "2019_shanghai_municipal_gov_office_fragment.html",
		"2023_jiangsu_shuyang_county_drc_capture.html", "2025_fujian_pingtan_finance_bureau_pagetxt.txt",
	}
	for _, file := range files {
		t.Run(file, func(t *testing.T) {
			figs, enums := corpusFigures(t, file)
			for _, f := range figs {
				if !f.Negated && f.Unit == "" {
					t.Errorf("figure without unit: %+v", f)
				}
				if strings.Contains(f.Text, "年") && f.Value >= 1990 && f.Value <= 2100 && f.Unit != "%" && !strings.HasSuffix(f.Text, f.Unit) {
					t.Errorf("a year taken as a figure: %+v", f)
				}
				if strings.HasPrefix(f.Text, "第") {
					t.Errorf("an ordinal taken as a figure: %+v", f)
				}
			}
			for _, e := range enums {
				for _, p := range e.Parts {
					if p.Unit != e.Total.Unit {
						t.Errorf("part with another unit: %+v in %q", p, e.Text)
					}
				}
			}
		})
	}
}
