package extract

import (
	"math/rand"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"":               "",
		"一、总体情况":         "一、总体情况",
		"  １２３\u3000件 ":  "123 件",
		"商业\n企业":         "商业 企业",
		"a\u00a0\u00a0b": "a b",
		"（一）予以公开":        "(一)予以公开",
		"\ufeff危及“三安全一稳定”\u200b": "危及“三安全一稳定”",
		"x\ty":      "x y",
		"ok text":   "ok text",
		"ok  text":  "ok text",
		"trailing ": "trailing",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
		if got := Normalize(want); got != want {
			t.Errorf("Normalize is not idempotent on %q: %q", want, got)
		}
	}
}

func BenchmarkNormalizeClean(b *testing.B) {
	s := "三、收到和处理政府信息公开申请情况 2023 年"
	for b.Loop() {
		Normalize(s)
	}
}

// isNormal's ASCII path answers as the rune-by-rune test does.
func TestIsNormalASCIIEqualsRunes(t *testing.T) {
	pieces := []string{"a", "Z", "1", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\x00", "\x1f", "\x7f", "~", "!", "R1C1", "Page", "中", "\u3000", "\u00a0", "ｆ", "\u0301", "\xff"}
	rng := rand.New(rand.NewSource(5))
	ascii := 0
	for range 50000 {
		var b strings.Builder
		for range rng.Intn(8) {
			p := pieces[rng.Intn(len(pieces))]
			if rng.Intn(4) > 0 && p[0] >= 0x80 {
				continue // mostly ASCII
			}
			b.WriteString(p)
		}
		s := b.String()
		if got, want := isNormal(s), isNormalRunes(s); got != want {
			t.Fatalf("isNormal(%q) = %v, rune by rune %v", s, got, want)
		}
		if isASCIIText(s) {
			ascii++
		}
	}
	if ascii < 10000 {
		t.Errorf("only %d ASCII texts", ascii)
	}
	for c := range 128 { // every ASCII character alone, doubled and between letters
		for _, s := range []string{string(rune(c)), strings.Repeat(string(rune(c)), 2), "a" + string(rune(c)) + "b"} {
			if got, want := isNormal(s), isNormalRunes(s); got != want {
				t.Fatalf("isNormal(%q) = %v, rune by rune %v", s, got, want)
			}
		}
	}
}

func isASCIIText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// isNormalRef is isNormalRunes before its CJK fast path: every text
// through the NFKC check.
func isNormalRef(s string) bool {
	prevSpace := true
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

// isNormalRunes answers as the NFKC check on every text: ideographs at the
// ends of the fast path's range and just outside it, compatibility
// ideographs, combining marks after an ideograph or a letter, full-width
// forms and CJK punctuation that NFKC changes.
func TestIsNormalRunesEqualsNFKCCheck(t *testing.T) {
	pieces := []string{"a", "e", " ", "  ", "1", "中", "一", "\u4e00", "\u9fff", "\u4dff", "\ua000", "\uf900", "\U0002f800",
		"\u0301", "\u3099", "，", "（", "\u3000", "、", "。", "\u3038", "ｆ", "①", "Å", "\u212b", "가", "\u1100\u1161", "\xff", "\t"}
	rng := rand.New(rand.NewSource(7))
	for range 300000 {
		var b strings.Builder
		for range rng.Intn(8) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		if got, want := isNormalRunes(s), isNormalRef(s); got != want {
			t.Fatalf("isNormalRunes(%q) = %v, NFKC check %v", s, got, want)
		}
	}
	for _, r := range "、。《》「」『』【】〔〕“”‘’—·，：；（）！？…" {
		pieces = append(pieces, string(r))
	}
	var runes []rune
	for r := rune(0x4d00); r <= 0xa100; r++ {
		runes = append(runes, r)
	}
	for r := rune(0x2000); r <= 0x3100; r++ { // general and CJK punctuation
		runes = append(runes, r)
	}
	for r := rune(0xfe00); r <= 0xffff; r++ { // full-width and other compatibility forms
		runes = append(runes, r)
	}
	for _, r := range runes { // alone, after a letter and before a combining mark
		for _, s := range []string{string(r), string(r) + "\u0301", "a" + string(r), string(r) + "\u3099"} {
			if got, want := isNormalRunes(s), isNormalRef(s); got != want {
				t.Fatalf("isNormalRunes(%q) = %v, NFKC check %v", s, got, want)
			}
		}
	}
}

// normalizeWide is Normalize through NFKC wherever it answers: on every rune
// alone and between letters, and on random texts of the runes it takes mixed
// with ones it leaves to NFKC (combining marks, compatibility forms, other
// spaces, invalid bytes); and Normalize equals Normalize through NFKC.
func TestNormalizeWideEqualsNFKC(t *testing.T) {
	taken := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		for _, s := range []string{string(r), "a" + string(r) + "b"} {
			if got, ok := normalizeWide(s); ok {
				taken++
				if want := normalizeRef(s); got != want {
					t.Fatalf("normalizeWide(%q) = %q, through NFKC %q", s, got, want)
				}
			}
		}
	}
	if taken < 2*21000 {
		t.Fatalf("normalizeWide took %d texts: the fast path is not taken", taken)
	}
	pieces := []string{"a", " ", "  ", "1", "中", "\u9fff", "，", "：", "（", "）", "\uff01", "\uff5e", "\uff10", "\uff21",
		"\u3000", "、", "。", "“", "—", "\u0301", "\u3099", "\uff5f", "\uff61", "\uff9e", "ｶ", "①", "…", "\xff",
		"\t", "\n", "\r", "\x01", "\x7f", "\u00a0", "\u200b", "\u0085"}
	rng := rand.New(rand.NewSource(11))
	fast := 0
	for range 300000 {
		var b strings.Builder
		for range rng.Intn(8) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		if _, ok := normalizeWide(s); ok {
			fast++
		}
		if got, want := Normalize(s), normalizeRef(s); got != want {
			t.Fatalf("Normalize(%q) = %q, through NFKC %q", s, got, want)
		}
	}
	if fast < 10000 {
		t.Fatalf("only %d random texts took the fast path", fast)
	}
}

// normalizeRef is Normalize with NFKC for every text that is not normal.
func normalizeRef(s string) string {
	if isNormal(s) {
		return s
	}
	return collapseSpace(norm.NFKC.String(s))
}
