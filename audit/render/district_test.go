package render_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/rules"
)

// district runs the generated district batch (fixtures/district) with the
// given number of workers; paths are made relative to the repository so
// outputs do not depend on where it is.
func district(t *testing.T, workers int) (*audit.Result, map[string]map[string]*float64) {
	t.Helper()
	root := testutil.RepoRoot(t)
	dir := filepath.Join(root, "fixtures", "district")
	files, errs := audit.Expand([]string{dir})
	if len(errs) > 0 || len(files) == 0 {
		t.Fatalf("expand: %v", errs)
	}
	res := audit.Run(context.Background(), files, audit.Options{Workers: workers, Rules: true, Profile: rules.DefaultProfile()})
	for i := range res.Items {
		rel, _ := filepath.Rel(root, res.Items[i].Path)
		res.Items[i].Path = filepath.ToSlash(rel)
		if res.Items[i].Report != nil {
			res.Items[i].Report.Source.Path = res.Items[i].Path
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "district.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Files []struct {
			File  string              `json:"file"`
			Cells map[string]*float64 `json:"cells"`
		} `json:"files"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]*float64{}
	for _, f := range m.Files {
		want["fixtures/district/"+f.File] = f.Cells
	}
	return res, want
}

// TestDistrictOutputs: every audit output of the district is byte-identical
// for 1 and 3 workers; the 数据 sheet of the workbook holds the generator's
// values (read back, and as LibreOffice exports it); the HTML highlights the
// cells of the injected defects, in its source and in the DOM headless
// Chromium builds; the Markdown lists every report.
func TestDistrictOutputs(t *testing.T) {
	res1, want := district(t, 1)
	res3, _ := district(t, 3)
	outs := map[string][]byte{}
	for _, name := range render.Names(render.AuditFormats) {
		f := render.AuditFormats[name]
		var a, b bytes.Buffer
		if err := f.Write(&a, res1, render.Options{}); err != nil {
			t.Fatal(err)
		}
		if err := f.Write(&b, res3, render.Options{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s output differs between 1 and 3 workers", name)
		}
		outs[name] = a.Bytes()
	}
	wb, err := excelize.OpenReader(bytes.NewReader(outs["xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := wb.GetRows(render.SheetData, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	checkDataSheet(t, rows, want)
	cmp, err := wb.GetRows(render.SheetCompare)
	if err != nil {
		t.Fatal(err)
	}
	if len(cmp) != 1+16 { // every 2024 report has its 2023 predecessor
		t.Errorf("对比 sheet has %d pairs, want 16", len(cmp)-1)
	}
	for _, r := range cmp[1:] {
		carry := r[13]
		if strings.Contains(r[0], "2024-transport") != strings.HasPrefix(carry, "不一致") {
			t.Errorf("对比 %s: carry-over %q", r[0], carry)
		}
	}
	wb.Close()

	// HTML: the report numbers follow the input order (2023/… then 2024/…)
	index := map[string]string{}
	for i, it := range res1.Items {
		index[filepath.Base(it.Path)] = "r" + itoa(i+1)
	}
	ids := idClasses(t, string(outs["html"]))
	checkDistrictHighlights(t, ids, index)

	md := string(outs["md"])
	for _, it := range res1.Items {
		if !strings.Contains(md, filepath.Base(it.Path)) {
			t.Errorf("Markdown lacks %s", it.Path)
		}
	}
	if !strings.Contains(md, "CONS-COPY-PEER") || !strings.Contains(md, "| 序号 | 文件 |") {
		t.Errorf("Markdown lacks the overview or the copy finding")
	}

	// Chromium builds the same highlights in its DOM
	if bin := chromium(t); bin != "" {
		dir := t.TempDir()
		file := filepath.Join(dir, "district.html")
		if err := os.WriteFile(file, outs["html"], 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(bin, chromiumArgs(dir, "--dump-dom", "file://"+file)...).Output()
		if err != nil {
			t.Fatalf("chromium --dump-dom: %v", err)
		}
		checkDistrictHighlights(t, idClasses(t, string(out)), index)
	}

	// LibreOffice opens the workbook and exports the same numbers
	if soffice := testutil.NeedTool(t, "soffice", "libreoffice-calc"); soffice != "" {
		dir := t.TempDir()
		in := filepath.Join(dir, "district.xlsx")
		if err := os.WriteFile(in, outs["xlsx"], 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
			"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", dir, in)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, msg)
		}
		data, err := os.ReadFile(filepath.Join(dir, "district-数据.csv"))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		checkDataSheet(t, rows, want)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// checkDistrictHighlights: the 2024 上年结转 of 交通运输局 (carry-over) and
// the 自然人 balance of 财政局 2024 are highlighted as failing; 交通运输局's own
// 结转下年度 (not part of the carry-over finding) and a clean report's cells
// are not.
func checkDistrictHighlights(t *testing.T, ids, index map[string]string) {
	t.Helper()
	tr, fin, clean := index["2024-transport.docx"], index["2024-finance.docx"], index["2024-edu.html"]
	for _, id := range []string{tr + "-c-t3.carried_over.natural", tr + "-c-t3.carried_over.total",
		fin + "-c-t3.new.natural", fin + "-c-t3.carried_forward.natural", fin + "-c-t3.total.total"} {
		if c := ids[id]; !strings.Contains(c, "hl-fail") {
			t.Errorf("%s has class %q, want hl-fail", id, c)
		}
	}
	for _, id := range []string{tr + "-c-t3.carried_forward.natural", clean + "-c-t3.new.natural", clean + "-c-t4.review.total"} {
		if c, ok := ids[id]; !ok || strings.Contains(c, "hl-") {
			t.Errorf("%s has class %q (present %v), want no highlight", id, c, ok)
		}
	}
	if _, ok := ids[tr+"-cmp"]; !ok {
		t.Errorf("2024 交通运输局 has no comparison with 2023")
	}
}
