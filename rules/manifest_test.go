package rules

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

// genManifest is the part of a fixtures/pdf/<name>.json manifest (written
// by the project's fixture generator, fixtures/gen) that states the true
// content of a generated report and the defects injected into it.
type genManifest struct {
	Template        string              `json:"template"`
	Year            int                 `json:"year"`
	Issuer          string              `json:"issuer"`
	Title           string              `json:"title"`
	Published       string              `json:"published"`
	SectionsPresent []int               `json:"sections_present"`
	Cells           map[string]*float64 `json:"cells"`
	Figures         []genFigure         `json:"figures"`
	Enumerations    []struct {
		Text    string      `json:"text"`
		Section int         `json:"section"`
		Total   genFigure   `json:"total"`
		Parts   []genFigure `json:"parts"`
	} `json:"enumerations"`
	Defects []struct {
		Violations []string `json:"violations"`
	} `json:"defects"`
}

type genFigure struct {
	Value   float64 `json:"value"`
	Unit    string  `json:"unit"`
	Subject string  `json:"subject"`
	Text    string  `json:"text"`
	Section int     `json:"section"`
}

func (f genFigure) figure() recognise.Figure {
	return recognise.Figure{Value: f.Value, Unit: f.Unit, Subject: f.Subject, Text: f.Text, Section: f.Section}
}

func (m genManifest) report() *recognise.Report {
	r := &recognise.Report{Title: m.Title, Issuer: m.Issuer, Year: m.Year, Template: template.Version(m.Template),
		Published: m.Published, Cells: map[string]recognise.Cell{}}
	for i, s := range template.Sections {
		r.Sections[i] = recognise.Section{N: s.N}
		if slices.Contains(m.SectionsPresent, s.N) {
			r.Sections[i].Heading, r.Sections[i].Present = s.Heading, true
		}
	}
	for k, v := range m.Cells {
		c := recognise.Cell{Key: k}
		if v != nil {
			c.Value, c.Text = recognise.Num(*v), strconv.FormatFloat(*v, 'f', -1, 64)
		}
		r.Cells[k] = c
		switch {
		case strings.HasPrefix(k, "t2."):
			r.Tables.T2.Found = true
		case strings.HasPrefix(k, "t3."):
			r.Tables.T3.Found = true
		case strings.HasPrefix(k, "t4."):
			r.Tables.T4.Found = true
		}
	}
	for _, f := range m.Figures {
		r.Figures = append(r.Figures, f.figure())
	}
	for _, e := range m.Enumerations {
		en := recognise.Enumeration{Total: e.Total.figure(), Text: e.Text, Section: e.Section}
		for _, p := range e.Parts {
			en.Parts = append(en.Parts, p.figure())
		}
		r.Enumerations = append(r.Enumerations, en)
	}
	recognise.TextFacts(r)
	recognise.Topics(r)
	return r
}

// manifestRules are the rules whose input a manifest states fully (it has
// no section texts, so COMPL-PART5 and COMPL-FEE are left out).
var manifestRules = []string{
	"COMPL-SECTIONS", "COMPL-TABLES", "COMPL-CELLS",
	"ARITH-T3-BALANCE", "ARITH-T3-TOTAL", "ARITH-T3-ROWSUM", "ARITH-T4-TOTAL", "ARITH-NONNEG", "ARITH-PROSE-ENUM",
	"CONS-PROSE-T3-NEW", "CONS-PROSE-REVIEW", "CONS-NOAPP-TABLE", "CONS-PROSE-TABLE", "CONS-YEAR",
	"TIME-DEADLINE", "FORMAT-TEMPLATE-2019", "FORMAT-TABLE-IMAGE",
}

// violationKey names a finding the way the generator names the violations
// it injects ("ARITH-T3-BALANCE:natural", "COMPL-CELLS:t3.new.legal",
// "COMPL-SECTIONS:5"). Rules that report one finding for several cells give
// one key per cell.
func violationKeys(f Finding) []string {
	switch f.Rule {
	case "ARITH-T3-BALANCE", "ARITH-T3-TOTAL":
		// cells …, t3.total.<col>, …: the column of the stated total
		for _, c := range f.Cells {
			if strings.HasPrefix(c, "t3.total.") {
				return []string{f.Rule + ":" + strings.TrimPrefix(c, "t3.total.")}
			}
		}
	case "ARITH-T3-ROWSUM":
		last := f.Cells[len(f.Cells)-1] // t3.<row>.total
		return []string{f.Rule + ":" + strings.TrimSuffix(strings.TrimPrefix(last, "t3."), ".total")}
	case "ARITH-T4-TOTAL":
		last := f.Cells[len(f.Cells)-1] // t4.<group>.total
		return []string{f.Rule + ":" + strings.TrimSuffix(strings.TrimPrefix(last, "t4."), ".total")}
	case "COMPL-CELLS":
		var out []string
		for _, c := range f.Cells {
			out = append(out, f.Rule+":"+c)
		}
		return out
	case "COMPL-SECTIONS":
		return []string{fmt.Sprintf("%s:%d", f.Rule, f.Location.Section)}
	case "CONS-PROSE-T3-NEW", "CONS-PROSE-REVIEW", "CONS-PROSE-TABLE":
		return []string{f.Rule + ":" + strings.Join(f.Cells, "+")}
	}
	return []string{f.Rule}
}

// TestGeneratedManifests runs the rules on the true content of the
// generator's reports (fixtures/pdf/*.json), so extraction plays no part:
// every injected violation must be reported as a failure, and nothing else
// may fail. Rule-level names (FORMAT-TEMPLATE-2019:…, ARITH-PROSE-ENUM:…)
// are compared by rule ID.
func TestGeneratedManifests(t *testing.T) {
	files, err := filepath.Glob(testutil.Fixture(t, "pdf", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated fixture manifests in fixtures/pdf (%v)", err)
	}
	var rs []Rule
	for _, id := range manifestRules {
		r, ok := Lookup(id)
		if !ok {
			t.Fatalf("unknown rule %s", id)
		}
		rs = append(rs, r)
	}
	ruleLevel := map[string]bool{"FORMAT-TEMPLATE-2019": true, "ARITH-PROSE-ENUM": true}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var m genManifest
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var want []string
		for _, d := range m.Defects {
			for _, v := range d.Violations {
				id, _, _ := strings.Cut(v, ":")
				if ruleLevel[id] {
					v = id
				}
				if !slices.Contains(want, v) {
					want = append(want, v)
				}
			}
		}
		var got []string
		for _, fd := range runRules(m.report(), DefaultProfile(), rs) {
			if fd.Status != StatusFail {
				t.Errorf("%s: %s %s: %s", filepath.Base(f), fd.Rule, fd.Status, fd.Message)
				continue
			}
			for _, k := range violationKeys(fd) {
				if !slices.Contains(got, k) {
					got = append(got, k)
				}
			}
		}
		slices.Sort(want)
		slices.Sort(got)
		t.Logf("%s: %v", filepath.Base(f), got)
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n got %v\nwant %v", filepath.Base(f), got, want)
		}
	}
}
