package html

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/lazyre"
)

// decoded is the result of charset detection and decoding.
type decoded struct {
	text     string
	charset  string // canonical WHATWG name of the encoding used ("utf-8", "gb18030", …)
	source   string // where the charset came from: "bom", "header", "meta", "sniff"
	problems []extract.Problem
}

// metaCharsetRe finds a charset inside a <meta> tag: both <meta charset="gbk">
// and <meta http-equiv="Content-Type" content="text/html; charset=gb2312">.
var metaCharsetRe = lazyre.New(`(?is)<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:\-]+)`)

// decode turns the page bytes into UTF-8 text. The charset comes, in order,
// from a byte order mark, the HTTP Content-Type header, a <meta> declaration
// anywhere in the page, and finally from the bytes themselves (valid UTF-8 is
// UTF-8; anything else is read as GB18030, the superset of GB2312 and GBK).
// A declaration that the bytes plainly contradict (a page declared UTF-8 that
// is GBK, or declared GBK that is valid UTF-8) is overridden, with a problem.
func decode(data []byte, contentType string) decoded {
	// Byte order marks win over everything (WHATWG "BOM sniffing").
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return decodeAs(data[3:], encoding.Nop, "utf-8", "bom", nil)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeAs(data, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be", "bom", nil)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeAs(data, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le", "bom", nil)
	}

	label, source := "", ""
	if l := headerCharset(contentType); usableLabel(l) {
		label, source = l, "header"
	}
	if label == "" {
		for _, m := range metaCharsetRe.FindAllSubmatch(data, 8) {
			if l := strings.ToLower(string(m[1])); usableLabel(l) {
				label, source = l, "meta"
				break
			}
		}
	}

	valid := utf8.Valid(data)
	multi, invalid := utf8Stats(data)

	if label == "" {
		if valid {
			return decodeAs(data, encoding.Nop, "utf-8", "sniff", nil)
		}
		if multi > invalid {
			// Mostly UTF-8 with a few broken bytes: keep UTF-8.
			return decodeAs(data, encoding.Nop, "utf-8", "sniff", nil)
		}
		return decodeAs(data, simplifiedchinese.GB18030, "gb18030", "sniff", nil)
	}

	enc, _ := htmlindex.Get(label)
	name, _ := htmlindex.Name(enc)
	switch name {
	case "utf-8":
		if !valid && invalid >= 3 && invalid > multi {
			p := extract.Problem{Code: extract.ProblemCharset,
				Message: fmt.Sprintf("网页声明的编码为 UTF-8，但内容不是有效的 UTF-8，已按 GB18030 解码（来源：%s）", sourceName(source))}
			return decodeAs(data, simplifiedchinese.GB18030, "gb18030", "sniff", []extract.Problem{p})
		}
		return decodeAs(data, encoding.Nop, "utf-8", source, nil)
	case "utf-16be", "utf-16le":
		// A <meta> cannot truthfully declare UTF-16 (the tag itself would be
		// unreadable); WHATWG treats such a declaration as UTF-8.
		if source == "meta" {
			return decodeAs(data, encoding.Nop, "utf-8", source, nil)
		}
	}
	if valid && multi >= 8 {
		p := extract.Problem{Code: extract.ProblemCharset,
			Message: fmt.Sprintf("网页声明的编码为 %s，但内容是有效的 UTF-8，已按 UTF-8 解码（来源：%s）", name, sourceName(source))}
		return decodeAs(data, encoding.Nop, "utf-8", "sniff", []extract.Problem{p})
	}
	if name == "gbk" || name == "gb18030" {
		// GB2312 and GBK are subsets of GB18030; decode with the superset so
		// that four-byte sequences on "GBK" pages survive too.
		return decodeAs(data, simplifiedchinese.GB18030, "gb18030", source, nil)
	}
	return decodeAs(data, enc, name, source, nil)
}

func sourceName(source string) string {
	switch source {
	case "header":
		return "HTTP 头"
	case "meta":
		return "meta 标签"
	}
	return source
}

// usableLabel reports whether a charset label names an encoding we decode
// with. WHATWG maps some labels (iso-2022-cn, hz-gb-2312 …) to the
// "replacement" encoding, which would turn the whole page into U+FFFD: such
// declarations are ignored and the bytes sniffed instead.
func usableLabel(l string) bool {
	if l == "" {
		return false
	}
	enc, err := htmlindex.Get(l)
	if err != nil {
		return false
	}
	name, err := htmlindex.Name(enc)
	return err == nil && name != "replacement" && name != "x-user-defined"
}

// headerCharset returns the charset parameter of a Content-Type header.
func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		// Tolerate sloppy headers such as "text/html;charset=GBK;".
		i := strings.Index(asciiLower(contentType), "charset=")
		if i < 0 {
			return ""
		}
		v := contentType[i+len("charset="):]
		if j := strings.IndexAny(v, "; \t"); j >= 0 {
			v = v[:j]
		}
		return strings.ToLower(strings.Trim(v, `"'`))
	}
	return strings.ToLower(strings.TrimSpace(params["charset"]))
}

// utf8Stats counts valid multi-byte UTF-8 sequences and invalid bytes.
func utf8Stats(data []byte) (multi, invalid int) {
	for i := 0; i < len(data); {
		b := data[i]
		if b < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			invalid++
			i++
			continue
		}
		multi++
		i += size
	}
	return multi, invalid
}

func decodeAs(data []byte, enc encoding.Encoding, name, source string, problems []extract.Problem) decoded {
	var text string
	if enc == encoding.Nop {
		text = strings.ToValidUTF8(string(data), "\uFFFD")
	} else {
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			// x/text decoders replace bad input; an error here means the
			// transformer gave up. Fall back to the bytes as UTF-8.
			problems = append(problems, extract.Problem{Code: extract.ProblemCharset,
				Message: fmt.Sprintf("按 %s 解码失败：%v", name, err)})
			text = strings.ToValidUTF8(string(data), "\uFFFD")
		} else {
			text = string(out)
		}
	}
	if n := strings.Count(text, "\uFFFD"); n > 0 && n*50 > utf8.RuneCountInString(text) {
		problems = append(problems, extract.Problem{Code: extract.ProblemCharset,
			Message: fmt.Sprintf("按 %s 解码后有 %d 个无法识别的字符，部分文字可能是乱码", name, n)})
	}
	return decoded{text: text, charset: name, source: source, problems: problems}
}

// asciiLower lower-cases ASCII letters only, keeping every byte offset.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
