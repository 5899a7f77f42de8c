package audit_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/load"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/rules"
)

// A scanned report (every page a JPEG, turned by up to 1.2°, with noise)
// audited end to end: the injected balance defect of table 三 is a fail on
// both columns it breaks, and no other arithmetic relation fails.
func TestScannedPDFOCR(t *testing.T) {
	testutil.NeedTool(t, "tesseract", "tesseract-ocr tesseract-ocr-chi-sim")
	if testing.Short() {
		t.Skip("OCR of a five-page scan takes tens of seconds")
	}
	doc, err := load.File(context.Background(), testutil.Fixture(t, "ocr", "defect-t3-balance.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.Problems {
		if p.Code == extract.ProblemScanned || p.Code == extract.ProblemEmpty {
			t.Errorf("problem left after OCR: %s %s", p.Code, p.Message)
		}
	}
	rep, err := recognise.Recognise(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(testutil.Fixture(t, "pdf", "defect-t3-balance.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Cells   map[string]float64 `json:"cells"`
		Defects []struct {
			Violations []string `json:"violations"`
		} `json:"defects"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	want := m.Cells
	var violations []string
	for _, d := range m.Defects {
		violations = append(violations, d.Violations...)
	}
	n, exact, wrongSure := 0, 0, 0
	for k, v := range want {
		c, ok := rep.Cells[k]
		n++
		switch {
		case ok && c.Value.Valid && c.Value.V == v:
			exact++
		case ok && c.Value.Valid && !c.Uncertain && c.Agreed:
			wrongSure++
			t.Errorf("%s read as %v with confidence %.2f (confirmed), printed %v", k, c.Value.V, c.Confidence, v)
		}
	}
	if exact*100 < n*95 {
		t.Errorf("%d of %d cells exact, want at least 95%%", exact, n)
	}
	fails := map[string]bool{}
	findings, err := rules.Run(context.Background(), rep, rules.DefaultProfile())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if f.Status == rules.StatusFail && strings.HasPrefix(f.Rule, "ARITH-") {
			fails[f.Rule+":"+f.Cells[len(f.Cells)-1]] = true
			if !strings.Contains(f.Message, "OCR") {
				t.Errorf("a fail on OCR numbers does not say so: %s", f.Message)
			}
		}
	}
	for _, v := range violations {
		rule, col, _ := strings.Cut(v, ":")
		found := false
		for f := range fails {
			if strings.HasPrefix(f, rule+":") && strings.HasSuffix(f, "."+col) {
				found = true
				delete(fails, f)
			}
		}
		if !found {
			t.Errorf("injected defect %s not reported as a fail", v)
		}
	}
	for f := range fails {
		t.Errorf("unexpected fail %s", f)
	}
}
