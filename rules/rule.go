package rules

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/internal/lazyre"
	"github.com/nianbao/nianbao/recognise"
)

// Rule is one check of the catalogue: documentation as data plus a small
// function over a recognised report. Rules never see a PDF or HTML library.
type Rule struct {
	// ID is stable and ASCII: FAMILY-NAME, e.g. ARITH-T3-BALANCE. The family
	// (COMPL, ARITH, CONS, TIME, FORMAT, EXTR) fixes the category.
	ID string
	// Title is a short Chinese title without final punctuation.
	Title string
	// Explanation is the longer Chinese text printed by `nianbao explain`:
	// what is checked, how blanks and uncertain readings are treated.
	Explanation string
	// Basis is the legal or template ground (条例第五十条, 国办公开办函〔2021〕30号 …).
	Basis string
	// Severity is the default severity; a Profile may override it.
	Severity Severity
	Category Category
	// Example is a sample finding message, in Chinese.
	Example string
	// Pair marks a cross-report rule: it compares a report with the same
	// body's report of the previous year (Pass.Previous). Run skips pair
	// rules; RunPair runs only them.
	Pair bool
	// Scope says which reports a pair rule compares, for `nianbao explain`
	// (default: the same body's reports of consecutive years).
	Scope string
	// Requires says what a report must have for the rule to run (Run
	// checks it; no rule is special-cased by ID). Zero means the default of
	// the rule's category: nothing for extraction rules; for the others,
	// readable content that looks like an annual report on a year the
	// revised 条例 and its formats apply to (see Needs).
	Requires Requirement
	// Check runs the rule on one report and reports through the pass.
	Check func(p *Pass)
}

// Requirement is a set of facts about a report a rule needs.
type Requirement uint8

const (
	// RequiresContent: the report has readable content.
	RequiresContent Requirement = 1 << iota
	// RequiresAnnualReport: the content looks like an annual report
	// (FORMAT-NOT-REPORT decides; it requires only content).
	RequiresAnnualReport
	// RequiresNothing marks a rule that runs on every report, even an
	// unreadable one (extraction rules).
	RequiresNothing
	// RequiresCurrentRegulation: the report is on 2019 or a later year, so
	// the revised 条例 (in force 2019-05-15) and its report formats apply;
	// earlier years get only the rules without it (FORMAT-SCOPE says why).
	RequiresCurrentRegulation
)

// Needs is the rule's requirement with the category default applied.
func (r Rule) Needs() Requirement {
	switch {
	case r.Requires != 0:
		return r.Requires
	case r.Category == CategoryExtraction:
		return RequiresNothing
	}
	return RequiresContent | RequiresAnnualReport | RequiresCurrentRegulation
}

// Pass is what a rule's Check sees: the report, the profile and a way to
// report findings (the go/analysis Pass idea).
type Pass struct {
	Report *recognise.Report
	// Previous is the same body's report of the previous year; set only
	// for pair rules.
	Previous *recognise.Report
	Profile  Profile
	rule     *Rule
	out      []Finding
}

// issue is what a check reports; Pass.report completes it into a Finding.
type issue struct {
	status   Status
	severity Severity // zero: the rule's severity
	message  string
	cells    []string
	expected *float64
	actual   *float64
	loc      Location
	resp     Responsibility // zero: report
	// detail distinguishes several findings of one rule on the same cells;
	// it must not depend on pages or values (it feeds the fingerprint).
	detail string
	// absence: the finding is about something not found (a part, a table,
	// blank cells, a statement); it may be on a page that could not be
	// read, so such a page makes it uncertain (see lostContent).
	absence bool
	// accounted: extraction problems the check has already taken into
	// account (a table in a scanned page is what FORMAT-TABLE-IMAGE
	// reports); lostContent does not blame the finding on them.
	accounted []string
}

func (p *Pass) report(is issue) {
	if is.resp != ResponsibilityExtraction {
		if why := lostContent(p.Report, is); why != "" {
			// what could not be read is the extractor's problem, never
			// an error of the report: a failure becomes uncertain, and an
			// uncertain or not assessable finding says that the doubt may
			// be ours
			if is.status == StatusFail {
				is.status = StatusUncertain
			}
			is.resp = ResponsibilityExtraction
			is.message += "；" + why
		}
	}
	// Severity: the finding's own, else the rule's; uncertain and
	// not_assessable findings capped by the profile; an explicit profile
	// override for the rule wins over both.
	sev := p.rule.Severity
	if is.severity != "" {
		sev = is.severity
	}
	if is.status != StatusFail && p.Profile.MaxUncertainSeverity != "" &&
		sev.Rank() > p.Profile.MaxUncertainSeverity.Rank() {
		sev = p.Profile.MaxUncertainSeverity
	}
	if o, ok := p.Profile.Severity[p.rule.ID]; ok && o != "" {
		sev = o
	}
	resp := is.resp
	if resp == "" {
		resp = ResponsibilityReport
	}
	cells := append([]string(nil), is.cells...)
	if cells == nil {
		cells = []string{}
	}
	p.out = append(p.out, Finding{
		Rule:           p.rule.ID,
		Category:       p.rule.Category,
		Status:         is.status,
		Severity:       sev,
		Message:        is.message,
		Cells:          cells,
		Expected:       is.expected,
		Actual:         is.actual,
		Location:       is.loc,
		Responsibility: resp,
		Fingerprint:    fingerprint(p.rule.ID, cells, is.detail),
	})
}

