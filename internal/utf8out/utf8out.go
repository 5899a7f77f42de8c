// Package utf8out keeps a text output valid UTF-8. Everything nianbao reads
// is decoded to valid UTF-8, except file names: a name made on Windows and
// unpacked on Linux is often GBK bytes, which a CSV, HTML, Markdown or
// terminal output would otherwise carry as they are (Excel and browsers
// then show the whole cell or line as garbage, and a JSON or XML consumer
// refuses it). Show gives such a name as it was meant (GB18030 is GBK's
// superset) where its bytes read so, else with U+FFFD for each byte that is
// not UTF-8; the JSON and XLSX writers use it too.
package utf8out

import (
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Show returns s as valid UTF-8: s itself when it is; else each run of
// non-ASCII bytes that is not UTF-8 is read as GB18030 when it is that,
// and otherwise has U+FFFD for each byte that is not part of a valid
// sequence.
func Show(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= utf8.RuneSelf {
			j++
		}
		b.WriteString(showRun(s[i:j]))
		i = j
	}
	return b.String()
}

// showRun is Show for a run of non-ASCII bytes: its UTF-8 up to the first
// byte that is not, then the rest read as GB18030 when it is that (the
// file name after “文件：”), else byte by byte.
func showRun(run string) string {
	if utf8.ValidString(run) {
		return run
	}
	k := 0
	for k < len(run) {
		r, size := utf8.DecodeRuneInString(run[k:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		k += size
	}
	rest := run[k:]
	if d, err := simplifiedchinese.GB18030.NewDecoder().String(rest); err == nil && utf8.ValidString(d) && !strings.ContainsRune(d, utf8.RuneError) {
		return run[:k] + d
	}
	var b strings.Builder
	for len(run) > 0 {
		r, size := utf8.DecodeRuneInString(run)
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(run[:size])
		}
		run = run[size:]
	}
	return b.String()
}

// Writer writes text through Show. Valid UTF-8 passes unchanged; a run of
// non-ASCII bytes at the end of a write is held until the next write (or
// Flush) ends it, so that how the text is cut into writes does not change
// what comes out.
//
// The first error of the underlying writer sticks: later writes write
// nothing and return it, and so does Flush. A renderer that does not check
// every Fprintf (a terminal table, a disk that fills) cannot lose it: the
// caller's Flush reports it.
type Writer struct {
	w    io.Writer
	held []byte // the non-ASCII run the last write ended in
	err  error  // the first write error
}

// New returns a Writer writing to w.
func New(w io.Writer) *Writer { return &Writer{w: w} }

// maxHeld bounds what a Writer holds: a longer run is shown as it stands.
const maxHeld = 64 << 10

// Write writes p through Show; it reports len(p) when the text was
// written.
func (v *Writer) Write(p []byte) (int, error) {
	if v.err != nil {
		return 0, v.err
	}
	n := len(p)
	if len(v.held) > 0 {
		p = append(v.held, p...) // v.held is its own array
		v.held = nil
	}
	cut := len(p)
	for cut > 0 && p[cut-1] >= utf8.RuneSelf {
		cut--
	}
	if len(p)-cut > maxHeld {
		cut = len(p)
	}
	if cut < len(p) {
		v.held = append([]byte(nil), p[cut:]...)
		p = p[:cut]
	}
	if utf8.Valid(p) {
		_, v.err = v.w.Write(p)
	} else {
		_, v.err = io.WriteString(v.w, Show(string(p)))
	}
	if v.err != nil {
		return 0, v.err
	}
	return n, nil
}

// Flush writes what is held from the last write and returns the first
// write error, if any.
func (v *Writer) Flush() error {
	if v.err != nil || len(v.held) == 0 {
		return v.err
	}
	held := string(v.held)
	v.held = nil
	_, v.err = io.WriteString(v.w, Show(held))
	return v.err
}
