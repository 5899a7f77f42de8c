package render

import (
	"io"
	"sort"

	"github.com/nianbao/nianbao/audit"
)

// Options are what a renderer may take from the command line beyond the
// result itself.
type Options struct {
	Style Style // terminal widths (text renderers)
	// Sort orders the reports of the batch overview: SortInput (""),
	// SortSeverity, SortIssuer or SortFile.
	Sort string
}

// Format is one output format of extract or audit: a renderer registered
// under the name that --format takes. New outputs are one file with a
// write function and one entry in the maps below; renderers never re-run
// recognition or rules.
type Format struct {
	Name string
	// Desc says the format to people (help text).
	Desc string
	// Binary formats (a workbook) refuse to write to a terminal.
	Binary bool
	Write  func(w io.Writer, res *audit.Result, opt Options) error
	// Stream, when set, starts the same output item by item: the command
	// hands each item to the Sink as soon as it is final (audit.Stream) and
	// holds none of them. Its bytes equal Write's. Formats that need every
	// item first (a summary table, a workbook) leave it nil.
	Stream func(w io.Writer, opt Options) Sink
	// Light is set when Write reads only each report's heading and
	// findings (not its cells or text): the command holds the items light
	// (audit.Options.Light), so a batch of thousands of reports stays small.
	Light bool
}

// AuditFormats are the outputs of `nianbao audit`, by --format name.
var AuditFormats = map[string]Format{
	"text": {Name: "text", Desc: "汇总表 + 逐条问题（终端）", Write: func(w io.Writer, res *audit.Result, opt Options) error {
		return AuditText(w, res, opt)
	}, Light: true},
	"json": {Name: "json", Desc: "nianbao/audit/v1（spec/json.md）", Write: func(w io.Writer, res *audit.Result, _ Options) error {
		return AuditJSON(w, res)
	}, Stream: func(w io.Writer, _ Options) Sink { return NewAuditJSON(w) }},
	"csv": {Name: "csv", Desc: "每条问题一行（Excel/WPS）", Write: func(w io.Writer, res *audit.Result, _ Options) error {
		return AuditCSV(w, res)
	}, Stream: func(w io.Writer, _ Options) Sink { return NewAuditCSV(w) }},
	"html": {Name: "html", Desc: "单个网页文件：汇总（可排序）、各报告的问题和表格（问题单元格标出）、与上年对比；可打印为 A4", Write: AuditHTML},
	"xlsx": {Name: "xlsx", Desc: "工作簿：汇总、问题清单、数据、对比、对比明细、规则", Binary: true, Write: AuditXLSX},
	"md":   {Name: "md", Desc: "会议纪要用的 Markdown：汇总表 + 各报告的问题", Write: AuditMarkdown, Light: true},
}

// ExtractFormats are the outputs of `nianbao extract`, by --format name.
var ExtractFormats = map[string]Format{
	"text": {Name: "text", Desc: "元数据、六个部分和三张表格（终端）", Write: func(w io.Writer, res *audit.Result, opt Options) error {
		return ExtractText(w, res, opt.Style)
	}, Stream: func(w io.Writer, opt Options) Sink { return NewExtractText(w, opt.Style) }},
	"json": {Name: "json", Desc: "每个文件一行 nianbao/report/v1（JSON Lines）", Write: func(w io.Writer, res *audit.Result, _ Options) error {
		return ExtractJSON(w, res)
	}, Stream: func(w io.Writer, _ Options) Sink { return NewExtractJSON(w) }},
	"csv": {Name: "csv", Desc: "每个文件一行、每个单元格一列", Write: func(w io.Writer, res *audit.Result, _ Options) error {
		return ExtractCSV(w, res)
	}, Stream: func(w io.Writer, _ Options) Sink { return NewExtractCSV(w) }},
}

// Names lists the format names of m, sorted, for help and error messages.
func Names(m map[string]Format) []string {
	out := make([]string, 0, len(m))
	for n := range m {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
