// Package render prints the results of extract and audit: terminal views
// with aligned Chinese tables, and JSON per shared/spec/json.md. Renderers
// take data and an io.Writer and never read files.
package render

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"sort"

	"github.com/nianbao/nianbao/audit"
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

type jsonAudit struct {
	Schema  string       `json:"schema"`
	Reports []jsonReport `json:"reports"`
	Summary jsonSummary  `json:"summary"`
}

// orderedCells marshals the cells in template order (table 二, 三, 四),
// then any other key in byte order, so the JSON reads like the template.
type orderedCells struct {
	version template.Version
	cells   map[string]recognise.Cell
}

func (o orderedCells) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	for _, k := range CellOrder(o.version, o.cells) {
		if !first {
			b.WriteByte(',')
		}
		first = false
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		if v := o.cells[k].Value; v.Valid {
			vb, err := json.Marshal(v.V)
			if err != nil {
				return nil, err
			}
			b.Write(vb)
		} else {
			b.WriteString("null")
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// CellOrder lists the keys of cells in template order.
func CellOrder(v template.Version, cells map[string]recognise.Cell) []string {
	var order []string
	seen := map[string]bool{}
	take := func(keys []string) {
		for _, k := range keys {
			if _, ok := cells[k]; ok && !seen[k] {
				seen[k] = true
				order = append(order, k)
			}
		}
	}
	take(template.T2Keys(v))
	take(template.T2Keys(template.V2021))
	take(template.T2Keys(template.V2019))
	take(template.T3Keys(template.T3Rows))
	take(template.T4Keys())
	var rest []string
	for k := range cells {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(order, rest...)
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
		Source:      jsonSource{Path: it.Path},
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
		out.Errors = append(out.Errors, jsonError{Code: "unreadable", Message: it.Err.Error()})
		out.Source.Format, out.Source.SHA256 = it.Unread.Format, it.Unread.SHA256
		return out
	}
	r := it.Report
	out.Source = jsonSource{Path: r.Source.Path, Format: string(r.Source.Format), SHA256: r.Source.SHA256, Pages: r.Source.Pages}
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

func newEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

// ExtractJSON writes one report object per item, one per line (JSON Lines).
func ExtractJSON(w io.Writer, res *audit.Result) error { return batch(NewExtractJSON(w), res) }

// AuditJSON writes the audit object for the whole run.
func AuditJSON(w io.Writer, res *audit.Result) error { return batch(NewAuditJSON(w), res) }
