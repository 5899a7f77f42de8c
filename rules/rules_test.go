package rules

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

var update = flag.Bool("update", false, "rewrite the .want files of rule fixtures")

// formatFinding is the one-line form of a finding used in .want files:
//
//	STATUS SEVERITY RESPONSIBILITY s=SECTION p=PAGE [cells=a,b] [exp=X] [act=Y] | MESSAGE
func formatFinding(f Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s s=%d p=%d", f.Status, f.Severity, f.Responsibility, f.Location.Section, f.Location.Page)
	if len(f.Cells) > 0 {
		fmt.Fprintf(&b, " cells=%s", strings.Join(f.Cells, ","))
	}
	if f.Expected != nil {
		fmt.Fprintf(&b, " exp=%s", num(*f.Expected))
	}
	if f.Actual != nil {
		fmt.Fprintf(&b, " act=%s", num(*f.Actual))
	}
	fmt.Fprintf(&b, " | %s", f.Message)
	return b.String()
}

func readWant(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out, nil
}

// compareFindings matches expected and actual lines as multisets: a line
// expected twice must be found twice.
func compareFindings(want, got []string) (missing, extra []string) {
	left := slices.Clone(got)
	for _, w := range want {
		if i := slices.Index(left, w); i >= 0 {
			left = slices.Delete(left, i, i+1)
		} else {
			missing = append(missing, w)
		}
	}
	return missing, left
}

func TestCompareFindings(t *testing.T) {
	missing, extra := compareFindings([]string{"a", "b", "b"}, []string{"b", "c", "a"})
	if !slices.Equal(missing, []string{"b"}) || !slices.Equal(extra, []string{"c"}) {
		t.Errorf("missing %v, extra %v", missing, extra)
	}
	if m, e := compareFindings(nil, nil); m != nil || e != nil {
		t.Errorf("empty: %v %v", m, e)
	}
}

