package render

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/recognise/template"
)

// utf8BOM makes spreadsheet programs (Excel, WPS) read the CSV as UTF-8.
const utf8BOM = "\ufeff"

// DatasetKeys are the cell columns of the CSV dataset (and of the SQLite
// dataset's cells_wide view): every key of the 2021 format, then the keys
// only the 2019 format has, in template order. The set is fixed so that
// files of both formats share one table.
func DatasetKeys() []string {
	keys := append(template.T2Keys(template.V2021), template.T2Keys(template.V2019)...)
	keys = append(keys, template.T3Keys(template.T3Rows)...)
	keys = append(keys, template.T4Keys()...)
	seen := map[string]bool{}
	out := keys[:0]
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// safeWriter writes CSV rows with every text field neutralised against
// formula injection: a spreadsheet program runs a field starting with
// = + - @ (or a tab or carriage return before one) as a formula, so such a
// field gets a leading apostrophe, which Excel and WPS show as text. Numbers
// (-1, +3.5) are left as they are.
type safeWriter struct {
	*csv.Writer
	w io.Writer // what the csv.Writer writes to
}

func (w safeWriter) Write(row []string) error {
	for i, f := range row {
		row[i] = neutraliseCell(f)
	}
	return w.Writer.Write(row)
}

// neutraliseCell returns a CSV field that a spreadsheet shows as text: a
// field starting with = + - @ tab or CR, unless it is a plain number, is
// prefixed with an apostrophe (OWASP "CSV injection").
func neutraliseCell(f string) string {
	if f == "" || !strings.ContainsRune("=+-@\t\r", rune(f[0])) {
		return f
	}
	if _, err := strconv.ParseFloat(f, 64); err == nil {
		return f
	}
	return "'" + f
}

func formatValue(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// extractHeader are the columns of the extract CSV before the cells.
var extractHeader = []string{"path", "format", "sha256", "title", "issuer", "year", "template", "published", "error"}

// ExtractCSV writes the dataset: one row per file with its metadata and
// every template cell under its key (spec/cell-keys.md). A blank, unreadable
// or absent cell is an empty field, never 0.
func ExtractCSV(w io.Writer, res *audit.Result) error { return batch(NewExtractCSV(w), res) }

// NewExtractCSV starts the extract CSV on w, one row per item as it comes.
func NewExtractCSV(w io.Writer) Sink { return NewWideCSV(w, nil) }

// CSVColumn is a column that a caller adds to the extract CSV, after the
// metadata columns and before the cells (`nianbao dataset` adds the source
// URL and the normalised issuer).
type CSVColumn struct {
	Name  string
	Value func(it *audit.Item) string
}

// WideCSV writes the extract CSV of res with the extra columns.
func WideCSV(w io.Writer, res *audit.Result, extra []CSVColumn) error {
	return batch(NewWideCSV(w, extra), res)
}

// NewWideCSV starts the extract CSV with the extra columns on w.
func NewWideCSV(w io.Writer, extra []CSVColumn) Sink {
	keys := DatasetKeys()
	header := append([]string(nil), extractHeader...)
	for _, c := range extra {
		header = append(header, c.Name)
	}
	first := len(header) // of the cells
	header = append(header, keys...)
	// how many cells were read by OCR, and the OCR cells that are not
	// sure (low confidence, or the two readings disagreed)
	header = append(header, "ocr_cells", "ocr_unsure")
	return newCSVSink(w, header, func(it audit.Item) [][]string {
		row := make([]string, len(header))
		row[0] = it.Path
		for j, c := range extra {
			row[len(extractHeader)+j] = c.Value(&it)
		}
		if it.Err != nil {
			row[1], row[2], row[8] = it.Unread.Format, it.Unread.SHA256, it.Err.Error()
		} else {
			r := it.Report
			row[1], row[2], row[3], row[4] = string(r.Source.Format), r.Source.SHA256, r.Title, r.Issuer
			if r.Year > 0 {
				row[5] = strconv.Itoa(r.Year)
			}
			row[6], row[7] = string(r.Template), r.Published
			nOCR := 0
			var unsure []string
			for i, k := range keys {
				c, ok := r.Cells[k]
				if ok && c.Value.Valid {
					row[first+i] = formatValue(c.Value.V)
				}
				if ok && c.Source != "" {
					nOCR++
					if c.Uncertain || !c.Agreed {
						unsure = append(unsure, k)
					}
				}
			}
			if nOCR > 0 {
				row[len(row)-2] = strconv.Itoa(nOCR)
				row[len(row)-1] = strings.Join(unsure, " ")
			}
		}
		return [][]string{row}
	})
}

// AuditCSV writes one row per finding (and one per unreadable file), for a
// spreadsheet: file, issuer, year, rule, severity, status, message, cells,
// page, part, responsibility, fingerprint.
func AuditCSV(w io.Writer, res *audit.Result) error { return batch(NewAuditCSV(w), res) }

// NewAuditCSV starts the audit CSV on w, the rows of each item as it comes.
func NewAuditCSV(w io.Writer) Sink {
	header := []string{"文件", "发布机关", "年度", "规则", "严重程度", "结论", "说明", "单元格", "页", "部分", "责任方", "指纹", "来源网址"}
	return newCSVSink(w, header, func(it audit.Item) [][]string {
		src := sourceURL(it) // the crawl manifest's URL of the file, "" when none
		if it.Err != nil {
			return [][]string{{it.Path, "", "", "", "", "无法读取", failText(it.Path, it.Err), "", "", "", "", "", src}}
		}
		year := ""
		if it.Report.Year > 0 {
			year = strconv.Itoa(it.Report.Year)
		}
		var rows [][]string
		for _, f := range it.Findings {
			page, part := "", ""
			if f.Location.Page > 0 && it.Report.Source.HasPages() { // other formats have no pages
				page = strconv.Itoa(f.Location.Page)
			}
			if f.Location.Section > 0 {
				part = strconv.Itoa(f.Location.Section)
			}
			who := "报告"
			if f.Responsibility == "extraction" {
				who = "提取"
			}
			rows = append(rows, []string{it.Path, it.Report.Issuer, year, f.Rule, severityNames[f.Severity], statusNames[f.Status],
				f.Message, strings.Join(f.Cells, " "), page, part, who, f.Fingerprint, src})
		}
		return rows
	})
}
