package outline

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/lazyre"
)

// hintsReference is Hints as it was: each notice looked for with
// citeRuns.FindAll over the whole text.
func hintsReference(lines []Line) TemplateHints {
	var h TemplateHints
	var sb strings.Builder
	for _, l := range lines {
		sb.WriteString(l.Text)
		sb.WriteByte('\n')
	}
	s := sb.String()
	find := func(re *lazyre.Regexp) (bool, string) {
		for _, m := range citeRuns.FindAll(re.Compiled(), s) {
			if ok, txt := citeAt(s, m); ok {
				return true, txt
			}
		}
		return false, ""
	}
	h.Cites2021, h.Text2021 = find(cite2021Re)
	h.Cites2019, h.Text2019 = find(cite2019Re)
	return h
}

func TestHintsEqualsReference(t *testing.T) {
	pieces := []string{"国办公开办函", "国办公开办", "〔", "〕", "[", "]", "（", "）", "2021", "2019", "30", "60", "3", "0", "6", "号", " ", "\n",
		"年度报告格式", "政府信息与政务公开办公室", "〔2021〕30号", "〔2019〕60号", "国办公开办函〔2021〕30号", "（2019） 6 0 号", "2021〕30号", "按照", "要求", "。", "，", "a", "\xff"}
	rng := rand.New(rand.NewSource(21))
	cited := 0
	for range 20000 {
		lines := make([]Line, 1+rng.Intn(4))
		for i := range lines {
			var b strings.Builder
			for range rng.Intn(14) {
				b.WriteString(pieces[rng.Intn(len(pieces))])
			}
			lines[i] = Line{Text: b.String()}
		}
		got, want := Hints(lines), hintsReference(lines)
		if got != want {
			t.Fatalf("Hints(%v) = %+v, want %+v", lines, got, want)
		}
		if want.Cites2021 || want.Cites2019 {
			cited++
		}
	}
	if cited < 500 {
		t.Errorf("only %d texts cite a notice: the test does not exercise the match", cited)
	}
}

// body.str joins the lines' bytes: it equals string(rs), bad bytes included.
func TestBodyStrEqualsRunes(t *testing.T) {
	pieces := []string{"一、总体情况", "2023年", "\n", " ", "a", "\xff", "\xe4\xb8", "\x80", "\xed\xa0\x80", "😀", ""}
	rng := rand.New(rand.NewSource(22))
	for range 5000 {
		lines := make([]Line, rng.Intn(5))
		for i := range lines {
			var b strings.Builder
			for range rng.Intn(6) {
				b.WriteString(pieces[rng.Intn(len(pieces))])
			}
			lines[i] = Line{Text: b.String()}
		}
		b := newBody(lines)
		if got, want := b.str(), string(b.rs); got != want {
			t.Fatalf("%v: str() = %q, want %q", lines, got, want)
		}
	}
}
