package pdf

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// standardEnc is Adobe StandardEncoding.
var standardEnc = func() [256]rune {
	var t [256]rune
	for c := 0x20; c < 0x7f; c++ {
		t[c] = rune(c)
	}
	t[0x27] = 0x2019
	t[0x60] = 0x2018
	hi := map[int]rune{
		0xa1: 0xa1, 0xa2: 0xa2, 0xa3: 0xa3, 0xa4: 0x2044, 0xa5: 0xa5, 0xa6: 0x192, 0xa7: 0xa7,
		0xa8: 0xa4, 0xa9: 0x27, 0xaa: 0x201c, 0xab: 0xab, 0xac: 0x2039, 0xad: 0x203a, 0xae: 0xfb01,
		0xaf: 0xfb02, 0xb1: 0x2013, 0xb2: 0x2020, 0xb3: 0x2021, 0xb4: 0xb7, 0xb6: 0xb6, 0xb7: 0x2022,
		0xb8: 0x201a, 0xb9: 0x201e, 0xba: 0x201d, 0xbb: 0xbb, 0xbc: 0x2026, 0xbd: 0x2030, 0xbf: 0xbf,
		0xc1: 0x60, 0xc2: 0xb4, 0xc3: 0x2c6, 0xc4: 0x2dc, 0xc5: 0xaf, 0xc6: 0x2d8, 0xc7: 0x2d9,
		0xc8: 0xa8, 0xca: 0x2da, 0xcb: 0xb8, 0xcd: 0x2dd, 0xce: 0x2db, 0xcf: 0x2c7, 0xd0: 0x2014,
		0xe1: 0xc6, 0xe3: 0xaa, 0xe8: 0x141, 0xe9: 0xd8, 0xea: 0x152, 0xeb: 0xba, 0xf1: 0xe6,
		0xf5: 0x131, 0xf8: 0x142, 0xf9: 0xf8, 0xfa: 0x153, 0xfb: 0xdf,
	}
	for c, r := range hi {
		t[c] = r
	}
	for c := range t {
		if t[c] == 0 && c >= 0x20 {
			t[c] = 0xfffd
		}
	}
	return t
}()

// glyphRune maps a glyph name to a rune: the Adobe Glyph List subset in
// glyphNames, uniXXXX, uXXXX[XX], and names with a suffix (a.sc, A_B is not
// split). ok is false for names that carry no Unicode meaning (g12, cid123).
func glyphRune(name string) (rune, bool) {
	if r, ok := lookupGlyphName(name); ok {
		return r, true
	}
	if i := strings.IndexByte(name, '.'); i > 0 {
		return glyphRune(name[:i])
	}
	if len(name) == 7 && strings.HasPrefix(name, "uni") {
		if v, err := strconv.ParseUint(name[3:], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
			return rune(v), true
		}
	}
	if len(name) >= 5 && len(name) <= 7 && name[0] == 'u' {
		if v, err := strconv.ParseUint(name[1:], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
			return rune(v), true
		}
	}
	if len(name) == 1 {
		return rune(name[0]), true
	}
	return 0, false
}

type glyphName struct {
	name string
	r    rune
}

// lookupGlyphName finds a name in the sorted glyphNames table.
func lookupGlyphName(name string) (rune, bool) {
	i, found := slices.BinarySearchFunc(glyphNames[:], name, func(e glyphName, n string) int { return strings.Compare(e.name, n) })
	if !found {
		return 0, false
	}
	return glyphNames[i].r, true
}

// Predefined CMaps nianbao decodes without a ToUnicode map.
type predefined uint8

const (
	preNone     predefined = iota
	preIdentity            // Identity-H / Identity-V: 2-byte codes, CID = code
	preGBK                 // GBK-EUC-H/V, GBKp-EUC, GBK2K: GBK (lead bytes 0x81-0xFE)
	preGBEUC               // GB-EUC-H/V: EUC-CN (lead bytes 0xA1-0xFE)
	preUCS2                // UniGB-UCS2-H/V
	preUTF16               // UniGB-UTF16-H/V, UniCNS-UTF16 and the like
)

