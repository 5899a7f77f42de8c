package recognise

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// TestFeeStatements: the wordings of the fee statement met in real reports
// (../shared/corpus, named) and in the forms issue 10 lists.
func TestFeeStatements(t *testing.T) {
	tests := []struct {
		name   string
		blocks []extract.Block
		want   string // "section:stated/none/amount" per statement, " | " between
	}{
		{"2021_hebei_science_technology_dept_csvcell.txt: measures' title, then 未收取 in the same sentence",
			text("六、其他需要报告的事项", "认真贯彻执行国务院办公厅《政府信息公开信息处理费管理办法》和《河北省财政厅河北省发展和改革委员会关于政府信息公开信息处理费管理有关事项的通知》要求，落实信息处理收费政策。2021年未收取信息处理费。"),
			"6:mention | 6:none"},
		{"2024_fujian_pingtan_finance_bureau_pagetxt.txt: 无收取…情况",
			text("六、其他需要报告的事项", "2024年，无收取信息处理费情况。"), "6:none"},
		{"2025_shanghai_municipal_gov_office_pdf_extracted.md: 信息公开处理费",
			text("六、其他需要报告的事项", "2025 年度本机关未收取信息公开处理费。"), "6:none"},
		{"2024_shanghai_stcsm_kewei_pdf_extracted.md: a heading line, then 未发生…收费事项",
			text("五、其他需要报告的事项", "本年度信息公开处理费收费情况", "2024 年，市科委未发生政府信息公开收费事项。"), "6:mention | 6:none"},
		{"2023_jiangsu_shuyang_county_drc_capture.html: 信息公开 + 收费, no fee word",
			text("六、其他需要报告的事项", "2023年度，县发展和改革局政府信息公开未发生收费情况。"), "6:none"},
		{"信息公开费用", text("六、其他需要报告的事项", "本年度未收取政府信息公开费用。"), "6:none"},
		{"没有产生", text("六、其他需要报告的事项", "本机关政府信息公开工作没有产生信息处理费。"), "6:none"},
		{"an amount", text("六、其他需要报告的事项", "本年度收取信息处理费共计120元。"), "6:amount 120元"},
		{"a heading answered by the next line", text("六、其他需要报告的事项", "（一）信息处理费收取情况", "无。"), "6:none"},
		{"a statement wrapped before its unit (fixtures/html/clean-lo-serif-city.html printed by Chromium)",
			text("六、其他需要报告的事项", "2023年，我市依据《政府信息公开信息处理费管理办法》，共收取信息处理费570", "元。"), "6:amount 570元"},
		{"a statement wrapped in its verb, answered in the next line's words",
			text("六、其他需要报告的事项", "关于信息处理费的收取情况，本机关严格执行相关规定，本年度未", "收取任何费用。"), "6:none"},
		{"only the measures' title: a mention", text("六、其他需要报告的事项", "我局严格执行《政府信息公开信息处理费管理办法》。"), "6:mention"},
		{"表二's 行政事业性收费 row is not the fee", text("二、主动公开政府信息情况", "第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0"), ""},
		{"a fee table under its own heading",
			append(text("六、其他需要报告的事项", "（二）信息处理费收取情况"), table([][]string{{"收费项目", "金额（元）"}, {"信息处理费", "0"}})),
			"6:mention | 6:none"},
		{"a fee table with an amount",
			append(text("六、其他需要报告的事项", "（二）信息处理费收取情况"), table([][]string{{"收费项目", "金额（元）"}, {"信息处理费", "35.5"}})),
			"6:mention | 6:amount 35.5元"},
		{"a fee table that says 无",
			append(text("六、其他需要报告的事项", "（二）信息处理费收取情况"), table([][]string{{"项目", "收取情况"}, {"信息处理费", "无"}})),
			"6:mention | 6:none"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := &extract.Document{Path: "x", Format: extract.FormatText, Pages: 1,
				Blocks: append(text("某某局2023年政府信息公开工作年度报告", "一、总体情况", "正文。"), tc.blocks...)}
			r, err := Recognise(context.Background(), doc)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range r.Fees {
				s := "mention"
				switch {
				case f.HasAmount && !(f.None && f.Amount == 0 && f.Unit == ""):
					s = fmt.Sprintf("amount %g%s", f.Amount, f.Unit)
				case f.None:
					s = "none"
				}
				got = append(got, fmt.Sprintf("%d:%s", sectionOfFee(f), s))
			}
			if g := strings.Join(got, " | "); g != tc.want {
				t.Errorf("\n got %q\nwant %q", g, tc.want)
			}
		})
	}
}

// sectionOfFee maps the Shanghai layout (其他事项 numbered 五) as the
// outline does: the statement's section.
func sectionOfFee(f FeeStatement) int { return f.Section }

func text(lines ...string) []extract.Block {
	out := make([]extract.Block, len(lines))
	for i, l := range lines {
		out[i] = extract.Block{Kind: extract.BlockText, Page: 1, Text: l}
	}
	return out
}

func table(rows [][]string) extract.Block {
	t := &extract.Table{Page: 1, Rows: len(rows), Cols: len(rows[0])}
	for r, row := range rows {
		for c, s := range row {
			t.Cells = append(t.Cells, extract.Cell{Row: r, Col: c, RowSpan: 1, ColSpan: 1, Text: s, Page: 1})
		}
	}
	return extract.Block{Kind: extract.BlockTable, Page: 1, Table: t}
}
