// Package utf8out keeps a text output valid UTF-8. Everything nianbao reads
// is decoded to valid UTF-8, except file names: a name made on Windows and
// unpacked on Linux is often GBK bytes, which a CSV, HTML, Markdown or
// terminal output would otherwise carry as they are (Excel and browsers
// then show the whole cell or line as garbage, and a JSON or XML consumer
// refuses it). The JSON and XLSX writers replace such bytes themselves.
package utf8out

import (
	"io"
	"unicode/utf8"
)

// Writer passes valid UTF-8 through unchanged and writes U+FFFD for each
// byte that is not part of a valid sequence. A sequence split between two
// writes is held until the next one; Flush ends the text (an unfinished
// sequence held then is invalid).
type Writer struct {
	w    io.Writer
	held []byte // the start of a sequence the last write ended in
	buf  []byte
}

// New returns a Writer writing to w.
func New(w io.Writer) *Writer { return &Writer{w: w} }

var replacement = []byte(string(utf8.RuneError))

// Write writes p, as valid UTF-8; it reports len(p) when the text was
// written.
func (v *Writer) Write(p []byte) (int, error) {
	n := len(p)
	if len(v.held) > 0 {
		p = append(v.held, p...) // v.held is its own array
		v.held = nil
	}
	if utf8.Valid(p) {
		_, err := v.w.Write(p)
		return n, err
	}
	v.buf = v.buf[:0]
	for len(p) > 0 {
		r, size := utf8.DecodeRune(p)
		if r == utf8.RuneError && size == 1 {
			if !utf8.FullRune(p) { // the start of a sequence the next write ends
				v.held = append([]byte(nil), p...)
				break
			}
			v.buf = append(v.buf, replacement...)
		} else {
			v.buf = append(v.buf, p[:size]...)
		}
		p = p[size:]
	}
	_, err := v.w.Write(v.buf)
	return n, err
}

// Flush writes U+FFFD for an unfinished sequence held from the last write.
func (v *Writer) Flush() error {
	if len(v.held) == 0 {
		return nil
	}
	held := v.held
	v.held = nil
	out := make([]byte, 0, len(held)*len(replacement))
	for range held {
		out = append(out, replacement...)
	}
	_, err := v.w.Write(out)
	return err
}
