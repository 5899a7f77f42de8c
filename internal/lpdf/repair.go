// nianbao: rebuilding the cross-reference table by scanning the file for
// "N G obj" when the table is missing, unreadable, or its offsets do not
// point at the objects (a file shifted by a server or a careless edit).

package pdf

import (
	"bytes"
	"errors"
	"io"
	"strconv"
)

// maxRebuildObjects is the most objects any file is read with (MaxObjects).
const maxRebuildObjects = 10_000_000

// xrefPlausible checks that the trailer names a catalog and that the
// offsets of the catalog and of a sample of other objects point at "N G obj".
func (r *Reader) xrefPlausible() bool {
	root, ok := r.trailer["Root"].(objptr)
	if !ok {
		return false
	}
	if !r.entryAt(root.id) {
		return false
	}
	n := len(r.xref)
	step := max(n/16, 1)
	for i := 1; i < n; i += step {
		if !r.entryAt(uint32(i)) {
			return false
		}
	}
	return true
}

// entryAt reports whether entry id is free, in an object stream, or points
// at its object's header.
func (r *Reader) entryAt(id uint32) bool {
	if int(id) >= len(r.xref) {
		return false
	}
	x := r.xref[id]
	if x.inStream || x.offset == 0 || x.ptr.id != id {
		return true
	}
	if x.offset < 0 || x.offset >= r.end {
		return false
	}
	buf := make([]byte, 40)
	k, _ := r.f.ReadAt(buf, x.offset)
	f := bytes.Fields(buf[:k])
	return len(f) >= 3 && string(f[0]) == strconv.FormatUint(uint64(id), 10) &&
		string(f[1]) == strconv.FormatUint(uint64(x.ptr.gen), 10) && bytes.HasPrefix(f[2], []byte("obj"))
}

var errNoObjects = errors.New("malformed PDF: no objects found when rebuilding the cross-reference table")

// rebuild scans the file for object headers and trailers and replaces the
// cross-reference table. A later definition of an object wins (incremental
// updates append); objects in object streams are added when the file does
// not define them itself.
func (r *Reader) rebuild() (err error) {
	if r.repaired {
		return errors.New("malformed PDF: cross-reference table already rebuilt")
	}
	r.repaired = true
	defer func() {
		if x := recover(); x != nil {
			err = errors.New("malformed PDF: rebuilding the cross-reference table failed")
		}
	}()
	var table []xref
	var trailers []int64
	const chunk = 1 << 20
	buf := make([]byte, chunk+64)
	for base := int64(0); base < r.end; base += chunk {
		k, _ := r.f.ReadAt(buf[:min(int64(len(buf)), r.end-base)], base)
		data := buf[:k]
		limit := min(k, chunk) // a header that starts in the overlap belongs to the next chunk
		// where the next "obj" and "trailer" are (-1: none left; -2: not
		// looked for yet): each is looked for again only once passed, as
		// looking for both from every hit was quadratic (a 4 MB file of
		// "objt" took 68 s)
		nextObj, nextTrailer := -2, -2
		next := func(at *int, sep string, i int) int {
			if *at != -1 && *at < i {
				if k := bytes.Index(data[i:], []byte(sep)); k < 0 {
					*at = -1
				} else {
					*at = i + k
				}
			}
			if *at < 0 {
				return -1
			}
			return *at - i
		}
		for i := 0; i < limit; {
			j := next(&nextObj, "obj", i)
			t := next(&nextTrailer, "trailer", i)
			if j < 0 && t < 0 {
				break
			}
			if t >= 0 && (j < 0 || t < j) {
				if i+t < limit {
					trailers = append(trailers, base+int64(i+t))
				}
				i += t + 7
				continue
			}
			at := i + j
			i = at + 3
			if at >= limit {
				break
			}
			if at+3 < len(data) && !isSpace(data[at+3]) && !isDelim(data[at+3]) {
				continue
			}
			id, gen, start, ok := objHeader(data, at)
			if !ok || id >= int64(r.maxXrefLen()) {
				continue
			}
			table = ensureXrefLen(table, int(id))
			table[id] = xref{ptr: objptr{uint32(id), uint16(gen)}, offset: base + int64(start)}
		}
	}
	if len(table) == 0 {
		return errNoObjects
	}
	r.xref = table

	// The trailer: the classic trailers in file order (later keys win),
	// then the dictionaries of cross-reference streams.
	trailer := dict{}
	for k, v := range r.trailer { // what the broken table's trailer said, if anything
		trailer[k] = v
	}
	for _, off := range trailers {
		b := newBuffer(io.NewSectionReader(r.f, off, r.end-off), off)
		b.allowEOF = true
		if d, ok := readTrailerAt(b); ok {
			for k, v := range d {
				trailer[k] = v
			}
		}
	}
	var catalog objptr
	for id := range table {
		x := table[id]
		if x.offset == 0 {
			continue
		}
		v := r.peekObject(x)
		switch v["Type"] {
		case name("XRef"):
			for _, k := range []name{"Root", "Info", "Encrypt", "ID"} {
				if trailer[k] == nil && v[k] != nil {
					trailer[k] = v[k]
				}
			}
		case name("Catalog"):
			catalog = x.ptr
		case name("ObjStm"):
			r.addObjStm(x.ptr, &table)
		}
	}
	r.xref = table
	if _, ok := trailer["Root"].(objptr); !ok || !r.entryAt(trailer["Root"].(objptr).id) {
		if catalog == (objptr{}) {
			return errors.New("malformed PDF: no document catalog found when rebuilding the cross-reference table")
		}
		trailer["Root"] = catalog
	}
	delete(trailer, "Prev")
	delete(trailer, "XRefStm")
	r.trailer = trailer
	r.trailerptr = objptr{}
	return nil
}

