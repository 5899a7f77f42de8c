package render

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/recognise"
)

// wholeAuditJSON is the audit document encoded in one piece, as the
// streamed writer must reproduce it byte for byte.
func wholeAuditJSON(res *audit.Result) string {
	out := jsonAudit{Schema: SchemaAudit, Reports: []jsonReport{}}
	for _, it := range res.Items {
		out.Reports = append(out.Reports, reportJSON(it, true))
	}
	s := res.Summary()
	out.Summary, out.Copies, out.Unread = summaryJSON(s), copiesJSON(s.Copies), unreadJSON(s.Unread)
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
	report := func(p, issuer string) audit.Item {
		return audit.Item{Path: p, Report: &recognise.Report{Source: recognise.Source{Path: p, SHA256: p}, Issuer: issuer, Year: 2023}}
	}
	for _, res := range []*audit.Result{
		{},
		{Items: []audit.Item{item("a.txt")}},
		{Items: []audit.Item{item("a.txt"), item("<b>&.txt"), item("c.pdf")}},
		// copies (the "copies" member, after the reports)
		{Items: []audit.Item{report("a.html", "某镇人民政府"), item("b.txt"), report("a.pdf", "某镇人民政府"), report("c.pdf", "某县教育局"),
			report("\"a\".txt", "某镇人民政府")}},
		// files not read for their format (the "unread_files" member)
		{Items: []audit.Item{item("a.txt")}, Unread: []audit.Unread{{Path: "x/报告.ofd", What: "OFD 版式文件"}, {Path: "\"y\".zip", What: "ZIP 压缩包"}}},
		{Unread: []audit.Unread{{Path: "x/报告.ofd", What: "OFD 版式文件"}}},
	} {
		var b bytes.Buffer
		if err := AuditJSON(&b, res); err != nil {
			t.Fatal(err)
		}
		if want := wholeAuditJSON(res); b.String() != want {
			t.Errorf("streamed:\n%s\nwhole:\n%s", b.String(), want)
		}
		if got, want := strings.Count(b.String(), `"copy_of":`), len(res.Summary().Copies); got != want {
			t.Errorf("%d copies written, want %d", got, want)
		}
	}
}
