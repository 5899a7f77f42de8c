package pdf

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"sync"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/nianbao/nianbao/extract"
)

// objKey identifies a PDF object for caching. ledongthuc/pdf re-parses an
// indirect object every time it is resolved, so identity by Go pointer does
// not work; the object number does. The patched copy of the library in
// internal/lpdf exports it (Value.Ref, Value.KeyRef).
type objKey struct {
	id  uint32
	gen uint16
}

// refOf returns the object number stored under key in the dictionary d when
// the entry is an indirect reference, without resolving it (resolving makes
// ledongthuc/pdf read and parse the object from the file again). ok is false
// when the entry is direct or absent.
func refOf(d lpdf.Value, key string) (objKey, bool) {
	id, gen, ok := d.KeyRef(key)
	return objKey{id: id, gen: gen}, ok
}

// objID returns the number of the indirect object v was read from (for a
// direct object: the enclosing indirect object).
func objID(v lpdf.Value) (objKey, bool) {
	id, gen := v.Ref()
	return objKey{id: id, gen: gen}, true
}

// indirectID returns the object number of child when it is an indirect
// object of its own (its number differs from its parent's); ok is false for
// direct objects, which have no identity of their own.
func indirectID(child, parent lpdf.Value) (objKey, bool) {
	c, ok := objID(child)
	if !ok || c.id == 0 {
		return objKey{}, false
	}
	p, _ := objID(parent)
	if c == p {
		return objKey{}, false
	}
	return c, true
}

// floats reads an array of numbers.
func floats(v lpdf.Value) []float64 {
	if v.Kind() != lpdf.Array {
		return nil
	}
	n := v.Len()
	out := make([]float64, n)
	for i := range n {
		out[i] = v.Index(i).Float64()
	}
	return out
}

const maxStreamBytes = 256 << 20

// streamOffset returns the file offset of a stream's data.
func streamOffset(v lpdf.Value) (int64, bool) {
	return v.StreamOffset()
}

// zlibPool recycles flate readers: each one holds a 32 KB window and
// Huffman tables, and a Chromium export has a ToUnicode stream per font.
var zlibPool sync.Pool

// src gives direct access to the bytes under ledongthuc/pdf, so that
// unencrypted streams with no filter or a plain FlateDecode are decoded
// without a new zlib reader per stream. A nil *src always falls back to
// the library.
type src struct {
	r   io.ReaderAt // what ledongthuc/pdf reads: stream offsets are relative to it; nil: always the library
	end int64       // where r's data ends; 0: unknown
	// keepPicture keeps the image XObject decoded last (pageImages)
	keepPicture bool
	lastPicture picture
	budget      *extract.Budget // caps what a stream may decode to
	used        int64           // the budget's use that limit counts with (set by Walk)
}

// raw returns the undecoded bytes of a stream with no filter or a plain
// FlateDecode (no DecodeParms), and whether it is compressed; ok is false
// when the library must decode the stream itself.
func (s *src) raw(v lpdf.Value) (data []byte, flate bool, ok bool) {
	if s == nil || s.r == nil {
		return nil, false, false
	}
	off, ok := streamOffset(v)
	if !ok {
		return nil, false, false
	}
	if v.Key("DecodeParms").Kind() != lpdf.Null {
		return nil, false, false
	}
	switch f := v.Key("Filter"); f.Kind() {
	case lpdf.Null:
	case lpdf.Name:
		if f.Name() != "FlateDecode" {
			return nil, false, false
		}
		flate = true
	case lpdf.Array:
		if f.Len() != 1 || f.Index(0).Name() != "FlateDecode" {
			return nil, false, false
		}
		flate = true
	default:
		return nil, false, false
	}
	n := v.Key("Length").Int64()
	switch {
	case n == 0:
		return nil, false, true // the library skips the filters of an empty stream
	case n < 0 || n > maxStreamBytes:
		return nil, false, false
	}
	buf := make([]byte, s.present(off, n))
	k, _ := s.r.ReadAt(buf, off) // a short read leaves a truncated stream, as in the library
	return buf[:k], flate, true
}

