package dataset_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/crawl/manifest"
	"github.com/nianbao/nianbao/dataset"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/recognise/template"
	"github.com/nianbao/nianbao/rules"
	"unicode/utf8"
)

func build(t *testing.T, db string, paths []string, workers int) dataset.Stats {
	t.Helper()
	files, errs := audit.Expand(paths)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	st, err := dataset.WriteSQLite(context.Background(), db, files, dataset.Options{Audit: audit.Options{
		Workers: workers, Profile: rules.DefaultProfile(), Manifests: manifest.NewFinder()}})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func open(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// values are a query's column names and rows, each value as the driver
// gives it (string, []byte for a BLOB, int64, float64, nil).
func values(t *testing.T, db *sql.DB, q string, args ...any) ([]string, [][]any) {
	t.Helper()
	rs, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rs.Close()
	cols, _ := rs.Columns()
	var out [][]any
	for rs.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, vals)
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return cols, out
}

// strings of a query's rows, columns joined by "|", NULL as "∅".
func rows(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	_, all := values(t, db, q, args...)
	var out []string
	for _, vals := range all {
		parts := make([]string, len(vals))
		for i, v := range vals {
			switch v := v.(type) {
			case nil:
				parts[i] = "∅"
			case []byte:
				parts[i] = string(v)
			case float64:
				parts[i] = num(v)
			default:
				parts[i] = fmt.Sprint(v)
			}
		}
		out = append(out, strings.Join(parts, "|"))
	}
	return out
}

func one(t *testing.T, db *sql.DB, q string, args ...any) string {
	t.Helper()
	r := rows(t, db, q, args...)
	if len(r) != 1 {
		t.Fatalf("%s %v: %d rows, want 1", q, args, len(r))
	}
	return r[0]
}

// The dataset over the generated fixtures (HTML, PDF, DOCX, the RTF saved
// as .doc; the OLE .doc/.wps need LibreOffice and are checked by
// extract/legacy) and the shared corpus, built once for the tests below.
var (
	bigOnce  sync.Once
	bigPath  string
	bigFiles []string
	bigStats dataset.Stats
	bigDir   string
)

func bigDataset(t *testing.T) (*sql.DB, []string) {
	t.Helper()
	root := testutil.RepoRoot(t)
	corpus := testutil.Shared(t, "corpus")
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "nianbao-dataset-test-")
		if err != nil {
			t.Fatal(err)
		}
		bigDir = dir
		bigPath = filepath.Join(dir, "nianbao.sqlite")
		paths := []string{filepath.Join(root, "fixtures", "html"), filepath.Join(root, "fixtures", "pdf"),
			filepath.Join(root, "fixtures", "docx"), filepath.Join(root, "fixtures", "doc", "rtf"), corpus}
		bigFiles, _ = audit.Expand(paths)
		bigStats = build(t, bigPath, paths, 2)
	})
	if bigPath == "" {
		t.Fatal("the dataset could not be built")
	}
	return open(t, bigPath), bigFiles
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
	os.Exit(code)
}

// manifest is the part of fixtures/pdf/<name>.json these tests read.
type fixture struct {
	Name    string              `json:"name"`
	PDF     string              `json:"pdf"`
	HTML    string              `json:"source_html"`
	DOCX    string              `json:"source_docx"`
	Issuer  string              `json:"issuer"`
	Year    int                 `json:"year"`
	Cells   map[string]*float64 `json:"cells"`
	Figures []struct {
		Value float64 `json:"value"`
		Unit  string  `json:"unit"`
	} `json:"figures"`
	Defects []struct {
		Violations []string `json:"violations"`
	} `json:"defects"`
}

