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

// TestOCRAccuracy measures OCR over scanned fixtures: it runs only when
// NIANBAO_OCR_ACCURACY names folders of scans made by fixtures/ocrgen
// (scripts/ocr-accuracy.sh makes them and sets it), and prints one row per
// document and a total: the share of cells read exactly, cells read wrong
// but not marked uncertain, arithmetic fails where the printed numbers hold,
// and the injected arithmetic and consistency defects reported (fail or
// uncertain).
func TestOCRAccuracy(t *testing.T) {
	dirs := os.Getenv("NIANBAO_OCR_ACCURACY")
	if dirs == "" {
		t.Skip("set NIANBAO_OCR_ACCURACY (scripts/ocr-accuracy.sh)")
	}
	testutil.NeedTool(t, "tesseract", "tesseract-ocr tesseract-ocr-chi-sim")
	var files []string
	for _, d := range strings.Split(dirs, ",") {
		fs, _ := filepath.Glob(filepath.Join(d, "*.pdf"))
		files = append(files, fs...)
	}
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatalf("no scans in %s", dirs)
	}
	listCells := os.Getenv("NIANBAO_OCR_ACCURACY_CELLS") != ""
	res := audit.Run(context.Background(), files, audit.Options{Workers: 2, Rules: true, Profile: rules.DefaultProfile()})
	type sums struct{ scans, cells, exact, sure, wrongSure, unsure, falseFail, found, defects int }
	total := map[string]*sums{"ruled": {}, "borderless": {}, "real": {}, "all": {}}
	fmt.Printf("| scan | cells exact | of those sure | wrong, not uncertain | uncertain | fail where the numbers hold | injected defects reported |\n|---|---|---|---|---|---|---|\n")
	for _, it := range res.Items {
		name := filepath.Base(filepath.Dir(it.Path)) + "/" + strings.TrimSuffix(filepath.Base(it.Path), ".pdf")
		if strings.Contains(name, "borderless") {
			name += " (borderless)"
		}
		if it.Err != nil {
			t.Errorf("%s: %v", name, it.Err)
			continue
		}
		m := scanTruth(t, strings.TrimSuffix(filepath.Base(it.Path), ".pdf"))
		exact, sure, wrongSure, unsure := 0, 0, 0, 0
		keys := make([]string, 0, len(m.Cells))
		for k := range m.Cells {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v := m.Cells[k]
			c, ok := it.Report.Cells[k]
			if listCells && !(ok && c.Value.Valid && c.Value.V == v && !c.Uncertain) {
				// NIANBAO_OCR_ACCURACY_CELLS=1: every cell not read exactly
				// and surely, with its reading, for diagnosis
				if ok {
					fmt.Printf("CELL %s %s want %v got %v valid=%v unsure=%v conf=%.2f agreed=%v text=%q alt=%v\n", name, k, v, c.Value.V, c.Value.Valid, c.Uncertain, c.Confidence, c.Agreed, c.Text, c.Alternatives)
				} else {
					fmt.Printf("CELL %s %s want %v MISSING\n", name, k, v)
				}
			}
			switch {
			case ok && c.Value.Valid && c.Value.V == v && !c.Uncertain:
				exact++
				sure++
			case ok && c.Value.Valid && c.Value.V == v:
				exact++
				unsure++
			case ok && c.Uncertain:
				unsure++
			case ok && c.Value.Valid:
				wrongSure++
			default:
				unsure++ // not found: the table or row was not recognised
			}
		}
		// injected arithmetic and consistency violations, named as the
		// generator names them (see rules/manifest_test.go)
		want := map[string]bool{}
		for _, d := range m.Defects {
			for _, v := range d.Violations {
				if strings.HasPrefix(v, "ARITH-") || strings.HasPrefix(v, "CONS-") {
					want[v] = false
				}
			}
		}
		falseFail := 0
		for _, f := range it.Findings {
			// CONS-COPY-PEER compares reports of one batch (the scans of
			// related fixtures share their prose): not about the numbers
			if !strings.HasPrefix(f.Rule, "ARITH-") && !strings.HasPrefix(f.Rule, "CONS-") || f.Rule == "CONS-COPY-PEER" {
				continue
			}
			hit := false
			keys := violationKeys(f)
			for k := range want {
				// a rule-level name (ARITH-PROSE-ENUM:主动公开政府信息)
				// names the sentence the finding quotes
				if rule, what, ok := strings.Cut(k, ":"); ok && rule == f.Rule && f.Rule == "ARITH-PROSE-ENUM" && strings.Contains(f.Message, what) {
					keys = append(keys, k)
				}
			}
			for _, k := range keys {
				if _, ok := want[k]; ok && (f.Status == rules.StatusFail || f.Status == rules.StatusUncertain) {
					want[k], hit = true, true
				}
			}
			if f.Status == rules.StatusFail && !hit {
				falseFail++
				t.Logf("%s: fail where the printed numbers hold: %s", name, f.Message)
			}
		}
		found := 0
		for _, ok := range want {
			if ok {
				found++
			}
		}
		n := len(m.Cells)
		fmt.Printf("| %s | %d/%d (%.1f%%) | %d | %d | %d | %d | %d/%d |\n", name, exact, n, 100*float64(exact)/float64(n), sure, wrongSure, unsure, falseFail, found, len(want))
		kind := "ruled"
		if strings.Contains(name, "borderless") {
			kind = "borderless"
		} else if m.Real {
			kind = "real"
		}
		for _, k := range []string{kind, "all"} {
			s := total[k]
			s.scans++
			s.cells += n
			s.exact += exact
			s.sure += sure
			s.wrongSure += wrongSure
			s.unsure += unsure
			s.falseFail += falseFail
			s.defects += len(want)
			s.found += found
		}
	}
	for _, k := range []string{"ruled", "borderless", "real", "all"} {
		s := total[k]
		if s.cells == 0 {
			continue
		}
		fmt.Printf("| **%s (%d scans)** | %d/%d (%.2f%%) | %d (%.2f%%) | %d | %d | %d | %d/%d |\n", k, s.scans, s.exact, s.cells,
			100*float64(s.exact)/float64(s.cells), s.sure, 100*float64(s.sure)/float64(s.cells), s.wrongSure, s.unsure, s.falseFail, s.found, s.defects)
	}
}

