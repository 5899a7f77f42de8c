package render_test

import (
	"bytes"
	"context"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// inputs are a few generated fixtures in three formats: a clean PDF, a
// defective HTML page and a Word file, so the goldens cover findings,
// blanks and every renderer path.
var inputs = []string{
	"fixtures/pdf/clean-lo-zenhei-town.pdf",
	"fixtures/html/defect-blank-cell.html",
	"fixtures/html/defect-t3-balance.html",
	"fixtures/docx/defect-template-2019-in-2022.docx",
}

func run(t *testing.T, workers int) *audit.Result {
	t.Helper()
	r := testutil.RepoRoot(t)
	files := make([]string, len(inputs))
	for i, in := range inputs {
		files[i] = filepath.Join(r, in)
	}
	res := audit.Run(context.Background(), files, audit.Options{Workers: workers, Rules: true, Profile: rules.DefaultProfile()})
	for i := range res.Items { // goldens must not depend on where the repo is
		res.Items[i].Path = inputs[i]
		if res.Items[i].Report != nil {
			res.Items[i].Report.Source.Path = inputs[i]
		}
	}
	return res
}

// TestPipelineGoldens runs the whole pipeline on the inputs and keeps its
// outcome in the two machine-readable contracts (spec/json.md): what
// extraction, recognition and the rules find in these documents. How each
// format presents a result is tested on a hand-made result instead
// (TestRendererGoldens), so a renderer change does not move these files and
// a pipeline change does not move those.
func TestPipelineGoldens(t *testing.T) {
	res := run(t, 2)
	var b bytes.Buffer
	if err := render.AuditJSON(&b, res); err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, filepath.Join("testdata", "audit.json"), b.String(), *update)
	b.Reset()
	if err := render.ExtractJSON(&b, res); err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, filepath.Join("testdata", "extract.jsonl"), b.String(), *update)
}

// TestLocaleIndependent: the terminal tables are the same whether the
// locale is CJK or not (ambiguous-width characters are one column unless
// --east-asian-width is given).
func TestLocaleIndependent(t *testing.T) {
	res := run(t, 1)
	out := func(lang string) string {
		t.Setenv("LANG", lang)
		t.Setenv("LC_ALL", lang)
		var b bytes.Buffer
		if err := render.AuditText(&b, res, render.Options{}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	if zh, c := out("zh_CN.UTF-8"), out("C.UTF-8"); zh != c {
		t.Errorf("output differs between zh_CN.UTF-8 and C.UTF-8:\n%s", testutil.Diff(c, zh))
	}
}

// TestDeterministic: the same inputs give byte-identical output whatever
// the worker count.
func TestDeterministic(t *testing.T) {
	results := []*audit.Result{run(t, 1), run(t, 2), run(t, 4)}
	for _, name := range render.Names(render.AuditFormats) {
		f := render.AuditFormats[name]
		var outs []string
		for _, res := range results {
			var b bytes.Buffer
			if err := f.Write(&b, res, render.Options{Sort: render.SortSeverity}); err != nil {
				t.Fatal(err)
			}
			outs = append(outs, b.String())
		}
		for i := 1; i < len(outs); i++ {
			if outs[i] != outs[0] {
				t.Fatalf("%s differs between worker counts:\n%s", name, testutil.Diff(outs[0], outs[i]))
			}
		}
	}
}

func TestDisplayNames(t *testing.T) {
	items := []audit.Item{{Path: "2023/a.pdf"}, {Path: "2024/a.pdf"}, {Path: "x/b.html"}}
	got := strings.Join(render.DisplayNamesForTest(items), " ")
	if want := "2023/a.pdf 2024/a.pdf b.html"; got != want {
		t.Errorf("names = %s, want %s", got, want)
	}
}
