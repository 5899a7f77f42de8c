package cells

import (
	"math"
	"strings"
	"testing"
)

func FuzzSplitRun(f *testing.F) {
	for _, s := range []string{"801000081", "20 0 0 0 02", "230 000023", "10203120001200000", "97+82179", "13575394432.52", "0", "", "--", "1.2.3", "+-+"} {
		f.Add(s, uint8(7))
	}
	f.Fuzz(func(t *testing.T, run string, parts uint8) {
		if len(run) > 40 {
			return
		}
		n := int(parts%16) + 1
		spec := SplitSpec{Parts: n, Limit: 200,
			Signed:  func(i int) bool { return i%2 == 1 },
			Decimal: func(i int) bool { return i == n-1 },
			Check:   func(_ int, v []float64) bool { return len(v) > 0 },
		}
		sols, _ := SplitRun(run, spec)
		digits := strings.Join(runTokens(run), "")
		for _, s := range sols {
			if len(s.Vals) != n || len(s.Text) != n {
				t.Fatalf("%q: split %v has %d parts, want %d", run, s.Text, len(s.Text), n)
			}
			if strings.Join(s.Text, "") != digits {
				t.Fatalf("%q: split %v does not cover the run", run, s.Text)
			}
			for i, p := range s.Text {
				if p == "" || math.IsNaN(s.Vals[i]) {
					t.Fatalf("%q: bad part %q", run, p)
				}
				q := strings.TrimLeft(p, "+-")
				if len(q) > 1 && q[0] == '0' && q[1] != '.' {
					t.Fatalf("%q: leading zero in %q", run, p)
				}
			}
		}
		if len(sols) > 200 {
			t.Fatalf("limit exceeded: %d", len(sols))
		}
	})
}

func FuzzParseCell(f *testing.F) {
	for _, s := range []string{"0", "5949.088667", "+82", "-15", "251000元", "102339.45万元", "22（其中修订 16 件）", "1,234", "—", "", "规章", "1e9", "١٢", "12 0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, n := ParseCell(s)
		switch k {
		case KindNumber:
			if math.IsNaN(n.V) || math.IsInf(n.V, 0) {
				t.Fatalf("%q: %v", s, n.V)
			}
		case KindBlank, KindText, KindMulti:
			if n.V != 0 {
				t.Fatalf("%q: %v with value %v", s, k, n.V)
			}
		default:
			t.Fatalf("%q: kind %v", s, k)
		}
		_ = Compact(s)
	})
}

func FuzzRecognise(f *testing.F) {
	f.Add("一、本年新收政府信息公开申请数量801000081二、上年结转政府信息公开申请数量0000000（七）总计801000081", "1.属于国家秘密|0|0")
	f.Add("第二十条第（一）项规章000行政规范性文件81153行政许可97+82179", "行政复议|行政诉讼\n1|0|0|0|1")
	f.Fuzz(func(t *testing.T, text, table string) {
		if len(text) > 2000 || len(table) > 2000 {
			return
		}
		var rows []string
		rows = append(rows, strings.Split(table, "\n")...)
		res := Recognise(doc(text, rows), "unknown")
		for _, n := range res.Notes {
			if strings.Contains(n, "内部错误") {
				t.Fatalf("%q %q: %s", text, table, n)
			}
		}
		for k, c := range res.Cells {
			if k != c.Key || math.IsNaN(c.Value.V) {
				t.Fatalf("bad cell %s %+v", k, c)
			}
		}
	})
}
