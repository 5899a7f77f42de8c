package extract

import (
	"strings"
	"unicode"

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
	prevSpace := true // a leading space is not normal
	for _, r := range s {
		switch {
		case r == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		case r == '\u200b' || r == '\ufeff' || r == '\u00ad' || r == '\u00a0' || unicode.IsSpace(r) || unicode.IsControl(r):
			return false
		}
		prevSpace = false
	}
	return (s == "" || !prevSpace) && norm.NFKC.IsNormalString(s)
}
