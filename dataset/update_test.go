package dataset_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/crawl/manifest"
	"github.com/nianbao/nianbao/dataset"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/rules"
)

func copyFixture(t *testing.T, name, dst string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testutil.RepoRoot(t), "fixtures", "html", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// archive makes an empty folder archive in a temporary dir, and names the
// dataset file d.sqlite beside it and three report files a, b, c.html in it.
func archive(t *testing.T) (dir, reports, db, a, b, c string) {
	dir = t.TempDir()
	reports = filepath.Join(dir, "archive")
	if err := os.Mkdir(reports, 0o755); err != nil {
		t.Fatal(err)
	}
	db = filepath.Join(dir, "d.sqlite")
	a, b, c = filepath.Join(reports, "a.html"), filepath.Join(reports, "b.html"), filepath.Join(reports, "c.html")
	return dir, reports, db, a, b, c
}

// TestUpdate: a second run over a grown folder adds the new file, replaces
// the rows of the changed one under its old id, skips the unchanged one,
// keeps the report whose file is gone, picks up a manifest that appeared,
// and retries a file that could not be read.
func TestUpdate(t *testing.T) {
	_, reports, db, a, b, c := archive(t)
	copyFixture(t, "clean-lo-zenhei-town.html", a)
	copyFixture(t, "defect-prose.html", b)
	bad := filepath.Join(reports, "bad.pdf")
	os.WriteFile(bad, []byte("%PDF-1.7\n1 0 obj\n<<"), 0o644)

	st := build(t, db, []string{reports}, 2)
	if st != (dataset.Stats{New: 3, Unreadable: 1, Reports: 3}) {
		t.Fatalf("first run: %+v", st)
	}
	d := open(t, db)
	before := rows(t, d, "SELECT id, path, issuer, readable FROM reports ORDER BY id")
	wantBefore := []string{"1|" + a + "|青禾县柳溪镇人民政府|1", "2|" + b + "|云岭市交通运输局|1", "3|" + bad + "|∅|0"}
	if !slices.Equal(before, wantBefore) {
		t.Fatalf("first run rows:\n%s", strings.Join(before, "\n"))
	}
	aCells := rows(t, d, "SELECT * FROM cells WHERE report = 1 ORDER BY key")
	d.Close()

	// b changes content, c is new, bad is still bad, a stays.
	copyFixture(t, "defect-t4-total.html", b)
	copyFixture(t, "clean-chromium-sans-dept.html", c)
	st = build(t, db, []string{reports}, 2)
	if st != (dataset.Stats{New: 1, Changed: 2, Unchanged: 1, Unreadable: 1, Reports: 4}) {
		t.Fatalf("second run: %+v", st)
	}
	d = open(t, db)
	after := rows(t, d, "SELECT id, path, issuer FROM reports ORDER BY id")
	wantAfter := []string{"1|" + a + "|青禾县柳溪镇人民政府", "2|" + b + "|青禾县人民政府", "3|" + bad + "|∅", "4|" + c + "|云岭市自然资源和规划局"}
	if !slices.Equal(after, wantAfter) {
		t.Fatalf("second run rows:\n%s", strings.Join(after, "\n"))
	}
	if got := rows(t, d, "SELECT * FROM cells WHERE report = 1 ORDER BY key"); !slices.Equal(got, aCells) {
		t.Error("the unchanged report's cells changed")
	}
	// b's old rows are gone: its findings are those of the new content
	if got := one(t, d, "SELECT COUNT(*) FROM findings WHERE report = 2 AND rule = 'ARITH-T4-TOTAL'"); got == "0" {
		t.Error("changed report: no ARITH-T4-TOTAL finding of its new content")
	}
	if got := one(t, d, "SELECT COUNT(*) FROM findings WHERE report = 2 AND rule = 'CONS-PROSE-T3-NEW'"); got != "0" {
		t.Error("changed report keeps findings of its old content")
	}
	if got := one(t, d, "SELECT COUNT(*) FROM sections WHERE report = 2"); got != "6" {
		t.Errorf("changed report has %s sections rows", got)
	}
	d.Close()

	// a is gone from the folder; a manifest now says where c came from (the
	// page's own <meta> date stays the publication date; the manifest's is
	// source_published).
	os.Remove(a)
	os.Remove(bad)
	m := manifest.Empty(reports)
	if err := m.Put(manifest.Entry{Path: "c.html", URL: "https://www.example.gov.cn/c", FinalURL: "https://www.example.gov.cn/c.html",
		FoundOn: "https://www.example.gov.cn/list.html", Kind: manifest.KindPage, ReportURL: "https://www.example.gov.cn/c.html",
		Published: "2025-01-20", Change: manifest.New}); err != nil {
		t.Fatal(err)
	}
	if err := m.Write(); err != nil {
		t.Fatal(err)
	}
	st = build(t, db, []string{reports}, 2)
	if st != (dataset.Stats{Changed: 1, Unchanged: 1, Kept: 2, Reports: 4}) {
		t.Fatalf("third run: %+v", st)
	}
	d = open(t, db)
	if got := one(t, d, "SELECT id, source_url, source_page, source_published, source_kind, source_report, published, published_from FROM reports WHERE path = ?", c); got != "4|https://www.example.gov.cn/c.html|https://www.example.gov.cn/list.html|2025-01-20|page|https://www.example.gov.cn/c.html|2025-01-22|meta" {
		t.Errorf("c after the manifest: %s", got)
	}
	d.Close()

	// The manifest learns the report page of c: the column follows without
	// processing c again.
	e, _ := m.Get("c.html")
	e.ReportURL = "https://www.example.gov.cn/c-report.html"
	m.Put(e)
	if err := m.Write(); err != nil {
		t.Fatal(err)
	}
	st = build(t, db, []string{reports}, 1)
	if st != (dataset.Stats{Unchanged: 2, Kept: 2, Reports: 4}) {
		t.Fatalf("fourth run: %+v", st)
	}
	d = open(t, db)
	if got := one(t, d, "SELECT source_report FROM reports WHERE path = ?", c); got != "https://www.example.gov.cn/c-report.html" {
		t.Errorf("source_report not refreshed: %s", got)
	}
	d.Close()

	// Nothing changed: nothing processed.
	st = build(t, db, []string{reports}, 1)
	if st != (dataset.Stats{Unchanged: 2, Kept: 2, Reports: 4}) {
		t.Fatalf("fifth run: %+v", st)
	}
}

// TestRebuildAndForeignFile: --rebuild starts over; a file that is not a
// nianbao dataset is not overwritten without it.
func TestRebuildAndForeignFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "d.sqlite")
	os.WriteFile(db, []byte("not a database, someone's notes"), 0o644)
	src := filepath.Join(testutil.RepoRoot(t), "fixtures", "html", "defect-prose.html")
	opt := dataset.Options{Audit: audit.Options{Profile: rules.DefaultProfile()}}
	if _, err := dataset.WriteSQLite(context.Background(), db, []string{src}, opt); err == nil ||
		!strings.Contains(err.Error(), "不是 nianbao 数据集文件：不是 SQLite 数据库文件（SQLite 错误 26）；请换一个文件名，或用 --rebuild 重建") {
		t.Errorf("foreign file: err = %v", err)
	}
	if data, _ := os.ReadFile(db); !bytes.Equal(data, []byte("not a database, someone's notes")) {
		t.Error("foreign file was changed")
	}
	// another program's SQLite database: said so, in Chinese, and left alone
	otherDB := filepath.Join(dir, "other.sqlite")
	if _, err := open(t, otherDB).Exec("CREATE TABLE notes(text)"); err != nil {
		t.Fatal(err)
	}
	if _, err := dataset.WriteSQLite(context.Background(), otherDB, []string{src}, opt); err == nil ||
		!strings.Contains(err.Error(), "不是 nianbao 数据集文件：其中没有 nianbao 的数据表") {
		t.Errorf("another program's database: err = %v", err)
	}
	opt.Rebuild = true
	st, err := dataset.WriteSQLite(context.Background(), db, []string{src}, opt)
	if err != nil || st != (dataset.Stats{New: 1, Reports: 1}) {
		t.Fatalf("rebuild: %+v %v", st, err)
	}
	// cancelled before it starts: the file is left as it was
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	opt.Rebuild = false
	other := filepath.Join(testutil.RepoRoot(t), "fixtures", "html", "defect-t4-total.html")
	if _, err := dataset.WriteSQLite(ctx, db, []string{other}, opt); err == nil {
		t.Error("cancelled run: no error")
	}
	if got := one(t, open(t, db), "SELECT COUNT(*) FROM reports"); got != "1" {
		t.Errorf("cancelled run changed the dataset: %s reports", got)
	}
}

