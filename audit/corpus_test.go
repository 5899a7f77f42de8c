package audit_test

import (
	"bufio"
	"context"
	"flag"
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

var update = flag.Bool("update", false, "rewrite audit/testdata/corpus/*.want from the current findings (keeps the # why: lines of findings that stay)")

// wantEntry is one expected finding and the reason it is true.
type wantEntry struct {
	line string // "RULE-ID status severity cells"
	why  string // text after "# why:"
}

const whyTODO = "TODO"

// findingLine is the comparable form of a finding: rule, status, severity and
// the cells it names (sorted, comma-joined, "-" when none).
func findingLine(f rules.Finding) string {
	cells := "-"
	if len(f.Cells) > 0 {
		c := append([]string(nil), f.Cells...)
		sort.Strings(c)
		cells = strings.Join(c, ",")
	}
	return fmt.Sprintf("%s %s %s %s", f.Rule, f.Status, f.Severity, cells)
}

// readWant parses a .want file: "# why: …" lines belong to the next finding
// line; other lines starting with # and blank lines are ignored.
func readWant(path string) ([]wantEntry, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	var out []wantEntry
	var why []string
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "":
		case strings.HasPrefix(line, "# why:"):
			why = append(why, strings.TrimSpace(strings.TrimPrefix(line, "# why:")))
		case strings.HasPrefix(line, "#"):
		default:
			out = append(out, wantEntry{line: line, why: strings.Join(why, " ")})
			why = nil
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// writeWant writes the expected findings of one document, each with its why
// line: kept from old where the same line was expected before (in order, so
// repeated lines keep their own reasons), TODO otherwise.
func writeWant(path, doc string, got []string, old []wantEntry) error {
	reasons := map[string][]string{}
	for _, e := range old {
		reasons[e.line] = append(reasons[e.line], e.why)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Expected audit findings for %s (audit/corpus_test.go).\n", doc)
	b.WriteString("# One line per finding: RULE-ID status severity cells; the # why: line above says what in the document makes it true.\n")
	for _, l := range got {
		why := whyTODO
		if rs := reasons[l]; len(rs) > 0 {
			why, reasons[l] = rs[0], rs[1:]
		}
		fmt.Fprintf(&b, "# why: %s\n%s\n", why, l)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// diffLines returns the lines of want missing from got and the lines of got
// not in want, as multisets.
func diffLines(want, got []string) (missing, extra []string) {
	count := map[string]int{}
	for _, l := range got {
		count[l]++
	}
	for _, l := range want {
		if count[l] > 0 {
			count[l]--
		} else {
			missing = append(missing, l)
		}
	}
	for _, l := range got {
		if count[l] > 0 {
			count[l]--
			extra = append(extra, l)
		}
	}
	return missing, extra
}

// TestRealCorpus audits every real report and the seed reports in one run
// (so the cross-report rules see last year's reports) and compares each
// document's findings with audit/testdata/corpus/<file>.want. A finding the
// .want lists but the audit no longer reports fails the test, and so does a
// finding the .want does not list. Every expected finding must carry a
// reason (# why:) other than TODO.
func TestRealCorpus(t *testing.T) {
	root := testutil.RepoRoot(t)
	// Shared skips the test with a message when <repo root>/../shared is absent.
	dirs := []string{testutil.Shared(t, "corpus", "real"), testutil.Shared(t, "corpus", "seed")}
	files, errs := audit.Expand(dirs)
	if len(errs) > 0 {
		t.Fatalf("expanding the corpus folders: %v", errs)
	}
	if len(files) == 0 {
		t.Fatal("no documents found in the shared corpus")
	}
	res := audit.Run(context.Background(), files, audit.Options{Workers: 2, Profile: rules.DefaultProfile(), Rules: true})

	wantDir := filepath.Join(root, "audit", "testdata", "corpus")
	seen := map[string]bool{}
	for _, it := range res.Items {
		name := filepath.Base(it.Path)
		if seen[name] {
			t.Fatalf("two corpus documents named %s: the .want files are keyed by file name", name)
		}
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			if it.Err != nil {
				t.Fatalf("document could not be read: %v", it.Err)
			}
			var got []string
			for _, f := range it.Findings {
				got = append(got, findingLine(f))
			}
			sort.Strings(got)
			wantPath := filepath.Join(wantDir, name+".want")
			old, err := readWant(wantPath)
			if err != nil && !(os.IsNotExist(err) && *update) {
				t.Fatalf("reading expected findings: %v (run go test ./audit -run TestRealCorpus -update to create it)", err)
			}
			if *update {
				if err := os.MkdirAll(wantDir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := writeWant(wantPath, name, got, old); err != nil {
					t.Fatal(err)
				}
				if old, err = readWant(wantPath); err != nil {
					t.Fatal(err)
				}
			}
			var want []string
			for _, e := range old {
				want = append(want, e.line)
				if e.why == "" || e.why == whyTODO {
					t.Errorf("%s: expected finding %q has no reason: replace the \"# why: TODO\" line above it by what in the document makes it true", filepath.Base(wantPath), e.line)
				}
			}
			missing, extra := diffLines(want, got)
			if len(missing)+len(extra) > 0 {
				var b strings.Builder
				fmt.Fprintf(&b, "findings differ from %s:\n", filepath.Base(wantPath))
				for _, l := range missing {
					fmt.Fprintf(&b, "  - missing: %s\n", l)
				}
				for _, l := range extra {
					fmt.Fprintf(&b, "  + extra:   %s\n", l)
				}
				for _, f := range it.Findings {
					if l := findingLine(f); contains(extra, l) {
						fmt.Fprintf(&b, "    %s: %s\n", f.Rule, f.Message)
					}
				}
				t.Error(b.String())
			}
		})
	}
	// The corpus holds three reports twice, as the portal's page and as its
	// text (平潭 2023, 2024, 2025), and no other body-year twice (淮安市洪泽区
	// 2023 and 2024 are two years; 平潭's 财政金融局 is another body).
	var copies []string
	for _, c := range res.Summary().Copies {
		copies = append(copies, fmt.Sprintf("%s <- %s %s %d numbers=%v/%d bytes=%v", filepath.Base(c.OfPath), filepath.Base(c.Path), c.Issuer, c.Year, c.SameNumbers, c.Numbers, c.SameBytes))
	}
	wantCopies := []string{
		"2023_fujian_pingtan_zone_page.html <- 2023_fujian_pingtan_zone_pagetxt.txt 平潭综合实验区 2023 numbers=true/200 bytes=false",
		"2024_fujian_pingtan_zone_page.html <- 2024_fujian_pingtan_zone_pagetxt.txt 平潭综合实验区 2024 numbers=true/200 bytes=false",
		"2025_fujian_pingtan_zone_page.html <- 2025_fujian_pingtan_zone_pagetxt.txt 平潭综合实验区 2025 numbers=true/200 bytes=false",
	}
	if strings.Join(copies, "\n") != strings.Join(wantCopies, "\n") {
		t.Errorf("copies:\n%s\nwant:\n%s", strings.Join(copies, "\n"), strings.Join(wantCopies, "\n"))
	}
	// A .want file without a document would hide a document that disappeared.
	wants, _ := filepath.Glob(filepath.Join(wantDir, "*.want"))
	for _, w := range wants {
		doc := strings.TrimSuffix(filepath.Base(w), ".want")
		if !seen[doc] {
			if *update {
				if err := os.Remove(w); err != nil {
					t.Error(err)
				}
				continue
			}
			t.Errorf("%s has no document in the corpus (remove it or restore the document)", filepath.Base(w))
		}
	}
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}
