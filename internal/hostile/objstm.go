package hostile

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
)

// objStmFault is what is wrong with a file's object streams.
type objStmFault int

const (
	objStmSound   objStmFault = iota
	objStmInSelf              // the victim's object stream is listed as inside itself
	objStmInOther             // it and another object stream are listed as inside each other
	objStmExtends             // it does not list the victim and /Extends itself
)

// bytesObjStm writes the file the way Word, WPS and qpdf write PDF 1.5 and
// later: every object that is not a stream sits in an object stream of at
// most per objects (FlateDecode), and a cross-reference stream replaces the
// table; fault makes the object stream that holds object victim damaged or
// malicious.
func (d *doc) bytesObjStm(per int, fault objStmFault, victim int) []byte {
	d.finish()
	n := len(d.objs)
	var members []int // objects in object streams, in order
	for i, o := range d.objs {
		if !strings.Contains(o, "\nstream\n") {
			members = append(members, i+1)
		}
	}
	var out bytes.Buffer
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, n+1)
	for _, id := range d.streamObjs() {
		offs[id] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", id, d.objs[id-1])
	}
	// the object streams, numbered after the document's objects
	where := make(map[int][2]int) // object → (object stream, index in it)
	var stms []int
	for start := 0; start < len(members); start += per {
		group := members[start:min(start+per, len(members))]
		sid := n + 1 + len(stms)
		stms = append(stms, sid)
		var hdr, body bytes.Buffer
		extends := ""
		for i, id := range group {
			listed := id
			if fault == objStmExtends && id == victim {
				listed, extends = id+1_000_000, fmt.Sprintf(" /Extends %d 0 R", sid)
			}
			fmt.Fprintf(&hdr, "%d %d ", listed, body.Len())
			body.WriteString(d.objs[id-1])
			body.WriteString("\n")
			where[id] = [2]int{sid, i}
		}
		z := Zlib(append(hdr.Bytes(), body.Bytes()...))
		offs = append(offs, out.Len())
		fmt.Fprintf(&out, "%d 0 obj\n<< /Type /ObjStm /N %d /First %d%s /Filter /FlateDecode /Length %d >>\nstream\n", sid, len(group), hdr.Len(), extends, len(z))
		out.Write(z)
		out.WriteString("\nendstream\nendobj\n")
	}
	vs := where[victim][0]     // the victim's object stream
	other := stms[len(stms)-1] // another one, not the catalog's
	if other == vs {
		other = stms[len(stms)-2]
	}
	switch fault {
	case objStmInSelf:
		where[vs] = [2]int{vs, 0}
	case objStmInOther:
		where[vs] = [2]int{other, 0}
		where[other] = [2]int{vs, 0}
	}
	xid := n + len(stms) + 1
	offs = append(offs, out.Len())
	var x bytes.Buffer
	entry := func(kind byte, a uint32, b uint16) {
		x.WriteByte(kind)
		x.Write(binary.BigEndian.AppendUint32(nil, a))
		x.Write(binary.BigEndian.AppendUint16(nil, b))
	}
	for id := 0; id <= xid; id++ {
		if w, ok := where[id]; ok {
			entry(2, uint32(w[0]), uint16(w[1]))
		} else if id == 0 {
			entry(0, 0, 0xffff)
		} else {
			entry(1, uint32(offs[id]), 0)
		}
	}
	fmt.Fprintf(&out, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n", xid, xid+1, x.Len())
	out.Write(x.Bytes())
	fmt.Fprintf(&out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", offs[xid])
	return out.Bytes()
}

// streamObjs are the numbers of the document's stream objects (written
// outside object streams, as the format requires).
func (d *doc) streamObjs() []int {
	var ids []int
	for i, o := range d.objs {
		if strings.Contains(o, "\nstream\n") {
			ids = append(ids, i+1)
		}
	}
	return ids
}

// PDFPagesObjStm is PDFPages(n) written with object streams of 100
// objects and a cross-reference stream, as Word, WPS and qpdf write: the
// same pages, the same text.
func PDFPagesObjStm(n int) []byte {
	return pagesDoc(n).bytesObjStm(100, objStmSound, 0)
}

// PDFObjStmLoop is a 3-page PDF with each object in an object stream of its
// own, where finding the catalog (victim "catalog") or the pages' font
// (victim "font") goes round: kind "self" lists the victim's object stream
// as inside itself, "other" lists it and another as inside each other,
// "extends" has it not list the victim and name itself as the stream it
// /Extends.
func PDFObjStmLoop(kind, victim string) []byte {
	d := newDoc()
	for i := 1; i <= 3; i++ {
		d.page("", Content(PageText(i)...))
	}
	fault := map[string]objStmFault{"self": objStmInSelf, "other": objStmInOther, "extends": objStmExtends}[kind]
	id := map[string]int{"catalog": 1, "font": d.font}[victim]
	return d.bytesObjStm(1, fault, id)
}

// PDFXrefPrevLoop is PDFPages(3) — written with object streams and a
// cross-reference stream when objStm — whose cross-reference section names
// itself as the section before it (/Prev): a chain that never ends.
func PDFXrefPrevLoop(objStm bool) []byte {
	data := PDFPages(3)
	if objStm {
		data = PDFPagesObjStm(3)
	}
	i := bytes.LastIndex(data, []byte("startxref\n"))
	xref := bytes.TrimSpace(bytes.SplitN(data[i+len("startxref\n"):], []byte("\n"), 2)[0])
	// the trailer (or the cross-reference stream's dictionary) is the last /Root
	j := bytes.LastIndex(data, []byte("/Root 1 0 R")) + len("/Root 1 0 R")
	return bytes.Join([][]byte{data[:j], []byte(" /Prev "), xref, data[j:]}, nil)
}
