// Package pdftest compares the characters extract/pdf finds on each page of
// a PDF with what poppler's pdftotext finds. It is for tests only: nianbao
// never needs pdftotext at run time.
package pdftest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/nianbao/nianbao/extract/pdf"
	"github.com/nianbao/nianbao/internal/testutil"
)

// ErrNoPdftotext is returned when pdftotext is not installed.
var ErrNoPdftotext = errors.New("pdftotext (poppler-utils) is not installed")

// PageMatch compares one page.
type PageMatch struct {
	Page   int
	Ours   int // non-space characters extract/pdf found
	Theirs int // non-space characters pdftotext found
	Common int // size of the multiset intersection
	// Missing and Extra list the characters pdftotext has and we lack, and
	// the reverse, with counts (for failure messages).
	Missing, Extra string
}

// Ratio is Common divided by the larger of Ours and Theirs: 1 when both
// agree exactly, lower for characters missing on either side. A page where
// neither finds text has ratio 1.
func (m PageMatch) Ratio() float64 {
	d := max(m.Ours, m.Theirs)
	if d == 0 {
		return 1
	}
	return float64(m.Common) / float64(d)
}

// Compare extracts path with extract/pdf and with pdftotext and compares
// the multisets of non-space characters page by page. pdftotext runs in
// -raw mode, which keeps a hyphen at the end of a line (the default mode
// drops it as hyphenation).
func Compare(path string) ([]PageMatch, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, ErrNoPdftotext
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pages, _, _, err := pdf.Pages(bytes.NewReader(data), int64(len(data)), pdf.Options{})
	if err != nil {
		return nil, fmt.Errorf("extract/pdf: %w", err)
	}
	out, err := exec.Command(bin, "-q", "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext %s: %w", path, err)
	}
	theirs := strings.Split(string(out), "\f")
	var res []PageMatch
	for i, p := range pages {
		ours := map[rune]int{}
		for _, g := range p.Glyphs {
			if g.Text != "" {
				for _, r := range g.Text {
					add(ours, r)
				}
			} else {
				add(ours, g.R)
			}
		}
		th := map[rune]int{}
		if i < len(theirs) {
			for _, r := range theirs[i] {
				add(th, r)
			}
		}
		res = append(res, match(i+1, ours, th))
	}
	return res, nil
}

func add(m map[rune]int, r rune) {
	if unicode.IsSpace(r) || unicode.IsControl(r) {
		return
	}
	m[r]++
}

func match(page int, ours, theirs map[rune]int) PageMatch {
	pm := PageMatch{Page: page}
	var missing, extra []string
	for r, n := range ours {
		pm.Ours += n
		pm.Common += min(n, theirs[r])
		if n > theirs[r] {
			extra = append(extra, fmt.Sprintf("%q×%d", r, n-theirs[r]))
		}
	}
	for r, n := range theirs {
		pm.Theirs += n
		if n > ours[r] {
			missing = append(missing, fmt.Sprintf("%q×%d", r, n-ours[r]))
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	pm.Missing = strings.Join(missing, " ")
	pm.Extra = strings.Join(extra, " ")
	return pm
}

// Check runs Compare and fails t when any page's ratio is below min. It
// skips the test when pdftotext is not installed.
func Check(t testing.TB, path string, min float64) []PageMatch {
	t.Helper()
	res, err := Compare(path)
	if errors.Is(err, ErrNoPdftotext) {
		testutil.Missing(t, "pdftotext", "apt-get install poppler-utils，或运行 scripts/setup-test-deps.sh；与 pdftotext 的对比测试跳过")
	}
	if err != nil {
		t.Fatalf("compare %s: %v", path, err)
	}
	for _, m := range res {
		if m.Ratio() < min {
			t.Errorf("%s page %d: %.2f%% of characters agree with pdftotext (ours %d, pdftotext %d, common %d); missing %s; extra %s",
				path, m.Page, 100*m.Ratio(), m.Ours, m.Theirs, m.Common, m.Missing, m.Extra)
		}
	}
	return res
}

// CheckGlob runs Check as a subtest for every file matching pattern (see
// filepath.Glob) and skips when none matches.
func CheckGlob(t *testing.T, pattern string, min float64) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skipf("no PDF matches %s", pattern)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			Check(t, f, min)
		})
	}
}
