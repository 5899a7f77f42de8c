package audit_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/rules"
)

// TestLegacyHugeOutputInBatch: a .doc whose conversion writes a 300 MB
// DOCX (a fake soffice on PATH writes a sparse file and floods its output)
// is refused with its message in a batch of two workers, and the reports
// beside it come out exactly as in the same batch without it.
func TestLegacyHugeOutputInBatch(t *testing.T) {
	testutil.FakeTool(t, "soffice", testutil.SofficeHugeDOCX)
	dir := t.TempDir()
	doc := filepath.Join(dir, "旧格式.doc")
	if err := os.WriteFile(doc, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an old Word file"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := []string{testutil.Fixture(t, "html", "clean-lo-serif-city.html"), testutil.Fixture(t, "html", "defect-prose.html")}
	opt := audit.Options{Workers: 2, Rules: true, Profile: rules.DefaultProfile(), MemoryCeiling: 512 << 20, MaxMemory: 128 << 20}
	res := audit.Run(context.Background(), []string{good[0], doc, good[1]}, opt)
	if len(res.Items) != 3 {
		t.Fatalf("%d items", len(res.Items))
	}
	if err := res.Items[1].Err; err == nil || !strings.Contains(err.Error(), "过大") || !strings.Contains(err.Error(), "旧格式.doc") {
		t.Errorf("the .doc: %v, want it refused as too large, naming the file", err)
	}
	without := audit.Run(context.Background(), good, opt) // the batch without the .doc
	for i, g := range good {
		got, want := res.Items[2*i], without.Items[i]
		a, _ := json.Marshal(want.Findings)
		b, _ := json.Marshal(got.Findings)
		if got.Err != nil || string(a) != string(b) {
			t.Errorf("%s: err %v, findings differ from the batch without the .doc:\n%s\n%s", g, got.Err, b, a)
		}
	}
}
