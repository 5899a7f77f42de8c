package crawl

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Caps on the names the crawler writes (bytes of UTF-8; most file systems
// allow 255 bytes per name).
const (
	maxSegment = 150 // one folder or file name
	maxSlug    = 90  // the title part of a report folder
)

// safeName turns s into one file or folder name that cannot leave its
// folder: no path separators, no "." or "..", no control or reserved
// characters, no leading dot or trailing dot/space, at most max bytes (cut
// at a character boundary, keeping the extension). An empty result is "_".
func safeName(s string, maxBytes int) string {
	var b strings.Builder
	lastUnderscore := false
	for _, r := range s {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), r == 0x2028, r == 0x2029:
			continue
		case strings.ContainsRune(`/\:*?"<>|`, r), unicode.IsSpace(r):
			r = '_'
		}
		if r == '_' {
			if lastUnderscore {
				continue
			}
			lastUnderscore = true
		} else {
			lastUnderscore = false
		}
		b.WriteRune(r)
	}
	out := strings.Trim(b.String(), "._ ")
	if out == "" {
		return "_"
	}
	if len(out) > maxBytes {
		ext := path.Ext(out)
		if len(ext) > 16 || !isASCII(ext) {
			ext = ""
		}
		stem := cutBytes(strings.TrimSuffix(out, ext), maxBytes-len(ext))
		out = strings.TrimRight(stem, "._ ") + ext
	}
	if reservedWindows(out) {
		out = "_" + out
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// cutBytes shortens s to at most n bytes without splitting a character.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// reservedWindows reports device names Windows refuses as file names.
func reservedWindows(name string) bool {
	base := strings.ToUpper(strings.TrimSuffix(name, path.Ext(name)))
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) && base[3] >= '1' && base[3] <= '9' {
		return true
	}
	return false
}

// hostDir is the folder of a host: "www.example.gov.cn", or
// "127.0.0.1_8080" when the URL names a port.
func hostDir(u *url.URL) string {
	return safeName(strings.ToLower(u.Host), maxSegment)
}

// urlFileName is a file name for u: the last segment of its path, decoded,
// made safe; "index.html" for a folder URL. ext is added when the name has
// none.
func urlFileName(u *url.URL, ext string) string {
	seg := path.Base(u.EscapedPath())
	if seg == "/" || seg == "." || seg == "" {
		seg = "index"
	}
	if d, err := url.PathUnescape(seg); err == nil {
		seg = d
	}
	name := safeName(seg, maxSegment)
	if path.Ext(name) == "" && ext != "" {
		name = safeName(name+ext, maxSegment)
	}
	return name
}

// fileNameFor names a downloaded attachment or image: the document name a
// download script carries in its query, else the URL's last segment, with
// the extension the content type implies when the name has no document or
// image extension of its own (downfile.jsp served as application/pdf →
// downfile.pdf).
func fileNameFor(u *url.URL, contentType string) string {
	if q := queryDocName(u); q != "" {
		if d, err := url.PathUnescape(q); err == nil {
			q = d
		}
		return safeName(q, maxSegment)
	}
	name := urlFileName(u, "")
	ext := strings.ToLower(path.Ext(name))
	if want := extFor(contentType); want != "" && !documentExts[ext] && !imageExts[ext] && ext != want {
		name = safeName(strings.TrimSuffix(name, path.Ext(name))+want, maxSegment)
	}
	return name
}

// within joins rel (a slash path of safe names) to dir and checks that the
// result lies inside dir and that no existing folder on the way is a
// symbolic link (which could point outside).
func within(dir, rel string) (string, error) {
	if rel == "" || strings.HasPrefix(rel, "/") || strings.Contains(rel, "\\") {
		return "", fmt.Errorf("路径“%s”无效", rel)
	}
	parts := strings.Split(rel, "/")
	for _, p := range parts {
		if p == "" || p == "." || p == ".." {
			return "", fmt.Errorf("路径“%s”无效", rel)
		}
	}
	full := filepath.Join(append([]string{dir}, parts...)...)
	r, err := filepath.Rel(dir, full)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) || filepath.IsAbs(r) {
		return "", fmt.Errorf("路径“%s”会超出下载目录", rel)
	}
	cur := dir
	for _, p := range parts {
		cur = filepath.Join(cur, p)
		st, err := os.Lstat(cur)
		if errors.Is(err, fs.ErrNotExist) {
			break
		}
		if err != nil {
			return "", err
		}
		if st.Mode()&os.ModeSymlink != 0 {
			return "", fmt.Errorf("路径“%s”经过符号链接 %s，拒绝写入", rel, cur)
		}
	}
	return full, nil
}

// writeFile stores data at full atomically (temporary file, then rename).
func writeFile(full string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(full), ".nianbao-*.tmp")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), full); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
