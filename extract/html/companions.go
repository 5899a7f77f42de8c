package html

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	xhtml "golang.org/x/net/html"
)

// resourceDirSuffixes name the folder a page is saved with, beside it:
// browsers ("网页，全部": 页面_files) and Word or WPS ("另存为网页":
// 页面.files) put the page's pictures, styles and frames there.
var resourceDirSuffixes = []string{"_files", ".files"}

// Bounds on reading a page for the pictures it shows: a hostile page costs
// no more than this.
const (
	maxCompanionScan   = 16 << 20
	maxCompanionImages = 4096
)

// companions is Backend.Companions for web pages: the page's resource
// folders that exist, and (readFiles) the local files its <img> elements
// show, as extract reads them (tableImages).
func companions(path string, readFiles bool) (dirs, files []string) {
	stem := strings.TrimSuffix(path, filepath.Ext(path))
	for _, suffix := range resourceDirSuffixes {
		if st, err := os.Stat(stem + suffix); err == nil && st.IsDir() {
			dirs = append(dirs, stem+suffix)
		}
	}
	if readFiles {
		files = localImages(path)
	}
	return dirs, files
}

// localImages lists, once each and in page order, the files on disk that
// the page's <img src> attributes name (localPath); nil when the page
// cannot be opened.
func localImages(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	z := xhtml.NewTokenizer(io.LimitReader(f, maxCompanionScan))
	seen := map[string]bool{}
	var out []string
	for len(out) < maxCompanionImages {
		switch z.Next() {
		case xhtml.ErrorToken:
			return out
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, more := z.TagName()
			if string(name) != "img" {
				continue
			}
			for more {
				var key, val []byte
				key, val, more = z.TagAttr()
				if string(key) != "src" && !slices.Contains(lazyAttrs, string(key)) {
					continue
				}
				if p, err := localPath(path, strings.TrimSpace(string(val))); err == nil && !seen[p] {
					seen[p] = true
					out = append(out, p)
				}
			}
		}
	}
	return out
}
