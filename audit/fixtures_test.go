package audit_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/rules"
)

// manifest is the part of a fixtures/pdf/<name>.json this test reads
// (fixtures/README.md describes the whole format).
type manifest struct {
	Name      string              `json:"name"`
	PDF       string              `json:"pdf"`
	HTML      string              `json:"source_html"`
	DOCX      string              `json:"source_docx"`
	Year      int                 `json:"year"`
	Issuer    string              `json:"issuer"`
	Title     string              `json:"title"`
	Published string              `json:"published"`
	Template  string              `json:"template"`
	Sections  []int               `json:"sections_present"`
	Cells     map[string]*float64 `json:"cells"`
	Defects   []struct {
		// Violations are "RULE-ID:subject"; the rule must fail.
		Violations []string `json:"violations"`
	} `json:"defects"`
}

func loadManifests(t *testing.T, root string) []manifest {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(root, "fixtures", "pdf", "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixture manifests in fixtures/pdf (%v)", err)
	}
	var out []manifest
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var m manifest
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, m)
	}
	return out
}

// TestGeneratedFixtures runs the whole pipeline on every generated fixture in
// each of its formats (PDF, HTML and, where made, DOCX) and checks that the
// cells read equal the cells the generator put in, and that the failing rules
// are exactly the ones the injected defects call for: every defect found, and
// no failure on a clean document.
func TestGeneratedFixtures(t *testing.T) {
	root := testutil.RepoRoot(t)
	ms := loadManifests(t, root)
	var files []string
	owner := map[string]manifest{}
	for _, m := range ms {
		for _, rel := range []string{m.PDF, m.HTML, m.DOCX} {
			if rel == "" {
				continue
			}
			p := filepath.Join(root, rel)
			files = append(files, p)
			owner[p] = m
		}
	}
	res := audit.Run(context.Background(), files, audit.Options{Workers: 2, Rules: true, Profile: rules.DefaultProfile()})
	for _, it := range res.Items {
		m := owner[it.Path]
		name := strings.TrimPrefix(it.Path, root+string(filepath.Separator))
		t.Run(name, func(t *testing.T) {
			if it.Err != nil {
				t.Fatalf("unreadable: %v", it.Err)
			}
			r := it.Report
			if r.Year != m.Year {
				t.Errorf("year = %d, want %d", r.Year, m.Year)
			}
			if r.Issuer != m.Issuer {
				t.Errorf("issuer = %q, want %q", r.Issuer, m.Issuer)
			}
			if r.Title != m.Title {
				t.Errorf("title = %q, want %q", r.Title, m.Title)
			}
			if r.Published != m.Published {
				t.Errorf("published = %q (%s), want %q", r.Published, r.PublishedFrom, m.Published)
			}
			var present []int
			for _, s := range r.Sections {
				if s.Present {
					present = append(present, s.N)
				}
			}
			if fmt.Sprint(present) != fmt.Sprint(m.Sections) {
				t.Errorf("sections present = %v, want %v", present, m.Sections)
			}
			for k, want := range m.Cells {
				got, ok := r.Cells[k]
				switch {
				case !ok:
					t.Errorf("cell %s missing, want %s", k, show(want))
				case want == nil && got.Value.Valid:
					t.Errorf("cell %s = %v, want blank", k, got.Value.V)
				case want != nil && (!got.Value.Valid || got.Value.V != *want):
					t.Errorf("cell %s = %s (text %q), want %v", k, showValue(got.Value.Valid, got.Value.V), got.Text, *want)
				case got.Uncertain:
					t.Errorf("cell %s marked uncertain", k)
				}
			}
			for k := range r.Cells {
				if _, ok := m.Cells[k]; !ok {
					t.Errorf("extra cell %s", k)
				}
			}
			want := map[string]bool{}
			for _, d := range m.Defects {
				for _, v := range d.Violations {
					id, _, _ := strings.Cut(v, ":")
					want[id] = true
				}
			}
			got := map[string]bool{}
			for _, f := range it.Findings {
				if f.Status == rules.StatusFail && f.Severity != rules.SeverityInfo || f.Category == rules.CategoryArithmetic || f.Category == rules.CategoryCompleteness {
					got[f.Rule] = true
				}
			}
			// FORMAT-TEMPLATE-2019 is an info finding for the kept one-row
			// （六）其他处理: count it when the fixture expects it.
			for _, f := range it.Findings {
				if want[f.Rule] {
					got[f.Rule] = true
				}
			}
			// an injected defect is an error of the document: its rule must
			// fail, not only be uncertain
			for id := range want {
				failed := false
				for _, f := range it.Findings {
					failed = failed || f.Rule == id && f.Status == rules.StatusFail
				}
				if !failed {
					t.Errorf("injected defect %s found without status fail", id)
				}
			}
			if g, w := keys(got), keys(want); g != w {
				var all []string
				for _, f := range it.Findings {
					all = append(all, fmt.Sprintf("%s/%s/%s %s", f.Rule, f.Status, f.Severity, f.Message))
				}
				t.Errorf("failing rules = %s, want %s\nall findings:\n  %s", g, w, strings.Join(all, "\n  "))
			}
		})
	}
}

func keys(m map[string]bool) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return "[" + strings.Join(ks, " ") + "]"
}

func show(p *float64) string {
	if p == nil {
		return "blank"
	}
	return fmt.Sprint(*p)
}

func showValue(ok bool, v float64) string {
	if !ok {
		return "blank"
	}
	return fmt.Sprint(v)
}
