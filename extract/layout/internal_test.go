package layout

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

func TestIsPageNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"-4-": true, "- 4 -": true, "— 5 —": true, "—5—": true, "第 4 页": true, "第4页 共6页": true,
		"第4页/共6页": true, "4/6": true, "12": true, "Page 3": true, "page 3 of 9": true, "~7~": true,
		"共6页 第4页": true,
		"":        false, "四": false, "2023年": false, "第四页": false, "1.属于国家秘密": false, "- 4 - 5": false,
		"12345": false, "3.5": false,
	} {
		if got := isPageNumber(s); got != want {
			t.Errorf("isPageNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestIsCJK(t *testing.T) {
	for r, want := range map[rune]bool{
		'中': true, '、': true, '，': true, '（': true, '“': true, '”': true, '。': true, '〇': true,
		'a': false, '1': false, '.': false, ' ': false, '(': false, '-': false,
	} {
		if got := isCJK(r); got != want {
			t.Errorf("isCJK(%q) = %v, want %v", r, got, want)
		}
	}
}

func TestIsNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"0": true, "21": true, "7730.28": true, "1,234": true, "12%": true, "-15": true, "+82": true,
		"1,23": false, "1.": false, "一": false, "5件": false, "1.属于": false, "": false,
	} {
		if got := isNumber(s); got != want {
			t.Errorf("isNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

// isNumber answers as the expression it replaced, on every string of up to
// six characters from the characters that expression reads, and on random
// longer ones.
func TestIsNumberEqualsExpression(t *testing.T) {
	re := regexp.MustCompile(`^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$`)
	alphabet := "+-09,.%x"
	var all func(prefix string, n int)
	matched := 0
	all = func(prefix string, n int) {
		if got, want := isNumber(prefix), re.MatchString(prefix); got != want {
			t.Fatalf("isNumber(%q) = %v, expression %v", prefix, got, want)
		} else if got {
			matched++
		}
		if n == 0 {
			return
		}
		for i := 0; i < len(alphabet); i++ {
			all(prefix+alphabet[i:i+1], n-1)
		}
	}
	all("", 6)
	rng := rand.New(rand.NewPCG(3, 9))
	pieces := []string{"1", "12", "123", "1234", ",", ",123", ",12", ".", ".5", "%", "-", "+", "０", "一", " "}
	for range 200000 {
		var b strings.Builder
		for range rng.IntN(9) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := isNumber(s), re.MatchString(s); got != want {
			t.Fatalf("isNumber(%q) = %v, expression %v", s, got, want)
		}
	}
	if matched < 500 {
		t.Fatalf("only %d short strings are numbers: the test does not exercise isNumber", matched)
	}
}
