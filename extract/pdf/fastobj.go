package pdf

import (
	"bytes"
	"errors"
	"io"
	"math"
	"slices"
	"strconv"

	lpdf "github.com/ledongthuc/pdf"
)

// A fast path for font objects. ledongthuc/pdf parses an object into a
// boxed interface value per token, a string per name and a 4 KB buffer per
// object: a Chromium Type 3 font (a /Differences of 256 names and /Widths
// of 256 numbers, about 125 such fonts per report) costs it ~700
// allocations, and the fonts were half of the extraction's time and
// memory. Fonts are therefore read by this small strict parser when the
// file allows it: an unencrypted file whose font objects are in the file
// itself (not in object streams) and use only the plain syntax. It
// allocates ~35 times per font and reuses its memory from font to font
// (arena). Anything else, or anything this parser is not sure to read
// exactly as the library does, makes it give up (errSlow), and the font is
// read through the library (TestFastFontMatchesLibrary, FuzzFastFont).

var errSlow = errors.New("fast object path not applicable")

// objects reads indirect objects straight from the file.
type objects struct {
	src   *src
	rd    *lpdf.Reader // its cross-reference table
	end   int64        // where the library stops reading
	buf   []byte
	names map[string]string
	stack []pobj
	kvs   []pkv
	arena arena
}

// arena holds the arrays and dictionaries of parsed objects. A font's
// objects are garbage once the font is built, so loadFontFast resets the
// arena after each font and the next font reuses the memory: a Chromium
// export's hundred Type 3 fonts then parse into the same few chunks.
// Anything kept after a reset must be copied out first (val.detach).
type arena struct {
	objChunks  [][]pobj
	kvChunks   [][]pkv
	subChunks  [][]psub
	oi, ki, si int // chunk in use
	on, kn, sn int // used in that chunk
}

const arenaChunk = 1024

func (a *arena) reset() {
	// drop the strings and pointers of what was used (a full chunk
	// before the current one, the used part of the current one)
	for i := 0; i <= a.oi && i < len(a.objChunks); i++ {
		clear(a.objChunks[i][:min(len(a.objChunks[i]), a.used(i, a.oi, a.on))])
	}
	for i := 0; i <= a.ki && i < len(a.kvChunks); i++ {
		clear(a.kvChunks[i][:min(len(a.kvChunks[i]), a.used(i, a.ki, a.kn))])
	}
	for i := 0; i <= a.si && i < len(a.subChunks); i++ {
		clear(a.subChunks[i][:min(len(a.subChunks[i]), a.used(i, a.si, a.sn))])
	}
	a.oi, a.ki, a.si, a.on, a.kn, a.sn = 0, 0, 0, 0, 0, 0
}

// chunkLen is the length of chunk i: the first is a quarter of the
// others (a file with a few small fonts needs no more), and still holds
// the largest array the arena takes.
func (a *arena) chunkLen(i, full int) int {
	if i == 0 {
		return full / 4
	}
	return full
}

// used is how much of chunk i was used when chunk cur is used up to n.
func (a *arena) used(i, cur, n int) int {
	if i < cur {
		return math.MaxInt
	}
	return n
}

// objs returns a copy of src in arena memory.
func (a *arena) objs(src []pobj) []pobj {
	if len(src) == 0 {
		return nil
	}
	if len(src) > arenaChunk/4 {
		return slices.Clone(src)
	}
	for {
		if a.oi == len(a.objChunks) {
			a.objChunks = append(a.objChunks, make([]pobj, a.chunkLen(len(a.objChunks), arenaChunk)))
		}
		c := a.objChunks[a.oi]
		if a.on+len(src) <= len(c) {
			out := c[a.on : a.on+len(src) : a.on+len(src)]
			copy(out, src)
			a.on += len(src)
			return out
		}
		a.oi, a.on = a.oi+1, 0
	}
}

func (a *arena) kvs(src []pkv) []pkv {
	if len(src) == 0 {
		return nil
	}
	if len(src) > arenaChunk/16 {
		return slices.Clone(src)
	}
	for {
		if a.ki == len(a.kvChunks) {
			a.kvChunks = append(a.kvChunks, make([]pkv, a.chunkLen(len(a.kvChunks), arenaChunk/4)))
		}
		c := a.kvChunks[a.ki]
		if a.kn+len(src) <= len(c) {
			out := c[a.kn : a.kn+len(src) : a.kn+len(src)]
			copy(out, src)
			a.kn += len(src)
			return out
		}
		a.ki, a.kn = a.ki+1, 0
	}
}

