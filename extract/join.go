package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// JoinLines joins the lines of one table cell (or other wrapped text) the way
// a reader would: each line is trimmed, blank lines are dropped, and two
// lines meet without a space when both sides of the break are wide
// characters (商业 + 企业 = 商业企业), with one space otherwise
// (Total + 3 = "Total 3", 合计 + 12 = "合计 12").
func JoinLines(lines []string) string {
	var b strings.Builder
	var last rune = -1
	for _, l := range lines {
		l = strings.TrimFunc(l, unicode.IsSpace)
		if l == "" {
			continue
		}
		first, _ := utf8.DecodeRuneInString(l)
		if last >= 0 && !(IsWide(last) && IsWide(first)) {
			b.WriteByte(' ')
		}
		b.WriteString(l)
		last, _ = utf8.DecodeLastRuneInString(l)
	}
	return b.String()
}

// IsWide reports whether r is a character between which line breaks are
// dropped when joining lines: CJK ideographs, kana, hangul, CJK and
// full-width punctuation, and the quotes and dashes of Chinese text.
func IsWide(r rune) bool {
	switch {
	case unicode.Is(unicode.Han, r):
		return true
	case r >= 0x2E80 && r <= 0x2FFF, r >= 0x3000 && r <= 0x31FF, r >= 0xAC00 && r <= 0xD7AF,
		r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFFEF:
		return true
	case r >= 0x2018 && r <= 0x201F, r == 0x2014, r == 0x2026, r == 0x00B7:
		return true
	}
	return false
}
