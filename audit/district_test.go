package audit_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/rules"
)

// districtManifest is fixtures/district/district.json (fixtures/README.md).
type districtManifest struct {
	Files []struct {
		File   string `json:"file"`
		Issuer string `json:"issuer"`
		Year   int    `json:"year"`
	} `json:"files"`
	Expected []struct {
		File  string   `json:"file"`
		Rule  string   `json:"rule"`
		Cells []string `json:"cells"`
		Part  int      `json:"part"`
		Other string   `json:"other"`
		Why   string   `json:"why"`
	} `json:"expected_findings"`
}

// TestDistrictBatch audits the generated district (16 units, 2023 and
// 2024, HTML/PDF/DOCX/text) as one batch and checks that it produces
// exactly the findings the generator injected: a broken carry-over, a
// report copied from another unit (a finding on both), part 五 reused from
// last year, a late publication, two arithmetic errors — and nothing on the
// clean majority. A missing or an extra finding fails. (The outputs of the
// batch are byte-identical for any number of workers:
// audit/render/district_test.go.)
func TestDistrictBatch(t *testing.T) {
	root := testutil.RepoRoot(t)
	dir := filepath.Join(root, "fixtures", "district")
	data, err := os.ReadFile(filepath.Join(dir, "district.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m districtManifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	files, errs := audit.Expand([]string{dir})
	if len(errs) > 0 || len(files) != len(m.Files) || len(files) < 30 {
		t.Fatalf("expand: %d files, manifest lists %d, errors %v", len(files), len(m.Files), errs)
	}
	var first string
	for _, workers := range []int{3} {
		res := audit.Run(context.Background(), files, audit.Options{Workers: workers, Rules: true, Profile: rules.DefaultProfile()})
		var got []string
		years := map[int]int{}
		for _, it := range res.Items {
			rel, _ := filepath.Rel(dir, it.Path)
			rel = filepath.ToSlash(rel)
			if it.Err != nil {
				t.Fatalf("%s: %v", rel, it.Err)
			}
			years[it.Report.Year]++
			for _, f := range it.Findings {
				got = append(got, fmt.Sprintf("%s %s %s", rel, f.Rule, f.Message))
			}
		}
		if years[2023] < 15 || years[2024] < 15 {
			t.Fatalf("years read: %v", years)
		}
		// match every expected finding to one actual finding
		var missing []string
		left := append([]string(nil), got...)
	expect:
		for _, e := range m.Expected {
			for i, g := range left {
				if !strings.HasPrefix(g, e.File+" "+e.Rule+" ") {
					continue
				}
				f := findingOf(t, res, dir, g)
				switch {
				case len(e.Cells) > 0 && !sameSet(f.Cells, e.Cells):
					continue
				case e.Part > 0 && f.Location.Section != e.Part:
					continue
				case e.Other != "" && !strings.Contains(f.Message, "同批次中"+e.Other+"的报告雷同"):
					continue
				}
				left = slices.Delete(left, i, i+1)
				continue expect
			}
			missing = append(missing, fmt.Sprintf("%s %s %v part %d %s (%s)", e.File, e.Rule, e.Cells, e.Part, e.Other, e.Why))
		}
		for _, s := range missing {
			t.Errorf("workers %d: missing finding: %s", workers, s)
		}
		for _, s := range left {
			t.Errorf("workers %d: extra finding: %s", workers, s)
		}
		all := strings.Join(got, "\n")
		if first == "" {
			first = all
		} else if all != first {
			t.Errorf("findings differ between worker counts:\n%s", testutil.Diff(first, all))
		}
	}
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// findingOf finds the finding a line of TestDistrictBatch came from.
func findingOf(t *testing.T, res *audit.Result, dir, line string) rules.Finding {
	t.Helper()
	for _, it := range res.Items {
		rel, _ := filepath.Rel(dir, it.Path)
		for _, f := range it.Findings {
			if fmt.Sprintf("%s %s %s", filepath.ToSlash(rel), f.Rule, f.Message) == line {
				return f
			}
		}
	}
	t.Fatalf("no finding %s", line)
	return rules.Finding{}
}
