package manifest

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestValidPath(t *testing.T) {
	for p, want := range map[string]bool{
		"a/b/c.pdf": true, "127.0.0.1/2023-报告/page.html": true,
		"": false, "/etc/passwd": false, "../x": false, "a/../../x": false, "a/./b": false,
		"a//b": false, "a/": false, ".": false, "a\\b": false, "a/..": false, "a\x00b": false,
	} {
		if got := ValidPath(p); got != want {
			t.Errorf("ValidPath(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestRoundTripAndLookup(t *testing.T) {
	dir := t.TempDir()
	m, err := Read(dir) // no file yet: empty
	if err != nil || m.Len() != 0 {
		t.Fatalf("Read empty: %v %d", err, m.Len())
	}
	a := Entry{Path: "h/2023-x/page.html", URL: "http://h/t.html", FinalURL: "http://h/t.html", Kind: KindPage,
		Status: 200, Size: 3, SHA256: "ab", ETag: `"e1"`, Title: "某局2023年政府信息公开工作年度报告", Year: 2023,
		Published: "2024-01-20", PublishedFrom: "meta", Change: New}
	b := Entry{Path: "h/2023-x/report.pdf", URL: "http://h/r.pdf", FinalURL: "http://h/r2.pdf", FoundOn: a.URL,
		Kind: KindAttachment, Status: 304, Change: Unchanged}
	for _, e := range []Entry{b, a} {
		if err := m.Put(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.Put(Entry{Path: "../escape"}); err == nil {
		t.Error("Put accepted ../escape")
	}
	if err := m.Write(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, FileName))
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"path":"h/2023-x/page.html"`) || !strings.Contains(lines[0], "某局") {
		t.Fatalf("manifest file:\n%s", data)
	}
	m2, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m2.Entries(), []Entry{a, b}) {
		t.Fatalf("round trip: %+v", m2.Entries())
	}
	if e, ok := m2.ByURL("http://h/r2.pdf"); !ok || e.Path != b.Path {
		t.Errorf("ByURL final = %+v %v", e, ok)
	}
	if e, ok := m2.Lookup(filepath.Join(dir, "h", "2023-x", "report.pdf")); !ok || e.URL != b.URL {
		t.Errorf("Lookup = %+v %v", e, ok)
	}
	if _, ok := m2.Lookup(filepath.Join(dir, "..", "report.pdf")); ok {
		t.Error("Lookup outside the folder succeeded")
	}

	// Finder: from a file three folders down, from a relative path, and a miss.
	f := NewFinder()
	e, ok, err := f.Lookup(filepath.Join(dir, "h", "2023-x", "page.html"))
	if err != nil || !ok || e.Title != a.Title {
		t.Errorf("Finder.Lookup = %+v %v %v", e, ok, err)
	}
	wd, _ := os.Getwd()
	if rel, err := filepath.Rel(wd, filepath.Join(dir, "h", "2023-x", "report.pdf")); err == nil {
		if e, ok, _ := f.Lookup(rel); !ok || e.Path != b.Path {
			t.Errorf("Finder.Lookup(relative) = %+v %v", e, ok)
		}
	}
	if _, ok, err := f.Lookup(filepath.Join(dir, "h", "other.pdf")); ok || err != nil {
		t.Errorf("Finder.Lookup(unlisted) = %v %v", ok, err)
	}
}

func TestReadDamaged(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, FileName), []byte(`{"path":"a","url":"u","change":"new"}`+"\n"+`{"path":"../b"}`+"\n"), 0o644)
	if _, err := Read(dir); err == nil || !strings.Contains(err.Error(), "第 2 行") {
		t.Errorf("Read = %v, want an error on line 2", err)
	}
	f := NewFinder()
	if _, _, err := f.Lookup(filepath.Join(dir, "a")); err == nil {
		t.Error("Finder hid a damaged manifest")
	}
	if _, _, err := f.Lookup(filepath.Join(dir, "a")); err != nil {
		t.Error("Finder reported the same damaged manifest twice")
	}
}

// TestWrapper: a report page with a short article is a wrapper only while a
// document of the same report lies beside it; a page carrying the report,
// a page whose attachment is a picture or is missing, and an attachment
// itself are not.
func TestWrapper(t *testing.T) {
	dir := t.TempDir()
	m := Empty(dir)
	put := func(e Entry, file bool) {
		t.Helper()
		if err := m.Put(e); err != nil {
			t.Fatal(err)
		}
		if file {
			p := filepath.Join(dir, filepath.FromSlash(e.Path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	wrap := Entry{Path: "h/2024-a/page.html", Kind: KindPage, ReportURL: "http://h/a.html", ArticleChars: 60}
	put(wrap, true)
	put(Entry{Path: "h/2024-a/P0.PDF", Kind: KindAttachment, ReportURL: "http://h/a.html"}, true)
	full := Entry{Path: "h/2024-b/page.html", Kind: KindPage, ReportURL: "http://h/b.html", ArticleChars: 4200}
	put(full, true)
	put(Entry{Path: "h/2024-b/P1.pdf", Kind: KindAttachment, ReportURL: "http://h/b.html"}, true)
	pics := Entry{Path: "h/2024-c/page.html", Kind: KindPage, ReportURL: "http://h/c.html", ArticleChars: 80}
	put(pics, true)
	put(Entry{Path: "h/2024-c/t3.png", Kind: KindImage, ReportURL: "http://h/c.html"}, true)
	gone := Entry{Path: "h/2024-d/page.html", Kind: KindPage, ReportURL: "http://h/d.html", ArticleChars: 80}
	put(gone, true)
	put(Entry{Path: "h/2024-d/P2.doc", Kind: KindAttachment, ReportURL: "http://h/d.html"}, false) // deleted since
	for _, c := range []struct {
		e    Entry
		want bool
	}{{wrap, true}, {full, false}, {pics, false}, {gone, false}, {m.entries["h/2024-a/P0.PDF"], false}} {
		if got := m.Wrapper(c.e); got != c.want {
			t.Errorf("Wrapper(%s) = %v, want %v", c.e.Path, got, c.want)
		}
	}
	// the attachment moved to another report (an entry replaced): the page
	// no longer wraps it
	put(Entry{Path: "h/2024-a/P0.PDF", Kind: KindAttachment, ReportURL: "http://h/e.html"}, true)
	if m.Wrapper(wrap) {
		t.Error("Wrapper follows an attachment that moved to another report")
	}
	put(Entry{Path: "h/2024-a/P0.PDF", Kind: KindAttachment, ReportURL: "http://h/a.html"}, true)
	if err := m.Write(); err != nil {
		t.Fatal(err)
	}
	f := NewFinder()
	if ok, err := f.Wrapper(filepath.Join(dir, "h", "2024-a", "page.html")); !ok || err != nil {
		t.Errorf("Finder.Wrapper(wrapper page) = %v %v", ok, err)
	}
	if ok, err := f.Wrapper(filepath.Join(dir, "h", "2024-b", "page.html")); ok || err != nil {
		t.Errorf("Finder.Wrapper(report page) = %v %v", ok, err)
	}
}

// TestByURLKeptOnReplace: replacing an entry under the same path moves its
// addresses; of two entries of one address the first by path answers.
func TestByURLKeptOnReplace(t *testing.T) {
	m := Empty(t.TempDir())
	put := func(e Entry) {
		t.Helper()
		if err := m.Put(e); err != nil {
			t.Fatal(err)
		}
	}
	put(Entry{Path: "h/b.pdf", URL: "http://h/old.pdf", FinalURL: "http://h/final.pdf"})
	put(Entry{Path: "h/b.pdf", URL: "http://h/new.pdf"}) // the same file, fetched from a new address
	if _, ok := m.ByURL("http://h/old.pdf"); ok {
		t.Error("the replaced entry's URL still answers")
	}
	if _, ok := m.ByURL("http://h/final.pdf"); ok {
		t.Error("the replaced entry's final URL still answers")
	}
	if e, ok := m.ByURL("http://h/new.pdf"); !ok || e.Path != "h/b.pdf" {
		t.Errorf("ByURL new = %+v %v", e, ok)
	}
	put(Entry{Path: "h/a.pdf", URL: "http://h/new.pdf"})
	if e, _ := m.ByURL("http://h/new.pdf"); e.Path != "h/a.pdf" {
		t.Errorf("ByURL of two = %s, want the first by path", e.Path)
	}
}

// TestLocalAndCompanion: a crawled page's pictures are found by the
// addresses the page gives them (full, from the site's root, relative, with
// a fragment), and a folder walk leaves them to the page; a picture whose
// page is gone, a document, and an address not downloaded are not.
func TestLocalAndCompanion(t *testing.T) {
	dir := t.TempDir()
	m := Empty(dir)
	page := Entry{Path: "h/2024-x/page.html", URL: "http://h/nb/t1.html", FinalURL: "http://h/nb/2024/t1.html", Kind: KindPage}
	img := Entry{Path: "h/2024-x/W01.png", URL: "http://h/up/2024/W01.png", FoundOn: page.URL, Kind: KindImage}
	lost := Entry{Path: "h/2023-y/W02.png", URL: "http://h/up/W02.png", FoundOn: "http://h/nb/gone.html", Kind: KindImage}
	pdf := Entry{Path: "h/2024-x/report.pdf", URL: "http://h/nb/2024/r.pdf", FoundOn: page.URL, Kind: KindAttachment}
	for _, e := range []Entry{page, img, lost, pdf} {
		if err := m.Put(e); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(e.Path)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Path), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.Write(); err != nil {
		t.Fatal(err)
	}
	f := NewFinder()
	pagePath := filepath.Join(dir, "h", "2024-x", "page.html")
	want := filepath.Join(dir, "h", "2024-x", "W01.png")
	for _, ref := range []string{"http://h/up/2024/W01.png", "/up/2024/W01.png", "../../up/2024/W01.png", " /up/2024/W01.png#x"} {
		if got, ok := f.Local(pagePath, ref); !ok || got != want {
			t.Errorf("Local(%q) = %q %v, want %q", ref, got, ok, want)
		}
	}
	for _, ref := range []string{"/up/2024/W09.png", "http://other/up/2024/W01.png", "t1.html"} {
		if got, ok := f.Local(pagePath, ref); ok {
			t.Errorf("Local(%q) = %q, want none", ref, got)
		}
	}
	if _, ok := f.Local(filepath.Join(t.TempDir(), "page.html"), "/up/2024/W01.png"); ok {
		t.Error("Local answered for a page not crawled")
	}
	for name, want := range map[string]bool{"h/2024-x/W01.png": true, "h/2023-y/W02.png": false, "h/2024-x/report.pdf": false, "h/2024-x/page.html": false} {
		if got := f.Companion(filepath.Join(dir, name)); got != want {
			t.Errorf("Companion(%s) = %v, want %v", name, got, want)
		}
	}
}