func (a *arena) sub() *psub {
	for {
		if a.si == len(a.subChunks) {
			a.subChunks = append(a.subChunks, make([]psub, a.chunkLen(len(a.subChunks), arenaChunk/4)))
		}
		c := a.subChunks[a.si]
		if a.sn < len(c) {
			a.sn++
			return &c[a.sn-1]
		}
		a.si, a.sn = a.si+1, 0
	}
}

func newObjects(s *src, rd *lpdf.Reader, end int64) *objects {
	if s == nil || rd == nil {
		return nil
	}
	return &objects{src: s, rd: rd, end: end}
}

// pobj is an object read by the fast parser (40 bytes: a font's
// /Widths is an array of 256 of them).
type pobj struct {
	kind  pkind
	isRef bool    // an indirect reference (kind Null until resolved)
	ref   objKey  // isRef
	num   float64 // Integer, Real, Bool (1 = true)
	s     string  // Name, String
	sub   *psub   // Array, Dict, Stream
}

// pkind is lpdf.ValueKind in one byte.
type pkind uint8

const (
	pNull    = pkind(lpdf.Null)
	pBool    = pkind(lpdf.Bool)
	pInteger = pkind(lpdf.Integer)
	pReal    = pkind(lpdf.Real)
	pString  = pkind(lpdf.String)
	pName    = pkind(lpdf.Name)
	pDict    = pkind(lpdf.Dict)
	pArray   = pkind(lpdf.Array)
	pStream  = pkind(lpdf.Stream)
)

type psub struct {
	arr  []pobj // Array
	dict []pkv  // Dict, Stream header
	off  int64  // Stream: offset of the data
}

type pkv struct {
	k string
	v pobj
}

// nullObj is what a missing key or index gives; never modified.
var nullObj = &pobj{}

// get resolves object id: the object itself, or a null object when the
// library would give null (no such entry, another generation, offset 0).
func (o *objects) get(id objKey) pobj {
	e, ok := o.rd.Xref(id.id)
	if !ok || e.ID != id.id || e.Gen != id.gen {
		return pobj{}
	}
	if e.InStream {
		return o.inStream(id, objKey{id: e.Stream, gen: e.StreamGen})
	}
	off := e.Offset
	if off == 0 {
		return pobj{}
	}
	if off < 0 || off >= o.end {
		panic(errSlow)
	}
	// Read a window and parse; a window too short for the object is
	// doubled and the object read again.
	for n := int64(8 << 10); ; n *= 4 {
		n = min(n, o.end-off)
		if int64(cap(o.buf)) < n {
			o.buf = make([]byte, n)
		}
		buf := o.buf[:n]
		k, err := o.src.r.ReadAt(buf, off)
		if k < len(buf) && err != nil && err != io.EOF {
			panic(errSlow)
		}
		if o.names == nil {
			o.names = make(map[string]string)
		}
		p := &oparser{data: buf[:k], base: off, eof: off+int64(k) >= o.end, names: o.names, arena: &o.arena,
			stack: o.stack[:0], kvs: o.kvs[:0]}
		obj, ok := p.indirect(id)
		o.stack, o.kvs = p.stack[:0], p.kvs[:0]
		if ok {
			return obj
		}
		if p.eof || n >= o.end-off || n > 64<<20 {
			panic(errSlow)
		}
	}
}

