package cells

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CellKind says what a table cell holds.
type CellKind int

// Cell kinds.
const (
	KindText   CellKind = iota // a label or other words
	KindBlank                  // empty, "—", "-", "/": a blank cell (null)
	KindNumber                 // a number, possibly with unit or note
	KindMulti                  // several numbers in one cell ("12 0", PDF columns run together)
)

// Number is a parsed cell number.
type Number struct {
	V    float64
	Unit string // "元", "万元", "件", … as printed; "" when none
	Sign bool   // printed with an explicit + or -
}

// ParseCell classifies a cell text: blank, a number (ints, decimals, signs,
// 1,234, a unit inside the cell such as 251000元 or 102339.45万元, a note
// such as 22（其中修订 16 件）), several numbers separated by spaces, or text.
func ParseCell(s string) (CellKind, Number) {
	t := strings.TrimSpace(strings.Map(func(r rune) rune {
		switch r {
		case '\u00a0', '\u3000', '\u200b', '\ufeff':
			return ' '
		case '－', '—', '–', '−':
			return '-'
		case '＋':
			return '+'
		}
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s))
	switch strings.Trim(t, " ") {
	case "", "-", "--", "---", "/", "\\", "——", "无", "空", "·":
		return KindBlank, Number{}
	}
	if strings.Trim(t, "-— ") == "" {
		return KindBlank, Number{}
	}
	return parseNumber(t)
}

// parseNumber reads a cell text that is not blank. Both expressions need an
// ASCII digit, and a cell of digits alone is its number: those two common
// cases (label cells, plain counts) skip the expressions.
func parseNumber(t string) (CellKind, Number) {
	if !strings.ContainsAny(t, "0123456789") {
		return KindText, Number{}
	}
	if onlyDigits(t) {
		v, err := strconv.ParseFloat(t, 64)
		if err != nil || math.IsInf(v, 0) {
			return KindText, Number{}
		}
		return KindNumber, Number{V: v}
	}
	sign, digits, unit, ok := scanNumber(t)
	if !ok {
		if isMulti(t) {
			return KindMulti, Number{}
		}
		return KindText, Number{}
	}
	v, err := strconv.ParseFloat(thousandsSep.Replace(digits), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return KindText, Number{}
	}
	n := Number{V: v, Sign: sign != 0, Unit: unit}
	if sign == '-' {
		n.V = -v
	}
	return KindNumber, n
}

// scanNumber matches t against
//
//	^([+\-])?\s*([0-9]+(?:[,，][0-9]{3})*(?:\.[0-9]+)?)\s*(万元|元|件|个|项|条|次|%)?\s*(?:[(（][^()（）]*[)）])?\s*(万元|元)?$
//
// (the expression this replaced; TestParseNumberEqualsRegexp compares the
// two) and returns the sign, the digits and the unit (the last unit group
// when it is set, else the first). Nothing after the number starts with
// [0-9,，.], so the digits are the whole run of those runes.
func scanNumber(t string) (sign byte, digits, unit string, ok bool) {
	i := 0
	if i < len(t) && (t[i] == '+' || t[i] == '-') {
		sign = t[i]
		i++
	}
	i = skipReSpace(t, i)
	start := i
	for i < len(t) {
		if c := t[i]; c >= '0' && c <= '9' || c == ',' || c == '.' {
			i++
		} else if strings.HasPrefix(t[i:], "，") {
			i += len("，")
		} else {
			break
		}
	}
	digits = t[start:i]
	if !validDigits(digits) {
		return 0, "", "", false
	}
	i = skipReSpace(t, i)
	for _, u := range [...]string{"万元", "元", "件", "个", "项", "条", "次", "%"} {
		if strings.HasPrefix(t[i:], u) {
			unit = u
			i += len(u)
			break
		}
	}
	i = skipReSpace(t, i)
	if r, w := utf8.DecodeRuneInString(t[i:]); r == '(' || r == '（' {
		j := i + w
		for j < len(t) {
			r, w := utf8.DecodeRuneInString(t[j:])
			if r == ')' || r == '）' {
				i = j + w
				break
			}
			if r == '(' || r == '（' {
				break
			}
			j += w
		}
	}
	i = skipReSpace(t, i)
	for _, u := range [...]string{"万元", "元"} {
		if strings.HasPrefix(t[i:], u) {
			unit = u
			i += len(u)
			break
		}
	}
	return sign, digits, unit, i == len(t)
}

// validDigits reports whether d is [0-9]+(?:[,，][0-9]{3})*(?:\.[0-9]+)?.
func validDigits(d string) bool {
	n := leadingDigits(d)
	if n == 0 {
		return false
	}
	d = d[n:]
	for {
		var rest string
		switch {
		case strings.HasPrefix(d, ","):
			rest = d[1:]
		case strings.HasPrefix(d, "，"):
			rest = d[len("，"):]
		default:
			if d == "" {
				return true
			}
			return d[0] == '.' && len(d) > 1 && leadingDigits(d[1:]) == len(d)-1
		}
		if len(rest) < 3 || leadingDigits(rest[:3]) != 3 {
			return false
		}
		d = rest[3:]
	}
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// isReSpace is the expressions' \s: [\t\n\f\r ].
func isReSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func skipReSpace(t string, i int) int {
	for i < len(t) && isReSpace(t[i]) {
		i++
	}
	return i
}

// isMulti matches ^[+\-]?[0-9][0-9.]*(\s+[+\-]?[0-9][0-9.]*)+$: at least
// two such words separated by \s runs, nothing before or after.
func isMulti(t string) bool {
	words := 0
	i := 0
	for {
		if i < len(t) && (t[i] == '+' || t[i] == '-') {
			i++
		}
		if i >= len(t) || t[i] < '0' || t[i] > '9' {
			return false
		}
		for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
			i++
		}
		words++
		if i == len(t) {
			return words >= 2
		}
		j := skipReSpace(t, i)
		if j == i || j == len(t) {
			return false
		}
		i = j
	}
}

func onlyDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// toWan converts an amount to 万元 when the cell states 元; amounts without a
// unit or in 万元 are kept as printed.
func toWan(n Number) float64 {
	if n.Unit == "元" {
		return round(n.V/10000, 8)
	}
	return n.V
}

func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

// thousandsSep removes the thousands separators of a number (a Replacer is
// built once: it is safe for concurrent use).
var thousandsSep = strings.NewReplacer(",", "", "，", "")
