package render_test

import (
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/internal/testutil"
)

// TestXLSXLibreOffice: LibreOffice opens the audit workbook of the bundled
// fixtures and the hand-made one (comments, OCR colours, percentages) and
// saves them again as .xlsx; read back with excelize, the re-saved files
// hold the same sheets, cell values, comments, cell colours, frozen panes,
// filters, print titles and column widths as ours. A part LibreOffice could
// not read would come back empty or lost.
func TestXLSXLibreOffice(t *testing.T) {
	soffice := testutil.NeedTool(t, "soffice", "libreoffice-calc")
	if soffice == "" {
		return
	}
	dir := t.TempDir()
	books := map[string][]byte{
		"fixtures.xlsx": writeXLSX(t, run(t, 2)),
		"handmade.xlsx": writeXLSX(t, handmadeResult()),
	}
	args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", filepath.Join(dir, "out")}
	for name, data := range books {
		in := filepath.Join(dir, name)
		if err := os.WriteFile(in, data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, in)
	}
	if msg, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	for name, data := range books {
		again, err := os.ReadFile(filepath.Join(dir, "out", name))
		if err != nil {
			t.Fatalf("LibreOffice did not save %s: %v", name, err)
		}
		want, got := workbookView(t, data), workbookView(t, again)
		if !strings.Contains(want, "A1 fill=DDEBF7 bold") || (name == "handmade.xlsx") != strings.Contains(want, "comment CT4 ") {
			t.Fatalf("%s: the view lacks the header colour or the OCR comments:\n%s", name, want)
		}
		if d := testutil.Diff(want, got); d != "" {
			t.Errorf("%s after a LibreOffice round trip differs:\n%s", name, d)
		}
	}
}

// workbookView writes out what a user sees of a workbook, read with
// excelize: per sheet its cells (raw values), the fill and font colour and
// boldness of each styled cell, its comments' texts (LibreOffice saves every
// author as " ", excelize's workbooks' too), autofilter and print titles,
// and its column widths rounded to whole characters (Calc stores widths in
// its own unit). Frozen panes are left out: a headless LibreOffice has no
// view and saves none (it drops excelize's panes alike); the renderer
// goldens check them.
func workbookView(t *testing.T, data []byte) string {
	t.Helper()
	f := open(t, data)
	names := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm._FilterDatabase" || d.Name == "_xlnm.Print_Titles" {
			names[d.Scope+" "+d.Name] = strings.ReplaceAll(d.RefersTo, "'", "")
		}
	}
	looks := cellLooks(t, data)
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s ==\n", sh)
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		ncols := 0
		for ri, r := range rows {
			ncols = max(ncols, len(r))
			fmt.Fprintf(&b, "%d: %s\n", ri+1, strings.ReplaceAll(strings.Join(r, "\t"), "\n", `\n`))
			for ci, v := range r {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
				id, err := f.GetCellStyle(sh, ref)
				if err != nil || id == 0 {
					continue
				}
				if desc := looks[id]; desc != "" {
					fmt.Fprintf(&b, "  %s %s\n", ref, desc)
				}
			}
		}
		comments, err := f.GetComments(sh)
		if err != nil {
			t.Fatal(err)
		}
		sort.Slice(comments, func(i, j int) bool { return comments[i].Cell < comments[j].Cell })
		for _, c := range comments {
			text := c.Text
			for _, p := range c.Paragraph {
				text += p.Text
			}
			fmt.Fprintf(&b, "comment %s %s\n", c.Cell, text)
		}
		fmt.Fprintf(&b, "filter %s\n", names[sh+" _xlnm._FilterDatabase"])
		fmt.Fprintf(&b, "titles %s\n", names[sh+" _xlnm.Print_Titles"])
		var widths []string
		for c := 1; c <= ncols; c++ {
			col, _ := excelize.ColumnNumberToName(c)
			w, err := f.GetColWidth(sh, col)
			if err != nil {
				t.Fatal(err)
			}
			widths = append(widths, fmt.Sprint(math.Round(w)))
		}
		fmt.Fprintf(&b, "widths %s\n", strings.Join(widths, " "))
	}
	return b.String()
}

// cellLooks describes each cell format of a workbook by its solid fill
// colour, boldness and font colour, read from xl/styles.xml itself
// (excelize resolves colours only in a workbook with a theme, and
// LibreOffice writes none).
func cellLooks(t *testing.T, data []byte) map[int]string {
	t.Helper()
	type color struct {
		RGB string `xml:"rgb,attr"`
	}
	var ss struct {
		Fonts []struct {
			B *struct {
				Val string `xml:"val,attr"`
			} `xml:"b"`
			Color *color `xml:"color"`
		} `xml:"fonts>font"`
		Fills []struct {
			Pattern struct {
				Type string `xml:"patternType,attr"`
				Fg   *color `xml:"fgColor"`
			} `xml:"patternFill"`
		} `xml:"fills>fill"`
		Xfs []struct {
			Font int `xml:"fontId,attr"`
			Fill int `xml:"fillId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal(unzipped(t, data, "xl/styles.xml"), &ss); err != nil {
		t.Fatal(err)
	}
	rgb := func(c *color) string {
		if c == nil || len(c.RGB) != 8 {
			return ""
		}
		return c.RGB[2:]
	}
	out := map[int]string{}
	for i, x := range ss.Xfs {
		var desc []string
		if x.Fill < len(ss.Fills) && ss.Fills[x.Fill].Pattern.Type == "solid" {
			desc = append(desc, "fill="+rgb(ss.Fills[x.Fill].Pattern.Fg))
		}
		if x.Font < len(ss.Fonts) {
			fn := ss.Fonts[x.Font]
			if fn.B != nil && fn.B.Val != "false" && fn.B.Val != "0" {
				desc = append(desc, "bold")
			}
			if c := rgb(fn.Color); c != "" && c != "000000" {
				desc = append(desc, "font="+c)
			}
		}
		out[i] = strings.Join(desc, " ")
	}
	return out
}

// open reads a workbook with excelize.
func open(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(string(data)))
	if err != nil {
		t.Fatalf("open workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
