package prose

import (
	"strings"
	"testing"
)

func FuzzFigures(f *testing.F) {
	f.Add("收到政府信息公开申请共19件，其中网络申请15件，信函申请4件。")
	f.Add("办结1191件（含上年结转189件）。其中，予以公开208件（17.46%），不予公开20件")
	f.Add("2023年未向申请人收取政府信息公开信息处理费。无。")
	f.Add("一二三四五六七八九十百千件条次）（(;；")
	f.Fuzz(func(t *testing.T, s string) {
		var ls []Line
		for _, l := range strings.Split(s, "\n") {
			ls = append(ls, Line{Text: l, Page: 1})
		}
		figs, enums := Figures(ls, func(int) int { return 6 })
		for _, fg := range figs {
			if fg.Line < 0 || fg.Line >= len(ls) {
				t.Fatalf("figure line out of range: %+v", fg)
			}
		}
		for _, e := range enums {
			if len(e.Parts) < 2 {
				t.Fatalf("enumeration with %d parts", len(e.Parts))
			}
		}
	})
}
