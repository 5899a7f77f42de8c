// Package render prints the results of extract and audit: terminal views
// with aligned Chinese tables, and JSON per shared/spec/json.md. Renderers
// take data and an io.Writer and never read files.
package render

import (
	"io"
	"math"
	"slices"
	"sync"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/internal/utf8out"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
	"github.com/nianbao/nianbao/rules"
)

// Schema names of the JSON documents.
const (
	SchemaReport = "nianbao/report/v1"
	SchemaAudit  = "nianbao/audit/v1"
)

type jsonSource struct {
	Path   string `json:"path"`
	Format string `json:"format"`
	SHA256 string `json:"sha256"`
	Pages  int    `json:"pages"`
}

type jsonSection struct {
	N       int     `json:"n"`
	Heading *string `json:"heading"`
	Present bool    `json:"present"`
	Page    int     `json:"page,omitempty"`
}

type jsonCellSource struct {
	Page         int       `json:"page"`
	Text         string    `json:"text"`
	Uncertain    bool      `json:"uncertain,omitempty"`
	Alternatives []float64 `json:"alternatives,omitempty"`
	// Source is "ocr" for a number read from a picture, with the engine's
	// Confidence (0…1, two decimals) and Agreed when two independent
	// readings gave the same number.
	Source     string   `json:"source,omitempty"`
	Confidence *float64 `json:"confidence,omitempty"`
	Agreed     bool     `json:"agreed,omitempty"`
}

type jsonFigure struct {
	Value   float64 `json:"value"`
	Unit    string  `json:"unit"`
	Subject string  `json:"subject"`
	Text    string  `json:"text"`
	Page    int     `json:"page"`
	Section int     `json:"section"`
	// About names the template quantities the figure states
	// (recognise.Figure.About: "t3.new", "t4.review" …).
	About []string `json:"about,omitempty"`
}

type jsonError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Page    int    `json:"page,omitempty"`
}

type jsonTable struct {
	Found       bool   `json:"found"`
	HeadingOnly bool   `json:"heading_only,omitempty"`
	Sentence    string `json:"sentence,omitempty"`
	Page        int    `json:"page,omitempty"`
	// MissingRows (tables 二 and 三) and MissingGroups (table 四) are the
	// template rows / column groups the document does not print at all
	// (row keys of spec/cell-keys.md: "regulations", "denied.query";
	// groups "review", "suit_direct", "suit_after_review").
	MissingRows   []string `json:"missing_rows,omitempty"`
	MissingGroups []string `json:"missing_groups,omitempty"`
	// SuitUndivided: table 四 prints 行政诉讼 as one group (both of its
	// template groups are then in missing_groups).
	SuitUndivided bool `json:"suit_undivided,omitempty"`
}

type jsonReport struct {
	Schema        string                    `json:"schema"`
	Source        jsonSource                `json:"source"`
	Title         *string                   `json:"title"`
	Issuer        *string                   `json:"issuer"`
	Year          *int                      `json:"year"`
	Template      string                    `json:"template"`
	Published     *string                   `json:"published"`
	PublishedFrom string                    `json:"published_from,omitempty"`
	SourceURL     string                    `json:"source_url,omitempty"`  // crawl manifest: where the file was downloaded from
	SourcePage    string                    `json:"source_page,omitempty"` // crawl manifest: the page that linked to it
	Sections      []jsonSection             `json:"sections"`
	Tables        map[string]jsonTable      `json:"tables"`
	Cells         orderedCells              `json:"cells"`
	CellSources   map[string]jsonCellSource `json:"cell_sources"`
	Figures       []jsonFigure              `json:"figures"`
	Errors        []jsonError               `json:"errors"`
	Findings      *[]jsonFinding            `json:"findings,omitempty"`
	Waived        int                       `json:"waived,omitempty"` // findings left out by --baseline
}

type jsonLocation struct {
	Page    int `json:"page,omitempty"`
	Section int `json:"section,omitempty"`
}

type jsonFinding struct {
	Rule           string       `json:"rule"`
	Category       string       `json:"category"`
	Status         string       `json:"status"`
	Severity       string       `json:"severity"`
	Message        string       `json:"message"`
	Cells          []string     `json:"cells"`
	Expected       *float64     `json:"expected,omitempty"`
	Actual         *float64     `json:"actual,omitempty"`
	Location       jsonLocation `json:"location"`
	Responsibility string       `json:"responsibility"`
	Fingerprint    string       `json:"fingerprint"`
}

