// Package cells finds the numbers of the template tables 二, 三 and 四 in an
// extract.Document and files each under its stable key
// (shared/spec/cell-keys.md).
//
// Two readers share one template. The grid reader works on table blocks
// (HTML, PDF, DOCX, Markdown, tab-separated text): it finds each template
// row by tolerant label matching and reads the value cells of that row; rows
// whose label was lost are placed by their position between recognised rows.
// The stream reader works on text whose table markup was removed by a crawler:
// it scans the template labels in order through the text and splits the
// digit run between one label and the next into cells, choosing among the
// possible splits with the template's own equalities (row totals, column
// totals, the table 三 balance, the table 四 group totals).
//
// A blank cell is null (Value.Valid false), never 0.
//
// Units: money cells (t2.fees.amount, t2.procurement.amount) are stored in
// 万元, the unit of the 2021 template's fee column: a cell printed in 元
// (251000元) is divided by 10000, a cell in 万元 or without a unit is kept as
// printed. Notes inside a cell (22（其中修订 16 件）) are dropped; signs of
// 本年增/减 are kept.
package cells

import (
	"github.com/nianbao/nianbao/recognise/template"
)

// Value is a number or null. It is identical to recognise.Value, which is an
// alias of it.
type Value struct {
	V     float64
	Valid bool // false: blank, unreadable or missing (never silently 0)
}

// Num returns a valid Value.
func Num(v float64) Value { return Value{V: v, Valid: true} }

// Cell is one recognised template cell. It is identical to recognise.Cell.
type Cell struct {
	Key   string
	Value Value
	Page  int
	Text  string // the source text the value was read from
	// Uncertain is set when the value was chosen among several readings
	// (a glued digit run with more than one split that satisfies the
	// template's equalities), or when the cell could not be placed;
	// Alternatives holds the other readings.
	Uncertain    bool
	Alternatives []float64
	// Source is "ocr" when the value was read from a picture (a scanned
	// page, a table published as an image), else "".
	Source string
	// Confidence is the OCR engine's confidence in the reading, 0…1 (only
	// for Source "ocr"); below extract.OCRHighConfidence the cell is
	// Uncertain.
	Confidence float64
	// Agreed is set when two independent OCR readings of the cell (two
	// preprocessings of the picture) gave the same number.
	Agreed bool
}

// TableState is how one template table appears in a report. It is identical
// to recognise.TableState.
type TableState struct {
	// Found: the table's cells were recognised (Cells has its keys).
	Found bool
	// HeadingOnly: the section heading is there but no table and no
	// numbers (typically a table published as an image).
	HeadingOnly bool
	// Sentence is set when the table is replaced by a sentence such as
	// "2020年未收到政府信息公开申请。".
	Sentence string
	Page     int
	// MissingRows are the template rows (row keys such as "regulations"
	// or "denied.query") of a found table that the document does not print
	// at all: their label is nowhere in the table nor in its part of the
	// text. A row printed without readable numbers is not listed here (its
	// cells are there, unreadable).
	MissingRows []string
	// MissingGroups are, for table 四, the column groups (template.T4Groups
	// keys: review, suit_direct, suit_after_review) the document does not
	// print: the header names the other groups and the data row has
	// exactly their values. Their cells are null.
	MissingGroups []string
	// SuitUndivided: table 四 prints 行政诉讼 as one group of five columns,
	// not divided into 未经复议直接起诉 and 复议后起诉 (both are then in
	// MissingGroups; the undivided numbers have no template cells).
	SuitUndivided bool
	// Unplaced counts the rows with numbers in the table that could not be
	// matched to a template row (their label lost or unknown): a missing
	// row may be one of them.
	Unplaced int
}

// Tables says, for each template table, how it appears in the report. It is
// identical to recognise.Tables.
type Tables struct {
	T2, T3, T4 TableState
}

// Result is what Recognise found.
type Result struct {
	// Version is the template version the tables follow (detected from the
	// tables when Recognise was called with template.VUnknown).
	Version template.Version
	// Cells holds every cell of the tables that were found, under its key.
	// Keys of tables that are absent are left out.
	Cells  map[string]Cell
	Tables Tables
	// Reader says how each table was read: "grid", "stream" or "".
	Reader struct{ T2, T3, T4 string }
	// Notes are problems met while reading (in Chinese, for people).
	Notes []string
}