// objHeader reads "id gen" backwards from the "obj" at data[at].
func objHeader(data []byte, at int) (id, gen int64, start int, ok bool) {
	j := at
	for j > 0 && isSpace(data[j-1]) {
		j--
	}
	ge := j
	for j > 0 && data[j-1] >= '0' && data[j-1] <= '9' {
		j--
	}
	if j == ge || ge-j > 5 {
		return 0, 0, 0, false
	}
	gs := j
	for j > 0 && isSpace(data[j-1]) {
		j--
	}
	if j == gs {
		return 0, 0, 0, false
	}
	ie := j
	for j > 0 && data[j-1] >= '0' && data[j-1] <= '9' {
		j--
	}
	if j == ie || ie-j > 10 || j > 0 && !isSpace(data[j-1]) && !isDelim(data[j-1]) {
		return 0, 0, 0, false
	}
	id, err1 := strconv.ParseInt(string(data[j:ie]), 10, 64)
	gen, err2 := strconv.ParseInt(string(data[gs:ge]), 10, 64)
	if err1 != nil || err2 != nil || gen > 65535 {
		return 0, 0, 0, false
	}
	return id, gen, j, true
}

func readTrailerAt(b *buffer) (d dict, ok bool) {
	defer func() {
		if recover() != nil {
			d, ok = nil, false
		}
	}()
	if b.readToken() != keyword("trailer") {
		return nil, false
	}
	d, ok = b.readObject().(dict)
	return d, ok
}

// peekObject returns the dictionary of the object at x (the header of a
// stream), or nil; it never panics.
func (r *Reader) peekObject(x xref) (d dict) {
	defer func() {
		if recover() != nil {
			d = nil
		}
	}()
	// only objects that say they are one of the interesting types are parsed
	head := make([]byte, 512)
	k, _ := r.f.ReadAt(head, x.offset)
	if !bytes.Contains(head[:k], []byte("/Type")) {
		return nil
	}
	b := newBuffer(io.NewSectionReader(r.f, x.offset, r.end-x.offset), x.offset)
	def, ok := b.readObject().(objdef)
	if !ok {
		return nil
	}
	switch o := def.obj.(type) {
	case dict:
		return o
	case stream:
		return o.hdr
	}
	return nil
}

// addObjStm adds the objects of object stream sp that the file does not
// define itself.
func (r *Reader) addObjStm(sp objptr, table *[]xref) {
	defer func() { _ = recover() }()
	strm := r.resolve(objptr{}, sp)
	n := int(strm.Key("N").Int64())
	if n <= 0 || n > r.maxXrefLen() {
		return
	}
	b := newBuffer(strm.Reader(), 0)
	b.allowEOF = true
	for i := 0; i < n; i++ {
		id, ok1 := b.readToken().(int64)
		_, ok2 := b.readToken().(int64)
		if !ok1 || !ok2 || id <= 0 || id >= int64(r.maxXrefLen()) {
			return
		}
		*table = ensureXrefLen(*table, int(id))
		if (*table)[id].offset == 0 && !(*table)[id].inStream {
			(*table)[id] = xref{ptr: objptr{uint32(id), 0}, inStream: true, stream: sp}
		}
	}
}
