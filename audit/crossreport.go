package audit

import (
	"github.com/nianbao/nianbao/rules"
)

// crossReport runs the rules that compare a report with the same body's
// report of the year before (carry-over, copied text), paired by
// Predecessors.
func crossReport(res *Result, p rules.Profile) {
	for i, j := range res.Predecessors() {
		if j < 0 {
			continue
		}
		if more := rules.RunPair(res.Items[j].Report, res.Items[i].Report, p); len(more) > 0 {
			res.Items[i].Findings = append(res.Items[i].Findings, more...)
			rules.Sort(res.Items[i].Findings)
		}
	}
}

// Predecessors gives, for each item, the index of the same body's report
// of the year before in the batch, or -1. Bodies are matched by issuer
// (rules.SameIssuer) and year; when the batch holds several copies of last
// year's report (HTML and text), the first in input order is taken, so the
// pairing does not depend on the worker count. The cross-report rules and
// the year-over-year comparisons of the outputs both use it.
func (r *Result) Predecessors() []int {
	out := make([]int, len(r.Items))
	for i := range r.Items {
		out[i] = -1
		cur := r.Items[i].Report
		if cur == nil || cur.Year == 0 || cur.Issuer == "" {
			continue
		}
		for j := range r.Items {
			prev := r.Items[j].Report
			if prev != nil && prev.Year == cur.Year-1 && sameIssuer(prev.Issuer, cur.Issuer) {
				out[i] = j
				break
			}
		}
	}
	return out
}

// sameIssuer is rules.SameIssuer: one body under two spellings.
func sameIssuer(a, b string) bool { return rules.SameIssuer(a, b) }
