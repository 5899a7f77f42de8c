package recognise

import (
	"strings"
	"unicode"
)

var (
	// problemWords name a problem or shortcoming.
	problemWords = []string{"问题", "不足", "差距", "短板", "薄弱", "欠缺", "有待"}
	// measureWords name a measure taken or planned.
	measureWords = []string{"加强", "改进", "完善", "提升", "提高", "推进", "落实", "整改", "优化", "健全", "规范", "强化", "加大"}
)

// substanceOf counts the body's runes and finds its problem and measure
// words.
func substanceOf(text string) Substance {
	var s Substance
	for _, c := range text {
		if !unicode.IsSpace(c) {
			s.Runes++
		}
	}
	for _, w := range problemWords {
		if strings.Contains(text, w) {
			s.Problems = append(s.Problems, w)
		}
	}
	for _, w := range measureWords {
		if strings.Contains(text, w) {
			s.Measures = append(s.Measures, w)
		}
	}
	return s
}
