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

// TestStaleWaivers: a waiver is stale when the file it names was audited
// (or it names none) and no finding matched it; waivers of files the run
// did not see are not judged.
func TestStaleWaivers(t *testing.T) {
	f, err := ReadWaivers([]byte(`{"schema":"nianbao/baseline/v1","waivers":[
		{"fingerprint":"f1","path":"a.pdf","reason":"r1"},
		{"fingerprint":"f2","path":"a.pdf","reason":"r2"},
		{"fingerprint":"f3","reason":"r3"},
		{"fingerprint":"f4","path":"other.pdf","reason":"r4"},
		{"fingerprint":"f5","sha256":"bbb","reason":"r5"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	b := NewBaseline(f.Waivers)
	res := &Result{Items: []Item{
		{Path: "a.pdf", Report: &recognise.Report{Source: recognise.Source{SHA256: "aaa"}}, Findings: []rules.Finding{{Fingerprint: "f1"}}},
		{Path: "b.pdf", Report: &recognise.Report{Source: recognise.Source{SHA256: "bbb"}}, Findings: []rules.Finding{{Fingerprint: "f9"}}},
	}}
	b.apply(res)
	var stale []string
	for _, w := range b.Stale() {
		stale = append(stale, w.Fingerprint)
	}
	if got := strings.Join(stale, " "); got != "f2 f3 f5" {
		t.Errorf("stale = %s, want f2 f3 f5", got)
	}
	if res.Items[0].Waived != 1 || len(res.Items[0].Findings) != 0 {
		t.Errorf("a.pdf: waived %d, kept %d", res.Items[0].Waived, len(res.Items[0].Findings))
	}
	if _, err := ReadWaivers([]byte(`{"schema":"nianbao/baseline/v1","waivers":[{"fingerprint":"f1"}]}`)); err == nil {
		t.Error("a waiver without a reason was accepted")
	}
}

// A waiver written from a JSON output names a file whose name is GBK bytes
// as the output showed it (年报.txt); the run meets the name's bytes. The
// waiver still applies by path (the file's content, so its digest, may
// have changed), and is judged stale when it matches nothing.
func TestBaselinePathShownAsUTF8(t *testing.T) {
	raw := "/tmp/\xc4\xea\xb1\xa8.txt" // 年报 in GBK
	b := NewBaseline([]Waiver{{Fingerprint: "f1", Path: "/tmp/年报.txt", Reason: "r"}, {Fingerprint: "f2", Path: "/tmp/年报.txt", Reason: "r"}})
	b.seen(raw, "")
	if !b.waived(raw, "", "f1") {
		t.Error("the waiver of the shown name does not apply to the name's bytes")
	}
	if st := b.Stale(); len(st) != 1 || st[0].Fingerprint != "f2" {
		t.Errorf("stale %+v, want the f2 waiver", st)
	}
}

// A file that is not a waiver file is refused with what it is and where it
// is wrong, in Chinese: an audit JSON (which --baseline reads but
// `baseline add` cannot extend), another schema, a field it does not know,
// a value of the wrong kind, a file cut short.
func TestWaiverFileRefusals(t *testing.T) {
	for _, c := range []struct{ data, want string }{
		{`{"schema":"nianbao/audit/v1","reports":[]}`, "这是审核结果（nianbao/audit/v1），不是基线文件（nianbao/baseline/v1）：audit --baseline 可直接使用它"},
		{`{"schema":"nianbao/profile/v1"}`, "schema 应为 nianbao/baseline/v1，实为“nianbao/profile/v1”"},
		{`{"schema":"nianbao/baseline/v1","waivers":[{"fingerprint":"f1","reason":"r","note":"x"}]}`, "未知字段“note”"},
		{`{"schema":"nianbao/baseline/v1","waivers":[{"fingerprint":12,"reason":"r"}]}`, "字段“waivers.fingerprint”的值是数字，应为字符串"},
		{`{"schema":"nianbao/baseline/v1","waivers":[`, "JSON 不完整（在文件末尾中断）"},
	} {
		_, err := ReadWaivers([]byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want …%s…", c.data, err, c.want)
		}
	}
	if _, err := ReadBaseline(strings.NewReader(`{"schema":"nianbao/audit/v1","reports":[`)); err == nil || !strings.Contains(err.Error(), "JSON 不完整") {
		t.Errorf("audit JSON cut short: %v", err)
	}
}