type jsonSummary struct {
	Reports      int `json:"reports"`
	Errors       int `json:"errors"`
	Warnings     int `json:"warnings"`
	Infos        int `json:"infos"`
	FailedToRead int `json:"failed_to_read"`
	Waived       int `json:"waived,omitempty"` // findings left out by --baseline
}

// jsonCopy is a report whose body and year an earlier report of the run
// has too: Report and CopyOfReport are their indices in "reports".
type jsonCopy struct {
	Report       int    `json:"report"`
	Path         string `json:"path"`
	CopyOfReport int    `json:"copy_of_report"`
	CopyOf       string `json:"copy_of"`
	Issuer       string `json:"issuer"`
	Year         int    `json:"year"`
	SameFile     bool   `json:"same_file"`
	SameNumbers  bool   `json:"same_numbers"`
}

// summaryJSON is the "summary" member of the audit document.
func summaryJSON(s audit.Summary) jsonSummary {
	return jsonSummary{Reports: s.Reports, Errors: s.Errors, Warnings: s.Warnings, Infos: s.Infos, FailedToRead: s.FailedToRead, Waived: s.Waived}
}

// copiesJSON is the "copies" member of the audit document (nil: none).
func copiesJSON(copies []audit.Copy) []jsonCopy {
	var out []jsonCopy
	for _, c := range copies {
		out = append(out, jsonCopy{Report: c.Index, Path: utf8out.Show(c.Path), CopyOfReport: c.Of, CopyOf: utf8out.Show(c.OfPath),
			Issuer: c.Issuer, Year: c.Year, SameFile: c.SameBytes, SameNumbers: c.SameBytes || (c.Numbers > 0 && c.SameNumbers)})
	}
	return out
}

type jsonAudit struct {
	Schema  string       `json:"schema"`
	Reports []jsonReport `json:"reports"`
	// Copies are the reports whose body and year an earlier report of the
	// run has too (audit.Copy); written after "cross_report" when both are.
	Copies []jsonCopy `json:"copies,omitempty"`
	// Unread are the files of the walked folders not read for their
	// format (audit.Unread).
	Unread  []jsonUnread `json:"unread_files,omitempty"`
	Summary jsonSummary  `json:"summary"`
}

// jsonUnread is a file a folder walk left out for its format: what it is
// and what to do.
type jsonUnread struct {
	Path string `json:"path"`
	What string `json:"what"`
}

// unreadJSON is the "unread_files" member of the audit document (nil: none).
func unreadJSON(unread []audit.Unread) []jsonUnread {
	var out []jsonUnread
	for _, u := range unread {
		out = append(out, jsonUnread{Path: utf8out.Show(u.Path), What: u.What})
	}
	return out
}

func (w *jsonWriter) unread(u jsonUnread) {
	w.openObject()
	w.key("path")
	w.str(u.Path)
	w.key("what")
	w.str(u.What)
	w.closeObject()
}

// The writers of the schema types below write the members in the order of
// the struct fields, leaving out an `omitempty` member when it is false, 0,
// "", nil or empty, as encoding/json does with the tags above (the tags
// document the schema; TestJSONWriterEqualsEncodingJSON holds the two equal).

func (w *jsonWriter) source(s jsonSource) {
	w.openObject()
	w.key("path")
	w.str(s.Path)
	w.key("format")
	w.str(s.Format)
	w.key("sha256")
	w.str(s.SHA256)
	w.key("pages")
	w.int(s.Pages)
	w.closeObject()
}

func (w *jsonWriter) section(s jsonSection) {
	w.openObject()
	w.key("n")
	w.int(s.N)
	w.key("heading")
	w.strPtr(s.Heading)
	w.key("present")
	w.bool(s.Present)
	if s.Page != 0 {
		w.key("page")
		w.int(s.Page)
	}
	w.closeObject()
}

