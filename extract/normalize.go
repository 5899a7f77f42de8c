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
	s = norm.NFKC.String(s)
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
// combining class, or composes with another; only a text with other runes
// is given to the NFKC check.
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
		}
		if r >= utf8.RuneSelf {
			other = true
		}
		prevSpace = false
	}
	return (s == "" || !prevSpace) && (!other || norm.NFKC.IsNormalString(s))
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