// stream reads and decodes a stream (or an array of streams, joined by new
// lines, as page /Contents may be). Errors from the filters end the stream
// early: what was decoded so far is returned with the error. stop, when
// > 0, ends decoding once the output holds stop bytes.
func (s *src) stream(v lpdf.Value, stop int) (data []byte, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("流无法解码：%v", x)
		}
	}()
	switch v.Kind() {
	case lpdf.Stream:
		limit := s.limit(stop)
		if raw, compressed, ok := s.raw(v); ok {
			return s.checkCap(decodeRaw(raw, compressed, limit))(stop)
		}
		rc := v.Reader()
		defer rc.Close()
		n := v.Key("Length").Int64()
		if off, ok := streamOffset(v); ok {
			n = s.present(off, n)
		}
		buf := bytes.NewBuffer(make([]byte, 0, streamHint(n, limit)))
		_, err = io.Copy(buf, io.LimitReader(rc, limit))
		return s.checkCap(buf.Bytes(), err)(stop)
	case lpdf.Array:
		// an array of streams (PDF 32000-1:2008, 7.7.3.3). An element that
		// is an array again is not read: it may be this array itself (a
		// reference cycle), which would recurse until the read budget ran
		// out, holding hundreds of MB of stack on the way.
		var buf bytes.Buffer
		var firstErr error
		for i := range v.Len() {
			el := v.Index(i)
			if el.Kind() == lpdf.Array {
				if firstErr == nil {
					firstErr = errors.New("内容流数组中又有数组（可能是循环引用），已跳过")
				}
				continue
			}
			b, e := s.stream(el, 0)
			if e != nil && firstErr == nil {
				firstErr = e
			}
			buf.Write(b)
			buf.WriteByte('\n')
		}
		return buf.Bytes(), firstErr
	case lpdf.Null:
		return nil, nil
	}
	return nil, fmt.Errorf("不是流对象（%v）", v.Kind())
}

// present is how many of a stream's n bytes at off are in the file: a
// /Length past the end of the file is not read (a 13 KB file whose 50 pages
// each declared 256 MB allocated that much, and an output buffer six times
// its size, per page: 18 s).
func (s *src) present(off, n int64) int64 {
	if s != nil && s.end > 0 {
		n = min(n, max(s.end-off, 0))
	}
	return n
}

func streamLimit(stop int) int64 {
	if stop > 0 {
		return int64(stop)
	}
	return maxStreamBytes
}

// limit is how many bytes a stream may decode to: stop, else a quarter of
// the document's remaining budget (growing the output buffer costs up to
// three times its size for a moment), at most maxStreamBytes. A Flate or
// LZW bomb is cut there instead of filling memory.
//
// What is used is s.used, which Walk sets before each page from the
// budget as it was two pages earlier (see pageToken): the layout of the
// page before may be running at the same time, and the limit must not
// depend on how far it got.
func (s *src) limit(stop int) int64 {
	l := streamLimit(stop)
	if s != nil && s.budget != nil && s.budget.Limit() > 0 {
		l = min(l, max((s.budget.Limit()-s.used)/4, 1))
	}
	return l
}

// checkCap turns output cut by the budget (not by stop) into an error.
func (s *src) checkCap(data []byte, err error) func(stop int) ([]byte, error) {
	return func(stop int) ([]byte, error) {
		if err == nil && stop <= 0 && int64(len(data)) >= s.limit(0) && s.limit(0) < maxStreamBytes {
			err = fmt.Errorf("解压后的数据流超过 %d MB（内存预算的四分之一），其后的内容被截去：%w", s.limit(0)>>20, extract.ErrBudget)
		}
		return data, err
	}
}

// streamHint is the capacity to start with for a stream of /Length n.
func streamHint(n, limit int64) int64 {
	return max(min(n*6, 64<<20, limit), 512)
}

// decodeRaw decodes the raw bytes of a stream with no filter or a plain
// FlateDecode, with the errors src.stream gives.
func decodeRaw(raw []byte, compressed bool, limit int64) (data []byte, err error) {
	defer func() {
		if x := recover(); x != nil {
			data, err = nil, fmt.Errorf("流无法解码：%v", x)
		}
	}()
	if !compressed {
		return raw[:min(int64(len(raw)), limit)], nil
	}
	return inflate(raw, streamHint(int64(len(raw)), limit), limit)
}

// inflate decodes a FlateDecode stream with a pooled reader. The deflate
// data starts where lpdf.FlateStarts says (after the zlib header, found
// also when it is damaged or preceded by stray bytes); the Adler-32
// checksum is not checked. When the most likely start fails, the other
// starts are tried and the longest output is kept: a damaged stream gives
// what could be decoded, with the error.
func inflate(raw []byte, hint, limit int64) ([]byte, error) {
	starts := lpdf.FlateStarts(raw[:min(len(raw), 64)])
	var best []byte
	var bestErr error
	for i, s := range starts {
		out, err := inflateAt(raw[s:], hint, limit)
		if err == nil {
			return out, nil
		}
		if i == 0 || len(out) > len(best) {
			best, bestErr = out, err
		}
	}
	return best, bestErr
}

func inflateAt(raw []byte, hint, limit int64) ([]byte, error) {
	br := bytes.NewReader(raw)
	var zr io.ReadCloser
	if p, _ := zlibPool.Get().(io.ReadCloser); p != nil {
		_ = p.(flate.Resetter).Reset(br, nil)
		zr = p
	} else {
		zr = flate.NewReader(br)
	}
	defer zlibPool.Put(zr)
	buf := bytes.NewBuffer(make([]byte, 0, hint))
	_, err := io.Copy(buf, io.LimitReader(zr, limit))
	return buf.Bytes(), err
}