func fixtures(t *testing.T) []fixture {
	t.Helper()
	root := testutil.RepoRoot(t)
	paths, _ := filepath.Glob(filepath.Join(root, "fixtures", "pdf", "*.json"))
	if len(paths) == 0 {
		t.Fatal("no fixture manifests")
	}
	var out []fixture
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var f fixture
		if err := json.Unmarshal(data, &f); err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// TestCounts: one reports row per file, all readable; six sections each;
// the stderr counts of a first run.
func TestCounts(t *testing.T) {
	db, files := bigDataset(t)
	if bigStats.New != len(files) || bigStats.Reports != len(files) || bigStats.Changed+bigStats.Unchanged+bigStats.Kept+bigStats.Unreadable != 0 {
		t.Errorf("stats %+v for %d files", bigStats, len(files))
	}
	if got := one(t, db, "SELECT COUNT(*), SUM(readable) FROM reports"); got != fmt.Sprintf("%d|%d", len(files), len(files)) {
		t.Errorf("reports count|readable = %s, want %d files", got, len(files))
	}
	if got := one(t, db, "SELECT COUNT(*) FROM sections"); got != fmt.Sprint(6*len(files)) {
		t.Errorf("sections = %s, want %d", got, 6*len(files))
	}
	// ids follow the input order
	var want []string
	for i, f := range files {
		want = append(want, fmt.Sprintf("%d|%s", i+1, f))
	}
	if got := rows(t, db, "SELECT id, path FROM reports ORDER BY id"); !slices.Equal(got, want) {
		t.Errorf("ids and paths:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestFixtureCells: every format of every generated report has exactly the
// generator's cells (none missing, none extra, blanks NULL, all certain),
// its issuer and year; the HTML and the PDF of one report give the same
// cell rows; the defects' rules are among the findings; the prose figures
// the generator wrote are there.
func TestFixtureCells(t *testing.T) {
	db, _ := bigDataset(t)
	root := testutil.RepoRoot(t)
	for _, f := range fixtures(t) {
		var want []string
		for k, v := range f.Cells {
			s := "∅"
			if v != nil {
				s = num(*v)
			}
			want = append(want, k+"|"+s+"|certain")
		}
		sort.Strings(want)
		files := []string{f.PDF, f.HTML}
		if f.DOCX != "" {
			files = append(files, f.DOCX)
		}
		if rtf := "fixtures/doc/rtf/" + f.Name + ".doc"; exists(filepath.Join(root, rtf)) {
			files = append(files, rtf)
		}
		var ids []string
		for _, rel := range files {
			path := filepath.Join(root, rel)
			id := one(t, db, "SELECT id FROM reports WHERE path = ?", path)
			ids = append(ids, id)
			got := rows(t, db, "SELECT key, value, status FROM cells WHERE report = ? ORDER BY key", id)
			if d := testutil.Diff(strings.Join(want, "\n"), strings.Join(got, "\n")); d != "" {
				t.Errorf("%s cells (-manifest +dataset):\n%s", rel, d)
			}
			if got, w := one(t, db, "SELECT issuer, year FROM reports WHERE id = ?", id), fmt.Sprintf("%s|%d", f.Issuer, f.Year); got != w {
				t.Errorf("%s: issuer|year = %s, want %s", rel, got, w)
			}
			for _, d := range f.Defects {
				for _, v := range d.Violations {
					rule, _, _ := strings.Cut(v, ":")
					if one(t, db, "SELECT COUNT(*) FROM findings WHERE report = ? AND rule = ?", id, rule) == "0" {
						t.Errorf("%s: no finding of %s (defect %s)", rel, rule, v)
					}
				}
			}
			for _, fig := range f.Figures {
				if one(t, db, "SELECT COUNT(*) FROM figures WHERE report = ? AND value = ? AND COALESCE(unit, '') = ?", id, fig.Value, fig.Unit) == "0" {
					t.Errorf("%s: figure %v%s missing", rel, fig.Value, fig.Unit)
				}
			}
		}
		// The same report from its HTML and its PDF: the same cell rows.
		html := rows(t, db, "SELECT key, tbl, row, column, value, status FROM cells WHERE report = ? ORDER BY key", ids[1])
		pdf := rows(t, db, "SELECT key, tbl, row, column, value, status FROM cells WHERE report = ? ORDER BY key", ids[0])
		if !slices.Equal(html, pdf) {
			t.Errorf("%s: HTML and PDF cells differ:\n%s", f.Name, testutil.Diff(strings.Join(html, "\n"), strings.Join(pdf, "\n")))
		}
		if len(pdf) == 0 {
			t.Errorf("%s: no cells", f.Name)
		}
	}
	// pages only where they mean something
	if got := one(t, db, "SELECT COUNT(*) FROM cells c JOIN reports r ON r.id = c.report WHERE r.format <> 'pdf' AND c.page IS NOT NULL"); got != "0" {
		t.Errorf("%s cells of formats without pages have a page", got)
	}
	if got := one(t, db, "SELECT COUNT(*) FROM cells c JOIN reports r ON r.id = c.report WHERE r.format = 'pdf' AND c.page IS NULL"); got != "0" {
		t.Errorf("%s PDF cells have no page", got)
	}
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// specKeys parses ../shared/spec/cell-keys.md: the table 二 keys it lists,
// table 三 rows × columns and table 四 prefixes × columns.
func specKeys(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(testutil.Shared(t, "spec", "cell-keys.md"))
	if err != nil {
		t.Fatal(err)
	}
	var section string
	var t2, t3rows, t3cols, t4 []string
	var t4cols []string
	code := regexp.MustCompile("^\\| `([a-z0-9_.]+)` \\|")
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "## ") {
			section = line
			continue
		}
		if strings.HasPrefix(line, "Each prefix takes the columns") {
			for sc.Scan() && strings.TrimSpace(sc.Text()) != "" { // the paragraph goes on
				line += " " + sc.Text()
			}
			for _, m := range regexp.MustCompile("`([a-z_]+)`").FindAllStringSubmatch(line, -1) {
				t4cols = append(t4cols, m[1])
			}
		}
		m := code.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		switch {
		case strings.Contains(section, "Table 二"):
			t2 = append(t2, m[1])
		case strings.Contains(section, "Table 三 — rows"):
			t3rows = append(t3rows, m[1])
		case strings.Contains(section, "Table 三 — columns"):
			t3cols = append(t3cols, m[1])
		case strings.Contains(section, "Table 四"):
			t4 = append(t4, m[1])
		}
	}
	keys := t2
	for _, r := range t3rows {
		for _, c := range t3cols {
			keys = append(keys, "t3."+r+"."+c)
		}
	}
	for _, p := range t4 {
		for _, c := range t4cols {
			keys = append(keys, p+"."+c)
		}
	}
	if len(t2) != 10 || len(t3rows) != 26 || len(t3cols) != 7 || len(t4) != 3 || len(t4cols) != 5 {
		t.Fatalf("cell-keys.md parsed as %d t2, %d×%d t3, %d×%d t4 keys", len(t2), len(t3rows), len(t3cols), len(t4), len(t4cols))
	}
	return keys
}

// TestKeySet: cells_wide has one column per key of spec/cell-keys.md (and
// the 2019 table 二 keys), in the CSV dataset's order; every key in cells is
// one of them; tbl/row/column are the key's parts.
func TestKeySet(t *testing.T) {
	db, _ := bigDataset(t)
	spec := specKeys(t)
	cols := rows(t, db, "SELECT name FROM pragma_table_info('cells_wide')")
	meta := []string{"report", "path", "source_url", "issuer", "issuer_normalized", "year", "template", "published"}
	if !slices.Equal(cols[:len(meta)], meta) || !slices.Equal(cols[len(meta):], render.DatasetKeys()) {
		t.Errorf("cells_wide columns = %v", cols)
	}
	allowed := map[string]bool{}
	for _, k := range spec {
		allowed[k] = true
		if !slices.Contains(cols, k) {
			t.Errorf("spec key %s is not a cells_wide column", k)
		}
	}
	for _, k := range template.T2Keys(template.V2019) {
		allowed[k] = true
	}
	for _, k := range rows(t, db, "SELECT DISTINCT key FROM cells") {
		if !allowed[k] {
			t.Errorf("key %s in cells is not in spec/cell-keys.md", k)
		}
	}
	if got := one(t, db, "SELECT COUNT(*) FROM cells WHERE key <> tbl || '.' || row || '.' || column"); got != "0" {
		t.Errorf("%s cells whose tbl.row.column is not the key", got)
	}
	if got := one(t, db, "SELECT tbl, row, column FROM cells WHERE key = 't3.denied.state_secret.natural' LIMIT 1"); got != "t3|denied.state_secret|natural" {
		t.Errorf("split = %s", got)
	}
	if got := one(t, db, "SELECT COUNT(*) FROM cells WHERE source = 'text' AND confidence IS NOT NULL OR source NOT IN ('text', 'ocr')"); got != "0" {
		t.Errorf("%s cells with a bad source/confidence", got)
	}
	// The view agrees with the cells table.
	if got := one(t, db, `SELECT COUNT(*) FROM cells_wide w JOIN cells c ON c.report = w.report AND c.key = 't3.new.total' WHERE w."t3.new.total" IS NOT c.value`); got != "0" {
		t.Errorf("%s rows of cells_wide disagree with cells", got)
	}
}

// TestRealGoldens: the real PDFs' cells equal audit/testdata/realpdf (every
// cell as printed, checked by hand).
func TestRealGoldens(t *testing.T) {
	db, _ := bigDataset(t)
	root := testutil.RepoRoot(t)
	goldens, _ := filepath.Glob(filepath.Join(root, "audit", "testdata", "realpdf", "*.json"))
	if len(goldens) == 0 {
		t.Fatal("no realpdf goldens")
	}
	for _, g := range goldens {
		data, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		var want struct {
			Issuer string              `json:"issuer"`
			Year   int                 `json:"year"`
			Cells  map[string]*float64 `json:"cells"`
		}
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(g), ".json")
		path := testutil.Corpus(t, name)
		id := one(t, db, "SELECT id FROM reports WHERE path = ?", path)
		var w []string
		for k, v := range want.Cells {
			s := "∅"
			if v != nil {
				s = num(*v)
			}
			w = append(w, k+"|"+s)
		}
		sort.Strings(w)
		got := rows(t, db, "SELECT key, value FROM cells WHERE report = ? ORDER BY key", id)
		if d := testutil.Diff(strings.Join(w, "\n"), strings.Join(got, "\n")); d != "" {
			t.Errorf("%s (-golden +dataset):\n%s", name, d)
		}
		if got := one(t, db, "SELECT issuer, year FROM reports WHERE id = ?", id); got != fmt.Sprintf("%s|%d", want.Issuer, want.Year) {
			t.Errorf("%s: %s", name, got)
		}
	}

}

// TestFindingsAsAudited: the findings table holds exactly what `nianbao
// audit` finds for each file (the same rules, profile and batch), in its
// order, with every field; none missing and none extra. (Whether those
// findings are right is audit/corpus_test.go's business.)
func TestFindingsAsAudited(t *testing.T) {
	db, files := bigDataset(t)
	res := audit.Run(context.Background(), files, audit.Options{Workers: 2, Rules: true, Profile: rules.DefaultProfile(),
		Manifests: manifest.NewFinder()})
	var want []string
	for i, it := range res.Items {
		for j, f := range it.Findings {
			page, section := "∅", "∅"
			if f.Location.Page > 0 && it.Report.Source.HasPages() {
				page = fmt.Sprint(f.Location.Page)
			}
			if f.Location.Section > 0 {
				section = fmt.Sprint(f.Location.Section)
			}
			cells := "∅"
			if len(f.Cells) > 0 {
				cells = strings.Join(f.Cells, " ")
			}
			want = append(want, strings.Join([]string{fmt.Sprint(i + 1), fmt.Sprint(j + 1), f.Rule, string(f.Category), string(f.Status),
				string(f.Severity), f.Message, cells, numPtr(f.Expected), numPtr(f.Actual), page, section,
				string(f.Responsibility), f.Fingerprint}, "|"))
		}
	}
	got := rows(t, db, `SELECT report, seq, rule, category, status, severity, message, cells, expected, actual, page, section,
		responsibility, fingerprint FROM findings ORDER BY report, seq`)
	if len(want) == 0 {
		t.Fatal("the audit found nothing: the test shows nothing")
	}
	if d := testutil.Diff(strings.Join(want, "\n"), strings.Join(got, "\n")); d != "" {
		t.Errorf("findings (-audit +dataset):\n%s", d)
	}
}

func numPtr(p *float64) string {
	if p == nil {
		return "∅"
	}
	return num(*p)
}

// TestIssuerNormalized: the column holds NormalizeIssuer of the issuer.
func TestIssuerNormalized(t *testing.T) {
	db, _ := bigDataset(t)
	for _, r := range rows(t, db, "SELECT COALESCE(issuer, ''), COALESCE(issuer_normalized, '') FROM reports") {
		raw, norm, _ := strings.Cut(r, "|")
		if dataset.NormalizeIssuer(raw) != norm {
			t.Errorf("issuer %q stored as %q", raw, norm)
		}
	}
	if got := one(t, db, "SELECT DISTINCT issuer_normalized FROM reports WHERE issuer = '青禾县人民政府办公室'"); got != "青禾县人民政府办" {
		t.Errorf("青禾县人民政府办公室 → %s", got)
	}
}

// TestSQLiteShell: the file opens in the sqlite3 shell and the example
// queries of README.md and docs/dataset.md run on it; the per-issuer 新收
// query gives the corpus's numbers.
func TestSQLiteShell(t *testing.T) {
	bin := testutil.NeedTool(t, "sqlite3", "sqlite3")
	bigDataset(t)
	root := testutil.RepoRoot(t)
	var queries []string
	for _, doc := range []string{"README.md", filepath.Join("docs", "dataset.md")} {
		data, err := os.ReadFile(filepath.Join(root, doc))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, "sqlite3 ") && strings.Contains(l, " nianbao.sqlite ") {
				queries = append(queries, l)
			}
		}
	}
	if len(queries) < 4 {
		t.Fatalf("found %d example queries in README.md and docs/dataset.md", len(queries))
	}
	for _, q := range queries {
		// sqlite3 [options] nianbao.sqlite "SQL" → run with the test's file
		opts, rest, _ := strings.Cut(strings.TrimPrefix(q, "sqlite3 "), "nianbao.sqlite ")
		sqlText := strings.TrimSpace(rest)
		if i := strings.Index(sqlText, " #"); i > 0 {
			sqlText = strings.TrimSpace(sqlText[:i])
		}
		sqlText = strings.Trim(sqlText, `"'`)
		args := append(strings.Fields(opts), bigPath, sqlText)
		out, err := exec.Command(bin, args...).CombinedOutput()
		if err != nil || len(out) == 0 {
			t.Errorf("%s: %v\n%s", q, err, out)
			continue
		}
		if strings.Contains(sqlText, "'t3.new.total'") && !strings.Contains(string(out), "平潭综合实验区|2024|218\n") {
			t.Errorf("%s: no 平潭综合实验区|2024|218 in\n%s", q, out)
		}
	}
}

