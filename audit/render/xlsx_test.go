package render_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/internal/xlsx"
)

// manifestCells reads the generator's cell values of a fixture (the JSON
// beside its PDF): nil is a cell the generator left blank.
func manifestCells(t *testing.T, input string) map[string]*float64 {
	t.Helper()
	base := strings.TrimSuffix(filepath.Base(input), filepath.Ext(input))
	data, err := os.ReadFile(filepath.Join(testutil.RepoRoot(t), "fixtures", "pdf", base+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Cells map[string]*float64 `json:"cells"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m.Cells
}

func writeXLSX(t *testing.T, res *audit.Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := render.AuditXLSX(&b, res, render.Options{}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// checkDataSheet compares the rows of the 数据 sheet (row 1 keys, row 2
// labels, then one row per report) with the generator's values: every
// generated number is there as a number, every blank is empty.
func checkDataSheet(t *testing.T, rows [][]string, want map[string]map[string]*float64) {
	t.Helper()
	if len(rows) < 2 || rows[0][0] != "文件" || rows[1][0] != "文件" {
		t.Fatalf("数据 sheet header: %v", rows[:min(2, len(rows))])
	}
	if got := rows[1][5]; !strings.HasPrefix(got, "表二“规章”行") {
		t.Errorf("label row starts with %q, want the template's words", got)
	}
	seen := 0
	for _, row := range rows[2:] {
		cells, ok := want[row[0]]
		if !ok {
			continue
		}
		seen++
		for i, key := range rows[0] {
			if !strings.Contains(key, ".") {
				continue
			}
			got := ""
			if i < len(row) {
				got = row[i]
			}
			v, listed := cells[key]
			switch {
			case !listed:
				// a key of the other template version: must be empty
				if got != "" {
					t.Errorf("%s %s = %q, want empty (not in the report)", row[0], key, got)
				}
			case v == nil:
				if got != "" {
					t.Errorf("%s %s = %q, want empty (blank in the report)", row[0], key, got)
				}
			default:
				f, err := strconv.ParseFloat(got, 64)
				if err != nil || f != *v {
					t.Errorf("%s %s = %q, want %v", row[0], key, got, *v)
				}
			}
		}
	}
	if seen != len(want) {
		t.Errorf("数据 sheet has %d of the %d reports", seen, len(want))
	}
}

func expectedCells(t *testing.T) map[string]map[string]*float64 {
	want := map[string]map[string]*float64{}
	for _, in := range inputs {
		want[in] = manifestCells(t, in)
	}
	return want
}

func TestXLSX(t *testing.T) {
	res := run(t, 2)
	data := writeXLSX(t, res)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), " "); got != "汇总 问题清单 数据 对比 对比明细 规则" {
		t.Errorf("sheets = %s", got)
	}
	rows, err := f.GetRows(render.SheetData, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	checkDataSheet(t, rows, expectedCells(t))
	// numbers are stored as numbers, not text
	for _, ref := range []string{"F3", "F4"} {
		if typ, err := f.GetCellType(render.SheetData, ref); err != nil || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("数据!%s is stored as %v, want a number", ref, typ)
		}
	}
	sum, err := f.GetRows(render.SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum) != len(inputs)+2 {
		t.Fatalf("汇总 has %d rows, want header + %d + totals", len(sum), len(inputs))
	}
	last := sum[len(sum)-1]
	s := res.Summary()
	if last[0] != "合计：4 份报告" || last[6] != strconv.Itoa(s.Errors) || last[7] != strconv.Itoa(s.Warnings) {
		t.Errorf("totals row = %v, want errors %d warnings %d", last, s.Errors, s.Warnings)
	}
	findings, err := f.GetRows(render.SheetFindings)
	if err != nil {
		t.Fatal(err)
	}
	if len(findings)-1 != s.Errors+s.Warnings+s.Infos {
		t.Errorf("问题清单 has %d rows, want %d", len(findings)-1, s.Errors+s.Warnings+s.Infos)
	}
	found := false
	for _, r := range findings[1:] {
		if r[3] == "COMPL-CELLS" && strings.Contains(r[8], "表三") && strings.Contains(r[8], "社会公益组织") {
			found = true
		}
	}
	if !found {
		t.Errorf("问题清单 does not name the blank cell in the template's words")
	}
	panes, err := f.GetPanes(render.SheetFindings)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("问题清单 header not frozen: %+v %v", panes, err)
	}
	if !bytes.Contains(unzipped(t, data, "xl/worksheets/sheet2.xml"), []byte("<autoFilter")) {
		t.Errorf("问题清单 has no autofilter")
	}
	if !bytes.Contains(unzipped(t, data, "docProps/core.xml"), []byte("2000-01-01T00:00:00Z")) {
		t.Errorf("document properties carry a run-dependent time")
	}
}

func unzipped(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	b, ok := zipPart(t, data, name)
	if !ok {
		t.Fatalf("%s not in the workbook", name)
	}
	return b
}

// zipPart returns one part of a zip package, and whether it is there.
func zipPart(t *testing.T, data []byte, name string) ([]byte, bool) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b, true
		}
	}
	return nil, false
}

// TestXLSXPrintSetup: the sheets meant to be printed (汇总, 对比, 规则) are
// A4 landscape, one page wide, with their header row on every page and a
// print area ending at the last column; the data sheets are left alone.
func TestXLSXPrintSetup(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(writeXLSX(t, handmadeResult())))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := map[string]string{}
	for _, d := range f.GetDefinedName() {
		names[d.Scope+" "+d.Name] = d.RefersTo
	}
	for _, sheet := range []string{render.SheetSummary, render.SheetCompare, render.SheetRules} {
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 ||
			pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
			t.Errorf("%s page layout = %+v, want A4 landscape one page wide", sheet, pl)
		}
		if got := names[sheet+" _xlnm.Print_Titles"]; got != "'"+sheet+"'!$1:$1" {
			t.Errorf("%s print titles = %q", sheet, got)
		}
		if got := names[sheet+" _xlnm.Print_Area"]; !strings.HasPrefix(got, "'"+sheet+"'!$A$1:$") {
			t.Errorf("%s print area = %q", sheet, got)
		}
	}
	if _, ok := names[render.SheetData+" _xlnm.Print_Area"]; ok {
		t.Errorf("数据 sheet got a print area")
	}
}

// TestXLSXHostileText: text from a damaged document (control characters,
// markup, a CDATA end, a 40,000-character message) gives a workbook whose
// every XML part is well-formed; the message reads back without the
// control characters, cut to Excel's cell limit with the marker.
func TestXLSXHostileText(t *testing.T) {
	res := handmadeResult()
	it := &res.Items[1]
	it.Report.Issuer = "坏\x00机关\x1b]]><&>"
	it.Findings[0].Message = "开头\x01\x02" + strings.Repeat("长", 40000)
	data := writeXLSX(t, res)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		d := xml.NewDecoder(bytes.NewReader(unzipped(t, data, f.Name)))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed: %v", f.Name, err)
			}
		}
	}
	wb, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows, err := wb.GetRows(render.SheetFindings)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if len(r) > 7 && strings.HasPrefix(r[7], "开头长") {
			found = true
			if r[1] != "坏机关]]><&>" {
				t.Errorf("issuer = %q", r[1])
			}
			if n := len([]rune(r[7])); n != xlsx.MaxCellRunes || !strings.HasSuffix(r[7], xlsx.CutMarker) {
				t.Errorf("message of %d characters ending %q, want %d ending with the marker", n, string([]rune(r[7])[n-20:]), xlsx.MaxCellRunes)
			}
		}
	}
	if !found {
		t.Error("the hostile message is not in 问题清单")
	}
}
