package rules

import (
	"slices"
	"testing"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

func TestRelationsFromTemplate(t *testing.T) {
	r21 := cleanReport(template.V2021)
	r19 := cleanReport(template.V2019)
	counts := []struct {
		name      string
		rels      []Relation
		n, nParts int
	}{
		{"balance", T3BalanceRelations(), 7, 2},
		{"total 2021", T3TotalRelations(r21), 7, 21},
		{"total 2019", T3TotalRelations(r19), 7, 19},
		{"rowsum 2021", T3RowSumRelations(r21), 25, 6},
		{"rowsum 2019", T3RowSumRelations(r19), 23, 6},
		{"t4", T4TotalRelations(), 3, 4},
	}
	for _, c := range counts {
		if len(c.rels) != c.n {
			t.Errorf("%s: %d relations, want %d", c.name, len(c.rels), c.n)
		}
		for _, rel := range c.rels {
			if len(rel.Parts) != c.nParts {
				t.Errorf("%s %s: %d parts, want %d", c.name, rel.Name, len(rel.Parts), c.nParts)
			}
		}
	}
	b := T3BalanceRelations()[0]
	if !slices.Equal(b.Cells(), []string{"t3.new.natural", "t3.carried_over.natural", "t3.total.natural", "t3.carried_forward.natural"}) {
		t.Errorf("balance cells %v", b.Cells())
	}
	tt := T4TotalRelations()[2]
	if !slices.Equal(tt.Cells(), []string{"t4.suit_after_review.upheld", "t4.suit_after_review.corrected", "t4.suit_after_review.other", "t4.suit_after_review.pending", "t4.suit_after_review.total"}) {
		t.Errorf("t4 cells %v", tt.Cells())
	}
	row := T3RowSumRelations(r21)[4]
	if row.Where != "表三“（三）不予公开1.属于国家秘密”行" {
		t.Errorf("row name %q", row.Where)
	}
	// Every relation holds on the clean reports (the oracle).
	for _, r := range []*recognise.Report{r21, r19} {
		all := append(append(append(T3BalanceRelations(), T3TotalRelations(r)...), T3RowSumRelations(r)...), T4TotalRelations()...)
		for _, rel := range all {
			if o, _, _ := eval(r, rel, false); o != holds {
				t.Errorf("%s %s does not hold on the clean report", r.Template, rel.Name)
			}
		}
	}
}

func TestEvalBlanks(t *testing.T) {
	rel := Sum("a", "b").Equals("c")
	v := func(x float64) recognise.Cell { return recognise.Cell{Value: recognise.Num(x)} }
	blank := recognise.Cell{}
	unsure := recognise.Cell{Value: recognise.Num(9), Uncertain: true}
	cases := []struct {
		name       string
		a, b, c    recognise.Cell
		zeroBlanks bool
		want       outcome
	}{
		{"holds", v(1), v(2), v(3), false, holds},
		{"fails", v(1), v(2), v(4), false, fails},
		{"blank part, holds as 0", v(3), blank, v(3), false, holds},
		{"blank part on short side", v(1), blank, v(3), false, blankDep},
		{"blank part on short side, table writes blanks for 0", v(1), blank, v(3), true, fails},
		{"blank part cannot help", v(5), blank, v(3), false, fails},
		{"all parts blank", blank, blank, v(3), false, holds},
		{"total blank", v(1), v(2), blank, false, holds},
		{"uncertain operand", v(1), v(2), unsure, false, uncertain},
		{"uncertain operand, holds", v(4), v(5), unsure, false, holds},
	}
	for _, c := range cases {
		r := &recognise.Report{Cells: map[string]recognise.Cell{"a": c.a, "b": c.b, "c": c.c}}
		if got, _, _ := eval(r, rel, c.zeroBlanks); got != c.want {
			t.Errorf("%s: got %d, want %d", c.name, got, c.want)
		}
	}
	// A missing key is a blank too.
	r := &recognise.Report{Cells: map[string]recognise.Cell{"a": v(1), "c": v(3)}}
	if got, _, _ := eval(r, rel, false); got != blankDep {
		t.Errorf("missing key: got %d, want blankDep", got)
	}
}

func TestBlanksMeanZero(t *testing.T) {
	c := func(valid bool, v float64, unsure bool) recognise.Cell {
		return recognise.Cell{Value: recognise.Value{V: v, Valid: valid}, Uncertain: unsure}
	}
	cases := []struct {
		name  string
		cells map[string]recognise.Cell
		want  bool
	}{
		{"blanks, no zero", map[string]recognise.Cell{"t3.a": c(true, 5, false), "t3.b": c(false, 0, false)}, true},
		{"blanks and a zero", map[string]recognise.Cell{"t3.a": c(true, 0, false), "t3.b": c(false, 0, false)}, false},
		{"only uncertain blanks", map[string]recognise.Cell{"t3.a": c(true, 5, false), "t3.b": c(false, 0, true)}, false},
		{"zero in another table", map[string]recognise.Cell{"t4.a": c(true, 0, false), "t3.b": c(false, 0, false)}, true},
		{"no blanks", map[string]recognise.Cell{"t3.a": c(true, 5, false)}, false},
	}
	for _, tc := range cases {
		if got := blanksMeanZero(&recognise.Report{Cells: tc.cells}, "t3."); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestSimilarity(t *testing.T) {
	a := "2023年，我局主动公开政府信息1820条，共收到申请39件。"
	b := "2022年，我局主动公开政府信息1650条，共收到申请31件。"
	if s := similarity(a, b); s != 1 {
		t.Errorf("same text, other numbers: %v, want 1", s)
	}
	if s := similarity(a, "本年度重点公开了市场主体登记信息和食品安全抽检结果。"); s > 0.2 {
		t.Errorf("different texts: %v", s)
	}
	if s := similarity("", a); s != 0 {
		t.Errorf("empty: %v", s)
	}
}

// TestDisagreeing: the figure reported is the first exact count the matcher
// accepts, and none is reported when any accepted count equals the sum.
func TestDisagreeing(t *testing.T) {
	fig := func(subject string, v float64, unit, text string) recognise.Figure {
		return recognise.Figure{Subject: subject, Value: v, Unit: unit, Text: text}
	}
	// the recogniser marks approximate and comparative figures
	approx := func(f recognise.Figure) recognise.Figure { f.Approx = true; return f }
	comparative := func(f recognise.Figure) recognise.Figure { f.Comparative = true; return f }
	review := func(f recognise.Figure) bool { return f.Subject == "复议" }
	tests := []struct {
		name string
		figs []recognise.Figure
		want int // index of the figure reported, -1 for none
	}{
		{"no figures", nil, -1},
		{"none accepted", []recognise.Figure{fig("诉讼", 3, "件", "诉讼3件")}, -1},
		{"first disagreeing", []recognise.Figure{fig("诉讼", 5, "件", "诉讼5件"), fig("复议", 3, "件", "复议3件"), fig("复议", 4, "件", "复议4件")}, 1},
		{"one agrees later", []recognise.Figure{fig("复议", 3, "件", "复议3件"), fig("复议", 5, "件", "复议5件")}, -1},
		{"one agrees first", []recognise.Figure{fig("复议", 5, "件", "复议5件"), fig("复议", 3, "件", "复议3件")}, -1},
		{"not a count", []recognise.Figure{fig("复议", 3, "%", "复议3%"), approx(fig("复议", 4, "件", "复议约4件")), comparative(fig("复议", 6, "件", "复议同比增长6件"))}, -1},
		{"count after non-counts", []recognise.Figure{fig("复议", 5, "%", "复议5%"), fig("复议", 2, "件", "复议2件")}, 1},
	}
	for _, tc := range tests {
		got := disagreeing(tc.figs, 5, review)
		switch {
		case tc.want < 0 && got != nil:
			t.Errorf("%s: reported %+v, want none", tc.name, *got)
		case tc.want >= 0 && got != &tc.figs[tc.want]:
			t.Errorf("%s: reported %v, want figure %d", tc.name, got, tc.want)
		}
	}
}