// TestDeterministic: the same inputs give the same rows and ids with one
// worker and with four.
func TestDeterministic(t *testing.T) {
	root := testutil.RepoRoot(t)
	dir := t.TempDir()
	paths := []string{filepath.Join(root, "fixtures", "html"), filepath.Join(root, "fixtures", "docx")}
	a, b := filepath.Join(dir, "a.sqlite"), filepath.Join(dir, "b.sqlite")
	build(t, a, paths, 1)
	build(t, b, paths, 4)
	da, db := open(t, a), open(t, b)
	for _, q := range []string{"SELECT * FROM reports ORDER BY id", "SELECT * FROM cells ORDER BY report, key",
		"SELECT * FROM figures ORDER BY report, seq", "SELECT * FROM findings ORDER BY report, seq",
		"SELECT * FROM sections ORDER BY report, n", "SELECT * FROM meta"} {
		ra, rb := rows(t, da, q), rows(t, db, q)
		if len(ra) == 0 && q != "SELECT * FROM figures ORDER BY report, seq" {
			t.Errorf("%s: no rows", q)
		}
		if !slices.Equal(ra, rb) {
			t.Errorf("%s differs between 1 and 4 workers:\n%s", q, testutil.Diff(strings.Join(ra, "\n"), strings.Join(rb, "\n")))
		}
	}
	fa, _ := os.ReadFile(a)
	fb, _ := os.ReadFile(b)
	if len(fa) == 0 || !bytes.Equal(fa, fb) {
		t.Errorf("the files differ (%d and %d bytes)", len(fa), len(fb))
	}
}

