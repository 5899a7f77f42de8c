// Package headbuf keeps the first bytes a child process writes to its
// output and drops the rest, so that a process writing without end (a
// damaged input, a hostile file) cannot fill nianbao's memory; it notes
// that something was dropped.
package headbuf

import "bytes"

// Buffer keeps at most the limit it was made with. The zero value keeps
// nothing.
type Buffer struct {
	buf  bytes.Buffer
	left int
	over bool
}

// New returns a Buffer that keeps the first limit bytes.
func New(limit int) *Buffer { return &Buffer{left: max(limit, 0)} }

// Write keeps what fits and reports every byte written, so that the
// process is never stopped by a short write.
func (b *Buffer) Write(p []byte) (int, error) {
	n := len(p)
	if len(p) > b.left {
		p, b.over = p[:b.left], true
	}
	b.buf.Write(p)
	b.left -= len(p)
	return n, nil
}

// Bytes is what was kept.
func (b *Buffer) Bytes() []byte { return b.buf.Bytes() }

// String is what was kept, as text.
func (b *Buffer) String() string { return b.buf.String() }

// Over reports whether more was written than was kept.
func (b *Buffer) Over() bool { return b.over }