// predefinedCMap classifies a predefined CMap name; vertical reports -V.
func predefinedCMap(name string) (p predefined, vertical bool) {
	vertical = strings.HasSuffix(name, "-V")
	switch {
	case name == "Identity-H" || name == "Identity-V":
		return preIdentity, vertical
	case strings.HasPrefix(name, "GBK-EUC-") || strings.HasPrefix(name, "GBKp-EUC-") || strings.HasPrefix(name, "GBK2K-"):
		return preGBK, vertical
	case strings.HasPrefix(name, "GB-EUC-") || strings.HasPrefix(name, "GBpc-EUC-"):
		return preGBEUC, vertical
	case strings.HasSuffix(name, "-UCS2-H") || strings.HasSuffix(name, "-UCS2-V"):
		return preUCS2, vertical
	case strings.HasSuffix(name, "-UTF16-H") || strings.HasSuffix(name, "-UTF16-V"):
		return preUTF16, vertical
	}
	return preNone, vertical
}

// predefinedCodeLen returns the byte length of the code at the start of s.
func predefinedCodeLen(p predefined, s []byte) int {
	switch p {
	case preGBK:
		if s[0] >= 0x81 && s[0] <= 0xfe && len(s) >= 2 {
			return 2
		}
		return 1
	case preGBEUC:
		if s[0] >= 0xa1 && s[0] <= 0xfe && len(s) >= 2 {
			return 2
		}
		return 1
	case preUTF16:
		if len(s) >= 4 && s[0] >= 0xd8 && s[0] <= 0xdb {
			return 4
		}
		return 2
	}
	return 2
}

var (
	gbkOnce  sync.Once
	gbkTable map[uint16]rune
)

// gbkRune decodes one two-byte GBK code (a superset of EUC-CN).
func gbkRune(code uint32) rune {
	gbkOnce.Do(func() {
		gbkTable = make(map[uint16]rune, 24000)
		dec := simplifiedchinese.GBK.NewDecoder()
		var src [2]byte
		var dst [8]byte
		for a := 0x81; a <= 0xfe; a++ {
			for b := 0x40; b <= 0xfe; b++ {
				if b == 0x7f {
					continue
				}
				src[0], src[1] = byte(a), byte(b)
				dec.Reset()
				n, _, err := dec.Transform(dst[:], src[:], true)
				if err != nil || n == 0 {
					continue
				}
				r, _ := utf8.DecodeRune(dst[:n])
				if r != utf8.RuneError {
					gbkTable[uint16(a<<8|b)] = r
				}
			}
		}
	})
	if code < 0x80 {
		return rune(code)
	}
	if r, ok := gbkTable[uint16(code)]; ok {
		return r
	}
	return 0xfffd
}

// predefinedRune decodes a code of a predefined CMap straight to Unicode.
// ok is false for Identity (which needs a ToUnicode map).
func predefinedRune(p predefined, code uint32, n int) (rune, bool) {
	switch p {
	case preGBK, preGBEUC:
		if n == 1 {
			if code < 0x80 {
				return rune(code), true
			}
			return 0xfffd, true
		}
		return gbkRune(code), true
	case preUCS2:
		if utf8.ValidRune(rune(code)) {
			return rune(code), true
		}
		return 0xfffd, true
	case preUTF16:
		if n == 4 {
			hi, lo := rune(code>>16), rune(code&0xffff)
			r := utf16Decode2(hi, lo)
			return r, true
		}
		if utf8.ValidRune(rune(code)) {
			return rune(code), true
		}
		return 0xfffd, true
	}
	return 0, false
}

func utf16Decode2(hi, lo rune) rune {
	if hi >= 0xd800 && hi < 0xdc00 && lo >= 0xdc00 && lo < 0xe000 {
		return (hi-0xd800)<<10 | (lo - 0xdc00) + 0x10000
	}
	return 0xfffd
}