func (w *jsonWriter) cellSource(c jsonCellSource) {
	w.openObject()
	w.key("page")
	w.int(c.Page)
	w.key("text")
	w.str(c.Text)
	if c.Uncertain {
		w.key("uncertain")
		w.bool(true)
	}
	if len(c.Alternatives) > 0 {
		w.key("alternatives")
		array(w, c.Alternatives, (*jsonWriter).float)
	}
	if c.Source != "" {
		w.key("source")
		w.str(c.Source)
	}
	if c.Confidence != nil {
		w.key("confidence")
		w.float(*c.Confidence)
	}
	if c.Agreed {
		w.key("agreed")
		w.bool(true)
	}
	w.closeObject()
}

func (w *jsonWriter) figure(f jsonFigure) {
	w.openObject()
	w.key("value")
	w.float(f.Value)
	w.key("unit")
	w.str(f.Unit)
	w.key("subject")
	w.str(f.Subject)
	w.key("text")
	w.str(f.Text)
	w.key("page")
	w.int(f.Page)
	w.key("section")
	w.int(f.Section)
	if len(f.About) > 0 {
		w.key("about")
		array(w, f.About, (*jsonWriter).str)
	}
	w.closeObject()
}

func (w *jsonWriter) error(e jsonError) {
	w.openObject()
	w.key("code")
	w.str(e.Code)
	w.key("message")
	w.str(e.Message)
	if e.Page != 0 {
		w.key("page")
		w.int(e.Page)
	}
	w.closeObject()
}

func (w *jsonWriter) table(t jsonTable) {
	w.openObject()
	w.key("found")
	w.bool(t.Found)
	if t.HeadingOnly {
		w.key("heading_only")
		w.bool(true)
	}
	if t.Sentence != "" {
		w.key("sentence")
		w.str(t.Sentence)
	}
	if t.Page != 0 {
		w.key("page")
		w.int(t.Page)
	}
	if len(t.MissingRows) > 0 {
		w.key("missing_rows")
		array(w, t.MissingRows, (*jsonWriter).str)
	}
	if len(t.MissingGroups) > 0 {
		w.key("missing_groups")
		array(w, t.MissingGroups, (*jsonWriter).str)
	}
	if t.SuitUndivided {
		w.key("suit_undivided")
		w.bool(true)
	}
	w.closeObject()
}

func (w *jsonWriter) report(r jsonReport) {
	w.openObject()
	w.key("schema")
	w.str(r.Schema)
	w.key("source")
	w.source(r.Source)
	w.key("title")
	w.strPtr(r.Title)
	w.key("issuer")
	w.strPtr(r.Issuer)
	w.key("year")
	w.intPtr(r.Year)
	w.key("template")
	w.str(r.Template)
	w.key("published")
	w.strPtr(r.Published)
	if r.PublishedFrom != "" {
		w.key("published_from")
		w.str(r.PublishedFrom)
	}
	if r.SourceURL != "" {
		w.key("source_url")
		w.str(r.SourceURL)
	}
	if r.SourcePage != "" {
		w.key("source_page")
		w.str(r.SourcePage)
	}
	w.key("sections")
	array(w, r.Sections, (*jsonWriter).section)
	w.key("tables")
	object(w, r.Tables, (*jsonWriter).table)
	w.key("cells")
	w.cells(r.Cells)
	w.key("cell_sources")
	object(w, r.CellSources, (*jsonWriter).cellSource)
	w.key("figures")
	array(w, r.Figures, (*jsonWriter).figure)
	w.key("errors")
	array(w, r.Errors, (*jsonWriter).error)
	if r.Findings != nil {
		w.key("findings")
		array(w, *r.Findings, (*jsonWriter).finding)
	}
	if r.Waived != 0 {
		w.key("waived")
		w.int(r.Waived)
	}
	w.closeObject()
}

func (w *jsonWriter) location(l jsonLocation) {
	w.openObject()
	if l.Page != 0 {
		w.key("page")
		w.int(l.Page)
	}
	if l.Section != 0 {
		w.key("section")
		w.int(l.Section)
	}
	w.closeObject()
}