// families maps an ID family to the category its rules must have.
var families = map[string]Category{
	"COMPL":  CategoryCompleteness,
	"ARITH":  CategoryArithmetic,
	"CONS":   CategoryConsistency,
	"TIME":   CategoryTimeliness,
	"FORMAT": CategoryFormat,
	"EXTR":   CategoryExtraction,
}

var idPattern = lazyre.New(`^[A-Z]+(-[A-Z0-9]+)+$`)

// Family returns the part of the ID before the first "-".
func (r Rule) Family() string {
	f, _, _ := strings.Cut(r.ID, "-")
	return f
}

// Validate checks a rule list the way analysis.Validate checks analyzers:
// IDs well formed and unique, family matching category, documentation and
// check present, a known default severity.
func Validate(rs []Rule) error {
	seen := make(map[string]bool, len(rs))
	for i, r := range rs {
		if !idPattern.MatchString(r.ID) {
			return fmt.Errorf("rule %d: invalid id %q", i, r.ID)
		}
		if seen[r.ID] {
			return fmt.Errorf("rule %s: duplicate id", r.ID)
		}
		seen[r.ID] = true
		cat, ok := families[r.Family()]
		if !ok {
			return fmt.Errorf("rule %s: unknown family %q", r.ID, r.Family())
		}
		if r.Category != cat {
			return fmt.Errorf("rule %s: category %q does not match family %s (%s)", r.ID, r.Category, r.Family(), cat)
		}
		switch {
		case strings.TrimSpace(r.Title) == "":
			return fmt.Errorf("rule %s: empty title", r.ID)
		case strings.TrimSpace(r.Explanation) == "":
			return fmt.Errorf("rule %s: empty explanation", r.ID)
		case strings.TrimSpace(r.Basis) == "":
			return fmt.Errorf("rule %s: empty basis", r.ID)
		case strings.TrimSpace(r.Example) == "":
			return fmt.Errorf("rule %s: empty example", r.ID)
		case r.Severity.Rank() == 0:
			return fmt.Errorf("rule %s: invalid severity %q", r.ID, r.Severity)
		case r.Check == nil:
			return fmt.Errorf("rule %s: no check function", r.ID)
		}
		if strings.HasSuffix(r.Title, "。") {
			return fmt.Errorf("rule %s: title ends with punctuation", r.ID)
		}
	}
	return nil
}

// Lookup returns the rule of All() with the given ID (case-insensitive).
func Lookup(id string) (Rule, bool) {
	id = strings.ToUpper(strings.TrimSpace(id))
	for _, r := range All() {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

var severityNames = map[Severity]string{
	SeverityError:   "错误",
	SeverityWarning: "警告",
	SeverityInfo:    "提示",
}

var categoryNames = map[Category]string{
	CategoryCompleteness: "完整性",
	CategoryArithmetic:   "勾稽关系",
	CategoryConsistency:  "一致性",
	CategoryTimeliness:   "时效性",
	CategoryFormat:       "格式",
	CategoryExtraction:   "提取",
}

// Doc is the text `nianbao explain ID` prints: title, severity, category,
// basis, explanation and an example.
func (r Rule) Doc() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s\n\n", r.ID, r.Title)
	fmt.Fprintf(&b, "默认严重程度：%s（%s；uncertain、not_assessable 结论不超过配置的上限，默认 warning）\n",
		r.Severity, severityNames[r.Severity])
	fmt.Fprintf(&b, "类别：%s（%s）\n", r.Category, categoryNames[r.Category])
	if r.Pair {
		scope := r.Scope
		if scope == "" {
			scope = "同一机关相邻两个年度的报告"
		}
		fmt.Fprintf(&b, "范围：跨报告（%s）\n", scope)
	}
	fmt.Fprintf(&b, "依据：%s\n\n", r.Basis)
	b.WriteString("说明：\n")
	for _, para := range strings.Split(strings.TrimSpace(r.Explanation), "\n") {
		fmt.Fprintf(&b, "  %s\n", strings.TrimSpace(para))
	}
	b.WriteString("\n示例：\n")
	for _, line := range strings.Split(strings.TrimSpace(r.Example), "\n") {
		fmt.Fprintf(&b, "  %s\n", line)
	}
	return b.String()
}
