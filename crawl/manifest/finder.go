package manifest

import (
	"cmp"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
)

// maxUp is how many folders above a file are searched for a manifest. The
// crawl layout is DIR/<host>/<report>/<file>, three levels; a few more allow
// a download folder kept inside a larger archive.
const maxUp = 6

// Finder finds the manifest entry of local files: it looks for
// manifest.jsonl in the file's folder and its parents, reads each manifest
// once and remembers it. It is safe for concurrent use.
type Finder struct {
	mu    sync.Mutex
	byDir map[string]*loaded
}

type loaded struct {
	m   *Manifest // nil when the folder has no manifest or it is damaged
	err error
}

// NewFinder returns a Finder with an empty cache.
func NewFinder() *Finder {
	return &Finder{byDir: map[string]*loaded{}}
}

// Lookup returns the entry of file from the nearest manifest that lists it.
// ok is false when no manifest lists the file. err reports a manifest that
// could not be read (once per manifest: later lookups skip it silently).
func (f *Finder) Lookup(file string) (e Entry, ok bool, err error) {
	_, e, ok, err = f.lookup(file)
	return e, ok, err
}

// Wrapper reports whether file is a crawled report page that only wraps
// its attachments (Manifest.Wrapper): the report is in a document of the
// same report, downloaded beside it. err is as for Lookup.
func (f *Finder) Wrapper(file string) (bool, error) {
	m, e, ok, err := f.lookup(file)
	if !ok {
		return false, err
	}
	return m.Wrapper(e), err
}

// Local returns the file the crawler saved for what the saved page at path
// calls ref (an <img src>): ref resolved against the page's final address
// and looked up in the page's manifest (extract.Downloads). ok is false when
// the page or ref was not downloaded.
func (f *Finder) Local(path, ref string) (file string, ok bool) {
	m, page, ok, _ := f.lookup(path)
	if !ok {
		return "", false
	}
	base, err := url.Parse(cmp.Or(page.FinalURL, page.URL))
	if err != nil {
		return "", false
	}
	r, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return "", false
	}
	u := base.ResolveReference(r)
	u.Fragment = ""
	e, ok := m.ByURL(u.String())
	if !ok || e.Path == page.Path {
		return "", false
	}
	return filepath.Join(m.Dir, filepath.FromSlash(e.Path)), true
}

// Companion reports whether file is a picture the crawler took from a
// report page's article (KindImage) whose page it saved too: the page reads
// it (Local), so a folder walk leaves it to the page instead of reading a
// table's picture as a report of its own.
func (f *Finder) Companion(file string) bool {
	m, e, ok, _ := f.lookup(file)
	if !ok || e.Kind != KindImage || e.FoundOn == "" {
		return false
	}
	page, ok := m.ByURL(e.FoundOn)
	return ok && page.Kind == KindPage && fileExists(filepath.Join(m.Dir, filepath.FromSlash(page.Path)))
}

// lookup is Lookup that also returns the manifest listing the file.
func (f *Finder) lookup(file string) (m *Manifest, e Entry, ok bool, err error) {
	abs, aerr := filepath.Abs(file)
	if aerr != nil {
		return nil, Entry{}, false, nil
	}
	dir := filepath.Dir(abs)
	for range maxUp + 1 {
		l, first := f.load(dir)
		if l.err != nil && first && err == nil {
			err = l.err
		}
		if l.m != nil {
			if e, ok := l.m.Lookup(abs); ok {
				return l.m, e, true, err
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return nil, Entry{}, false, err
}

// load returns the manifest of dir (cached); first is true the first time
// dir is read.
func (f *Finder) load(dir string) (*loaded, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if l, ok := f.byDir[dir]; ok {
		return l, false
	}
	l := &loaded{}
	if fileExists(filepath.Join(dir, FileName)) {
		l.m, l.err = Read(dir)
	}
	f.byDir[dir] = l
	return l, true
}
