package audit

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/rules"
)

func TestBaseline(t *testing.T) {
	b, err := ReadBaseline(strings.NewReader(`{"schema":"nianbao/audit/v1","reports":[
		{"source":{"path":"old/a.pdf","sha256":"aaa"},"findings":[{"fingerprint":"f1"}]},
		{"source":{"path":"b.pdf","sha256":"bbb"},"findings":[{"fingerprint":"f2"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	res := &Result{Items: []Item{
		// moved file, same bytes: waived by digest
		{Path: "new/a.pdf", Report: &recognise.Report{Source: recognise.Source{SHA256: "aaa"}},
			Findings: []rules.Finding{{Fingerprint: "f1"}, {Fingerprint: "f9"}}},
		// same path, changed bytes: waived by path
		{Path: "b.pdf", Report: &recognise.Report{Source: recognise.Source{SHA256: "ccc"}},
			Findings: []rules.Finding{{Fingerprint: "f2"}}},
		// the same problem in another report is not waived
		{Path: "c.pdf", Report: &recognise.Report{Source: recognise.Source{SHA256: "ddd"}},
			Findings: []rules.Finding{{Fingerprint: "f1"}}},
	}}
	b.apply(res)
	got := []int{len(res.Items[0].Findings), res.Items[0].Waived, len(res.Items[1].Findings), res.Items[1].Waived, len(res.Items[2].Findings), res.Items[2].Waived}
	want := []int{1, 1, 0, 1, 1, 0}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("kept/waived = %v, want %v", got, want)
		}
	}
	if s := res.Summary(); s.Waived != 2 {
		t.Errorf("summary waived %d", s.Waived)
	}
	if _, err := ReadBaseline(strings.NewReader(`{"schema":"nianbao/report/v1"}`)); err == nil {
		t.Error("a report JSON was accepted as a baseline")
	}
}
