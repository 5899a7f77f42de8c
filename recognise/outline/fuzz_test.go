package outline

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
)

func FuzzFind(f *testing.F) {
	f.Add("一、总体情况\n二、主动公开政府信息情况三、收到和处理政府信息公开申请情况")
	f.Add("（五）存在的主要问题及整改措施\n六、其他需要报告的事项无河北省教育厅2024年1月26日")
	f.Add("统计期限自2023年1月1日起至2023年12月31日止 国办公开办涵〔202130号")
	f.Add("一、\n、二（\n三")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip("extracted lines are valid UTF-8")
		}
		var ls []Line
		for _, l := range strings.Split(s, "\n") {
			ls = append(ls, Line{Text: l, Page: 1})
		}
		o := Find(ls, extract.Meta{Title: s})
		prev := -1
		for _, sec := range o.Sections {
			if !sec.Present {
				continue
			}
			if sec.Start.Line < 0 || sec.Start.Line >= len(ls) {
				t.Fatalf("section %d start out of range: %+v", sec.N, sec.Start)
			}
			if sec.N <= prev {
				t.Fatalf("sections out of order")
			}
			prev = sec.N
		}
		out, secs := Split(ls, o)
		if len(out) != len(secs) {
			t.Fatalf("Split: %d lines, %d sections", len(out), len(secs))
		}
		var a, b strings.Builder
		for _, l := range ls {
			a.WriteString(l.Text)
		}
		for _, l := range out {
			b.WriteString(l.Text)
		}
		if a.String() != b.String() {
			t.Fatalf("Split lost text")
		}
	})
}