// TestRules is our analysistest: for every rule of All(), every fixture in
// testdata/<RULE-ID>/*.json is run through that rule alone and its findings
// must equal the lines of the .want file beside it — nothing missing,
// nothing extra — and agree with the fixture's name (checkFixtureName),
// nothing extra. Every rule must have a case that fires and one that does
// not.
func TestRules(t *testing.T) {
	for _, rule := range All() {
		t.Run(rule.ID, func(t *testing.T) {
			dir := filepath.Join("testdata", rule.ID)
			cases, _ := filepath.Glob(filepath.Join(dir, "*.json"))
			if len(cases) == 0 {
				t.Fatalf("no fixtures in %s", dir)
			}
			fires, quiet, exampleSeen := false, false, false
			for _, c := range cases {
				name := strings.TrimSuffix(filepath.Base(c), ".json")
				r, prev, err := loadFixture(c)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				var fs []Finding
				if rule.Pair {
					if prev == nil {
						t.Fatalf("%s: pair rule fixture without \"previous\"", name)
					}
					fs = RunPairRules(prev, r, DefaultProfile(), []Rule{rule})
					if extra := runRules(r, DefaultProfile(), []Rule{rule}); len(extra) > 0 {
						t.Errorf("%s: Run ran pair rule %s", name, rule.ID)
					}
				} else {
					fs = runRules(r, DefaultProfile(), []Rule{rule})
				}
				var got []string
				for _, f := range fs {
					if f.Rule != rule.ID || f.Category != rule.Category {
						t.Errorf("%s: finding of %s/%s from rule %s", name, f.Rule, f.Category, rule.ID)
					}
					got = append(got, formatFinding(f))
				}
				wantPath := strings.TrimSuffix(c, ".json") + ".want"
				if *update {
					out := strings.Join(got, "\n")
					if out != "" {
						out += "\n"
					}
					if err := os.WriteFile(wantPath, []byte(out), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := readWant(wantPath)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				missing, extra := compareFindings(want, got)
				for _, w := range missing {
					t.Errorf("%s: missing finding:\n  %s", name, w)
				}
				for _, g := range extra {
					t.Errorf("%s: unexpected finding:\n  %s", name, g)
				}
				for _, w := range want {
					if _, msg, _ := strings.Cut(w, " | "); msg == rule.Example {
						exampleSeen = true
					}
				}
				if len(want) > 0 {
					fires = true
				} else {
					quiet = true
				}
				checkFixtureName(t, name, fs)
			}
			if !fires {
				t.Errorf("%s: no fixture where the rule fires", rule.ID)
			}
			if !quiet {
				t.Errorf("%s: no fixture where the rule must stay silent", rule.ID)
			}
			if !exampleSeen {
				t.Errorf("%s: the documented example %q is not the message of any fixture finding", rule.ID, rule.Example)
			}
		})
	}
}

// TestCleanReportsPass: the template's relations are an oracle; on a clean
// report of either version no rule may fire.
func TestCleanReportsPass(t *testing.T) {
	for _, v := range []template.Version{template.V2021, template.V2019} {
		r := cleanReport(v)
		if v == template.V2019 {
			// A 2020 report on the 2019 format is correct.
			r.Year = 2020
		}
		if fs := run(r, DefaultProfile()); len(fs) > 0 {
			for _, f := range fs {
				t.Errorf("clean %s report: %s %s", v, f.Rule, formatFinding(f))
			}
		}
	}
}

func TestCatalogue(t *testing.T) {
	rs := All()
	if err := Validate(rs); err != nil {
		t.Fatal(err)
	}
	if len(rs) < 15 {
		t.Errorf("catalogue has %d rules, want at least 15", len(rs))
	}
	for _, r := range rs {
		doc := r.Doc()
		for _, part := range []string{r.ID, r.Title, r.Basis, string(r.Severity), string(r.Category), "说明：", "示例："} {
			if !strings.Contains(doc, part) {
				t.Errorf("%s: Doc() lacks %q", r.ID, part)
			}
		}
		first := strings.SplitN(strings.TrimSpace(r.Explanation), "\n", 2)[0]
		if !strings.Contains(doc, first) {
			t.Errorf("%s: Doc() lacks the explanation", r.ID)
		}
		got, ok := Lookup(strings.ToLower(r.ID))
		if !ok || got.ID != r.ID {
			t.Errorf("Lookup(%q) = %q, %v", strings.ToLower(r.ID), got.ID, ok)
		}
	}
	if _, ok := Lookup("NO-SUCH-RULE"); ok {
		t.Error("Lookup found a rule that does not exist")
	}
	// The head of each rule's Doc (titles are one word: no white space): "ID  Title", then its severity and
	// category as the first word of their lines.
	for _, r := range rs {
		lines := strings.Split(r.Doc(), "\n")
		if strings.ContainsFunc(r.Title, unicode.IsSpace) || len(lines) < 4 || lines[0] != r.ID+"  "+r.Title || lines[1] != "" ||
			!strings.HasPrefix(lines[2], "默认严重程度："+string(r.Severity)+"（") ||
			!strings.HasPrefix(lines[3], "类别："+string(r.Category)+"（") {
			t.Errorf("%s: Doc() head = %q", r.ID, lines[:min(len(lines), 4)])
		}
	}
}

func TestValidateRejects(t *testing.T) {
	good := All()[0]
	cases := map[string]func(r *Rule){
		"bad id":         func(r *Rule) { r.ID = "arith-lower" },
		"unknown family": func(r *Rule) { r.ID = "FOO-BAR" },
		"wrong category": func(r *Rule) { r.Category = CategoryArithmetic },
		"no title":       func(r *Rule) { r.Title = " " },
		"no explanation": func(r *Rule) { r.Explanation = "" },
		"no basis":       func(r *Rule) { r.Basis = "" },
		"no example":     func(r *Rule) { r.Example = "" },
		"bad severity":   func(r *Rule) { r.Severity = "fatal" },
		"no check":       func(r *Rule) { r.Check = nil },
		"title period":   func(r *Rule) { r.Title += "。" },
	}
	for name, mutate := range cases {
		r := good
		mutate(&r)
		if err := Validate([]Rule{r}); err == nil {
			t.Errorf("%s: Validate accepted %+v", name, r.ID)
		}
	}
	if err := Validate([]Rule{good, good}); err == nil || !strings.Contains(err.Error(), "duplicate") {
		t.Errorf("duplicate ids: err = %v", err)
	}
	if err := Validate([]Rule{good}); err != nil {
		t.Errorf("valid rule rejected: %v", err)
	}
}

func TestRunDeterministicAndFingerprints(t *testing.T) {
	r := cleanReport(template.V2021)
	// Break several relations and blank some cells.
	for _, k := range []string{"t3.new.natural", "t3.total.research", "t4.review.total"} {
		c := r.Cells[k]
		c.Value = recognise.Num(c.Value.V + 1)
		r.Cells[k] = c
	}
	delete(r.Cells, "t3.carried_over.legal")
	a := run(r, DefaultProfile())
	if len(a) == 0 {
		t.Fatal("no findings on a broken report")
	}
	seen := map[string]bool{}
	for i := 0; i < 20; i++ {
		b := run(r, DefaultProfile())
		if len(a) != len(b) {
			t.Fatalf("run %d: %d findings, first run %d", i, len(b), len(a))
		}
		for j := range a {
			if formatFinding(a[j]) != formatFinding(b[j]) || a[j].Fingerprint != b[j].Fingerprint || a[j].Rule != b[j].Rule {
				t.Fatalf("run %d finding %d differs:\n%s\n%s", i, j, formatFinding(a[j]), formatFinding(b[j]))
			}
		}
	}
	for _, f := range a {
		if len(f.Fingerprint) != 16 {
			t.Errorf("fingerprint %q", f.Fingerprint)
		}
		if seen[f.Fingerprint] {
			t.Errorf("duplicate fingerprint %s (%s)", f.Fingerprint, f.Rule)
		}
		seen[f.Fingerprint] = true
	}
	// The fingerprint does not depend on pages or values.
	for k, c := range r.Cells {
		c.Page += 7
		if k == "t3.new.natural" {
			c.Value = recognise.Num(c.Value.V + 5)
		}
		r.Cells[k] = c
	}
	moved := run(r, DefaultProfile())
	fp := func(fs []Finding) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Fingerprint)
		}
		slices.Sort(out)
		return out
	}
	if !slices.Equal(fp(a), fp(moved)) {
		t.Errorf("fingerprints changed when pages and values moved:\n%v\n%v", fp(a), fp(moved))
	}
}

