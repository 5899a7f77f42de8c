package audit

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/extract/load"
	"github.com/nianbao/nianbao/internal/errtext"
)

// Expand turns the user's paths into a sorted, de-duplicated list of files.
// Folders are walked recursively for files nianbao reads; files named
// explicitly are kept whatever their extension or kind (a named FIFO or
// device is refused later, at once, by Run). Paths that do not exist are
// returned as errors (the run goes on with the rest).
//
// A walk follows symbolic links to files and to folders. Every real folder
// is walked once, so a link back to an ancestor (a loop) ends the descent,
// and every real file is listed once, under the first of its names in name
// order. Hidden folders (.git) are skipped; FIFOs, sockets and devices found
// in a folder are not reports and are left out without opening them.
func Expand(paths []string) ([]string, []error) {
	files, _, errs := ExpandAll(paths)
	return files, errs
}

// ExpandAll is Expand that also lists, in name order, the files of the
// walked folders that a report may come in but nianbao does not read
// (load.Unread: an OFD file, a ZIP archive), which the walk leaves out, so
// that the caller can say so (Result.Unread).
func ExpandAll(paths []string) (files []string, unread []Unread, errs []error) {
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: 无法访问：%w", p, errtext.Read(err)))
			continue
		}
		if !st.IsDir() {
			add(p)
			continue
		}
		w := walker{dirs: map[string]bool{}}
		w.walk(p)
		w.leaveCompanions()
		errs = append(errs, w.errs...)
		slices.Sort(w.unread)
		for _, f := range w.unread {
			what, _ := load.Unread(f)
			unread = append(unread, Unread{Path: f, What: what})
		}
		sort.Slice(w.found, func(i, j int) bool { return w.found[i].path < w.found[j].path })
		real := map[string]bool{}
		for _, f := range w.found {
			if !real[f.real] {
				real[f.real] = true
				add(f.path)
			}
		}
	}
	return files, unread, errs
}

// walker collects the report files under one folder.
type walker struct {
	dirs   map[string]bool // real paths of the folders walked
	found  []walked
	unread []string // files in a format nianbao does not read (load.Unread)
	errs   []error
}

type walked struct{ path, real string }

// walk lists dir, whose real path is not yet known to be walked.
func (w *walker) walk(dir string) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		w.errs = append(w.errs, fmt.Errorf("%s: 无法读取目录：%w", dir, errtext.Read(err)))
		return
	}
	if w.dirs[real] {
		return // reached again through a link: walked once already
	}
	w.dirs[real] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.errs = append(w.errs, fmt.Errorf("%s: 无法读取目录：%w", dir, errtext.Read(err)))
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		mode := e.Type()
		if mode&fs.ModeSymlink != 0 {
			st, err := os.Stat(path) // follows the link without opening the target
			if err != nil {
				continue // a dangling link or a link loop names nothing to read
			}
			mode = st.Mode().Type()
		}
		switch {
		case mode.IsDir():
			if e.Name()[0] != '.' {
				w.walk(path)
			}
		case mode.IsRegular():
			if _, ok := load.Unread(path); ok {
				w.unread = append(w.unread, path)
				continue
			}
			if !load.Supported(path) || projectDoc(e.Name()) {
				continue
			}
			r, err := filepath.EvalSymlinks(path)
			if err != nil {
				r = path
			}
			w.found = append(w.found, walked{path, r})
		}
		// FIFOs, sockets and devices are not reports; opening a FIFO
		// would block the walk.
	}
}

// leaveCompanions drops from the walk what a document found in it takes in
// from beside it (load.Companions): a saved web page's folder of pictures,
// styles and frames (页面_files, 页面.files), and the pictures the page shows,
// which its reading OCRs where they stand. Read on their own they would be
// reports without text (a logo, a button) or a table without its report.
// The pages are read for their pictures only when the walk found pictures.
func (w *walker) leaveCompanions() {
	pictures := slices.ContainsFunc(w.found, func(f walked) bool { return load.Picture(f.path) })
	dirs, files := map[string]bool{}, map[string]bool{}
	for _, f := range w.found {
		ds, fs := load.Companions(f.path, pictures)
		for _, d := range ds {
			if r, err := filepath.EvalSymlinks(d); err == nil {
				dirs[r] = true
			}
		}
		for _, x := range fs {
			if r, err := filepath.EvalSymlinks(x); err == nil {
				files[r] = true
			}
		}
	}
	if len(dirs)+len(files) == 0 {
		return
	}
	taken := func(real string) bool {
		if files[real] {
			return true
		}
		for d := filepath.Dir(real); ; d = filepath.Dir(d) {
			if dirs[d] {
				return true
			}
			if filepath.Dir(d) == d {
				return false
			}
		}
	}
	w.found = slices.DeleteFunc(w.found, func(f walked) bool { return taken(f.real) })
	w.unread = slices.DeleteFunc(w.unread, func(p string) bool {
		r, err := filepath.EvalSymlinks(p)
		return err == nil && taken(r)
	})
}

// projectDoc reports whether a file found in a folder is the folder's own
// documentation (README.md, NOTES.md, SOURCES.md …) rather than a report.
// Such files are audited only when named explicitly. index.html is not one:
// a saved web page is named so.
func projectDoc(name string) bool {
	base := strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))
	switch base {
	case "README", "NOTES", "SOURCES", "LICENSE", "CHANGELOG", "CONTRIBUTING", "MANIFEST":
		return true
	}
	return base == "INDEX" && !strings.HasPrefix(strings.ToLower(filepath.Ext(name)), ".htm")
}
