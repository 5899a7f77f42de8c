package render

import (
	"bytes"
	"errors"
	"testing"

	"github.com/nianbao/nianbao/audit"
)

// wholeAuditJSON is the audit document encoded in one piece, as the
// streamed writer must reproduce it byte for byte.
func wholeAuditJSON(res *audit.Result) string {
	out := jsonAudit{Schema: SchemaAudit, Reports: []jsonReport{}}
	for _, it := range res.Items {
		out.Reports = append(out.Reports, reportJSON(it, true))
	}
	s := res.Summary()
	out.Summary = jsonSummary{Reports: s.Reports, Errors: s.Errors, Warnings: s.Warnings, Infos: s.Infos, FailedToRead: s.FailedToRead, Waived: s.Waived}
	var b bytes.Buffer
	enc := newEncoder(&b)
	enc.SetIndent("", "  ")
	enc.Encode(out)
	return b.String()
}

// TestAuditJSONStreamBytes: the streamed audit document is the document
// encoded whole, with no report, one, and several.
func TestAuditJSONStreamBytes(t *testing.T) {
	item := func(p string) audit.Item {
		return audit.Item{Path: p, Err: errors.New(p + ": 文件为空"), Waived: 1}
	}
	for _, res := range []*audit.Result{
		{},
		{Items: []audit.Item{item("a.txt")}},
		{Items: []audit.Item{item("a.txt"), item("<b>&.txt"), item("c.pdf")}},
	} {
		var b bytes.Buffer
		if err := AuditJSON(&b, res); err != nil {
			t.Fatal(err)
		}
		if want := wholeAuditJSON(res); b.String() != want {
			t.Errorf("streamed:\n%s\nwhole:\n%s", b.String(), want)
		}
	}
}
