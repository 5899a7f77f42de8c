package recognise

import (
	"context"
	"fmt"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/recognise/cells"
	"github.com/nianbao/nianbao/recognise/outline"
	"github.com/nianbao/nianbao/recognise/template"
)

// Recognise builds the Report of one extracted document. What cannot be
// recognised is left empty, and rules decide what that means. The only error
// is ctx's: when ctx is cancelled (a time-out), recognition stops at the next
// stage or paragraph and returns ctx.Err() with the partial report.
func Recognise(ctx context.Context, doc *extract.Document) (*Report, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r := &Report{
		Source:   Source{Path: doc.Path, Format: doc.Format, SHA256: doc.SHA256, Pages: doc.Pages, Paged: doc.Paged},
		Template: template.VUnknown,
		Cells:    map[string]Cell{},
		Problems: append([]extract.Problem(nil), doc.Problems...),
	}
	lines := outline.LinesOf(doc)
	var o outline.Outline
	var oerr error
	guard(r, "识别标题、年度和六个部分", func() { o, oerr = outline.FindContext(ctx, lines, doc.Meta) })
	if oerr != nil {
		return r, oerr
	}
	r.Title, r.Issuer, r.Year = o.Title, o.Issuer, o.Year
	guard(r, "核对 OCR 读出的标题", func() { correctOCRIssuer(r, o, lines, doc.Problems) })
	r.Published, r.PublishedFrom = publication(doc.Meta, o)
	for i, s := range o.Sections {
		r.Sections[i] = Section{N: i + 1, Heading: s.Heading, Present: s.Present, Page: s.Page, Text: s.Text, Implicit: s.Implicit}
	}
	if err := ctx.Err(); err != nil {
		return r, err
	}
	split, secs := outline.Split(lines, o)
	r.Lines = make([]Line, len(split))
	for i, l := range split {
		r.Lines[i] = Line{Text: l.Text, Page: l.Page, Section: secs[i]}
	}
	guard(r, "识别年度陈述", func() { TextFacts(r) })

	if err := ctx.Err(); err != nil {
		return r, err
	}
	res, err := cells.RecogniseContext(ctx, doc, template.VUnknown)
	if err != nil {
		return r, err
	}
	r.Cells, r.Tables = res.Cells, res.Tables
	if r.Cells == nil {
		r.Cells = map[string]Cell{}
	}
	r.Template = version(res.Version, o.Hints, r.Tables)
	for _, n := range res.Notes {
		r.Problems = append(r.Problems, extract.Problem{Code: "recognition", Message: n})
	}
	if err := ctx.Err(); err != nil {
		return r, err
	}
	guard(r, "识别正文中的数字", func() { err = figures(ctx, r) })
	if err != nil {
		return r, err
	}
	guard(r, "识别正文数字所述的表格项目", func() { Topics(r) })
	guard(r, "识别信息处理费的说明", func() { r.Fees = feeStatements(r, doc, o) })
	return r, nil
}

// guard runs one recognition stage so that a bug in it costs only what that
// stage finds: the panic becomes a problem of the report (shown with the
// extraction problems), and recognition goes on.
func guard(r *Report, stage string, f func()) {
	defer func() {
		if v := recover(); v != nil {
			r.Problems = append(r.Problems, extract.Problem{Code: "recognition",
				Message: fmt.Sprintf("%s时内部错误（%v），结果可能不完整", stage, v)})
		}
	}()
	f()
}

// publication picks the publication date: page metadata first, then a date
// stated in the text (a date line under the title, then the signature), then
// the file's own properties (PDF document information, DOCX core
// properties) as a last resort: they say when the file was made, which is
// only an upper bound on publication.
func publication(m extract.Meta, o outline.Outline) (date, from string) {
	switch {
	case m.Published != "" && m.PublishedFrom != "pdf-info" && m.PublishedFrom != "docx-core":
		return m.Published, m.PublishedFrom
	case o.Published != "":
		return o.Published, "text"
	case m.Published != "":
		return m.Published, m.PublishedFrom
	}
	return "", ""
}

// version is the template the report follows: what its tables show, else the
// notice the text cites; unknown when there is neither.
func version(fromTables template.Version, h outline.TemplateHints, t Tables) template.Version {
	if (t.T2.Found || t.T3.Found) && fromTables != "" && fromTables != template.VUnknown {
		return fromTables
	}
	switch {
	case h.Cites2021 && !h.Cites2019:
		return template.V2021
	case h.Cites2019 && !h.Cites2021:
		return template.V2019
	}
	if fromTables == "" {
		return template.VUnknown
	}
	return fromTables
}
