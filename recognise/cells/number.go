package cells

import (
	"math"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/internal/lazyre"
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

var numberRe = lazyre.New(`^([+\-])?\s*([0-9]+(?:[,，][0-9]{3})*(?:\.[0-9]+)?)\s*(万元|元|件|个|项|条|次|%)?\s*(?:[(（][^()（）]*[)）])?\s*(万元|元)?$`)

var multiRe = lazyre.New(`^[+\-]?[0-9][0-9.]*(\s+[+\-]?[0-9][0-9.]*)+$`)

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
	m := numberRe.FindStringSubmatch(t)
	if m == nil {
		if multiRe.MatchString(t) {
			return KindMulti, Number{}
		}
		return KindText, Number{}
	}
	digits := strings.NewReplacer(",", "", "，", "").Replace(m[2])
	v, err := strconv.ParseFloat(digits, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return KindText, Number{}
	}
	n := Number{V: v, Sign: m[1] != ""}
	if m[1] == "-" {
		n.V = -v
	}
	n.Unit = m[3]
	if m[4] != "" {
		n.Unit = m[4]
	}
	return KindNumber, n
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
