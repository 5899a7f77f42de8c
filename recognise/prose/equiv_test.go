package prose

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/testutil"
)

// paragraphsReference is paragraphs before the arrays were sized ahead and
// the joined string kept (para.s).
func paragraphsReference(lines []Line, sectionOf func(int) int) []refPara {
	var out []refPara
	var cur *refPara
	for i, l := range lines {
		sec := 0
		if sectionOf != nil {
			sec = sectionOf(i)
		}
		if cur == nil || cur.section != sec {
			out = append(out, refPara{section: sec})
			cur = &out[len(out)-1]
		} else if len(cur.rs) > 0 {
			prev := lines[i-1].Text
			last := lastNonSpace(cur.rs)
			short := len([]rune(strings.TrimSpace(prev))) <= 40
			if strings.ContainsRune("。！？；;!?：:", last) || headingLineRe.MatchString(prev) && short && !strings.ContainsAny(prev, "。，,；;") {
				cur.rs = append(cur.rs, '\n')
			} else if isDigit(last) && startsWithDigit(l.Text) {
				cur.rs = append(cur.rs, ' ')
			}
			if len(cur.rs) > 0 && (cur.rs[len(cur.rs)-1] == '\n' || cur.rs[len(cur.rs)-1] == ' ') {
				cur.line = append(cur.line, i)
				cur.off = append(cur.off, 0)
			}
		}
		for k, r := range []rune(l.Text) {
			cur.rs = append(cur.rs, r)
			cur.line = append(cur.line, i)
			cur.off = append(cur.off, k)
		}
	}
	return out
}

type refPara struct {
	rs        []rune
	line, off []int
	section   int
}

func widen(a []int32) []int {
	out := []int{}
	for _, v := range a {
		out = append(out, int(v))
	}
	return out
}

// pieces of report text and of broken text (invalid UTF-8, surrogates
// written as bytes, lone continuation bytes)
var equivPieces = []string{"收到政府信息公开申请", "共", "19", "件", "，", "其中", "。", "；", "：", "一、", "（二）", "3.",
	"总体情况", " ", "\u3000", "\t", "a", "Z", "12", "345", "\xff", "\xe4\xb8", "\x80", "\xed\xa0\x80", "€", "😀", "无", "未收到", "行政复议"}

func randomText(rng *rand.Rand, n int) string {
	return testutil.RandomText(rng.Intn, equivPieces, rng.Intn(n))
}

func TestParagraphsEqualsReference(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	sections := []func(int) int{nil, func(int) int { return 3 }, func(i int) int { return i / 3 % 4 }, func(i int) int { return i % 2 }}
	for n := range 4000 {
		lines := make([]Line, rng.Intn(12))
		for i := range lines {
			lines[i] = Line{Text: randomText(rng, 10), Page: i / 4}
		}
		sec := sections[n%len(sections)]
		want := paragraphsReference(lines, sec)
		got := paragraphs(lines, sec)
		if len(got) != len(want) {
			t.Fatalf("%v: %d paragraphs, want %d", lines, len(got), len(want))
		}
		for i := range got {
			w := want[i]
			g := got[i]
			if g.s != string(g.rs) || !reflect.DeepEqual(append([]rune{}, g.rs...), append([]rune{}, w.rs...)) ||
				!reflect.DeepEqual(widen(g.line), append([]int{}, w.line...)) ||
				!reflect.DeepEqual(widen(g.off), append([]int{}, w.off...)) || g.section != w.section || g.s != string(w.rs) {
				t.Fatalf("%v: paragraph %d = %+v, want %+v", lines, i, g, w)
			}
		}
	}
}
