// nianbao: decoded object streams are kept (see PATCHES.md).

package pdf

import (
	"bytes"
	"io"
	"sync"
)

// The original package decodes an object stream (PDF 32000-1:2008, 7.5.7)
// again for every object it reads from it: a 1,000-page file whose page
// objects sit in object streams of a hundred each inflated every stream a
// hundred times, a third of the whole audit's time. The Reader keeps each
// object stream it decoded whole and without error, up to these limits;
// a stream that is larger, or that did not decode cleanly, or an object
// the kept stream does not list, is read as the original does (which
// also follows /Extends).
const (
	maxKeptObjStm     = 4 << 20  // decoded bytes of one kept object stream
	maxKeptObjStmObjs = 1 << 14  // objects listed in one kept object stream
	maxKeptObjStms    = 16 << 20 // decoded bytes of all kept object streams
	maxKeptObjStmsN   = 1 << 16  // kept object streams (and streams not kept)
)

// objStmCache holds a Reader's decoded object streams.
type objStmCache struct {
	mu    sync.Mutex
	bytes int
	m     map[objptr]*keptObjStm
}

// keptObjStm is a decoded object stream: its data and where each object it
// lists starts (the first listing of an object, as the original reads the
// list from the start). nil data: the stream is not kept.
type keptObjStm struct {
	data []byte
	offs map[uint32]int64
}

// fromObjStm reads object ptr from the object stream sptr when that stream
// is kept (decoding and keeping it on first use); ok is false when the
// caller must read it as the original does.
func (r *Reader) fromObjStm(parent objptr, ptr, sptr objptr, depth int) (x object, ok bool) {
	k := r.keptObjStm(parent, sptr, depth)
	if k == nil || k.data == nil {
		return nil, false
	}
	off, ok := k.offs[ptr.id]
	if !ok {
		return nil, false
	}
	b := newPooledBuffer(bytes.NewReader(k.data), 0)
	b.allowEOF = true
	b.seekForward(off)
	x = b.readObject()
	b.free()
	return x, true
}

// ObjectStream returns the decoded data of object stream id and where in
// it each object it lists starts, when the Reader keeps it (decoding it on
// first use); ok is false when it does not: too large, damaged, not an
// object stream. The data must not be changed.
func (r *Reader) ObjectStream(id uint32, gen uint16) (data []byte, offs map[uint32]int64, ok bool) {
	k := r.keptObjStm(objptr{}, objptr{id, gen}, 1)
	if k == nil || k.data == nil {
		return nil, nil, false
	}
	return k.data, k.offs, true
}

// keptObjStm returns the kept form of object stream sptr, decoding it on
// first use; nil when no more streams are looked at. depth is resolveIn's.
func (r *Reader) keptObjStm(parent objptr, sptr objptr, depth int) *keptObjStm {
	c := &r.objStms
	c.mu.Lock()
	k, seen := c.m[sptr]
	full := len(c.m) >= maxKeptObjStmsN
	c.mu.Unlock()
	if seen || full {
		return k
	}
	k = r.decodeObjStm(parent, sptr, depth, maxKeptObjStms-c.size())
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[objptr]*keptObjStm)
	}
	if prev, ok := c.m[sptr]; ok {
		return prev
	}
	c.m[sptr] = k
	c.bytes += len(k.data)
	return k
}

func (c *objStmCache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}

// decodeObjStm decodes object stream sptr whole when it checks out as the
// original checks it (a stream of /Type /ObjStm with /First) and decodes to
// at most room bytes without error, and reads its list of /N objects. The
// result's data is nil when the stream is not kept. depth is resolveIn's.
func (r *Reader) decodeObjStm(parent objptr, sptr objptr, depth, room int) (k *keptObjStm) {
	k = &keptObjStm{}
	defer func() {
		if recover() != nil {
			*k = keptObjStm{} // left to the original's path, and to its errors
		}
	}()
	strm := r.resolveIn(parent, sptr, depth)
	if strm.Kind() != Stream || strm.Key("Type").Name() != "ObjStm" {
		return k
	}
	n := strm.Key("N").Int64()
	first := strm.Key("First").Int64()
	limit := min(room, maxKeptObjStm)
	if first <= 0 || n < 0 || n > maxKeptObjStmObjs || limit <= 0 {
		return k
	}
	rc := strm.Reader()
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, int64(limit)+1))
	if err != nil || len(data) > limit {
		return k
	}
	offs := make(map[uint32]int64, n)
	b := newBuffer(bytes.NewReader(data), 0)
	b.allowEOF = true
	for i := int64(0); i < n; i++ {
		id, _ := b.readToken().(int64)
		off, _ := b.readToken().(int64)
		if _, dup := offs[uint32(id)]; !dup {
			offs[uint32(id)] = first + off
		}
	}
	return &keptObjStm{data: data, offs: offs}
}