// TestPathNotUTF8: a file whose name is not UTF-8 (GBK bytes, as a Windows
// archive unpacked on Linux names it) keeps its exact bytes as the path, as
// a BLOB, so that the next run finds it unchanged; and no TEXT value of the
// dataset is invalid UTF-8 (Python's sqlite3 refused the whole query:
// "Could not decode to UTF-8 column 'path'"), the error of an unreadable
// file of such a name included.
func TestPathNotUTF8(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "\xc4\xea\xb1\xa8.txt")
	text := "某某区2023年政府信息公开工作年度报告\n一、总体情况\n本机关收到申请12件。\n"
	if err := os.WriteFile(good, []byte(text), 0o644); err != nil {
		t.Skipf("this file system refuses a name that is not UTF-8: %v", err)
	}
	empty := filepath.Join(dir, "\xff.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "d.sqlite")
	build(t, db, []string{good, empty}, 1)
	if st := build(t, db, []string{good, empty}, 1); st.Unchanged != 1 || st.New != 0 {
		t.Errorf("second run: %+v, want the readable file skipped as unchanged", st)
	}
	conn := open(t, db)
	var path any
	if err := conn.QueryRow("SELECT path FROM reports WHERE readable = 1").Scan(&path); err != nil {
		t.Fatal(err)
	}
	if b, ok := path.([]byte); !ok || string(b) != good {
		t.Errorf("path %#v, want the bytes of %q as a BLOB", path, good)
	}
	for _, table := range []string{"reports", "cells", "figures", "findings", "sections", "meta"} {
		cols, all := values(t, conn, "SELECT * FROM "+table)
		for _, vals := range all {
			for i, v := range vals {
				if s, ok := v.(string); ok && !utf8.ValidString(s) {
					t.Errorf("%s.%s: %q is not UTF-8", table, cols[i], s)
				}
			}
		}
	}
}
