// nianbao: the filters that poppler reads and the original package did not
// (LZWDecode, ASCIIHexDecode, RunLengthDecode, the abbreviated names, PNG
// and TIFF predictors), and a Flate reader that reads damaged streams as
// far as they go.

package pdf

import (
	"bufio"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
)

func applyFilterMore(rd io.Reader, filter string, param Value) io.Reader {
	switch filter {
	case "Fl":
		return applyFilter(rd, "FlateDecode", param)
	case "A85":
		return applyFilter(rd, "ASCII85Decode", param)
	case "AHx", "ASCIIHexDecode":
		return &hexReader{r: bufio.NewReader(rd)}
	case "RL", "RunLengthDecode":
		return &runLengthReader{r: bufio.NewReader(rd)}
	case "LZW", "LZWDecode":
		early := 1
		if e := param.Key("EarlyChange"); e.Kind() == Integer {
			early = int(e.Int64())
		}
		var out io.Reader = NewLZWReader(rd, early)
		if p := param.Key("Predictor").Int64(); p > 1 {
			out = newPredictReader(out, param)
		}
		return out
	}
	panic("unknown filter " + filter)
}

// FlateStarts returns where deflate data may start in a FlateDecode stream
// that begins with head, most likely first: after a zlib header (a valid
// one, or one whose check bits are damaged), after a few stray bytes before
// a zlib header, or at once (a stream without its header).
func FlateStarts(head []byte) []int {
	var out []int
	valid := func(p int) bool {
		return p+1 < len(head) && head[p]&0x0f == 8 && head[p]>>4 <= 7 && (int(head[p])<<8|int(head[p+1]))%31 == 0 && head[p+1]&0x20 == 0
	}
	if valid(0) {
		out = append(out, 2)
	}
	for p := 1; p < min(len(head)-1, 16); p++ {
		if valid(p) {
			out = append(out, p+2)
		}
	}
	out = append(out, 0)
	if !valid(0) {
		out = append(out, 2) // a header whose bytes were overwritten
	}
	return out
}

// newFlateReader reads a FlateDecode stream. The Adler-32 checksum at the
// end is not checked, and the start of the deflate data is found by
// FlateStarts (the first start whose first 4 KB decode without error), so
// a damaged header or tail costs only what the damage covers: the reader
// returns everything decoded before it, then the error.
func newFlateReader(rd io.Reader) io.Reader {
	br := bufio.NewReaderSize(rd, 64<<10)
	head, _ := br.Peek(64 << 10)
	starts := FlateStarts(head)
	start := starts[0]
	if len(starts) > 1 {
		for _, s := range starts {
			if flateOK(head[s:]) {
				start = s
				break
			}
		}
	}
	br.Discard(start)
	return flate.NewReader(br)
}

// flateOK reports whether data decodes without error as far as 4 KB of
// output or its end.
func flateOK(data []byte) bool {
	fr := flate.NewReader(bytes.NewReader(data))
	var buf [4096]byte
	_, err := io.ReadFull(fr, buf[:])
	return err == nil || err == io.EOF || err == io.ErrUnexpectedEOF && len(data) < 64<<10
}

// hexReader decodes ASCIIHexDecode: pairs of hex digits, white space
// ignored, '>' ends the data, an odd last digit is followed by 0.
type hexReader struct {
	r   *bufio.Reader
	eof bool
}

func (h *hexReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && !h.eof {
		var v [2]int
		got := 0
		for got < 2 {
			c, err := h.r.ReadByte()
			if err != nil || c == '>' {
				h.eof = true
				break
			}
			if isSpace(c) {
				continue
			}
			d := unhex(c)
			if d < 0 {
				return n, fmt.Errorf("ASCIIHexDecode: invalid byte %q", c)
			}
			v[got] = d
			got++
		}
		if got == 0 {
			break
		}
		p[n] = byte(v[0]<<4 | v[1])
		n++
	}
	if n == 0 && h.eof {
		return 0, io.EOF
	}
	return n, nil
}

// runLengthReader decodes RunLengthDecode.
type runLengthReader struct {
	r    *bufio.Reader
	run  int  // bytes of a repeated byte still to give
	lit  int  // literal bytes still to copy
	b    byte // the repeated byte
	done bool
}

func (rl *runLengthReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		switch {
		case rl.run > 0:
			p[n] = rl.b
			rl.run--
			n++
			continue
		case rl.lit > 0:
			c, err := rl.r.ReadByte()
			if err != nil {
				return n, io.ErrUnexpectedEOF
			}
			p[n] = c
			rl.lit--
			n++
			continue
		case rl.done:
			if n == 0 {
				return 0, io.EOF
			}
			return n, nil
		}
		c, err := rl.r.ReadByte()
		switch {
		case err != nil || c == 128:
			rl.done = true
		case c < 128:
			rl.lit = int(c) + 1
		default:
			b, err := rl.r.ReadByte()
			if err != nil {
				rl.done = true
				continue
			}
			rl.b, rl.run = b, 257-int(c)
		}
	}
	return n, nil
}

// lzwReader decodes PDF's LZW (8-bit literals, clear code 256, end code
// 257, codes of 9 to 12 bits, the width growing one code early when
// EarlyChange is 1).
type lzwReader struct {
	r        io.ByteReader
	early    int
	bits     uint32
	nbits    uint
	width    uint
	next     int
	prev     int
	prefix   [4096]uint16
	suffix   [4096]byte
	length   [4096]uint16
	first    [4096]byte
	pend     []byte
	buf      [4096]byte
	err      error
	finished bool
}

