package audit

import (
	"strings"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/rules"
)

// crossReport runs the rules that compare a report with the same body's
// report of the year before (carry-over, copied text). Reports are matched by
// issuer and year; when a run holds several copies of last year's report
// (the same report as HTML and as text), the first in input order is used,
// so the result does not depend on the worker count.
func crossReport(res *Result, p rules.Profile) {
	type key struct {
		issuer string
		year   int
	}
	first := map[key]int{}
	for i, it := range res.Items {
		if it.Report == nil || it.Report.Year == 0 || it.Report.Issuer == "" {
			continue
		}
		k := key{issuerKey(it.Report.Issuer), it.Report.Year}
		if _, ok := first[k]; !ok {
			first[k] = i
		}
	}
	for i := range res.Items {
		it := &res.Items[i]
		if it.Report == nil || it.Report.Year == 0 || it.Report.Issuer == "" {
			continue
		}
		j, ok := first[key{issuerKey(it.Report.Issuer), it.Report.Year - 1}]
		if !ok {
			continue
		}
		if more := rules.RunPair(res.Items[j].Report, it.Report, p); len(more) > 0 {
			it.Findings = append(it.Findings, more...)
			rules.Sort(it.Findings)
		}
	}
}

// issuerKey folds the spellings of one issuer: full-width forms, spaces and
// a trailing 办公室 of a government's general office are kept, only layout
// differences are removed.
func issuerKey(s string) string {
	return strings.ReplaceAll(extract.Normalize(s), " ", "")
}
