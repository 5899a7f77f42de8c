package audit

import (
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/rules"
)

// crossReport runs the rules that compare a report with the same body's
// report of the year before (carry-over, copied text). Reports are matched by
// issuer (sameIssuer) and year; when a run holds several copies of last
// year's report (the same report as HTML and as text), the first in input
// order is used, so the result does not depend on the worker count.
func crossReport(res *Result, p rules.Profile) {
	for i := range res.Items {
		cur := res.Items[i].Report
		if cur == nil || cur.Year == 0 || cur.Issuer == "" {
			continue
		}
		for j := range res.Items {
			prev := res.Items[j].Report
			if prev == nil || prev.Year != cur.Year-1 || !sameIssuer(prev.Issuer, cur.Issuer) {
				continue
			}
			if more := rules.RunPair(prev, cur, p); len(more) > 0 {
				res.Items[i].Findings = append(res.Items[i].Findings, more...)
				rules.Sort(res.Items[i].Findings)
			}
			break
		}
	}
}

// sameIssuer reports whether two issuer names name one body: equal after
// folding, or equal but for the name of the enclosing place that one of them
// puts in front (洪泽区人民政府 and 淮安市洪泽区人民政府).
func sameIssuer(a, b string) bool {
	a, b = issuerKey(a), issuerKey(b)
	if a == b {
		return true
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	if !strings.HasSuffix(a, b) || !namesPlace(b) {
		return false
	}
	prefix := strings.TrimSuffix(a, b)
	last, _ := utf8.DecodeLastRuneInString(prefix)
	return strings.ContainsRune("省市州盟县区旗", last)
}

// namesPlace reports whether an issuer name starts with a place of its own
// (洪泽区…, 柳溪镇…) rather than being a bare office name (人民政府).
func namesPlace(s string) bool {
	rs := []rune(s)
	for i := 1; i < len(rs)-2; i++ {
		if strings.ContainsRune("省市州盟县区旗镇乡", rs[i]) {
			return true
		}
	}
	return false
}

// issuerKey folds layout differences of one spelling: full-width forms and
// white space.
func issuerKey(s string) string {
	return strings.ReplaceAll(extract.Normalize(s), " ", "")
}
