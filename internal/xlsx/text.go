package xlsx

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/utf8out"
)

// MaxCellRunes is Excel's limit on the characters of one cell (counted in
// UTF-16 units, as Excel counts them).
const MaxCellRunes = 32767

// CutMarker ends a cell text cut to MaxCellRunes.
const CutMarker = "…（超出单元格长度上限，已截断）"

// xmlChar reports whether r may stand in a part: XML 1.0 allows it, and
// it is not one of the control characters XML 1.0 discourages (DEL and
// the C1 controls, garbage from a damaged document).
func xmlChar(r rune) bool {
	switch {
	case r == 0x9 || r == 0xA || r == 0xD:
		return true
	case r >= 0x7F && r <= 0x9F:
		return false
	case r >= 0x20 && r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	case r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

// clean drops the characters XML 1.0 forbids (control characters from a
// damaged document, lone surrogates) and shows invalid UTF-8 as
// utf8out.Show does.
func clean(s string) string {
	ok := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || !xmlChar(r) {
			ok = false
			break
		}
		i += n
	}
	if ok {
		return s
	}
	s = utf8out.Show(s) // a file name in GBK bytes
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if xmlChar(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// utf16Len is the length of s in UTF-16 units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// cut shortens a cleaned text to at most MaxCellRunes UTF-16 units, ending
// it with CutMarker when it had to be cut.
func cut(s string) string {
	if len(s) <= MaxCellRunes || utf16Len(s) <= MaxCellRunes {
		return s
	}
	room := MaxCellRunes - utf16Len(CutMarker)
	n := 0
	for i, r := range s {
		if n+utf16.RuneLen(r) > room {
			return s[:i] + CutMarker
		}
		n += utf16.RuneLen(r)
	}
	return s
}

// escapeHex protects text that looks like SpreadsheetML's own escape of a
// character, _xHHHH_ (which Excel would read as that character), by
// escaping its underscore: _x005F_xHHHH_.
func escapeHex(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && looksEscaped(s[i:]) {
			b.WriteString("_x005F")
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// looksEscaped reports whether s starts with _xHHHH_.
func looksEscaped(s string) bool {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range s[2:6] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// cellText prepares a string for a cell or comment: cleaned, cut to
// Excel's limit, its look-alike escapes protected.
func cellText(s string) string {
	return escapeHex(cut(clean(s)))
}
