package html

import (
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"

	"github.com/nianbao/nianbao/extract"
)

// skipTags are elements whose content is never shown as text.
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "head": true,
	"title": true, "iframe": true, "object": true, "embed": true, "select": true,
	"textarea": true, "input": true, "button": true, "svg": true, "math": true,
	"canvas": true, "audio": true, "video": true, "meta": true, "link": true,
	"frameset": true, "frame": true, "noframes": true, "xml": true, "map": true,
}

// blockTags are elements that start and end a line.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "center": true,
	"dd": true, "details": true, "dialog": true, "dir": true, "div": true, "dl": true,
	"dt": true, "fieldset": true, "figcaption": true, "figure": true, "footer": true,
	"form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"header": true, "hgroup": true, "hr": true, "li": true, "main": true, "menu": true,
	"nav": true, "ol": true, "p": true, "pre": true, "section": true, "summary": true,
	"ul": true, "table": true, "tr": true, "td": true, "th": true, "caption": true,
	"body": true, "html": true, "legend": true, "tbody": true, "thead": true, "tfoot": true,
	"option": true, "optgroup": true,
}

// maxDepth bounds recursion over the DOM; deeper content is read flat.
const maxDepth = 200

func attr(n *xhtml.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func attrVal(n *xhtml.Node, key string) string {
	v, _ := attr(n, key)
	return v
}

// hasClass reports whether n has the class token (case-insensitive).
func hasClass(n *xhtml.Node, class string) bool {
	for _, c := range strings.Fields(attrVal(n, "class")) {
		if strings.EqualFold(c, class) {
			return true
		}
	}
	return false
}

// hidden reports whether an element is not rendered: never-shown elements
// (scripts, styles, form controls …), the hidden attribute, or an inline
// display:none / visibility:hidden style.
func hidden(n *xhtml.Node) bool {
	return neverShown(n) || styleHidden(n)
}

// neverShown reports elements whose content is never text on the page.
func neverShown(n *xhtml.Node) bool {
	return n.Type == xhtml.ElementNode && skipTags[n.Data]
}

// styleHidden reports elements hidden by an attribute or inline style. Such
// elements may be shown by a script (a 文字版 tab), so the container search
// does not skip them; the body walk does.
func styleHidden(n *xhtml.Node) bool {
	if n.Type != xhtml.ElementNode {
		return false
	}
	if _, ok := attr(n, "hidden"); ok {
		return true
	}
	if st, ok := attr(n, "style"); ok && st != "" {
		s := strings.ToLower(strings.Join(strings.Fields(st), ""))
		if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
			return true
		}
	}
	return false
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }

// cleanRaw removes the segment breaks (white space containing a newline)
// between two wide characters, as CSS does for CJK text, so that a label
// written over several source lines reads as one word. Other white space is
// kept for Normalize to collapse. The result is trimmed.
func cleanRaw(raw string) string {
	raw = strings.TrimFunc(raw, isSpace)
	if !strings.ContainsAny(raw, "\n\r") {
		return raw
	}
	var b strings.Builder
	b.Grow(len(raw))
	prev := rune(-1)
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRuneInString(raw[i:])
		if !isSpace(r) {
			b.WriteRune(r)
			prev = r
			i += size
			continue
		}
		j := i
		newline, hard := false, false
		for j < len(raw) {
			r2, s2 := utf8.DecodeRuneInString(raw[j:])
			if !isSpace(r2) {
				break
			}
			switch r2 {
			case '\n', '\r':
				newline = true
			case ' ', '\t', '\f':
			default:
				hard = true // &nbsp;, U+3000: the author's own spacing
			}
			j += s2
		}
		next, _ := utf8.DecodeRuneInString(raw[j:])
		if !(newline && !hard && prev >= 0 && extract.IsWide(prev) && extract.IsWide(next)) {
			b.WriteString(raw[i:j])
		}
		i = j
	}
	return b.String()
}

// hasDescendant reports whether an element below n (at any depth) matches;
// it walks iteratively, so any nesting depth is safe.
func hasDescendant(n *xhtml.Node, match func(*xhtml.Node) bool) bool {
	stack := []*xhtml.Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == xhtml.ElementNode {
				if match(c) {
					return true
				}
				stack = append(stack, c)
			}
		}
	}
	return false
}

// flatText returns all visible text under n, iteratively (safe for any
// depth), without line structure.
func flatText(n *xhtml.Node) string {
	var b strings.Builder
	stack := []*xhtml.Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch x.Type {
		case xhtml.TextNode:
			b.WriteString(x.Data)
			continue
		case xhtml.ElementNode:
			if hidden(x) {
				continue
			}
			if x.Data == "br" {
				b.WriteByte('\n')
			}
		case xhtml.DocumentNode:
		default:
			continue
		}
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return b.String()
}

// lineCollector gathers the text lines under a node: block elements and <br>
// end lines, inline elements join. It is used for table cells and for the
// metadata scan; tables inside are read as lines too.
type lineCollector struct {
	lines []string
	cur   strings.Builder
	skip  *xhtml.Node // a subtree left out (nil: none)
}

func (lc *lineCollector) flush() {
	if lc.cur.Len() == 0 {
		return
	}
	if s := cleanRaw(lc.cur.String()); s != "" {
		lc.lines = append(lc.lines, s)
	}
	lc.cur.Reset()
}

func (lc *lineCollector) walk(n *xhtml.Node, depth int) {
	if n == lc.skip {
		lc.flush()
		return
	}
	switch n.Type {
	case xhtml.TextNode:
		lc.cur.WriteString(n.Data)
		return
	case xhtml.ElementNode:
		if hidden(n) {
			return
		}
		if depth > maxDepth {
			lc.cur.WriteString(flatText(n))
			return
		}
		if n.Data == "br" {
			lc.flush()
			return
		}
		block := blockTags[n.Data]
		if block {
			lc.flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			lc.walk(c, depth+1)
		}
		if block {
			lc.flush()
		}
	case xhtml.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			lc.walk(c, depth+1)
		}
	}
}

// nodeLines returns the raw (trimmed, not normalised) lines under n.
func nodeLines(n *xhtml.Node) []string {
	var lc lineCollector
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		lc.walk(c, 1)
	}
	lc.flush()
	return lc.lines
}

// tokenSkip are the elements with an end tag whose content tokenLines
// skips.
var tokenSkip = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "title": true,
	"textarea": true, "select": true, "svg": true, "math": true, "iframe": true,
	"object": true, "xml": true, "button": true,
}

// tokenLines reads a page with the tokenizer alone, for markup the parser
// refuses: block tags and <br> end lines, hidden elements are skipped.
func tokenLines(s string) []extract.Block {
	var blocks []extract.Block
	var cur strings.Builder
	flush := func() {
		if t := extract.Normalize(cleanRaw(cur.String())); t != "" {
			blocks = append(blocks, extract.Block{Kind: extract.BlockText, Page: 1, Text: t})
		}
		cur.Reset()
	}
	skip := 0
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			flush()
			return blocks
		case xhtml.TextToken:
			if skip == 0 {
				cur.Write(z.Text())
			}
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if tag == "body" {
				skip = 0
			}
			if tokenSkip[tag] {
				switch tt {
				case xhtml.StartTagToken:
					skip++
				case xhtml.EndTagToken:
					if skip > 0 {
						skip--
					}
				}
				continue
			}
			if tag == "br" || tag == "hr" || blockTags[tag] {
				flush()
			}
		}
	}
}
