// Package xlsx writes Office Open XML workbooks (SpreadsheetML, ECMA-376 /
// ISO/IEC 29500 transitional), the files Excel, WPS and LibreOffice open.
//
// It only writes, and only what nianbao's workbook needs: sheets of
// numbers, strings and styled blanks; a style table (fonts, fills, borders,
// alignment, number formats) whose cell formats are deduplicated; column
// widths and styles; frozen panes; autofilters; cell comments (with the
// legacy VML drawing Excel needs to show them); defined names such as print
// titles; document properties; page setup; the active sheet.
//
// The output is deterministic: the same calls give byte-identical files
// (fixed part order and zip timestamps). Text is escaped for XML, characters
// XML 1.0 forbids are dropped, and a cell text longer than Excel's limit of
// 32,767 characters is cut with a marker.
//
// nianbao writes its own package instead of linking a general spreadsheet
// library because such a library's package initialisation (regular
// expressions, large tables) runs on every start of every command.
package xlsx
