// Package manifest reads and writes DIR/manifest.jsonl, the record that
// `nianbao crawl` and `nianbao fetch` keep of every file they downloaded into
// DIR: where it came from (URL, final URL after redirects, the page it was
// found on), when and how it was fetched (time, HTTP status, content type,
// size, SHA-256, Last-Modified, ETag), what the report page says about it
// (title, publication date) and what the last run did with it (change:
// new, changed, unchanged, unchecked).
//
// The file is JSON Lines, one Entry per line, sorted by Path, rewritten
// atomically at the end of each run. Readers (audit, dataset) find the entry
// of a local file with Finder.Lookup. The format is documented in README.md
// ("For researchers"); fields may be added, never renamed.
package manifest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/internal/errtext"
	"github.com/nianbao/nianbao/internal/regular"
)

// FileName is the manifest's name inside the download folder.
const FileName = "manifest.jsonl"

// MaxSize is the largest manifest read (about half a million entries; a
// crawl of a portal writes a few thousand): a larger one, or one that is
// not a regular file, is refused rather than read whole.
const MaxSize = 256 << 20

// Change says what the last run did with a file.
type Change string

// The changes a run records.
const (
	// New: the file was downloaded for the first time.
	New Change = "new"
	// Changed: the file was downloaded again and its content differs.
	Changed Change = "changed"
	// Unchanged: the server answered 304 Not Modified, or sent the same bytes.
	Unchanged Change = "unchanged"
	// Unchecked: an entry of an earlier run that this run did not reach.
	Unchecked Change = "unchecked"
)

// Kinds of file.
const (
	KindListing    = "listing"    // a listing page (kept only when asked for)
	KindPage       = "page"       // a report page
	KindAttachment = "attachment" // a document linked from a report page (.pdf .doc .docx .wps …)
	KindImage      = "image"      // an image in a report page's article (tables published as pictures)
	KindFile       = "file"       // a URL given to `nianbao fetch`
)

// Entry describes one downloaded file.
type Entry struct {
	// Path is the file's location relative to the manifest's folder, with
	// forward slashes ("www.example.gov.cn/2023-平潭…/page.html").
	Path     string `json:"path"`
	URL      string `json:"url"`       // the URL requested
	FinalURL string `json:"final_url"` // after redirects
	// FoundOn is the page whose link led to URL ("" for a URL given on the
	// command line).
	FoundOn string `json:"found_on,omitempty"`
	Kind    string `json:"kind"`
	// Fetched is when the stored bytes were downloaded (RFC 3339, UTC);
	// Checked is when the server was last asked (the same, or later when it
	// answered 304).
	Fetched      string `json:"fetched"`
	Checked      string `json:"checked,omitempty"`
	Status       int    `json:"status"` // HTTP status of the last request (200, or 304)
	ContentType  string `json:"content_type,omitempty"`
	Size         int64  `json:"size"`
	SHA256       string `json:"sha256"`
	LastModified string `json:"last_modified,omitempty"`
	ETag         string `json:"etag,omitempty"`
	// Title, Year and Published are what the report page says: its
	// <meta ArticleTitle> or heading, the year in the title, and the
	// publication date (YYYY-MM-DD) from <meta PubDate> or its 发布日期 line.
	// An attachment carries those of the page it was found on.
	Title         string `json:"title,omitempty"`
	Year          int    `json:"year,omitempty"`
	Published     string `json:"published,omitempty"`
	PublishedFrom string `json:"published_from,omitempty"` // "meta" or "page"
	// ReportURL groups the files of one report: the report page's URL for
	// the page and everything found on it; for a document linked straight
	// from a listing, the document's own URL.
	ReportURL string `json:"report_url,omitempty"`
	// ArticleChars, for a report page, counts the Chinese characters and
	// digits of its article body: a page that only wraps its attachments
	// has few (the report is in the attachment), a page that carries the
	// report in HTML has thousands.
	ArticleChars int    `json:"article_chars,omitempty"`
	Change       Change `json:"change"`
}

// Manifest is the set of entries of one download folder.
type Manifest struct {
	Dir      string // the download folder
	entries  map[string]Entry
	byURL    map[string][]string // URL and final URL → the paths of their entries
	byReport map[string][]string // ReportURL → the paths of the report's files
}

// Empty returns an empty manifest for dir.
func Empty(dir string) *Manifest {
	return &Manifest{Dir: dir, entries: map[string]Entry{}, byURL: map[string][]string{}, byReport: map[string][]string{}}
}

// Read loads DIR/manifest.jsonl. A missing file is an empty manifest, not an
// error. A damaged line is an error naming the file and the line.
func Read(dir string) (*Manifest, error) {
	m := Empty(dir)
	name := filepath.Join(dir, FileName)
	data, err := regular.Read(name, MaxSize)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("读取抓取清单 %s 失败：%w", name, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var e Entry
		if err := json.Unmarshal(b, &e); err != nil {
			return nil, fmt.Errorf("抓取清单 %s 第 %d 行无法解析：%s", name, line, errtext.JSON(err))
		}
		if !ValidPath(e.Path) {
			return nil, fmt.Errorf("抓取清单 %s 第 %d 行的路径“%s”无效", name, line, e.Path)
		}
		m.put(e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("读取抓取清单 %s 失败：%w", name, err)
	}
	return m, nil
}

// ValidPath reports whether p is a clean relative slash path that stays
// inside the manifest's folder.
func ValidPath(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || strings.ContainsRune(p, 0) {
		return false
	}
	if path.Clean(p) != p || p == "." {
		return false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." || seg == "" {
			return false
		}
	}
	return true
}