func (w *jsonWriter) finding(f jsonFinding) {
	w.openObject()
	w.key("rule")
	w.str(f.Rule)
	w.key("category")
	w.str(f.Category)
	w.key("status")
	w.str(f.Status)
	w.key("severity")
	w.str(f.Severity)
	w.key("message")
	w.str(f.Message)
	w.key("cells")
	array(w, f.Cells, (*jsonWriter).str)
	if f.Expected != nil {
		w.key("expected")
		w.float(*f.Expected)
	}
	if f.Actual != nil {
		w.key("actual")
		w.float(*f.Actual)
	}
	w.key("location")
	w.location(f.Location)
	w.key("responsibility")
	w.str(f.Responsibility)
	w.key("fingerprint")
	w.str(f.Fingerprint)
	w.closeObject()
}

func (w *jsonWriter) summary(s jsonSummary) {
	w.openObject()
	w.key("reports")
	w.int(s.Reports)
	w.key("errors")
	w.int(s.Errors)
	w.key("warnings")
	w.int(s.Warnings)
	w.key("infos")
	w.int(s.Infos)
	w.key("failed_to_read")
	w.int(s.FailedToRead)
	if s.Waived != 0 {
		w.key("waived")
		w.int(s.Waived)
	}
	w.closeObject()
}

func (w *jsonWriter) copyOf(c jsonCopy) {
	w.openObject()
	w.key("report")
	w.int(c.Report)
	w.key("path")
	w.str(c.Path)
	w.key("copy_of_report")
	w.int(c.CopyOfReport)
	w.key("copy_of")
	w.str(c.CopyOf)
	w.key("issuer")
	w.str(c.Issuer)
	w.key("year")
	w.int(c.Year)
	w.key("same_file")
	w.bool(c.SameFile)
	w.key("same_numbers")
	w.bool(c.SameNumbers)
	w.closeObject()
}

// orderedCells are a report's cells, which jsonWriter.cells writes in
// template order (table 二, 三, 四), then any other key in byte order, so
// the JSON reads like the template.
type orderedCells struct {
	version template.Version
	cells   map[string]recognise.Cell
}

// cells writes the cells in template order, the keys quoted as json.Marshal
// quotes them (< > & escaped), a blank cell as null.
func (w *jsonWriter) cells(o orderedCells) {
	w.openObject()
	for _, k := range CellOrder(o.version, o.cells) {
		w.htmlKey(k)
		if v := o.cells[k].Value; v.Valid {
			w.float(v.V)
		} else {
			w.null()
		}
	}
	w.closeObject()
}

// CellOrder lists the keys of cells in template order: table 二 of the
// version (then the other version's rows), 三, 四, then any other key in
// byte order.
func CellOrder(v template.Version, cells map[string]recognise.Cell) []string {
	o := templateOrder(v)
	order := make([]string, 0, len(cells))
	for _, k := range o.keys {
		if _, ok := cells[k]; ok {
			order = append(order, k)
		}
	}
	if len(order) == len(cells) {
		return order
	}
	n := len(order)
	for k := range cells {
		if !o.known[k] {
			order = append(order, k)
		}
	}
	slices.Sort(order[n:])
	return order
}

// keyOrder is every template key once, in CellOrder's order, and the set
// of them.
type keyOrder struct {
	keys  []string
	known map[string]bool
}

// keyOrders holds a keyOrder per template version, made on first use.
var keyOrders sync.Map

func templateOrder(v template.Version) keyOrder {
	if o, ok := keyOrders.Load(v); ok {
		return o.(keyOrder)
	}
	lists := [][]string{template.T2Keys(v), template.T2Keys(template.V2021), template.T2Keys(template.V2019),
		template.T3Keys(template.T3Rows), template.T4Keys()}
	n := 0
	for _, keys := range lists {
		n += len(keys)
	}
	o := keyOrder{keys: make([]string, 0, n), known: make(map[string]bool, n)}
	for _, keys := range lists {
		for _, k := range keys {
			if !o.known[k] {
				o.known[k] = true
				o.keys = append(o.keys, k)
			}
		}
	}
	keyOrders.Store(v, o)
	return o
}

