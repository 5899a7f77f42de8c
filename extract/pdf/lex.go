package pdf

import (
	"bytes"
	"strconv"
)

// The content-stream tokenizer. It works on the decoded stream bytes and
// never allocates per token: names and operators are sub-slices of the
// input, decoded strings live in a scratch buffer that is reset for every
// operator, and array elements are kept in a side slice.

type opKind uint8

const (
	kNum opKind = iota
	kName
	kString
	kArray
	kDict
	kBool
	kNull
)

// operand is one operand of a content-stream operator.
type operand struct {
	kind opKind
	num  float64
	b    []byte // name (without '/') or decoded string
	// arrays: elements are lex.arr[lo:hi]
	lo, hi int
}

// lexer reads content-stream tokens.
type lexer struct {
	data []byte
	pos  int
	// scratch holds decoded strings of the current operator.
	scratch []byte
	arr     []operand
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isSpace(c) && !isDelim(c) }

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() {
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		if isSpace(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// tokKind is what next returned.
type tokKind uint8

const (
	tEOF tokKind = iota
	tOperand
	tOperator
	tArrayEnd
	tDictEnd
	tJunk
)

// next reads one token. For tOperand the operand is stored in *op; for
// tOperator the operator bytes are returned.
func (l *lexer) next(op *operand, depth int) (tokKind, []byte) {
	l.skipSpace()
	if l.pos >= len(l.data) {
		return tEOF, nil
	}
	c := l.data[l.pos]
	switch {
	case c == '/':
		l.pos++
		start := l.pos
		for l.pos < len(l.data) && isRegular(l.data[l.pos]) {
			l.pos++
		}
		name := l.data[start:l.pos]
		if bytes.IndexByte(name, '#') >= 0 {
			name = l.unescapeName(name)
		}
		*op = operand{kind: kName, b: name}
		return tOperand, nil
	case c == '(':
		l.pos++
		*op = operand{kind: kString, b: l.literalString()}
		return tOperand, nil
	case c == '<':
		if l.pos+1 < len(l.data) && l.data[l.pos+1] == '<' {
			l.pos += 2
			l.skipDict(depth)
			*op = operand{kind: kDict}
			return tOperand, nil
		}
		l.pos++
		*op = operand{kind: kString, b: l.hexString()}
		return tOperand, nil
	case c == '>':
		l.pos++
		if l.pos < len(l.data) && l.data[l.pos] == '>' {
			l.pos++
			return tDictEnd, nil
		}
		return tJunk, nil
	case c == '[':
		l.pos++
		l.readArray(op, depth)
		return tOperand, nil
	case c == ']':
		l.pos++
		return tArrayEnd, nil
	case c == '{' || c == '}' || c == ')':
		l.pos++
		return tJunk, nil
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		start := l.pos
		l.pos++
		for l.pos < len(l.data) && isRegular(l.data[l.pos]) {
			l.pos++
		}
		if v, ok := parseNum(l.data[start:l.pos]); ok {
			*op = operand{kind: kNum, num: v}
			return tOperand, nil
		}
		return tOperator, l.data[start:l.pos]
	default:
		start := l.pos
		for l.pos < len(l.data) && isRegular(l.data[l.pos]) {
			l.pos++
		}
		w := l.data[start:l.pos]
		switch string(w) {
		case "true":
			*op = operand{kind: kBool, num: 1}
			return tOperand, nil
		case "false":
			*op = operand{kind: kBool}
			return tOperand, nil
		case "null":
			*op = operand{kind: kNull}
			return tOperand, nil
		}
		return tOperator, w
	}
}

// parseNum parses a PDF number quickly (integers and simple reals) and
// falls back to strconv for anything unusual. PDF writers sometimes emit
// "--5" or "5-"; those are read as well as possible.
func parseNum(b []byte) (float64, bool) {
	i := 0
	neg := false
	for i < len(b) && (b[i] == '+' || b[i] == '-') {
		if b[i] == '-' {
			neg = !neg
		}
		i++
	}
	var ip float64
	digits := 0
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		ip = ip*10 + float64(b[i]-'0')
		i++
		digits++
	}
	if i < len(b) && b[i] == '.' {
		i++
		var frac float64
		scale := 1.0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			if scale < 1e15 {
				frac = frac*10 + float64(b[i]-'0')
				scale *= 10
			}
			i++
			digits++
		}
		ip += frac / scale
	}
	if digits == 0 {
		return 0, false
	}
	if i != len(b) {
		// e.g. "1e5" is not PDF syntax, but accept what strconv accepts.
		v, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			return 0, false
		}
		return v, true
	}
	if neg {
		ip = -ip
	}
	return ip, true
}

