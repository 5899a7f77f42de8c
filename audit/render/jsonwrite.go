package render

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// jsonWriter appends one JSON value to b, written member by member by the
// schema types' writeJSON methods, byte for byte as encoding/json's Encoder
// with SetEscapeHTML(false) writes them — compact, or indented like
// SetIndent(prefix, "  ") — without reflection: encoding/json spent ~0.9 ms
// on each report (its fields found by reflection, the cells re-scanned after
// their MarshalJSON, the whole document indented in a second pass), more than
// recognising a small report. TestJSONWriterEqualsEncodingJSON compares the
// two on random values of every schema type.
type jsonWriter struct {
	b      []byte
	indent bool   // two spaces per level after prefix; otherwise compact
	prefix string // starts every line after the first when indented
	depth  int
	empty  bool  // the innermost open object or array has no member yet
	err    error // the first value JSON cannot hold (NaN, ±Inf)
}

// jsonBufSize is the first size of a writer's buffer: a report of the
// template with its findings is 20–40 KB indented.
const jsonBufSize = 32 << 10

// newline starts a line at the current depth.
func (w *jsonWriter) newline() {
	w.b = append(w.b, '\n')
	w.b = append(w.b, w.prefix...)
	for range w.depth {
		w.b = append(w.b, ' ', ' ')
	}
}

// member starts the next member of the open object or array.
func (w *jsonWriter) member() {
	if !w.empty {
		w.b = append(w.b, ',')
	}
	w.empty = false
	if w.indent {
		w.newline()
	}
}

func (w *jsonWriter) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.empty = true
}

// close ends the innermost object or array; an empty one stays "{}" or "[]".
func (w *jsonWriter) close(c byte) {
	w.depth--
	if !w.empty && w.indent {
		w.newline()
	}
	w.b = append(w.b, c)
	w.empty = false
}

func (w *jsonWriter) openObject()  { w.open('{') }
func (w *jsonWriter) closeObject() { w.close('}') }
func (w *jsonWriter) openArray()   { w.open('[') }
func (w *jsonWriter) closeArray()  { w.close(']') }

// key starts the member named k of the open object.
func (w *jsonWriter) key(k string) { w.name(k, false) }

// htmlKey is key for a name quoted as json.Marshal quotes it (< > & escaped).
func (w *jsonWriter) htmlKey(k string) { w.name(k, true) }

func (w *jsonWriter) name(k string, html bool) {
	w.member()
	w.b = appendJSONString(w.b, k, html)
	w.b = append(w.b, ':')
	if w.indent {
		w.b = append(w.b, ' ')
	}
}

// elem starts the next element of the open array.
func (w *jsonWriter) elem() { w.member() }

func (w *jsonWriter) null()            { w.b = append(w.b, "null"...) }
func (w *jsonWriter) str(s string)     { w.b = appendJSONString(w.b, s, false) }
func (w *jsonWriter) int(n int)        { w.b = strconv.AppendInt(w.b, int64(n), 10) }
func (w *jsonWriter) bool(v bool)      { w.b = strconv.AppendBool(w.b, v) }
func (w *jsonWriter) float(f float64)  { w.b = w.appendFloat(w.b, f) }
func (w *jsonWriter) strPtr(s *string) { ptr(w, s, (*jsonWriter).str) }
func (w *jsonWriter) intPtr(n *int)    { ptr(w, n, (*jsonWriter).int) }

// ptr writes *p, or null for a nil pointer.
func ptr[T any](w *jsonWriter, p *T, write func(*jsonWriter, T)) {
	if p == nil {
		w.null()
		return
	}
	write(w, *p)
}

// array writes s as an array, null when s is nil (as encoding/json does).
func array[T any](w *jsonWriter, s []T, write func(*jsonWriter, T)) {
	if s == nil {
		w.null()
		return
	}
	w.openArray()
	for _, v := range s {
		w.elem()
		write(w, v)
	}
	w.closeArray()
}

// object writes m with its keys in byte order, null when m is nil.
func object[T any](w *jsonWriter, m map[string]T, write func(*jsonWriter, T)) {
	if m == nil {
		w.null()
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	w.openObject()
	for _, k := range keys {
		w.key(k)
		write(w, m[k])
	}
	w.closeObject()
}

// appendFloat formats f as encoding/json does (ES6 number to string: %f,
// or %e below 1e-6 and from 1e21 on, with a one-digit negative exponent
// unpadded). NaN and ±Inf are not JSON: the writer keeps an error and
// writes null in their place.
func (w *jsonWriter) appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		if w.err == nil {
			w.err = fmt.Errorf("JSON 无法表示数值 %v", f)
		}
		return append(b, "null"...)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const lowerHex = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does: \" \\ \b \f \n \r \t,
// other control bytes as \u00XX, a byte that is not UTF-8 as \ufffd,
// U+2028 and U+2029 escaped, and with html < > & as \u003c \u003e \u0026.
func appendJSONString(b []byte, s string, html bool) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && (!html || c != '<' && c != '>' && c != '&') {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', lowerHex[c>>4], lowerHex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', lowerHex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
