package prose

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
)

// cueIndexAll finds what the alternation of the cues finds.
func TestCueIndexAllEqualsRegexp(t *testing.T) {
	re := regexp.MustCompile(strings.Join(enumCues, "|"))
	pieces := append([]string{"其", "中", "分别", "为", "是", "具体", "涉", "及", "共", "12", "件", "，", "。", " ", "\xe5"}, enumCues...)
	rng := rand.New(rand.NewPCG(8, 5))
	found := 0
	for n := 0; n < 20000; n++ {
		var sb strings.Builder
		for k := rng.IntN(20); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := sb.String()
		got, want := cueIndexAll(s), re.FindAllStringIndex(s, -1)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("cueIndexAll(%q) = %v, regexp %v", s, got, want)
		}
		found += len(got)
	}
	if found < 1000 {
		t.Errorf("only %d cues found: the test does not exercise it", found)
	}
}

// Every rune figureRe can match is one figureRuns keeps (so that the
// search over the runs finds every match), and the search over the runs
// finds what the search over the whole text finds.
func TestFigureRunsEqualWholeText(t *testing.T) {
	re, err := syntax.Parse(figureRe.String(), syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(*syntax.Regexp)
	walk = func(r *syntax.Regexp) {
		switch r.Op {
		case syntax.OpLiteral:
			for _, c := range r.Rune {
				if !figureRuns.In(c) {
					t.Errorf("figureRe matches %q, which figureRuns leaves out", c)
				}
			}
		case syntax.OpCharClass:
			for i := 0; i+1 < len(r.Rune); i += 2 {
				if r.Rune[i+1]-r.Rune[i] > 1000 {
					t.Errorf("figureRe has a wide class %q: figureRuns cannot keep it", r)
					continue
				}
				for c := r.Rune[i]; c <= r.Rune[i+1]; c++ {
					if !figureRuns.In(c) {
						t.Errorf("figureRe matches %q, which figureRuns leaves out", c)
					}
				}
			}
		case syntax.OpAnyChar, syntax.OpAnyCharNotNL, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
			t.Errorf("figureRe has %v: the runs cannot stand for it", r)
		}
		for _, s := range r.Sub {
			walk(s)
		}
	}
	walk(re)

	pieces := []string{"12", "1,234", "3.5", "0", "，", "、", "一", "十", "两", "百", " ", "\n", "余", "多", "万", "亿", "第", "年",
		"本机关", "收到", "申请", "共", "。", "a", "\xff", "人次", "个百分点", "场次"}
	pieces = append(pieces, strings.Split(unitAlt, "|")...)
	rng := rand.New(rand.NewPCG(8, 6))
	found := 0
	for n := 0; n < 20000; n++ {
		var sb strings.Builder
		for k := rng.IntN(25); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := sb.String()
		got, want := figureRuns.FindAll(figureRe.Compiled(), s), figureRe.FindAllStringSubmatchIndex(s, -1)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("figures in %q: runs %v, whole text %v", s, got, want)
		}
		found += len(got)
	}
	if found < 1000 {
		t.Errorf("only %d figures found: the test does not exercise it", found)
	}
}