func (l *lexer) unescapeName(name []byte) []byte {
	start := len(l.scratch)
	for i := 0; i < len(name); i++ {
		if name[i] == '#' && i+2 < len(name) {
			if h, ok := unhex2(name[i+1], name[i+2]); ok {
				l.scratch = append(l.scratch, h)
				i += 2
				continue
			}
		}
		l.scratch = append(l.scratch, name[i])
	}
	return l.scratch[start:len(l.scratch):len(l.scratch)]
}

func unhexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func unhex2(a, b byte) (byte, bool) {
	x, ok1 := unhexDigit(a)
	y, ok2 := unhexDigit(b)
	return x<<4 | y, ok1 && ok2
}

// literalString reads a (…) string; l.pos is just after '('.
func (l *lexer) literalString() []byte {
	start := len(l.scratch)
	depth := 1
	d := l.data
	for l.pos < len(d) {
		c := d[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return l.scratch[start:len(l.scratch):len(l.scratch)]
			}
		case '\\':
			if l.pos >= len(d) {
				continue
			}
			e := d[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(d) && d[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(d) && d[l.pos] >= '0' && d[l.pos] <= '7'; k++ {
						v = v*8 + int(d[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		l.scratch = append(l.scratch, c)
	}
	return l.scratch[start:len(l.scratch):len(l.scratch)]
}

// hexString reads a <…> string; l.pos is just after '<'.
func (l *lexer) hexString() []byte {
	start := len(l.scratch)
	d := l.data
	var hi byte
	half := false
	for l.pos < len(d) {
		c := d[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v, ok := unhexDigit(c)
		if !ok {
			continue
		}
		if half {
			l.scratch = append(l.scratch, hi<<4|v)
			half = false
		} else {
			hi = v
			half = true
		}
	}
	if half {
		l.scratch = append(l.scratch, hi<<4)
	}
	return l.scratch[start:len(l.scratch):len(l.scratch)]
}

const maxNest = 32

// readArray reads array elements up to the matching ']'. Nested arrays and
// dictionaries are kept as operands without content.
func (l *lexer) readArray(op *operand, depth int) {
	lo := len(l.arr)
	var el operand
	for {
		if depth > maxNest {
			// Skip the rest of a pathologically nested array.
			l.skipTo(']')
			break
		}
		k, _ := l.next(&el, depth+1)
		if k == tEOF || k == tArrayEnd {
			break
		}
		if k == tOperand {
			if el.kind == kArray {
				el = operand{kind: kArray} // elements of nested arrays are not kept
			}
			l.arr = append(l.arr, el)
		}
		// operators inside arrays are ignored
	}
	*op = operand{kind: kArray, lo: lo, hi: len(l.arr)}
}

func (l *lexer) skipTo(c byte) {
	i := bytes.IndexByte(l.data[l.pos:], c)
	if i < 0 {
		l.pos = len(l.data)
		return
	}
	l.pos += i + 1
}

// skipDict skips a dictionary body up to the matching '>>'.
func (l *lexer) skipDict(depth int) {
	var el operand
	for {
		if depth > maxNest {
			i := bytes.Index(l.data[l.pos:], []byte(">>"))
			if i < 0 {
				l.pos = len(l.data)
			} else {
				l.pos += i + 2
			}
			return
		}
		k, _ := l.next(&el, depth+1)
		if k == tEOF || k == tDictEnd {
			return
		}
	}
}

// skipInlineImage is called after the BI operator: it skips the image
// dictionary, the ID operator and the binary data up to the EI operator.
// The data is scanned as raw bytes: EI must be preceded by white space and
// followed by white space, a delimiter or the end of the stream.
func (l *lexer) skipInlineImage() {
	var el operand
	for {
		k, w := l.next(&el, 0)
		if k == tEOF {
			return
		}
		if k == tOperator && string(w) == "ID" {
			break
		}
		if k == tOperator && string(w) == "EI" {
			return
		}
	}
	// One white-space byte follows ID.
	if l.pos < len(l.data) && isSpace(l.data[l.pos]) {
		l.pos++
	}
	d := l.data
	for i := l.pos; i+1 < len(d); i++ {
		if d[i] == 'E' && d[i+1] == 'I' && (i == l.pos || isSpace(d[i-1])) &&
			(i+2 == len(d) || isSpace(d[i+2]) || isDelim(d[i+2])) {
			// Avoid false EI inside binary data: what follows must look
			// like content (an operator or operand), checked loosely by
			// requiring no NUL or high bytes in the next few bytes.
			if plausibleAfterEI(d[i+2:]) {
				l.pos = i + 2
				return
			}
		}
	}
	l.pos = len(d)
}

func plausibleAfterEI(b []byte) bool {
	n := min(len(b), 32)
	for _, c := range b[:n] {
		if c >= 0x80 || c == 0 || (c < 0x20 && !isSpace(c)) {
			return false
		}
	}
	return true
}
