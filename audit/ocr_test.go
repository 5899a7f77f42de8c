package audit_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/load"
	"github.com/nianbao/nianbao/internal/hostile"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/rules"
)

// A scanned report (every page a JPEG, turned by up to 1.2°, with noise)
// audited end to end: the injected balance defect of table 三 is a fail on
// both columns it breaks, and no other arithmetic relation fails.
func TestScannedPDFOCR(t *testing.T) {
	testutil.NeedTool(t, "tesseract", "tesseract-ocr tesseract-ocr-chi-sim")
	if testing.Short() {
		t.Skip("OCR of a five-page scan takes tens of seconds")
	}
	doc, err := load.File(context.Background(), testutil.Fixture(t, "ocr", "defect-t3-balance.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.Problems {
		if p.Code == extract.ProblemScanned || p.Code == extract.ProblemEmpty {
			t.Errorf("problem left after OCR: %s %s", p.Code, p.Message)
		}
	}
	rep, err := recognise.Recognise(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(testutil.Fixture(t, "pdf", "defect-t3-balance.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Cells   map[string]float64 `json:"cells"`
		Defects []struct {
			Violations []string `json:"violations"`
		} `json:"defects"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	want := m.Cells
	var violations []string
	for _, d := range m.Defects {
		violations = append(violations, d.Violations...)
	}
	n, sure := 0, 0
	for k, v := range want {
		c, ok := rep.Cells[k]
		n++
		switch {
		case ok && c.Value.Valid && c.Value.V == v && !c.Uncertain:
			sure++
		case ok && c.Value.Valid && c.Value.V != v && !c.Uncertain:
			t.Errorf("%s read as %v with confidence %.2f (agreed %v) and not marked uncertain, printed %v", k, c.Value.V, c.Confidence, c.Agreed, v)
		}
	}
	// measured: 199 or 200 of 200 at 150 dpi (scripts/ocr-accuracy.sh)
	if sure*100 < n*99 {
		t.Errorf("%d of %d cells exact and sure, want at least 99%%", sure, n)
	}
	fails := map[string]bool{}
	findings, err := rules.Run(context.Background(), rep, rules.DefaultProfile())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if f.Status == rules.StatusFail && strings.HasPrefix(f.Rule, "ARITH-") {
			fails[f.Rule+":"+f.Cells[len(f.Cells)-1]] = true
			if !strings.Contains(f.Message, "OCR") {
				t.Errorf("a fail on OCR numbers does not say so: %s", f.Message)
			}
		}
	}
	for _, v := range violations {
		rule, col, _ := strings.Cut(v, ":")
		found := false
		for f := range fails {
			if strings.HasPrefix(f, rule+":") && strings.HasSuffix(f, "."+col) {
				found = true
				delete(fails, f)
			}
		}
		if !found {
			t.Errorf("injected defect %s not reported as a fail", v)
		}
	}
	for f := range fails {
		t.Errorf("unexpected fail %s", f)
	}
}

// A web page whose tables 二, 三 and 四 are pictures (Chromium screenshots
// of the generated tables, beside the page): the pictures under the parts'
// headings are read, every cell but at most two is the printed number, no
// wrong number is sure, and the injected balance defect is reported.
func TestHTMLTablePicturesOCR(t *testing.T) {
	testTablePictures(t, testutil.Fixture(t, "ocr", "html", "defect-t3-balance.html"))
}

// The same page converted to Word by LibreOffice, the pictures in
// word/media.
func TestDOCXTablePicturesOCR(t *testing.T) {
	testTablePictures(t, testutil.Fixture(t, "ocr", "html", "defect-t3-balance.docx"))
}

// The same page saved by Chromium as one file (.mhtml): the pictures are
// parts of the file, not beside it.
func TestMHTMLTablePicturesOCR(t *testing.T) {
	testutil.NeedTool(t, "tesseract", "tesseract-ocr tesseract-ocr-chi-sim")
	chromium := testutil.NeedTool(t, "chromium", "chromium")
	dir := t.TempDir()
	mht := filepath.Join(dir, "defect-t3-balance.mhtml")
	if err := testutil.ChromiumMHTML(chromium, filepath.Join(dir, "chrome"), "file://"+testutil.Fixture(t, "ocr", "html", "defect-t3-balance.html"), mht); err != nil {
		t.Fatal(err)
	}
	testTablePictures(t, mht)
}

func testTablePictures(t *testing.T, path string) {
	testutil.NeedTool(t, "tesseract", "tesseract-ocr tesseract-ocr-chi-sim")
	doc, err := load.File(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	read := false
	for _, p := range doc.Problems {
		read = read || p.Code == extract.ProblemOCR
	}
	if !read {
		t.Fatalf("the pictures were not read: problems %+v", doc.Problems)
	}
	rep, err := recognise.Recognise(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	checkOCRCells(t, rep, "defect-t3-balance")
	findings, err := rules.Run(context.Background(), rep, rules.DefaultProfile())
	if err != nil {
		t.Fatal(err)
	}
	reported := 0
	for _, f := range findings {
		if f.Rule == "ARITH-T3-BALANCE" && (f.Status == rules.StatusFail || f.Status == rules.StatusUncertain) {
			reported++
		}
	}
	if reported != 2 {
		t.Errorf("ARITH-T3-BALANCE reported %d times, want 2 (自然人 and 总计)", reported)
	}
}

// A report published as pictures pasted into a web page's article (the
// scanned fixture's pages, as JPEG files saved beside the page): the walk
// takes the page and not its pictures, the pictures are read as whole pages,
// and the report is read as the scan is — every cell but at most two the
// printed number, none wrong and sure, and no finding against the report.
func TestHTMLScannedPagesOCR(t *testing.T) {
	testutil.NeedTool(t, "tesseract", "tesseract-ocr tesseract-ocr-chi-sim")
	pdftoppm := testutil.NeedTool(t, "pdftoppm", "poppler-utils")
	dir := t.TempDir()
	files := filepath.Join(dir, "报告_files")
	if err := os.Mkdir(files, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(pdftoppm, "-r", "150", "-jpeg", testutil.Fixture(t, "ocr", "clean-lo-zenhei-town.pdf"), filepath.Join(files, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(files, "p-*.jpg"))
	if len(pages) < 3 {
		t.Fatalf("%d pages rendered", len(pages))
	}
	var body strings.Builder
	body.WriteString(`<html><head><meta charset="utf-8"><title>年报</title></head><body><div class="article"><p>发布时间：2024-01-20</p>`)
	body.WriteString(`<p><img src="http://www.example.gov.cn/logo.png"><img src="报告_files/icon.png"></p>`) // not pages
	for _, p := range pages {
		fmt.Fprintf(&body, `<p><img src="报告_files/%s" width="800"></p>`, filepath.Base(p))
	}
	body.WriteString(`</div></body></html>`)
	if err := os.WriteFile(filepath.Join(dir, "报告.html"), []byte(body.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(files, "icon.png"), hostile.PaddedPNG(100), 0o644); err != nil {
		t.Fatal(err)
	}
	walked, errs := audit.Expand([]string{dir})
	if len(errs) > 0 || len(walked) != 1 || filepath.Base(walked[0]) != "报告.html" {
		t.Fatalf("walk: %v %v", walked, errs)
	}
	res := audit.Run(context.Background(), walked, audit.Options{Workers: 1, Rules: true, Profile: rules.DefaultProfile()})
	checkScannedPages(t, res.Items[0], "2024-01-20")
}

// checkScannedPages checks a report of the scanned fixture
// clean-lo-zenhei-town read from pictures: its body and year (and the date
// the page gives), every cell but at most two the printed number, none wrong
// and sure, no finding against the report.
func checkScannedPages(t *testing.T, it audit.Item, published string) {
	t.Helper()
	if it.Err != nil {
		t.Fatal(it.Err)
	}
	rep := it.Report
	if rep.Issuer != "青禾县柳溪镇人民政府" || rep.Year != 2023 || rep.Published != published {
		t.Errorf("issuer %q year %d published %q", rep.Issuer, rep.Year, rep.Published)
	}
	checkOCRCells(t, rep, "clean-lo-zenhei-town")
	for _, f := range it.Findings {
		if f.Status == rules.StatusFail || f.Responsibility == rules.ResponsibilityReport {
			t.Errorf("finding against a clean report: %s %s %s", f.Rule, f.Status, f.Message)
		}
	}
}

// The same scanned pages pasted into a Word file, one picture per page,
// after the report's title.
func TestDOCXScannedPagesOCR(t *testing.T) {
	testutil.NeedTool(t, "tesseract", "tesseract-ocr tesseract-ocr-chi-sim")
	pdftoppm := testutil.NeedTool(t, "pdftoppm", "poppler-utils")
	dir := t.TempDir()
	if out, err := exec.Command(pdftoppm, "-r", "150", "-jpeg", testutil.Fixture(t, "ocr", "clean-lo-zenhei-town.pdf"), filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "p-*.jpg"))
	var jpegs [][]byte
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		jpegs = append(jpegs, b)
	}
	docx := filepath.Join(dir, "报告.docx")
	if err := os.WriteFile(docx, hostile.DOCXPictures([]string{"青禾县柳溪镇人民政府2023年政府信息公开工作年度报告（扫描件）"}, jpegs), 0o644); err != nil {
		t.Fatal(err)
	}
	res := audit.Run(context.Background(), []string{docx}, audit.Options{Workers: 1, Rules: true, Profile: rules.DefaultProfile()})
	checkScannedPages(t, res.Items[0], "2024-01-19") // the signature's date, read from the last page
}

// checkOCRCells checks the cells a report read from pictures of a generated
// fixture against the numbers the generator printed: all read by OCR, every
// one but at most two the printed number, none wrong and sure.
func checkOCRCells(t *testing.T, rep *recognise.Report, fixture string) {
	t.Helper()
	cells := testutil.FixtureCells(t, fixture)
	exact := 0
	for k, v := range cells {
		c := rep.Cells[k]
		switch {
		case c.Value.Valid && c.Value.V == v:
			exact++
		case c.Value.Valid && !c.Uncertain:
			t.Errorf("%s read as %v and not marked uncertain (confidence %.2f), printed %v", k, c.Value.V, c.Confidence, v)
		}
		if c.Source != extract.SourceOCR {
			t.Errorf("%s: source %q, want ocr", k, c.Source)
		}
	}
	if exact < len(cells)-2 {
		t.Errorf("%d of %d cells exact", exact, len(cells))
	}
}
