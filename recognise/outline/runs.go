package outline

import (
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/internal/textruns"
)

// The searches of outline's expressions over a whole report
// (textruns.Runs: each expression's matches are made of these runes).
var (
	// yearRe: digits, white space, 年
	yearRuns = textruns.Runs{In: func(r rune) bool { return textruns.Digit(r) || textruns.Space(r) || r == '年' }, Need: contains("年")}
	// periodRe: digits, white space, 年月日起, the range words and dashes
	periodRuns = textruns.Runs{In: func(r rune) bool {
		return textruns.Digit(r) || textruns.Space(r) || strings.ContainsRune("年月日起至到-—–～~", r)
	}, Need: contains("月")}
	// cite2021Re, cite2019Re: 国办公开办函/涵, brackets, digits, white space, 号
	citeRuns = textruns.Runs{In: func(r rune) bool {
		return textruns.Digit(r) || textruns.Space(r) || strings.ContainsRune("国办公开函涵〔[［(（【〕]］)）】号", r)
	}, Need: contains("号")}
	// bodyOrgRe: Han characters only, a province's name among them
	bodyOrgRuns = textruns.Runs{In: func(r rune) bool { return unicode.Is(unicode.Han, r) }, Need: func(run string) bool {
		for _, p := range provinces {
			if strings.Contains(run, p) {
				return true
			}
		}
		return false
	}}
)

func contains(s string) func(string) bool {
	return func(run string) bool { return strings.Contains(run, s) }
}