// WrapperChars is the size of article below which a report page with a
// downloaded document is only the document's wrapper: a page that carries
// the report itself in HTML has its six parts and three tables, thousands
// of characters; a wrapper has the title, a date and a line or two
// introducing the attachment.
const WrapperChars = 500

// documentExts are the attachments that hold a report (not pictures).
var documentExts = map[string]bool{".pdf": true, ".doc": true, ".docx": true, ".wps": true, ".rtf": true, ".ofd": true}

// Wrapper reports whether e is a report page that only wraps the report's
// document: a page (KindPage) with an article of fewer than WrapperChars
// characters, and an attachment of the same report (same ReportURL) that is
// a document and lies in the folder. Audit and dataset leave such pages out
// of folder walks, so that a report published as an attachment is not also
// reported as a page that lacks every part. A page whose attachments all
// failed to download is not a wrapper: it is the only copy there is.
func (m *Manifest) Wrapper(e Entry) bool {
	if e.Kind != KindPage || e.ArticleChars >= WrapperChars || e.ReportURL == "" {
		return false
	}
	for _, p := range m.byReport[e.ReportURL] {
		a := m.entries[p]
		if a.Kind != KindAttachment || !documentExts[strings.ToLower(path.Ext(a.Path))] {
			continue
		}
		if st, err := os.Stat(filepath.Join(m.Dir, filepath.FromSlash(a.Path))); err == nil && st.Mode().IsRegular() {
			return true
		}
	}
	return false
}

// Len is the number of entries.
func (m *Manifest) Len() int { return len(m.entries) }

// Entries returns every entry, sorted by Path.
func (m *Manifest) Entries() []Entry {
	out := make([]Entry, 0, len(m.entries))
	for _, e := range m.entries {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Get returns the entry stored under a manifest path (relative, slashes).
func (m *Manifest) Get(rel string) (Entry, bool) {
	e, ok := m.entries[rel]
	return e, ok
}

// ByURL returns the entry whose URL (or final URL) is u; when several are,
// the first by path.
func (m *Manifest) ByURL(u string) (Entry, bool) {
	paths := m.byURL[u]
	if len(paths) == 0 {
		return Entry{}, false
	}
	return m.entries[slices.Min(paths)], true
}

// put stores e under e.Path and keeps the indexes by URL and by report.
func (m *Manifest) put(e Entry) {
	if old, ok := m.entries[e.Path]; ok {
		for _, u := range urls(old) {
			unindex(m.byURL, u, old.Path)
		}
		if old.ReportURL != "" {
			unindex(m.byReport, old.ReportURL, old.Path)
		}
	}
	m.entries[e.Path] = e
	for _, u := range urls(e) {
		m.byURL[u] = append(m.byURL[u], e.Path)
	}
	if e.ReportURL != "" {
		m.byReport[e.ReportURL] = append(m.byReport[e.ReportURL], e.Path)
	}
}

// unindex takes path out of index[key].
func unindex(index map[string][]string, key, path string) {
	index[key] = slices.DeleteFunc(index[key], func(p string) bool { return p == path })
	if len(index[key]) == 0 {
		delete(index, key)
	}
}

// urls are the addresses e is found by: its URL and, when different, its
// final URL.
func urls(e Entry) []string {
	var out []string
	for _, u := range []string{e.URL, e.FinalURL} {
		if u != "" && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// Put adds or replaces the entry under e.Path.
func (m *Manifest) Put(e Entry) error {
	if !ValidPath(e.Path) {
		return fmt.Errorf("抓取清单：路径“%s”无效", e.Path)
	}
	m.put(e)
	return nil
}

// Lookup finds the entry of a file given by its file-system path (absolute,
// or relative to the working directory). It returns false when the file is
// not inside the manifest's folder or has no entry.
func (m *Manifest) Lookup(file string) (Entry, bool) {
	rel, ok := relPath(m.Dir, file)
	if !ok {
		return Entry{}, false
	}
	return m.Get(rel)
}

// relPath is file relative to dir as a slash path, when file lies inside dir.
func relPath(dir, file string) (string, bool) {
	ad, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	af, err := filepath.Abs(file)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(ad, af)
	if err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if !ValidPath(rel) {
		return "", false
	}
	return rel, true
}

// Write stores the manifest as DIR/manifest.jsonl, sorted by path. The file
// is written to a temporary name and renamed, so a reader never sees half a
// manifest.
func (m *Manifest) Write() error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, e := range m.Entries() {
		if err := enc.Encode(e); err != nil {
			return fmt.Errorf("抓取清单：%w", err)
		}
	}
	if err := os.MkdirAll(m.Dir, 0o755); err != nil {
		return fmt.Errorf("抓取清单：无法创建目录 %s：%w", m.Dir, err)
	}
	name := filepath.Join(m.Dir, FileName)
	tmp, err := os.CreateTemp(m.Dir, ".manifest-*.tmp")
	if err != nil {
		return fmt.Errorf("抓取清单：无法写入 %s：%w", name, err)
	}
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("抓取清单：写入 %s 失败：%w", name, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("抓取清单：写入 %s 失败：%w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("抓取清单：写入 %s 失败：%w", name, err)
	}
	return nil
}

func fileExists(name string) bool {
	st, err := os.Stat(name)
	return err == nil && st.Mode().IsRegular()
}
