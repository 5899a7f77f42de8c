package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize folds text the way every backend must before it stores a cell or
// a line: NFKC (full-width digits and letters become ASCII, U+3000 becomes a
// space), non-breaking and other Unicode spaces become ASCII spaces, control
// characters are dropped, runs of white space collapse to one space, and the
// ends are trimmed. Newlines are folded too; callers that need line structure
// split first.
func Normalize(s string) string {
	if isNormal(s) {
		return s // the common case: no allocation
	}
	if t, ok := normalizeWide(s); ok {
		return t // most other lines: ASCII and Chinese with full-width ，：（）
	}
	return collapseSpace(norm.NFKC.String(s))
}

// collapseSpace drops control and invisible characters, turns every run of
// white space into one space and trims the ends.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u200b' || r == '\ufeff' || r == '\u00ad':
			continue
		case unicode.IsSpace(r) || r == '\u00a0':
			space = true
			continue
		case unicode.IsControl(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// isNormal reports whether Normalize would return s unchanged: NFKC
// already, no leading, trailing or doubled space, and no other white space,
// control or invisible character.
func isNormal(s string) bool {
	// ASCII text (most of a PDF's glyph runs in Latin fonts, numbers) is
	// NFKC already: only its spaces and control characters count
	ascii, prevSpace := true, true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			ascii = false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		case c < 0x20 || c == 0x7f: // white space other than ' ', controls
			return false
		}
		if !ascii {
			break
		}
		prevSpace = false
	}
	if ascii {
		return s == "" || !prevSpace
	}
	return isNormalRunes(s)
}

// isNormalRunes is isNormal for any text. A text of ASCII, CJK unified
// ideographs (U+4E00–U+9FFF) and the Chinese punctuation NFKC leaves alone
// (nfkcStable) is NFKC already: none of them has a decomposition or a
// combining class, or composes with another. A text with a full-width form
// of ASCII (U+FF01–U+FF5E) is not: NFKC never leaves one. Only a text with
// other runes is given to the NFKC check. (U+3000 and the other spaces are
// not normal either way: Normalize makes them ' '.)
func isNormalRunes(s string) bool {
	prevSpace := true // a leading space is not normal
	other := false    // a rune that is neither ASCII nor NFKC-stable CJK
	for _, r := range s {
		switch {
		case r >= 0x4e00 && r <= 0x9fff || nfkcStable(r):
			prevSpace = false
			continue
		case r == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		case r == '\u200b' || r == '\ufeff' || r == '\u00ad' || r == '\u00a0' || unicode.IsSpace(r) || unicode.IsControl(r):
			return false
		case r >= 0xff01 && r <= 0xff5e:
			return false // a full-width form: NFKC makes it ASCII
		}
		if r >= utf8.RuneSelf {
			other = true
		}
		prevSpace = false
	}
	return (s == "" || !prevSpace) && (!other || norm.NFKC.IsNormalString(s))
}

// normalizeWide is Normalize for a text made only of ASCII, CJK unified
// ideographs (U+4E00–U+9FFF), nfkcStable punctuation, the full-width forms of
// ASCII (U+FF01–U+FF5E: ，：；（）！？ and full-width digits and letters) and
// the ideographic space U+3000 — the runes of nearly every line of a report —
// in one pass, without the NFKC tables: NFKC maps the full-width forms to
// their ASCII letter (U+FF01 − 0xFEE0) and U+3000 to a space and leaves the
// others alone (none of them has another decomposition or a combining class,
// or composes with a neighbour); then white space collapses and control
// characters go, as collapseSpace does. ok is false for a text with any
// other rune (or invalid UTF-8): the caller uses NFKC itself.
func normalizeWide(s string) (string, bool) {
	var b strings.Builder // its String does not copy
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || c >= '\t' && c <= '\r': // ASCII white space
				space = true
				continue
			case c < 0x20 || c == 0x7f: // ASCII control
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '\u3000' {
			i += n
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		switch {
		case r >= 0x4e00 && r <= 0x9fff || nfkcStable(r):
			b.WriteString(s[i : i+n])
		case r >= 0xff01 && r <= 0xff5e:
			b.WriteByte(byte(r - 0xfee0))
		default:
			return "", false
		}
		i += n
	}
	return b.String(), true
}

// nfkcStable reports the Chinese punctuation that NFKC does not change:
// 、。 《》「」『』【】〔〕 “”‘’ — ·. (The full-width ，：；（）！？ and … are
// changed: NFKC makes them ASCII.)
func nfkcStable(r rune) bool {
	switch r {
	case '、', '。', '《', '》', '「', '」', '『', '』', '【', '】', '〔', '〕', '“', '”', '‘', '’', '—', '·':
		return true
	}
	return false
}