// sourceURL is where the file was downloaded from, per the crawl manifest:
// the final URL after redirects ("" for a file nianbao did not download).
func sourceURL(it audit.Item) string {
	if it.Source == nil {
		return ""
	}
	if it.Source.FinalURL != "" {
		return it.Source.FinalURL
	}
	return it.Source.URL
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func reportJSON(it audit.Item, withFindings bool) jsonReport {
	out := jsonReport{
		Schema:      SchemaReport,
		Source:      jsonSource{Path: utf8out.Show(it.Path)}, // a name in GBK bytes, read as meant
		Template:    string(template.VUnknown),
		Tables:      map[string]jsonTable{},
		CellSources: map[string]jsonCellSource{},
		Figures:     []jsonFigure{},
		Errors:      []jsonError{},
		Cells:       orderedCells{cells: map[string]recognise.Cell{}},
	}
	for n := 1; n <= 6; n++ {
		out.Sections = append(out.Sections, jsonSection{N: n})
	}
	if withFindings {
		fs := []jsonFinding{}
		for _, f := range it.Findings {
			fs = append(fs, findingJSON(f))
		}
		out.Findings = &fs
		out.Waived = it.Waived
	}
	out.SourceURL = sourceURL(it)
	if it.Source != nil {
		out.SourcePage = it.Source.FoundOn
	}
	if it.Err != nil {
		out.Errors = append(out.Errors, jsonError{Code: "unreadable", Message: utf8out.Show(it.Err.Error())})
		out.Source.Format, out.Source.SHA256 = it.Unread.Format, it.Unread.SHA256
		return out
	}
	r := it.Report
	out.Source = jsonSource{Path: utf8out.Show(r.Source.Path), Format: string(r.Source.Format), SHA256: r.Source.SHA256, Pages: r.Source.Pages}
	out.Title, out.Issuer, out.Published = strPtr(r.Title), strPtr(r.Issuer), strPtr(r.Published)
	if r.Published != "" {
		out.PublishedFrom = r.PublishedFrom
	}
	if r.Year > 0 {
		y := r.Year
		out.Year = &y
	}
	out.Template = string(r.Template)
	for i, s := range r.Sections {
		js := jsonSection{N: i + 1, Present: s.Present}
		if s.Present {
			js.Heading = strPtr(s.Heading)
			js.Page = s.Page
		}
		out.Sections[i] = js
	}
	for name, t := range map[string]recognise.TableState{"t2": r.Tables.T2, "t3": r.Tables.T3, "t4": r.Tables.T4} {
		out.Tables[name] = jsonTable{Found: t.Found, HeadingOnly: t.HeadingOnly, Sentence: t.Sentence, Page: t.Page,
			MissingRows: t.MissingRows, MissingGroups: t.MissingGroups, SuitUndivided: t.SuitUndivided}
	}
	out.Cells = orderedCells{version: r.Template, cells: r.Cells}
	for k, c := range r.Cells {
		src := jsonCellSource{Page: c.Page, Text: c.Text, Uncertain: c.Uncertain, Alternatives: c.Alternatives}
		if c.Source != "" {
			conf := math.Round(c.Confidence*100) / 100
			src.Source, src.Confidence, src.Agreed = c.Source, &conf, c.Agreed
		}
		out.CellSources[k] = src
	}
	for _, f := range r.Figures {
		jf := jsonFigure{Value: f.Value, Unit: f.Unit, Subject: f.Subject, Text: f.Text, Page: f.Page, Section: f.Section}
		for _, a := range f.About {
			jf.About = append(jf.About, a.Topic)
		}
		out.Figures = append(out.Figures, jf)
	}
	for _, p := range r.Problems {
		out.Errors = append(out.Errors, jsonError{Code: p.Code, Message: p.Message, Page: p.Page})
	}
	return out
}

func findingJSON(f rules.Finding) jsonFinding {
	cells := f.Cells
	if cells == nil {
		cells = []string{}
	}
	return jsonFinding{
		Rule: f.Rule, Category: string(f.Category), Status: string(f.Status), Severity: string(f.Severity),
		Message: f.Message, Cells: cells, Expected: f.Expected, Actual: f.Actual,
		Location:       jsonLocation{Page: f.Location.Page, Section: f.Location.Section},
		Responsibility: string(f.Responsibility), Fingerprint: f.Fingerprint,
	}
}

// ExtractJSON writes one report object per item, one per line (JSON Lines).
func ExtractJSON(w io.Writer, res *audit.Result) error { return batch(NewExtractJSON(w), res) }

// AuditJSON writes the audit object for the whole run.
func AuditJSON(w io.Writer, res *audit.Result) error { return batch(NewAuditJSON(w), res) }
