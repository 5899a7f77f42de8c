// nianbao: accessors for what the nianbao extractor needs and the original
// package keeps unexported (see PATCHES.md).

package pdf

import (
	"fmt"
	"io"
)

// Ref returns the number and generation of the indirect object v was read
// from; for a direct object inside another, the enclosing object's.
func (v Value) Ref() (id uint32, gen uint16) {
	return v.ptr.id, v.ptr.gen
}

// KeyRef returns the object the dictionary entry key refers to when the
// entry is an indirect reference, without resolving it; ok is false when v
// is not a dictionary (or stream) or the entry is absent or direct.
func (v Value) KeyRef(key string) (id uint32, gen uint16, ok bool) {
	var d dict
	switch x := v.data.(type) {
	case dict:
		d = x
	case stream:
		d = x.hdr
	default:
		return 0, 0, false
	}
	p, ok := d[name(key)].(objptr)
	return p.id, p.gen, ok
}

// StreamOffset returns the file offset of the data of a stream; ok is false
// when v is not a stream.
func (v Value) StreamOffset() (int64, bool) {
	s, ok := v.data.(stream)
	return s.offset, ok
}

// XrefEntry is one entry of the cross-reference table.
type XrefEntry struct {
	ID        uint32
	Gen       uint16
	InStream  bool   // the object is in an object stream
	Stream    uint32 // InStream: the object stream's number
	StreamGen uint16
	Offset    int64 // !InStream: the file offset of "ID Gen obj"; 0 when free
}

// Xref returns the cross-reference entry of object id; ok is false when
// the table has no such entry.
func (r *Reader) Xref(id uint32) (e XrefEntry, ok bool) {
	if r == nil || int64(id) >= int64(len(r.xref)) {
		return XrefEntry{}, false
	}
	x := r.xref[id]
	return XrefEntry{ID: x.ptr.id, Gen: x.ptr.gen, InStream: x.inStream, Stream: x.stream.id,
		StreamGen: x.stream.gen, Offset: x.offset}, true
}

// Repaired reports whether the cross-reference table was rebuilt by
// scanning the file because the one in the file was missing, unreadable or
// pointed at the wrong places.
func (r *Reader) Repaired() bool { return r != nil && r.repaired }

// Encrypted reports whether the file is encrypted (and was opened).
func (r *Reader) Encrypted() bool { return r != nil && r.key != nil }

// RawReader returns the data of the stream v as stored in the file, but
// decrypted when the file is encrypted: no filter is applied (for image
// codecs the caller decodes itself, DCTDecode or CCITTFaxDecode). For a
// value that is not a stream it returns a reader that fails.
func (v Value) RawReader() io.ReadCloser {
	x, ok := v.data.(stream)
	if !ok {
		return &errorReadCloser{fmt.Errorf("stream not present")}
	}
	var rd io.Reader = io.NewSectionReader(v.r.f, x.offset, v.Key("Length").Int64())
	if v.r.key != nil {
		rd = decryptStream(v.r.key, v.r.useAES, x.ptr, rd)
	}
	return io.NopCloser(rd)
}