// scanTruth is what a scan holds: for a generated fixture, the cells and
// defects its generator wrote (fixtures/pdf/NAME.json); for a real report of
// the shared corpus (ocrgen -src ../shared/corpus/real), the cells read from
// the PDF itself and its arithmetic and consistency fails, named as the
// generator names violations.
func scanTruth(t *testing.T, name string) scanFacts {
	var m scanFacts
	data, err := os.ReadFile(testutil.Fixture(t, "pdf", name+".json"))
	if err == nil {
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	orig := testutil.Corpus(t, name+".pdf")
	if _, serr := os.Stat(orig); serr != nil {
		t.Fatalf("%s: neither a fixture (%v) nor a corpus report (%v)", name, err, serr)
	}
	it := audit.Run(context.Background(), []string{orig}, audit.Options{Workers: 1, Rules: true, Profile: rules.DefaultProfile()}).Items[0]
	if it.Err != nil {
		t.Fatalf("%s: %v", orig, it.Err)
	}
	m.Real = true
	m.Cells = map[string]float64{}
	for k, c := range it.Report.Cells {
		if c.Value.Valid {
			m.Cells[k] = c.Value.V
		}
	}
	var fails []string
	for _, f := range it.Findings {
		if f.Status == rules.StatusFail && (strings.HasPrefix(f.Rule, "ARITH-") || strings.HasPrefix(f.Rule, "CONS-")) {
			fails = append(fails, violationKeys(f)...)
		}
	}
	m.Defects = append(m.Defects, struct {
		Violations []string `json:"violations"`
	}{fails})
	return m
}

// scanFacts is what scanTruth knows of a scan.
type scanFacts struct {
	Real    bool               `json:"-"` // a real report's scan
	Cells   map[string]float64 `json:"cells"`
	Defects []struct {
		Violations []string `json:"violations"`
	} `json:"defects"`
}

// violationKeys names a finding the way the generator names the violations
// it injects (the same naming as rules/manifest_test.go).
func violationKeys(f rules.Finding) []string {
	if len(f.Cells) == 0 {
		return []string{f.Rule}
	}
	last := f.Cells[len(f.Cells)-1]
	switch f.Rule {
	case "ARITH-T3-BALANCE", "ARITH-T3-TOTAL":
		for _, c := range f.Cells {
			if strings.HasPrefix(c, "t3.total.") {
				return []string{f.Rule + ":" + strings.TrimPrefix(c, "t3.total.")}
			}
		}
	case "ARITH-T3-ROWSUM":
		return []string{f.Rule + ":" + strings.TrimSuffix(strings.TrimPrefix(last, "t3."), ".total")}
	case "ARITH-T4-TOTAL":
		return []string{f.Rule + ":" + strings.TrimSuffix(strings.TrimPrefix(last, "t4."), ".total")}
	case "CONS-PROSE-T3-NEW", "CONS-PROSE-REVIEW", "CONS-PROSE-TABLE":
		return []string{f.Rule + ":" + strings.Join(f.Cells, "+")}
	}
	return []string{f.Rule}
}
