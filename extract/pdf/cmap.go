package pdf

import (
	"bytes"
	"sort"
	"unicode/utf16"
	"unicode/utf8"
)

// cmap is a parsed CMap: ToUnicode (bfchar/bfrange) or an embedded
// encoding CMap (cidchar/cidrange). Both kinds keep the codespace ranges,
// which say how many bytes each code has.
type cmap struct {
	space []codespace
	// ToUnicode: single codes in a map, ranges sorted by lo.
	chars  map[uint32]string
	ranges []uniRange
	// Encoding CMaps: code → CID.
	cids    []cidRange
	useName string // usecmap operand, if any
	wmode   int
}

type codespace struct {
	lo, hi uint32
	n      int // bytes
}

type uniRange struct {
	lo, hi uint32
	base   []rune   // destination of lo; the last rune is incremented
	arr    []string // array destination, indexed by code-lo
}

type cidRange struct {
	lo, hi uint32
	cid    uint32
}

const maxCMapEntries = 1 << 20

// parseCMap reads a CMap program. It never fails: what cannot be read is
// ignored, so a damaged CMap gives fewer mappings rather than an error.
func parseCMap(data []byte) *cmap {
	// Size the map and the operand stack once: a bfchar entry is two
	// hex strings, so half the '<' count bounds the entries from above
	// (growing a map of thousands of codes rehashed it ~10 times). The
	// hint is capped so that a stream of '<' reserves no more than ~0.5 MB.
	hint := min(bytes.Count(data, []byte{'<'})/2, 1<<14)
	m := &cmap{chars: make(map[uint32]string, hint)}
	l := &lexer{data: data}
	stack := make([]operand, 0, min(hint*2+4, 1024))
	var op operand
	entries := 0
	for {
		k, w := l.next(&op, 0)
		if k == tEOF {
			break
		}
		if k == tOperand {
			if len(stack) < 1<<16 {
				stack = append(stack, op)
			}
			continue
		}
		if k != tOperator {
			continue
		}
		switch string(w) {
		case "endcodespacerange":
			for i := 0; i+1 < len(stack); i += 2 {
				a, b := stack[i], stack[i+1]
				if a.kind != kString || b.kind != kString || len(a.b) == 0 || len(a.b) > 4 {
					continue
				}
				m.space = append(m.space, codespace{lo: codeOf(a.b), hi: codeOf(b.b), n: len(a.b)})
			}
		case "endbfchar":
			for i := 0; i+1 < len(stack) && entries < maxCMapEntries; i += 2 {
				src, dst := stack[i], stack[i+1]
				if src.kind != kString || len(src.b) == 0 || len(src.b) > 4 {
					continue
				}
				var s string
				switch dst.kind {
				case kString:
					s = utf16String(dst.b)
				case kName:
					if r, ok := glyphRune(string(dst.b)); ok {
						s = string(r)
					}
				}
				if s != "" {
					m.chars[codeOf(src.b)] = s
					entries++
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(stack) && entries < maxCMapEntries; i += 3 {
				a, b, dst := stack[i], stack[i+1], stack[i+2]
				if a.kind != kString || b.kind != kString || len(a.b) == 0 || len(a.b) > 4 {
					continue
				}
				lo, hi := codeOf(a.b), codeOf(b.b)
				if hi < lo {
					continue
				}
				r := uniRange{lo: lo, hi: hi}
				switch dst.kind {
				case kString:
					r.base = []rune(utf16String(dst.b))
					if len(r.base) == 0 {
						continue
					}
				case kArray:
					if dst.lo == dst.hi {
						continue // [] maps no code (and a range needs a base or an array)
					}
					for _, e := range l.arr[dst.lo:dst.hi] {
						if e.kind == kString {
							r.arr = append(r.arr, utf16String(e.b))
						} else {
							r.arr = append(r.arr, "")
						}
					}
				default:
					continue
				}
				m.ranges = append(m.ranges, r)
				entries++
			}
		case "endcidrange":
			for i := 0; i+2 < len(stack) && entries < maxCMapEntries; i += 3 {
				a, b, c := stack[i], stack[i+1], stack[i+2]
				if a.kind != kString || b.kind != kString || c.kind != kNum || len(a.b) == 0 || len(a.b) > 4 {
					continue
				}
				lo, hi := codeOf(a.b), codeOf(b.b)
				if hi < lo || c.num < 0 {
					continue
				}
				m.cids = append(m.cids, cidRange{lo: lo, hi: hi, cid: uint32(c.num)})
				entries++
			}
		case "endcidchar":
			for i := 0; i+1 < len(stack) && entries < maxCMapEntries; i += 2 {
				a, c := stack[i], stack[i+1]
				if a.kind != kString || c.kind != kNum || len(a.b) == 0 || len(a.b) > 4 || c.num < 0 {
					continue
				}
				code := codeOf(a.b)
				m.cids = append(m.cids, cidRange{lo: code, hi: code, cid: uint32(c.num)})
				entries++
			}
		case "usecmap":
			if n := len(stack); n > 0 && stack[n-1].kind == kName {
				m.useName = string(stack[n-1].b)
			}
		case "def":
			// /WMode 1 def
			if n := len(stack); n >= 2 && stack[n-2].kind == kName && string(stack[n-2].b) == "WMode" && stack[n-1].kind == kNum {
				m.wmode = int(stack[n-1].num)
			}
		}
		stack = stack[:0]
		l.arr = l.arr[:0]
		l.scratch = l.scratch[:0]
	}
	sort.SliceStable(m.ranges, func(i, j int) bool { return m.ranges[i].lo < m.ranges[j].lo })
	sort.SliceStable(m.cids, func(i, j int) bool { return m.cids[i].lo < m.cids[j].lo })
	return m
}

func codeOf(b []byte) uint32 {
	var c uint32
	for _, x := range b {
		c = c<<8 | uint32(x)
	}
	return c
}

// utf16String decodes a ToUnicode destination: UTF-16BE, or a single byte.
func utf16String(b []byte) string {
	if len(b) == 1 {
		return string(rune(b[0]))
	}
	if len(b) == 2 {
		// one UTF-16 unit (most bfchar entries): itself unless a surrogate
		if r := rune(b[0])<<8 | rune(b[1]); !utf16.IsSurrogate(r) {
			return string(r)
		}
	}
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}

// lookup returns the Unicode text of a code, or "" when unmapped.
func (m *cmap) lookup(code uint32) string {
	if s, ok := m.chars[code]; ok {
		return s
	}
	rs := m.ranges
	// rightmost range with lo <= code
	i := sort.Search(len(rs), func(i int) bool { return rs[i].lo > code }) - 1
	// ranges may overlap; look back a little for one that contains code
	for k := i; k >= 0 && k > i-8; k-- {
		r := &rs[k]
		if code < r.lo || code > r.hi {
			continue
		}
		off := code - r.lo
		if r.arr != nil {
			if int(off) < len(r.arr) {
				return r.arr[off]
			}
			return ""
		}
		last := r.base[len(r.base)-1] + rune(off)
		if !utf8.ValidRune(last) {
			return ""
		}
		if len(r.base) == 1 {
			return string(last)
		}
		out := make([]rune, len(r.base))
		copy(out, r.base)
		out[len(out)-1] = last
		return string(out)
	}
	return ""
}

// cid maps a code through cidrange/cidchar; ok is false when unmapped.
func (m *cmap) cid(code uint32) (uint32, bool) {
	cs := m.cids
	i := sort.Search(len(cs), func(i int) bool { return cs[i].lo > code }) - 1
	for k := i; k >= 0 && k > i-8; k-- {
		if code >= cs[k].lo && code <= cs[k].hi {
			return cs[k].cid + (code - cs[k].lo), true
		}
	}
	return 0, false
}

// codeLen returns the byte length of the code at the start of s according
// to the codespace ranges, or 0 when no range matches.
func codeLen(space []codespace, s []byte) int {
	for n := 1; n <= 4 && n <= len(s); n++ {
		var c uint32
		for _, x := range s[:n] {
			c = c<<8 | uint32(x)
		}
		for _, r := range space {
			if r.n == n && c >= r.lo && c <= r.hi {
				return n
			}
		}
	}
	return 0
}
