package layout

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// isPageNumber answers as the five expressions it stands for.
func TestIsPageNumberEqualsRegexps(t *testing.T) {
	res := []*regexp.Regexp{
		regexp.MustCompile(`^[-–—―~－～·•]*\s*\d{1,4}\s*[-–—―~－～·•]*$`),
		regexp.MustCompile(`^第\s*\d{1,4}\s*页(\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?$`),
		regexp.MustCompile(`^\d{1,4}\s*/\s*\d{1,4}$`),
		regexp.MustCompile(`^共\s*\d{1,4}\s*页\s*[,，/、]?\s*第\s*\d{1,4}\s*页$`),
		regexp.MustCompile(`(?i)^page\s*\d{1,4}(\s*of\s*\d{1,4})?$`),
	}
	ref := func(s string) bool {
		s = strings.TrimSpace(s)
		if s == "" {
			return false
		}
		for _, re := range res {
			if re.MatchString(s) {
				return true
			}
		}
		return false
	}
	pieces := []string{"1", "23", "456", "7890", "0", " ", "\t", "\u3000", "-", "–", "—", "―", "~", "－", "～", "·", "•", "/", ",", "，", "、",
		"第", "页", "共", "page", "Page", "PAGE", "pAgE", "of", "OF", "Of", "x", "\xff", "pag", "o", "12345", "页码"}
	rng := rand.New(rand.NewPCG(8, 8))
	yes := 0
	for n := 0; n < 100000; n++ {
		var sb strings.Builder
		for k := 1 + rng.IntN(7); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := sb.String()
		if got, want := isPageNumber(s), ref(s); got != want {
			t.Fatalf("isPageNumber(%q) = %v, expressions %v", s, got, want)
		}
		if ref(s) {
			yes++
		}
	}
	for _, s := range []string{"- 4 -", "第4页 共6页", "第 4 页/共 6 页", "4 / 6", "共6页 第4页", "Page 4 of 6", "page4", "— 12 —", "～6～", "4"} {
		if !isPageNumber(s) {
			t.Errorf("isPageNumber(%q) = false", s)
		}
	}
	if yes < 2000 {
		t.Errorf("only %d page numbers drawn: the test does not exercise them", yes)
	}
}
