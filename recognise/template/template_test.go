package template

import "testing"

func TestKeysAreUniqueAndComplete(t *testing.T) {
	for _, v := range []Version{V2021, V2019} {
		seen := map[string]bool{}
		keys := append(append(T2Keys(v), T3Keys(T3RowsFor(v))...), T4Keys()...)
		for _, k := range keys {
			if seen[k] {
				t.Errorf("%s: duplicate key %s", v, k)
			}
			seen[k] = true
			if Describe(k) == k {
				t.Errorf("%s: key %s has no description", v, k)
			}
		}
		want := map[Version]int{V2021: 10 + 25*7 + 15, V2019: 3 + 3 + 3*4 + 2 + 2 + 23*7 + 15}[v]
		if len(keys) != want {
			t.Errorf("%s: %d keys, want %d", v, len(keys), want)
		}
	}
}

func TestDescribe(t *testing.T) {
	for key, want := range map[string]string{
		"t3.new.total":                  "表三“一、本年新收政府信息公开申请数量”行“总计”列",
		"t3.denied.three_safety.social": "表三“（三）不予公开 3.危及‘三安全一稳定’”行“社会公益组织”列",
		"t3.partial.natural":            "表三“（二）部分公开”行“自然人”列",
		"t3.other.no_fee.total":         "表三“（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用…”行“总计”列",
		"t4.suit_direct.upheld":         "表四“行政诉讼·未经复议直接起诉”“结果维持”栏",
		"t2.normative.issued":           "表二“行政规范性文件”行“本年制发件数”栏",
		"t2.procurement.amount":         "表二“政府集中采购”行“采购总金额”栏",
		"t9.x.y":                        "t9.x.y",
		"nonsense":                      "nonsense",
	} {
		if got := Describe(key); got != want {
			t.Errorf("Describe(%s) = %s\nwant %s", key, got, want)
		}
	}
}
