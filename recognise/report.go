// Package recognise turns an extract.Document into a Report: title, issuer,
// year, template version, the six statutory sections, every template cell
// under its key (spec/cell-keys.md) with where it came from, and the figures
// stated in the prose.
package recognise

import (
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/recognise/cells"
	"github.com/nianbao/nianbao/recognise/prose"
	"github.com/nianbao/nianbao/recognise/template"
)

// Report is the recognised content of one annual report. Rules see only this.
type Report struct {
	Source    Source
	Title     string
	Issuer    string
	Year      int // the year reported on; 0 when unknown
	Template  template.Version
	Published string // YYYY-MM-DD when the source states it
	// PublishedFrom says where Published came from ("meta", "page",
	// "pdf-info", "text").
	PublishedFrom string
	Sections      [6]Section // n = 1…6 in template order
	Tables        Tables
	// Cells holds every cell of the recognised tables under its key. A key
	// is present for every cell of a table that was recognised; tables that
	// are absent have no keys.
	Cells   map[string]Cell
	Figures []Figure
	// Enumerations are prose statements of a total and its parts
	// (共…条，其中…条、…条).
	Enumerations []Enumeration
	// Text is the whole body text in reading order, one line per block,
	// with the page of each line in Lines.
	Lines    []Line
	Problems []extract.Problem

	// Added for package rules (see the block at the end of this file).
	// Negations are negative statements in the prose ("未收到政府信息公开申请").
	Negations []Negation
	// Fees are the statements about the 信息处理费 (sentences, answered fee
	// headings, fee tables), in document order, tables last.
	Fees []FeeStatement

	// Year statements (recognise/years.go): where the report names the
	// year it is about. Rules compare them with Year.
	// TitleYears are the years named in the title, in order.
	TitleYears []int
	// TitleBody is the name the title gives before its year (the body
	// whose report this is: "淮安市2024年…" → 淮安市); "" when none.
	TitleBody string
	// TitleNamesReport: the title names the kind of document
	// (template.ReportTitleWords: 政府信息公开, 年度报告).
	TitleNamesReport bool
	// Period is the line stating the statistics period (统计期限…) with
	// its years; nil when the report has none.
	Period *YearStatement
	// Signature is the signature date (落款日期); nil when none is found.
	Signature *YearStatement
	// YearHeadings are the section headings and sub-headings that name a
	// year.
	YearHeadings []YearStatement
	// YearClauses are the clauses of the body that open with a year as
	// the time of what they state ("2023年，在主动公开的…").
	YearClauses []YearStatement
}

// Source describes the input file.
type Source struct {
	Path   string
	Format extract.Format
	SHA256 string
	Pages  int
	// Paged is true when page numbers are printed pages (see extract.Document).
	Paged bool
}

// HasPages reports whether page numbers in the report mean printed pages,
// so that a renderer should show them.
func (s Source) HasPages() bool { return s.Paged }

// Line is one text line of the report body.
type Line struct {
	Text    string
	Page    int
	Section int // 0 before the first section heading, else 1…6
}

// Section is one of the six statutory parts as found in the report.
type Section struct {
	N       int
	Heading string // as written in the report; empty when absent
	Present bool
	Page    int
	// Text is the body of the section (heading excluded), lines joined by
	// "\n".
	Text string
	// Implicit: the part has no heading of its own; Heading is the
	// sub-heading its content begins with ("（一）主要问题").
	Implicit bool
	// Substance is what the body says in so many words (used for part 五,
	// which must name problems and measures).
	Substance Substance
}

// Substance counts a section body and the words in it that name problems
// and measures.
type Substance struct {
	Runes    int      // runes of the body, white space excluded
	Problems []string // problem words found (问题, 不足, 差距 …), in list order
	Measures []string // measure words found (加强, 改进, 完善 …), in list order
}

// The cell and table types are defined by recognise/cells, which fills
// them; they are aliased here so rules need to import only recognise.
type (
	// Tables says, for each template table, how it appears in the report.
	Tables = cells.Tables
	// TableState is how one template table appears in a report.
	TableState = cells.TableState
	// Value is a number or null (never silently 0).
	Value = cells.Value
	// Cell is one recognised template cell with its provenance.
	Cell = cells.Cell
)

// Num returns a valid Value.
func Num(v float64) Value { return cells.Num(v) }

// The prose types are defined by recognise/prose, which fills them.
type (
	// Figure is a number stated in the prose with its unit and what it
	// counts (主动公开政府信息1820条). Approximate figures (40余件) have Approx.
	Figure = prose.Figure
	// About is one template quantity a figure states.
	About = prose.About
	// Enumeration is a stated total with its stated parts
	// (共19件，其中网络申请15件、信函申请4件).
	Enumeration = prose.Enumeration
)

// ---------------------------------------------------------------------------
// Added for package rules: prose facts the rules need beyond Figure and
// Enumeration. The recogniser fills them; rules only read them.

// Negation is a statement in the prose that something did not happen or was
// not done: "本年度未收到政府信息公开申请", "未发生政府信息公开行政复议、行政诉讼案件",
// "未收取信息处理费". Subject uses the same noun phrases as Figure.Subject.
type Negation struct {
	Cue     string // the negating word as written: 未收到, 未发生, 没有, 无, 未收取 …
	Subject string // what did not happen, e.g. "政府信息公开申请", "行政复议", "信息处理费"
	Text    string // the source text span (the clause or sentence)
	Page    int
	Section int // 0 before the first section heading, else 1…6
	// About lists the template quantities (template.Topic names) whose
	// absence the negation states: "t3.new" for 未收到申请, a table 四
	// topic for 未发生行政复议 (filled by Topics).
	About []string
}