// NewLZWReader returns a reader of PDF LZW data (early: EarlyChange).
func NewLZWReader(rd io.Reader, early int) io.Reader {
	br, ok := rd.(io.ByteReader)
	if !ok {
		br = bufio.NewReader(rd)
	}
	z := &lzwReader{r: br, early: early}
	for i := range 256 {
		z.suffix[i], z.length[i], z.first[i] = byte(i), 1, byte(i)
	}
	z.reset()
	return z
}

func (z *lzwReader) reset() {
	z.width, z.next, z.prev = 9, 258, -1
}

var errLZW = errors.New("LZWDecode: invalid code")

func (z *lzwReader) code() (int, error) {
	for z.nbits < z.width {
		c, err := z.r.ReadByte()
		if err != nil {
			return 0, err
		}
		z.bits = z.bits<<8 | uint32(c)
		z.nbits += 8
	}
	z.nbits -= z.width
	return int(z.bits>>z.nbits) & (1<<z.width - 1), nil
}

func (z *lzwReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(z.pend) > 0 {
			k := copy(p[n:], z.pend)
			z.pend = z.pend[k:]
			n += k
			continue
		}
		if z.finished {
			if n > 0 {
				return n, nil
			}
			if z.err != nil {
				return 0, z.err
			}
			return 0, io.EOF
		}
		c, err := z.code()
		if err != nil {
			z.finished = true // data that ends without an end code
			continue
		}
		switch {
		case c == 256:
			z.reset()
			continue
		case c == 257:
			z.finished = true
			continue
		case z.prev < 0:
			if c > 255 {
				z.finished, z.err = true, errLZW
				continue
			}
			z.buf[0] = byte(c)
			z.pend = z.buf[:1]
			z.prev = c
			continue
		case c > z.next || c == z.next && z.next >= 4096:
			z.finished, z.err = true, errLZW
			continue
		}
		// the entry added now is prev + first byte of c (of prev when c is
		// the entry being added)
		fb := z.first[c]
		if c == z.next {
			fb = z.first[z.prev]
		}
		if z.next < 4096 {
			z.prefix[z.next] = uint16(z.prev)
			z.suffix[z.next] = fb
			z.length[z.next] = z.length[z.prev] + 1
			z.first[z.next] = z.first[z.prev]
			z.next++
			if w := z.next + z.early; w >= 512 && w&(w-1) == 0 && z.width < 12 {
				z.width++
			}
		}
		l := int(z.length[c])
		for i, k := l-1, c; i >= 0; i-- {
			z.buf[i] = z.suffix[k]
			k = int(z.prefix[k])
		}
		z.pend = z.buf[:l]
		z.prev = c
	}
	return n, nil
}

// predictReader undoes the TIFF (2) and PNG (10–15) predictors.
type predictReader struct {
	r       io.Reader
	tiff    bool
	bpp     int
	row     []byte // current row (with the PNG tag byte)
	prev    []byte // previous row, without tag
	pend    []byte
	err     error
	started bool
}

func newPredictReader(rd io.Reader, param Value) io.Reader {
	colors := max(int(param.Key("Colors").Int64()), 1)
	bpc := int(param.Key("BitsPerComponent").Int64())
	if bpc <= 0 {
		bpc = 8
	}
	columns := max(int(param.Key("Columns").Int64()), 1)
	if colors > 64 || bpc > 16 || columns > 1<<20 {
		panic("流的预测器参数超出范围（/Columns、/Colors 或 /BitsPerComponent）")
	}
	rowLen := (columns*colors*bpc + 7) / 8
	p := &predictReader{r: rd, tiff: param.Key("Predictor").Int64() == 2, bpp: max(colors*bpc/8, 1)}
	if p.tiff {
		p.row = make([]byte, rowLen)
	} else {
		p.row = make([]byte, rowLen+1)
	}
	p.prev = make([]byte, rowLen)
	return p
}

func (p *predictReader) Read(b []byte) (int, error) {
	n := 0
	for n < len(b) {
		if len(p.pend) > 0 {
			k := copy(b[n:], p.pend)
			p.pend = p.pend[k:]
			n += k
			continue
		}
		if p.err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, p.err
		}
		k, err := io.ReadFull(p.r, p.row)
		if err != nil {
			if err == io.ErrUnexpectedEOF && k > 0 {
				err = io.EOF // a short last row is dropped, as poppler does
			}
			p.err = err
			continue
		}
		if p.tiff {
			row := p.row
			for i := p.bpp; i < len(row); i++ {
				row[i] += row[i-p.bpp]
			}
			p.pend = row
			continue
		}
		tag, row := p.row[0], p.row[1:]
		switch tag {
		case 1: // Sub
			for i := p.bpp; i < len(row); i++ {
				row[i] += row[i-p.bpp]
			}
		case 2: // Up
			for i := range row {
				row[i] += p.prev[i]
			}
		case 3: // Average
			for i := range row {
				var left int
				if i >= p.bpp {
					left = int(row[i-p.bpp])
				}
				row[i] += byte((left + int(p.prev[i])) / 2)
			}
		case 4: // Paeth
			for i := range row {
				var a, c int
				if i >= p.bpp {
					a, c = int(row[i-p.bpp]), int(p.prev[i-p.bpp])
				}
				row[i] += paeth(a, int(p.prev[i]), c)
			}
		}
		copy(p.prev, row)
		p.pend = p.prev
	}
	return n, nil
}

func paeth(a, b, c int) byte {
	p := a + b - c
	pa, pb, pc := abs(p-a), abs(p-b), abs(p-c)
	switch {
	case pa <= pb && pa <= pc:
		return byte(a)
	case pb <= pc:
		return byte(b)
	}
	return byte(c)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