// TestIncrementalEqualsFresh: a dataset grown in two runs (the real
// reports of 平潭 and 河北省科学技术厅, 2018–2025, without four of them, then
// with them) holds the same rows as
// one built in one run, including the findings of the rules that compare a
// report with the year before (CONS-CARRYOVER, CONS-COPY-PREV): the
// unchanged neighbours are run again with the new reports, and the report
// of the year after a new one is stored again. CONS-COPY-PEER, which
// compares all reports of a year in a run, is left out (docs/dataset.md).
func TestIncrementalEqualsFresh(t *testing.T) {
	real := testutil.Shared(t, "corpus", "real")
	entries, err := os.ReadDir(real)
	if err != nil {
		t.Fatal(err)
	}
	// 2021 科技厅: its successor's CONS-COPY-PREV must appear (the 2022
	// report is stored again); 2025 财政金融局: its own CONS-COPY-PREV needs
	// the unchanged 2024 report; 2024 平潭 as HTML and as text: copies.
	later := map[string]bool{"2021_hebei_science_technology_dept_csvcell.txt": true, "2025_fujian_pingtan_finance_bureau_pagetxt.txt": true,
		"2024_fujian_pingtan_zone_pagetxt.txt": true, "2024_fujian_pingtan_zone_page.html": true}
	dir := t.TempDir()
	all, grown := filepath.Join(dir, "all"), filepath.Join(dir, "grown")
	os.Mkdir(all, 0o755)
	os.Mkdir(grown, 0o755)
	cp := func(name, to string) {
		data, err := os.ReadFile(filepath.Join(real, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range entries {
		// the bodies with several years (and copies) in the corpus
		if n := e.Name(); !strings.Contains(n, "hebei_science") && !strings.Contains(n, "pingtan") {
			continue
		}
		cp(e.Name(), all)
		if !later[e.Name()] {
			cp(e.Name(), grown)
		}
	}
	fresh, inc := filepath.Join(dir, "fresh.sqlite"), filepath.Join(dir, "inc.sqlite")
	build(t, fresh, []string{all}, 2)
	build(t, inc, []string{grown}, 2)
	for n := range later {
		cp(n, grown)
	}
	st := build(t, inc, []string{grown}, 2)
	if st.New != 4 || st.Changed != 0 || st.Rechecked == 0 {
		t.Errorf("second run: %+v", st)
	}
	a, b := open(t, fresh), open(t, inc)
	// rows by file name (the folders differ), without ids
	queries := []string{
		"SELECT substr(path, length(rtrim(path, replace(path, '/', ''))) + 1), sha256, format, title, issuer, issuer_normalized, year, template, published, published_from, readable FROM reports ORDER BY 1",
		"SELECT substr(r.path, length(rtrim(r.path, replace(r.path, '/', ''))) + 1), c.key, c.value, c.status, c.text FROM cells c JOIN reports r ON r.id = c.report ORDER BY 1, 2",
		"SELECT substr(r.path, length(rtrim(r.path, replace(r.path, '/', ''))) + 1), f.seq, f.value, f.unit, f.subject FROM figures f JOIN reports r ON r.id = f.report ORDER BY 1, 2",
		"SELECT substr(r.path, length(rtrim(r.path, replace(r.path, '/', ''))) + 1), s.n, s.present, s.heading FROM sections s JOIN reports r ON r.id = s.report ORDER BY 1, 2",
		"SELECT substr(r.path, length(rtrim(r.path, replace(r.path, '/', ''))) + 1), f.rule, f.status, f.severity, f.message, f.cells FROM findings f JOIN reports r ON r.id = f.report WHERE f.rule <> 'CONS-COPY-PEER' ORDER BY 1, 2, 5",
	}
	for _, q := range queries {
		ra, rb := rows(t, a, q), rows(t, b, q)
		if len(ra) == 0 || !slices.Equal(ra, rb) {
			t.Errorf("%s\n(-fresh +grown):\n%s", q, testutil.Diff(strings.Join(ra, "\n"), strings.Join(rb, "\n")))
		}
	}
	pair := "SELECT COUNT(*) FROM findings WHERE rule IN ('CONS-CARRYOVER', 'CONS-COPY-PREV')"
	if one(t, a, pair) == "0" {
		t.Error("the corpus has no year-pair findings: the test shows nothing")
	}
}

// TestProfileChange: with another audit profile every file is processed
// again and the findings follow the new profile; the same profile again
// skips them.
func TestProfileChange(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.sqlite")
	src := filepath.Join(testutil.RepoRoot(t), "fixtures", "html", "defect-prose.html")
	write := func(p rules.Profile) dataset.Stats {
		t.Helper()
		st, err := dataset.WriteSQLite(context.Background(), db, []string{src}, dataset.Options{Audit: audit.Options{Profile: p}})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	count := func() string {
		return one(t, open(t, db), "SELECT COUNT(*) FROM findings WHERE rule = 'CONS-PROSE-T3-NEW'")
	}
	write(rules.DefaultProfile())
	if count() == "0" {
		t.Fatal("defect-prose has no CONS-PROSE-T3-NEW finding")
	}
	off := rules.DefaultProfile()
	off.Disabled = append(off.Disabled, "CONS-PROSE-T3-NEW")
	if st := write(off); st != (dataset.Stats{Changed: 1, ProfileChanged: true, Reports: 1}) {
		t.Errorf("new profile: %+v", st)
	}
	if got := count(); got != "0" {
		t.Errorf("disabled rule still has %s findings", got)
	}
	if st := write(off); st != (dataset.Stats{Unchanged: 1, Reports: 1}) {
		t.Errorf("same profile again: %+v", st)
	}
}

// TestOCRSource: cells read from a picture (a photographed table 四) are
// stored with source ocr and the engine's confidence; text cells have
// source text and no confidence.
func TestOCRSource(t *testing.T) {
	testutil.NeedTool(t, "tesseract", "tesseract-ocr")
	db := filepath.Join(t.TempDir(), "o.sqlite")
	root := testutil.RepoRoot(t)
	files := []string{filepath.Join(root, "fixtures", "ocr", "defect-t3-balance-p4.jpg"), filepath.Join(root, "fixtures", "html", "defect-prose.html")}
	if _, err := dataset.WriteSQLite(context.Background(), db, files, dataset.Options{Audit: audit.Options{Profile: rules.DefaultProfile()}}); err != nil {
		t.Fatal(err)
	}
	d := open(t, db)
	if got := one(t, d, "SELECT COUNT(*) FROM cells WHERE report = 1 AND (source <> 'ocr' OR confidence IS NULL OR confidence <= 0 OR confidence > 1)"); got != "0" {
		t.Errorf("%s cells of the picture are not ocr with a confidence", got)
	}
	if got := one(t, d, "SELECT COUNT(*) FROM cells WHERE report = 1"); got == "0" {
		t.Error("no cells read from the picture")
	}
	if got := one(t, d, "SELECT COUNT(*) FROM cells WHERE report = 2 AND (source <> 'text' OR confidence IS NOT NULL)"); got != "0" {
		t.Errorf("%s text cells are marked otherwise", got)
	}
}

// TestRepeated: the summary counts the files beyond the first of each body
// and year over the whole dataset, the files of earlier runs included, and
// RepeatedQuery lists them.
func TestRepeated(t *testing.T) {
	dir, reports, db, a, b, c := archive(t)
	copyFixture(t, "clean-lo-zenhei-town.html", a)
	copyFixture(t, "clean-lo-zenhei-town.html", b) // the same report again
	copyFixture(t, "defect-prose.html", c)         // another body
	if st := build(t, db, []string{reports}, 2); st.Repeated != 1 || st.Reports != 3 {
		t.Fatalf("first run: %+v", st)
	}
	// a later run with a third file of the same report, given alone
	d2 := filepath.Join(dir, "more")
	os.Mkdir(d2, 0o755)
	e := filepath.Join(d2, "e.html")
	copyFixture(t, "clean-lo-zenhei-town.html", e)
	if st := build(t, db, []string{d2}, 2); st.Repeated != 2 || st.Reports != 4 {
		t.Fatalf("second run: %+v", st)
	}
	d := open(t, db)
	defer d.Close()
	got := rows(t, d, dataset.RepeatedQuery)
	if want := []string{"青禾县柳溪镇人民政府|2023|" + a + " | " + b + " | " + e}; !slices.Equal(got, want) {
		t.Errorf("RepeatedQuery:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