// inStream reads object id from the object stream sid, as the library
// keeps it decoded (lpdf Reader.ObjectStream: decoded once per document,
// listing what the library reads from it). A stream the library does not
// keep, or one that does not list id, is left to the library.
func (o *objects) inStream(id, sid objKey) pobj {
	// (an object stream inside an object stream, or inside itself, is
	// not kept: ObjectStream bounds that recursion)
	data, offs, ok := o.rd.ObjectStream(sid.id, sid.gen)
	if !ok {
		panic(errSlow)
	}
	at, ok := offs[id.id]
	if !ok || at < 0 || at > int64(len(data)) {
		panic(errSlow)
	}
	if o.names == nil {
		o.names = make(map[string]string)
	}
	p := &oparser{data: data, pos: int(at), eof: true, names: o.names, arena: &o.arena,
		stack: o.stack[:0], kvs: o.kvs[:0]}
	obj := p.object()
	switch {
	case obj.kind == pInteger && obj.num >= 0 && obj.num <= 1<<32-1:
		if _, ref := p.refTail(); ref {
			panic(errSlow) // an object that is a bare reference
		}
	case obj.kind == pDict:
		q := p.pos
		for q < len(p.data) && isSpace(p.data[q]) {
			q++
		}
		if q < len(p.data) && (p.data[q] == '%' || bytes.HasPrefix(p.data[q:], []byte("stream"))) {
			panic(errSlow) // the library would make a stream of it
		}
	}
	o.stack, o.kvs = p.stack[:0], p.kvs[:0]
	return obj
}

// oparser parses one indirect object. It panics with errSlow on anything
// outside the plain syntax; ok is false when the window ended too soon.
type oparser struct {
	data  []byte
	pos   int
	base  int64
	eof   bool // data reaches the end of the file
	depth int
	names map[string]string
	stack []pobj // array elements being read
	kvs   []pkv  // dictionary entries being read
	arena *arena
}

func (p *oparser) indirect(id objKey) (obj pobj, ok bool) {
	defer func() {
		if x := recover(); x != nil {
			if x == errShort {
				obj, ok = pobj{}, false
				return
			}
			panic(x)
		}
	}()
	if n, isInt := p.number(); !isInt || n != float64(id.id) {
		panic(errSlow)
	}
	if g, isInt := p.number(); !isInt || g != float64(id.gen) {
		panic(errSlow)
	}
	if p.keyword() != "obj" {
		panic(errSlow)
	}
	obj = p.object()
	if obj.kind == pDict {
		// a stream?
		save := p.pos
		if p.peekKeyword() == "stream" {
			p.keyword()
			switch p.byte() {
			case '\r':
				if p.pos < len(p.data) && p.data[p.pos] == '\n' {
					p.pos++
				}
			case '\n':
			default:
				panic(errSlow)
			}
			obj.kind = pStream
			obj.sub.off = p.base + int64(p.pos)
			return obj, true
		}
		p.pos = save
	}
	if p.keyword() != "endobj" {
		panic(errSlow)
	}
	return obj, true
}

var errShort = errors.New("short window")

func (p *oparser) byte() byte {
	if p.pos >= len(p.data) {
		if p.eof {
			panic(errSlow)
		}
		panic(errShort)
	}
	c := p.data[p.pos]
	p.pos++
	return c
}