func TestProfileOverridesAndDisable(t *testing.T) {
	r := cleanReport(template.V2021)
	c := r.Cells["t4.review.total"]
	c.Value = recognise.Num(9)
	r.Cells["t4.review.total"] = c
	p := DefaultProfile()
	p.Severity["ARITH-T4-TOTAL"] = SeverityInfo
	var got []Finding
	for _, f := range run(r, p) {
		if f.Rule == "ARITH-T4-TOTAL" {
			got = append(got, f)
		}
	}
	if len(got) != 1 || got[0].Severity != SeverityInfo {
		t.Fatalf("override: got %+v", got)
	}
	p.Disabled = []string{"arith-t4-total"}
	for _, f := range run(r, p) {
		if f.Rule == "ARITH-T4-TOTAL" {
			t.Errorf("disabled rule ran: %s", formatFinding(f))
		}
	}
	bad := DefaultProfile()
	bad.Bodies[0].Pattern = "("
	if bad.Validate() == nil {
		t.Error("Validate accepted a bad pattern")
	}
	bad = DefaultProfile()
	bad.Bodies[0].Deadline = "13-01"
	if bad.Validate() == nil {
		t.Error("Validate accepted a bad deadline")
	}
	if err := DefaultProfile().Validate(); err != nil {
		t.Errorf("default profile: %v", err)
	}
}

