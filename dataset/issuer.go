package dataset

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/nianbao/nianbao/internal/lazyre"
)

// NormalizeIssuer returns the key under which reports of one issuing body
// group together across years and sources, for the issuer_normalized
// column; the name as read is kept beside it. It folds what varies in how
// one name is written, not what names a different body:
//   - full-width letters, digits and brackets to their ASCII forms (NFKC);
//   - all white space (U+3000 and spaces between characters) removed;
//   - 办公室 written as 办 (XX县人民政府办公室 and XX县政府办 share 办);
//   - a trailing year (2023年, 2023年度) or a bare 年度 dropped;
//   - punctuation and enclosing brackets around the name dropped.
//
// Abbreviations (上海市科委 for 上海市科学技术委员会) and the omitted parent
// (洪泽区 for 淮安市洪泽区) are different names and stay different.
func NormalizeIssuer(name string) string {
	s := norm.NFKC.String(name)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
	for {
		before := s
		s = trimPunct(s)
		s = trailingYear.ReplaceAllString(s, "")
		if s == before {
			break
		}
	}
	return strings.ReplaceAll(s, "办公室", "办")
}

// trailingYear is a year or 年度 at the end of a name ("平潭综合实验区2024年度").
var trailingYear = lazyre.New(`(?:(?:19|20)\d{2}年度?|年度)$`)

// pairs are the brackets that may enclose a whole name.
var pairs = map[rune]rune{'(': ')', '[': ']', '【': '】', '《': '》', '〈': '〉', '「': '」', '『': '』', '“': '”', '‘': '’', '"': '"', '〔': '〕'}

// trimPunct drops punctuation at both ends, an opening bracket that
// encloses the whole name with its closing one, and a bracket at one end
// that has no partner in the name.
func trimPunct(s string) string {
	for {
		rs := []rune(s)
		if len(rs) == 0 {
			return ""
		}
		first, last := rs[0], rs[len(rs)-1]
		switch {
		case loosePunct(first):
			s = string(rs[1:])
		case loosePunct(last):
			s = string(rs[:len(rs)-1])
		case len(rs) >= 2 && pairs[first] == last && last != 0:
			s = string(rs[1 : len(rs)-1])
		case pairs[first] != 0 && !strings.ContainsRune(string(rs[1:]), pairs[first]):
			s = string(rs[1:])
		case isCloser(last) && !strings.ContainsRune(string(rs[:len(rs)-1]), opener(last)):
			s = string(rs[:len(rs)-1])
		default:
			return s
		}
	}
}

// loosePunct is punctuation that is never part of a body's name at its
// ends (brackets are handled separately).
func loosePunct(r rune) bool {
	if pairs[r] != 0 || isCloser(r) {
		return false
	}
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}

func isCloser(r rune) bool { return opener(r) != 0 }

func opener(r rune) rune {
	for o, c := range pairs {
		if c == r && o != c {
			return o
		}
	}
	return 0
}
