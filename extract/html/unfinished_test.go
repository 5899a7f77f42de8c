package html

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/testutil"
)

// unfinishedProblem is the problem Extract records for a page cut short,
// or "".
func unfinishedProblem(t *testing.T, page string) string {
	t.Helper()
	doc, err := Extract(context.Background(), "p.html", []byte(page), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.Problems {
		if p.Code == extract.ProblemCorrupt && strings.HasPrefix(p.Message, "网页文件不完整") {
			return p.Message
		}
	}
	return ""
}

// A page cut short (a download or a save interrupted) says so: what is
// missing after the cut is the extraction's problem, not parts the report
// left out. A complete page — also one that omits </html> and </body> as
// HTML allows, or a fragment with neither — says nothing.
func TestUnfinishedPage(t *testing.T) {
	const head = "<!DOCTYPE html><html><head><title>t</title></head><body><p>一、总体情况</p>"
	for _, c := range []struct {
		name, page, want string
	}{
		{"complete", head + "<table><tr><td>1</td></tr></table><p>六、其他</p></body></html>", ""},
		{"no </html>, as HTML allows", head + "<p>六、其他</p></body>", ""},
		{"fragment", "<p>一、总体情况</p><table><tr><td>1</td></tr></table><p>六</p>", ""},
		{"a table left open, the page closed", head + "<table><tr><td>1<p>六、其他</p></body></html>", ""},
		{"cut inside a tag", head + "<table><tr><td cla", "在一个标记中途结束"},
		{"cut inside a table", head + "<table><tr><td>1</td><td>2", "在表格中途结束"},
		{"cut in the text after the tables", head + "<table><tr><td>1</td></tr></table><p>五、存在的主要", "没有结束标记"},
		{"a fragment cut inside a table", "<p>一</p><table><tr><td>1", "在表格中途结束"},
	} {
		got := unfinishedProblem(t, c.page)
		if c.want == "" && got != "" || !strings.Contains(got, c.want) {
			t.Errorf("%s: problem %q, want one saying %q", c.name, got, c.want)
		}
	}
}

// Every real page and every fixture page is complete; every real page
// (with its <html> and <body>) cut anywhere from 5 to 99 % of its length is
// said to be unfinished.
func TestUnfinishedRealPages(t *testing.T) {
	files := testutil.CorpusFiles(t, ".html")
	fixtures, _ := filepath.Glob(testutil.Fixture(t, "html", "*.html"))
	for _, f := range append(files, fixtures...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if p := unfinishedProblem(t, string(data)); p != "" {
			t.Errorf("%s is complete, yet: %s", filepath.Base(f), p)
		}
		if !strings.Contains(strings.ToLower(string(data[:min(len(data), 4096)])), "<html") {
			continue // a fragment cut between elements cannot be told from a whole one
		}
		for pct := 5; pct < 100; pct += 2 {
			cut := data[:len(data)*pct/100]
			if unfinishedProblem(t, string(cut)) == "" {
				t.Errorf("%s cut at %d%% (%d bytes) is not said to be unfinished", filepath.Base(f), pct, len(cut))
			}
		}
	}
}