func TestClassify(t *testing.T) {
	p := DefaultProfile().compiled()
	for name, want := range map[string]string{
		"沙坡头区兴仁镇":       "township",
		"兴庆区前进街街道":      "township",
		"某某镇人民政府":       "township",
		"淮安市洪泽区人民政府":    "government",
		"淮安市":           "government",
		"平潭综合实验区管委会":    "government",
		"上海市人民政府办公厅":    "department",
		"沭阳县发展和改革局":     "department",
		"河北省人力资源和社会保障厅": "department",
		"上海市科学技术委员会":    "department",
		"某某有限公司2023年报告": "",
	} {
		got := ""
		if b := p.classify(name); b != nil {
			got = b.Name
		}
		if got != want {
			t.Errorf("classify(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestRunSurvivesPanicAndNil(t *testing.T) {
	if fs := run(nil, DefaultProfile()); fs != nil {
		t.Errorf("Run(nil) = %v", fs)
	}
	boom := Rule{ID: "CONS-BOOM", Category: CategoryConsistency, Severity: SeverityError,
		Check: func(*Pass) { panic("boom") }}
	fs := runRules(cleanReport(template.V2021), DefaultProfile(), []Rule{boom})
	if len(fs) != 1 || fs[0].Status != StatusNotAssessable || fs[0].Responsibility != ResponsibilityExtraction {
		t.Fatalf("panic: got %+v", fs)
	}
}

func TestParseProfile(t *testing.T) {
	p, err := ParseProfile([]byte(`{"name": "怀化", "grace_days": 2,
		"bodies": [{"name": "department", "label": "市直单位", "pattern": "(局|委)$", "deadline": "01-28", "severity": "warning", "basis": "怀化市通知"}],
		"severity": {"COMPL-FEE": "info"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "怀化" || p.GraceDays != 2 || len(p.Bodies) != 1 || p.Bodies[0].Label != "市直单位" ||
		p.Severity["COMPL-FEE"] != SeverityInfo || p.MinPart5Runes != DefaultProfile().MinPart5Runes {
		t.Fatalf("parsed profile: %+v", p)
	}
	r := cleanReport(template.V2021)
	r.Published = "2024-01-31" // deadline 01-28 plus 2 grace days: 01-30 is the last day
	var got []string
	for _, f := range run(r, p) {
		got = append(got, f.Rule+" "+string(f.Severity)+" "+f.Message)
	}
	want := []string{"TIME-DEADLINE warning 发布日期2024-01-31晚于市直单位的公布期限2024-01-30（晚1天；怀化市通知）"}
	if !slices.Equal(got, want) {
		t.Errorf("findings with parsed profile:\n got %q\nwant %q", got, want)
	}
	for _, bad := range []string{`{"nmae": "x"}`, `{"bodies": [{"pattern": "(", "deadline": "01-31", "severity": "error"}]}`, `{"severity": {"X": "fatal"}}`, `{"copy_similarity": 2}`, `[`} {
		if _, err := ParseProfile([]byte(bad)); err == nil {
			t.Errorf("ParseProfile(%s) accepted", bad)
		}
	}
}

// TestCatalogueGolden pins the rule docs (what `nianbao explain` prints) of
// the whole catalogue in All() order (testdata/catalogue.golden, rewritten by
// -update).
func TestCatalogueGolden(t *testing.T) {
	var b bytes.Buffer
	for i, r := range All() {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("----\n")
		b.WriteString(r.Doc())
	}
	path := filepath.Join("testdata", "catalogue.golden")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("catalogue text differs from %s (run with -update and review the diff)", path)
	}
}

// TestOddReports: reports the recogniser may well produce (half-filled,
// zero values, tables found without cells) never make a rule panic, and a
// report without content only gets EXTR-UNREADABLE.
func TestOddReports(t *testing.T) {
	odd := map[string]*recognise.Report{
		"zero":        {},
		"title only":  {Title: "某某镇2024年政府信息公开工作年度报告"},
		"found empty": {Title: "x", Tables: recognise.Tables{T2: recognise.TableState{Found: true}, T3: recognise.TableState{Found: true}, T4: recognise.TableState{Found: true}}},
		"enum no parts": {Title: "x", Year: 2024, Published: "bad date", Enumerations: []recognise.Enumeration{{Total: recognise.Figure{Value: 3}}},
			Negations: []recognise.Negation{{}}, Figures: []recognise.Figure{{}}, Lines: []recognise.Line{{Text: "2024年"}}},
	}
	for name, r := range odd {
		for _, f := range run(r, DefaultProfile()) {
			if strings.Contains(f.Message, "规则执行出错") {
				t.Errorf("%s: %s panicked: %s", name, f.Rule, f.Message)
			}
		}
	}
	fs := run(odd["zero"], DefaultProfile())
	if len(fs) != 1 || fs[0].Rule != "EXTR-UNREADABLE" {
		t.Errorf("empty report: %v", fs)
	}
}

func TestRunConcurrent(t *testing.T) {
	p := DefaultProfile()
	r := cleanReport(template.V2021)
	r.Published = "2024-05-01"
	want := len(run(r, p))
	done := make(chan int)
	for i := 0; i < 4; i++ {
		go func() { done <- len(run(r, p)) }()
	}
	for i := 0; i < 4; i++ {
		if got := <-done; got != want {
			t.Errorf("concurrent run: %d findings, want %d", got, want)
		}
	}
}

func TestPreFormatReportGetsOnlyScope(t *testing.T) {
	r := cleanReport(template.V2021)
	r.Year, r.Template, r.Title = 2018, template.VUnknown, "某市市场监督管理局2018年政府信息公开工作年度报告"
	r.Lines, r.Published = nil, "2019-03-20"
	r.Sections[4] = recognise.Section{N: 5}
	recognise.TextFacts(r)
	r.Tables.T3 = recognise.TableState{}
	var got []string
	for _, f := range run(r, DefaultProfile()) {
		got = append(got, f.Rule)
	}
	if !slices.Equal(got, []string{"FORMAT-SCOPE"}) {
		t.Errorf("2018 report: findings %v, want only FORMAT-SCOPE", got)
	}
}

// run is Run without a deadline, for tests.
func run(r *recognise.Report, p Profile) []Finding {
	fs, err := Run(context.Background(), r, p)
	if err != nil {
		panic(err)
	}
	return fs
}

// runRules is RunRules without a deadline, for tests.
func runRules(r *recognise.Report, p Profile, rs []Rule) []Finding {
	fs, err := RunRules(context.Background(), r, p, rs)
	if err != nil {
		panic(err)
	}
	return fs
}

func TestRunStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if fs, err := Run(ctx, cleanReport(template.V2021), DefaultProfile()); err != context.Canceled || fs != nil {
		t.Fatalf("cancelled Run: %d findings, err %v", len(fs), err)
	}
}

// checkFixtureName enforces what a rule fixture's name promises: fires_*
// gives at least one finding and every finding of status fail (a defect the
// rule must find is never only "uncertain"); quiet_* gives none;
// uncertain_* and not_assessable_* give findings of that status only.
func checkFixtureName(t *testing.T, name string, fs []Finding) {
	t.Helper()
	prefix, _, _ := strings.Cut(name, "_")
	if strings.HasPrefix(name, "not_assessable_") {
		prefix = "not_assessable"
	}
	want := map[string]Status{"fires": StatusFail, "uncertain": StatusUncertain, "not_assessable": StatusNotAssessable}
	switch prefix {
	case "quiet":
		if len(fs) > 0 {
			t.Errorf("%s: a quiet_ fixture gave %d findings", name, len(fs))
		}
	case "fires", "uncertain", "not_assessable":
		if len(fs) == 0 {
			t.Errorf("%s: a %s_ fixture gave no finding", name, prefix)
		}
		for _, f := range fs {
			if f.Status != want[prefix] {
				t.Errorf("%s: a %s_ fixture gave a finding of status %s: %s", name, prefix, f.Status, f.Message)
			}
		}
	default:
		t.Errorf("%s: a fixture name starts with fires_, quiet_, uncertain_ or not_assessable_", name)
	}
}
