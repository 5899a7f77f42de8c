package xlsx

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/utf8out"
)

// xmlHeader starts every XML part.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// part is the text of one package part being written.
type part struct {
	bytes.Buffer
}

// text writes s escaped for element content, dropping what XML forbids.
func (p *part) text(s string) { p.escape(s, false) }

// attr writes ` name="value"` with the value escaped for an attribute.
func (p *part) attr(name, value string) {
	p.WriteByte(' ')
	p.WriteString(name)
	p.WriteString(`="`)
	p.escape(value, true)
	p.WriteByte('"')
}

// attrInt writes ` name="n"`.
func (p *part) attrInt(name string, n int) {
	p.WriteByte(' ')
	p.WriteString(name)
	p.WriteString(`="`)
	p.WriteString(strconv.Itoa(n))
	p.WriteByte('"')
}

func (p *part) escape(s string, attr bool) {
	if !utf8.ValidString(s) {
		s = utf8out.Show(s) // a file name in GBK bytes
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '&':
				p.WriteString("&amp;")
			case c == '<':
				p.WriteString("&lt;")
			case c == '>':
				p.WriteString("&gt;")
			case c == '"' && attr:
				p.WriteString("&quot;")
			case c == '\n' && attr:
				p.WriteString("&#xA;")
			case c == '\r':
				p.WriteString("&#xD;")
			case c == '\t' && attr:
				p.WriteString("&#x9;")
			case c < 0x20 && c != '\n' && c != '\t' || c == 0x7F:
				// forbidden (or, DEL, discouraged) in XML 1.0: dropped
			default:
				p.WriteByte(c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if xmlChar(r) {
			p.WriteString(s[i-n : i])
		}
	}
}
