package recognise

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// Which template quantity a prose figure states is recognised from its
// words, unit and clause; the sentences are from real reports (平潭, 上海,
// 淮安, 河北) or written like them.
func TestTopics(t *testing.T) {
	tests := []struct {
		issuer string
		text   string
		value  float64 // the figure looked at
		want   []string
	}{
		{"", "2022年，全区收到政府信息公开申请75件，涉及自然人72件。", 75, []string{"t3.new"}},
		{"", "本年度共受理政府信息公开申请39件，上年结转3件。", 39, []string{"t3.new"}},
		{"", "本年度共受理政府信息公开申请39件，上年结转3件。", 3, []string{"t3.carried_over"}},
		{"", "结转下年度继续办理2件。", 2, []string{"t3.carried_forward"}},
		// a sub-office's count in a district report, and one in 条
		{"某区人民政府", "区政府办代表区政府受理政府信息公开申请17件。", 17, nil},
		{"", "主动公开政府信息，不予公开信息数81条。", 81, nil},
		{"", "予以公开及部分公开258件，占33.9%；不予公开35件。", 258, []string{"t3.granted_partial"}},
		{"", "予以公开及部分公开258件，占33.9%；不予公开35件。", 35, []string{"t3.denied"}},
		{"", "因本机关不掌握等原因无法提供265件。", 265, []string{"t3.unable"}},
		// table 二: decisions in 件, not information in 条; a clean-up's
		// library is not the table's count
		{"", "全年作出行政许可决定120件。", 120, []string{"t2.licensing.decisions"}},
		{"", "公开行政许可类信息69条。", 69, nil},
		{"", "清理并集中发布现行有效行政规范性文件393件。", 393, nil},
		{"", "本年度废止行政规范性文件2件。", 2, []string{"t2.normative.repealed"}},
		{"", "本年度制发行政规范性文件3件。", 3, []string{"t2.normative.issued"}},
		// table 四: the first kind whose words match; an outcome is a part
		{"", "发生政府信息公开行政复议3件。", 3, []string{"t4.review"}},
		{"", "共有行政诉讼案件1件、行政复议案件2件，均已结案。", 1, []string{"t4.suit"}},
		{"", "复议后起诉1件。", 1, []string{"t4.suit_after_review"}},
		{"", "行政复议结果维持2件。", 2, nil},
		// the carried-over count is the noun right before the number;
		// applications counted with those carried over are new ones (or
		// their sum)
		{"", "答复政府信息公开申请805件(含上年度结转申请18件,另有72件申请顺延到下年度答复)", 18, []string{"t3.carried_over"}},
		{"", "受理含上年结转在内的政府信息公开申请45件。", 45, []string{"t3.new"}},
		{"", "收到政府信息公开申请（含上年结转）45件。", 45, []string{"t3.new"}},
	}
	for _, tc := range tests {
		r := &Report{Issuer: tc.issuer, Lines: []Line{{Text: tc.text, Page: 1, Section: 1}}}
		if err := figures(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		Topics(r)
		var f *Figure
		for i := range r.Figures {
			if r.Figures[i].Value == tc.value && f == nil {
				f = &r.Figures[i]
			}
		}
		if f == nil {
			t.Errorf("%s: no figure %v in %+v", tc.text, tc.value, r.Figures)
			continue
		}
		var got []string
		for _, a := range f.About {
			got = append(got, a.Topic)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: figure %v (%q, clause %q) states %v, want %v", tc.text, tc.value, f.Subject, f.Clause, got, tc.want)
		}
	}
}

// A figure that names another quantity in its text may state new
// applications together with it (Loose), one with 结转 may include those
// carried over (PlusCarried).
func TestTopicsLooseAndCarried(t *testing.T) {
	r := &Report{Lines: []Line{{Text: "收到政府信息公开申请（含上年结转）42件。", Section: 1}}}
	if err := figures(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	Topics(r)
	for _, f := range r.Figures {
		if f.Value != 42 {
			continue
		}
		for _, a := range f.About {
			if a.Topic == "t3.new" && a.Loose && a.PlusCarried {
				return
			}
		}
		t.Fatalf("42 (%q, text %q): %+v, want t3.new loose and plus carried", f.Subject, f.Text, f.About)
	}
	t.Fatalf("no figure 42 in %+v", r.Figures)
}

// Negations: 未收到申请 is about new applications, 未发生行政复议 about table
// 四, a denied outcome about neither.
func TestNegationTopics(t *testing.T) {
	for text, want := range map[string]string{
		"本年度未收到政府信息公开申请。":       "t3.new",
		"本年度未发生政府信息公开行政复议案件。":   "t4.review",
		"未发生政府信息公开行政复议、行政诉讼案件。": "t4.review,t4.suit",
		"未发生被行政复议纠错或行政诉讼败诉情形。":  "",
		"本年度未收取信息处理费。":          "",
	} {
		r := &Report{Lines: []Line{{Text: text, Section: 1}}}
		if err := figures(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		Topics(r)
		var got []string
		for _, n := range r.Negations {
			got = append(got, n.About...)
		}
		if strings.Join(got, ",") != want {
			t.Errorf("%s: negations %+v state %v, want %q", text, r.Negations, got, want)
		}
	}
}
