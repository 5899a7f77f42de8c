// Package rules holds the catalogue of checks nianbao runs on a recognised
// report. A rule is data (ID, title, explanation, basis, default severity,
// category) plus a small function over a recognise.Report; it never sees a
// PDF or HTML library.
package rules

// Severity of a finding.
type Severity string

// Severities, most severe first.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// Rank orders severities: error 3, warning 2, info 1, anything else 0.
func (s Severity) Rank() int {
	switch s {
	case SeverityError:
		return 3
	case SeverityWarning:
		return 2
	case SeverityInfo:
		return 1
	}
	return 0
}

// Status of a finding. Passing checks produce no finding.
type Status string

// Statuses.
const (
	StatusFail          Status = "fail"
	StatusUncertain     Status = "uncertain"
	StatusNotAssessable Status = "not_assessable"
)

// Category of a rule.
type Category string

// Categories (spec/json.md).
const (
	CategoryCompleteness Category = "completeness"
	CategoryArithmetic   Category = "arithmetic"
	CategoryConsistency  Category = "consistency"
	CategoryTimeliness   Category = "timeliness"
	CategoryFormat       Category = "format"
	CategoryExtraction   Category = "extraction"
)

// Responsibility says whose fault a finding is.
type Responsibility string

// Responsibilities.
const (
	ResponsibilityReport     Responsibility = "report"
	ResponsibilityExtraction Responsibility = "extraction"
)

// Location points into the report.
type Location struct {
	Page    int // 0 when unknown
	Section int // 0 when not in a section
}

// Finding is one result of a rule that is not a pass.
type Finding struct {
	Rule           string
	Category       Category
	Status         Status
	Severity       Severity
	Message        string // Chinese
	Cells          []string
	Expected       *float64
	Actual         *float64
	Location       Location
	Responsibility Responsibility
	Fingerprint    string
}
