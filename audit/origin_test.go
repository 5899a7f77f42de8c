package audit_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/audit"
	crawlmanifest "github.com/nianbao/nianbao/crawl/manifest"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/rules"
)

// TestManifestOrigin: a file downloaded by `nianbao crawl` carries its source
// URL, and the report page's publication date replaces the PDF's creation
// date, so TIME-DEADLINE judges the date the page states.
func TestManifestOrigin(t *testing.T) {
	root := testutil.RepoRoot(t)
	src, err := os.ReadFile(filepath.Join(root, "fixtures", "pdf", "clean-chromium-sans-dept.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rel := "127.0.0.1/2024-report/report.pdf"
	file := filepath.Join(dir, filepath.FromSlash(rel))
	other := filepath.Join(dir, "127.0.0.1", "other.pdf") // not in the manifest
	for _, f := range []string{file, other} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m := crawlmanifest.Empty(dir)
	if err := m.Put(crawlmanifest.Entry{Path: rel, URL: "http://127.0.0.1/a/report.pdf", FinalURL: "http://127.0.0.1/b/report.pdf",
		FoundOn: "http://127.0.0.1/a/t1.html", Kind: crawlmanifest.KindAttachment, Status: 200,
		Published: "2025-02-10", PublishedFrom: "meta", Change: crawlmanifest.New}); err != nil {
		t.Fatal(err)
	}
	if err := m.Write(); err != nil {
		t.Fatal(err)
	}

	run := func(withManifest bool) *audit.Result {
		opt := audit.Options{Workers: 2, Rules: true, Profile: rules.DefaultProfile()}
		if withManifest {
			opt.Manifests = crawlmanifest.NewFinder()
		}
		return audit.Run(context.Background(), []string{file, other}, opt)
	}
	plain, withM := run(false), run(true)
	for _, res := range []*audit.Result{plain, withM} {
		for _, it := range res.Items {
			if it.Err != nil {
				t.Fatalf("%s: %v", it.Path, it.Err)
			}
		}
	}
	if plain.Items[0].Source != nil || withM.Items[1].Source != nil {
		t.Errorf("a file without a manifest entry has a source")
	}
	it := withM.Items[0]
	if it.Source == nil || it.Source.FinalURL != "http://127.0.0.1/b/report.pdf" || it.Source.FoundOn != "http://127.0.0.1/a/t1.html" {
		t.Fatalf("source = %+v", it.Source)
	}
	// Without the manifest the date is the signature's (or the PDF's).
	if r := plain.Items[0].Report; r.Published == "2025-02-10" || r.PublishedFrom == audit.PublishedFromManifest {
		t.Fatalf("without manifest Published = %q from %q", r.Published, r.PublishedFrom)
	}
	if r := it.Report; r.Published != "2025-02-10" || r.PublishedFrom != audit.PublishedFromManifest {
		t.Fatalf("with manifest Published = %q from %q", r.Published, r.PublishedFrom)
	}
	if r := withM.Items[1].Report; r.PublishedFrom == audit.PublishedFromManifest {
		t.Errorf("file outside the manifest: PublishedFrom = %q", r.PublishedFrom)
	}
	// Findings: exactly those without the manifest plus the late publication.
	ids := func(it audit.Item) map[string]string {
		out := map[string]string{}
		for _, f := range it.Findings {
			out[f.Rule+"|"+f.Fingerprint] = f.Message
		}
		return out
	}
	before, after := ids(plain.Items[0]), ids(it)
	var added []string
	for k, msg := range after {
		if _, ok := before[k]; !ok {
			added = append(added, msg)
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			t.Errorf("finding lost with the manifest: %s", k)
		}
	}
	if len(added) != 1 || !strings.Contains(added[0], "发布日期2025-02-10晚于") {
		t.Errorf("findings added by the manifest date = %q, want one TIME-DEADLINE on 2025-02-10", added)
	}
}

// TestManifestDamaged: a manifest that cannot be read is a problem of the
// report, not a failure of the run.
func TestManifestDamaged(t *testing.T) {
	root := testutil.RepoRoot(t)
	src, err := os.ReadFile(filepath.Join(root, "fixtures", "html", "clean-chromium-sans-dept.html"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "h", "r", "page.html")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, crawlmanifest.FileName), []byte("{not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := audit.Run(context.Background(), []string{file}, audit.Options{Manifests: crawlmanifest.NewFinder()})
	it := res.Items[0]
	if it.Err != nil || it.Source != nil {
		t.Fatalf("err %v source %+v", it.Err, it.Source)
	}
	found := false
	for _, p := range it.Report.Problems {
		if p.Code == "manifest" && strings.Contains(p.Message, "第 1 行无法解析") {
			found = true
		}
	}
	if !found {
		t.Errorf("problems %+v lack the damaged manifest", it.Report.Problems)
	}
}