func (p *oparser) skipSpace() {
	for {
		if p.pos >= len(p.data) {
			if p.eof {
				panic(errSlow)
			}
			panic(errShort)
		}
		c := p.data[p.pos]
		switch {
		case isSpace(c):
			p.pos++
		case c == '%':
			for p.pos < len(p.data) && p.data[p.pos] != '\n' && p.data[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

// word reads a run of regular characters (a keyword or number).
func (p *oparser) word() []byte {
	p.skipSpace()
	start := p.pos
	for p.pos < len(p.data) && isRegular(p.data[p.pos]) {
		p.pos++
	}
	if p.pos >= len(p.data) && !p.eof {
		panic(errShort) // the word may go on past the window
	}
	return p.data[start:p.pos]
}

func (p *oparser) keyword() string { return string(p.word()) }

func (p *oparser) peekKeyword() string {
	save := p.pos
	w := p.word()
	p.pos = save
	return string(w)
}

// number reads a word that must be an integer; isInt is false otherwise.
func (p *oparser) number() (float64, bool) {
	w := p.word()
	if !isInteger(w) {
		return 0, false
	}
	return float64(parseInt(w)), true
}

// parseInt parses a word isInteger accepted, as strconv.ParseInt does.
func parseInt(w []byte) int64 {
	d := w
	neg := false
	if d[0] == '+' || d[0] == '-' {
		neg = d[0] == '-'
		d = d[1:]
	}
	if len(d) > 18 {
		v, err := strconv.ParseInt(string(w), 10, 64)
		if err != nil {
			panic(errSlow)
		}
		return v
	}
	var v int64
	for _, c := range d {
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v
}

// isInteger and isReal classify words as ledongthuc/pdf does.
func isInteger(s []byte) bool {
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if len(s) == 0 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func isReal(s []byte) bool {
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if len(s) == 0 {
		return false
	}
	dots := 0
	for _, c := range s {
		if c == '.' {
			dots++
			continue
		}
		if c < '0' || c > '9' {
			return false
		}
	}
	return dots == 1
}

func (p *oparser) object() pobj {
	p.depth++
	if p.depth > 64 {
		panic(errSlow)
	}
	o := p.object1()
	p.depth--
	return o
}

func (p *oparser) object1() pobj {
	p.skipSpace()
	c := p.data[p.pos]
	switch c {
	case '/':
		p.pos++
		return pobj{kind: pName, s: p.name(true)}
	case '(':
		p.pos++
		return pobj{kind: pString, s: p.literal()}
	case '<':
		p.pos++
		if p.byte() == '<' {
			return p.dictBody()
		}
		p.pos--
		return pobj{kind: pString, s: p.hex()}
	case '[':
		// elements collect on a stack shared by nested arrays, and
		// are copied once into a slice of the right size
		p.pos++
		start := len(p.stack)
		for {
			p.skipSpace()
			if p.data[p.pos] == ']' {
				p.pos++
				break
			}
			p.stack = p.appendObject(p.stack)
		}
		sub := p.arena.sub()
		sub.arr = p.arena.objs(p.stack[start:])
		clear(p.stack[start:])
		p.stack = p.stack[:start]
		return pobj{kind: pArray, sub: sub}
	}
	if isDelim(c) {
		panic(errSlow)
	}
	w := p.word()
	switch {
	case string(w) == "true":
		return pobj{kind: pBool, num: 1}
	case string(w) == "false":
		return pobj{kind: pBool}
	case string(w) == "null":
		return pobj{}
	case isInteger(w):
		return pobj{kind: pInteger, num: float64(parseInt(w))}
	case isReal(w):
		v, err := strconv.ParseFloat(string(w), 64)
		if err != nil {
			panic(errSlow)
		}
		return pobj{kind: pReal, num: v}
	}
	panic(errSlow)
}

// appendObject reads one object into a list, turning "n g R" into a
// reference as the library does (an integer followed by an integer that
// fits 16 bits and the keyword R). The lookahead scans bytes only, so the
// integers of a /Widths array are not parsed twice.
func (p *oparser) appendObject(list []pobj) []pobj {
	o := p.object()
	if o.kind == pInteger && o.num >= 0 && o.num <= 1<<32-1 {
		if gen, ok := p.refTail(); ok {
			return append(list, pobj{isRef: true, ref: objKey{id: uint32(o.num), gen: gen}})
		}
	}
	return append(list, o)
}

// refTail looks for " g R" after an integer; when found it consumes it.
func (p *oparser) refTail() (gen uint16, ok bool) {
	d := p.data
	q := p.skipFrom(p.pos)
	c := d[q]
	if c == '+' || c == '-' {
		// a signed integer that fits 16 bits ("+5", "-0") would make a
		// reference for the library: too odd to imitate
		e := q + 1
		for e < len(d) && d[e] >= '0' && d[e] <= '9' {
			e++
		}
		p.wordEnd(e)
		if e > q+1 && (e == len(d) || !isRegular(d[e])) {
			v, err := strconv.ParseInt(string(d[q:e]), 10, 64)
			if err == nil && v >= 0 && v <= 1<<16-1 {
				panic(errSlow)
			}
		}
		return 0, false
	}
	if c < '0' || c > '9' {
		return 0, false
	}
	e := q
	v := 0
	for e < len(d) && d[e] >= '0' && d[e] <= '9' {
		if v <= 1<<16 {
			v = v*10 + int(d[e]-'0')
		}
		e++
	}
	p.wordEnd(e)
	if (e < len(d) && isRegular(d[e])) || v > 1<<16-1 {
		return 0, false // a real, a keyword, or too big: not a generation
	}
	r := p.skipFrom(e)
	if d[r] != 'R' {
		return 0, false
	}
	p.wordEnd(r + 1)
	if r+1 < len(d) && isRegular(d[r+1]) {
		return 0, false
	}
	p.pos = r + 1
	return uint16(v), true
}

// skipFrom returns the position of the next non-space byte from i; a
// comment there is left to the library.
func (p *oparser) skipFrom(i int) int {
	for i < len(p.data) && isSpace(p.data[i]) {
		i++
	}
	if i >= len(p.data) {
		p.pos = i
		p.byte() // short window, or end of file
	}
	if p.data[i] == '%' {
		panic(errSlow)
	}
	return i
}

// wordEnd checks that a word ending at i does not run past the window.
func (p *oparser) wordEnd(i int) {
	if i >= len(p.data) && !p.eof {
		panic(errShort)
	}
}

func (p *oparser) dictBody() pobj {
	start := len(p.kvs)
	for {
		p.skipSpace()
		c := p.data[p.pos]
		if c == '>' {
			p.pos++
			if p.byte() != '>' {
				panic(errSlow)
			}
			sub := p.arena.sub()
			sub.dict = p.arena.kvs(p.kvs[start:])
			clear(p.kvs[start:])
			p.kvs = p.kvs[:start]
			return pobj{kind: pDict, sub: sub}
		}
		if c != '/' {
			panic(errSlow)
		}
		p.pos++
		k := p.name(true)
		var one [1]pobj
		v := p.appendObject(one[:0])[0]
		p.kvs = append(p.kvs, pkv{k: k, v: v})
	}
}

// name reads a name; intern shares the strings of names seen before
// (a Type 3 /Differences repeats /g0 hundreds of times).
func (p *oparser) name(intern bool) string {
	start := p.pos
	hash := false
	for p.pos < len(p.data) && !isSpace(p.data[p.pos]) && !isDelim(p.data[p.pos]) {
		if p.data[p.pos] == '#' {
			hash = true
		}
		p.pos++
	}
	if p.pos >= len(p.data) {
		p.byte() // short window or end of file
	}
	n := p.data[start:p.pos]
	if !hash {
		if intern && p.names != nil {
			if s, ok := p.names[string(n)]; ok {
				return s
			}
			s := string(n)
			if len(p.names) < 4096 {
				p.names[s] = s
			}
			return s
		}
		return string(n)
	}
	out := make([]byte, 0, len(n))
	for i := 0; i < len(n); i++ {
		if n[i] == '#' {
			if i+2 >= len(n) {
				panic(errSlow)
			}
			h, ok := unhex2(n[i+1], n[i+2])
			if !ok {
				panic(errSlow)
			}
			out = append(out, h)
			i += 2
			continue
		}
		out = append(out, n[i])
	}
	return string(out)
}

func (p *oparser) literal() string {
	var out []byte
	depth := 1
	for {
		c := p.byte()
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			e := p.byte()
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 'b':
				c = '\b'
			case 't':
				c = '\t'
			case 'f':
				c = '\f'
			case '(', ')', '\\':
				c = e
			case '\r', '\n':
				panic(errSlow) // line continuation: rare, left to the library
			default:
				if e < '0' || e > '7' {
					panic(errSlow)
				}
				v := int(e - '0')
				for k := 0; k < 2; k++ {
					d := p.byte()
					if d < '0' || d > '7' {
						p.pos--
						break
					}
					v = v*8 + int(d-'0')
				}
				if v > 255 {
					panic(errSlow)
				}
				c = byte(v)
			}
		}
		out = append(out, c)
	}
}

func (p *oparser) hex() string {
	var out []byte
	for {
		c := p.byte()
		if c == '>' {
			return string(out)
		}
		if isSpace(c) {
			continue
		}
		d := p.byte()
		for isSpace(d) {
			d = p.byte()
		}
		h, ok := unhex2(c, d)
		if !ok {
			panic(errSlow)
		}
		out = append(out, h)
	}
}

// val is a PDF object read either by ledongthuc/pdf (o == nil) or by the
// fast parser (o != nil, references resolved through objs). Its methods
// behave like lpdf.Value's.
type val struct {
	l    lpdf.Value
	o    *pobj
	objs *objects
}

func lval(v lpdf.Value) val { return val{l: v} }

// detach returns v with its parsed objects copied out of the arena, for a
// val kept after the font that read it is built.
func (v val) detach() val {
	if v.o == nil {
		return v
	}
	o := v.o.clone()
	return val{o: &o, objs: v.objs}
}

func (o *pobj) clone() pobj {
	c := *o
	if o.sub != nil {
		sub := &psub{off: o.sub.off}
		if o.sub.arr != nil {
			sub.arr = make([]pobj, len(o.sub.arr))
			for i := range o.sub.arr {
				sub.arr[i] = o.sub.arr[i].clone()
			}
		}
		if o.sub.dict != nil {
			sub.dict = make([]pkv, len(o.sub.dict))
			for i, kv := range o.sub.dict {
				sub.dict[i] = pkv{k: kv.k, v: kv.v.clone()}
			}
		}
		c.sub = sub
	}
	return c
}

// wrap makes a val of an element of v's array or dictionary, resolving
// a reference.
func (v val) wrap(o *pobj) val {
	if o.isRef {
		r := v.objs.get(o.ref)
		o = &r
	}
	return val{o: o, objs: v.objs}
}

func (v val) Kind() lpdf.ValueKind {
	if v.o == nil {
		return v.l.Kind()
	}
	return lpdf.ValueKind(v.o.kind)
}

func (v val) Key(k string) val {
	if v.o == nil {
		return val{l: v.l.Key(k)}
	}
	if v.o.kind != pDict && v.o.kind != pStream {
		return val{o: nullObj, objs: v.objs}
	}
	// the last of duplicate keys wins, as in the library's map
	d := v.o.sub.dict
	for i := len(d) - 1; i >= 0; i-- {
		if d[i].k == k {
			return v.wrap(&d[i].v)
		}
	}
	return val{o: nullObj, objs: v.objs}
}

func (v val) Index(i int) val {
	if v.o == nil {
		return val{l: v.l.Index(i)}
	}
	if v.o.kind != pArray || i < 0 || i >= len(v.o.sub.arr) {
		return val{o: nullObj, objs: v.objs}
	}
	return v.wrap(&v.o.sub.arr[i])
}

func (v val) Len() int {
	if v.o == nil {
		return v.l.Len()
	}
	if v.o.kind != pArray {
		return 0
	}
	return len(v.o.sub.arr)
}

func (v val) Name() string {
	if v.o == nil {
		return v.l.Name()
	}
	if v.o.kind != pName {
		return ""
	}
	return v.o.s
}

func (v val) Float64() float64 {
	if v.o == nil {
		return v.l.Float64()
	}
	if v.o.kind != pInteger && v.o.kind != pReal {
		return 0
	}
	return v.o.num
}

func (v val) Int64() int64 {
	if v.o == nil {
		return v.l.Int64()
	}
	if v.o.kind != pInteger {
		return 0
	}
	return int64(v.o.num)
}

// floats reads an array of numbers.
func (v val) floats() []float64 {
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

// stream decodes a stream like src.stream. A stream read by the fast
// parser is decoded only when it has no filter or a plain FlateDecode;
// otherwise the whole font goes back to the library (errSlow).
func (v val) stream(s *src, stop int) ([]byte, error) {
	if v.o == nil {
		return s.stream(v.l, stop)
	}
	compressed := v.checkStream()
	n := v.Key("Length").Int64()
	if n == 0 {
		return nil, nil // the library skips the filters of an empty stream
	}
	raw := make([]byte, s.present(v.o.sub.off, n))
	k, _ := s.r.ReadAt(raw, v.o.sub.off)
	return s.checkCap(decodeRaw(raw[:k], compressed, s.limit(stop)))(stop)
}

// checkStream panics with errSlow unless v (read by the fast parser) is a
// stream the fast path decodes; it tells whether it is compressed.
func (v val) checkStream() (compressed bool) {
	if v.o == nil {
		return false
	}
	if v.o.kind != pStream {
		panic(errSlow)
	}
	if v.Key("DecodeParms").Kind() != lpdf.Null {
		panic(errSlow)
	}
	switch f := v.Key("Filter"); f.Kind() {
	case lpdf.Null:
	case lpdf.Name:
		if f.Name() != "FlateDecode" {
			panic(errSlow)
		}
		compressed = true
	case lpdf.Array:
		if f.Len() != 1 || f.Index(0).Name() != "FlateDecode" {
			panic(errSlow)
		}
		compressed = true
	default:
		panic(errSlow)
	}
	if n := v.Key("Length").Int64(); n < 0 || n > maxStreamBytes {
		panic(errSlow)
	}
	return compressed
}
