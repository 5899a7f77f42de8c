package crawl

import (
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"

	"github.com/nianbao/nianbao/extract"
	nbhtml "github.com/nianbao/nianbao/extract/html"
	"github.com/nianbao/nianbao/internal/lazyre"
)

// link is one address found on a page.
type link struct {
	URL  *url.URL
	Text string // anchor text and title attribute, normalised
	Tag  string // "a", "img", "frame", "script"
	// InArticle is true for elements inside the page's article body.
	InArticle bool
}

// documentExts are the attachments a report page may carry. An OFD file
// (the national fixed-layout format) is downloaded too, though nianbao does
// not read it: the archive then holds the report, and a walk of it names the
// file (load.Unread) instead of auditing the page that wraps it.
var documentExts = map[string]bool{".pdf": true, ".doc": true, ".docx": true, ".wps": true, ".rtf": true, ".ofd": true,
	".mht": true, ".mhtml": true} // a page saved as one file

// imageExts are the picture formats tables are published in.
var imageExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".bmp": true,
	".tif": true, ".tiff": true, ".webp": true}

func urlExt(u *url.URL) string {
	return strings.ToLower(path.Ext(u.Path))
}

func isDocument(u *url.URL) bool { return documentExts[urlExt(u)] || queryDocName(u) != "" }

// queryDocName is a document name carried in the query of a download
// script (downfile.jsp?filename=2301.pdf, download?file=…), "" when none.
func queryDocName(u *url.URL) string {
	for _, vs := range u.Query() {
		for _, v := range vs {
			if documentExts[strings.ToLower(path.Ext(v))] {
				return path.Base(strings.ReplaceAll(v, "\\", "/"))
			}
		}
	}
	return ""
}

// documentLink reports a link to a document: by its URL, or by its text
// when the URL is a download script ("…年度报告.pdf" → download.jsp?id=7).
func documentLink(l link) bool {
	if isDocument(l.URL) {
		return true
	}
	if l.Tag != "a" || imageExts[urlExt(l.URL)] {
		return false
	}
	for _, w := range strings.Fields(l.Text) {
		if documentExts[strings.ToLower(path.Ext(w))] {
			return true
		}
	}
	return false
}

var (
	// scriptDocRe finds string literals in scripts that name a document
	// (TRS pages list attachments in JavaScript arrays).
	scriptDocRe = lazyre.New(`["']([^"'\s<>()]+\.(?i:pdf|docx?|wps|rtf|ofd))["']`)
	// cdataRe finds the CDATA sections of a Hanweb datastore.
	cdataRe = lazyre.New(`(?s)<!\[CDATA\[(.*?)\]\]>`)
	// pagerRe finds a TRS createPageHTML(…) call.
	pagerRe = lazyre.New(`createPageHTML\s*\(([^()]*)\)`)
	// yearRe finds the year a title reports on.
	yearRe = lazyre.New(`((?:19|20)\d{2})\s*(?:年|年度)`)
)

// discover lists the links of a parsed page, resolved against the page's
// URL (or its <base href>), without fragments, in document order.
func discover(p *nbhtml.Page, pageURL *url.URL) []link {
	base := pageURL
	var out []link
	add := func(raw, text, tag string, inArticle bool) {
		raw = strings.TrimSpace(raw)
		if raw == "" || strings.HasPrefix(raw, "#") {
			return
		}
		low := strings.ToLower(raw)
		for _, bad := range []string{"javascript:", "mailto:", "tel:", "data:", "about:"} {
			if strings.HasPrefix(low, bad) {
				return
			}
		}
		u, err := base.Parse(raw)
		if err != nil {
			return
		}
		u.Fragment, u.RawFragment = "", ""
		out = append(out, link{URL: u, Text: text, Tag: tag, InArticle: inArticle})
		// A PDF viewer (pdf.js viewer.html?file=…) carries the document in
		// its query.
		if f := u.Query().Get("file"); f != "" {
			if fu, err := u.Parse(f); err == nil && isDocument(fu) {
				fu.Fragment, fu.RawFragment = "", ""
				out = append(out, link{URL: fu, Text: text, Tag: tag, InArticle: inArticle})
			}
		}
	}
	inArticle := func(n *xhtml.Node) bool {
		for a := n; a != nil; a = a.Parent {
			if a == p.Article {
				return true
			}
		}
		return false
	}
	var walk func(n *xhtml.Node, depth int)
	walk = func(n *xhtml.Node, depth int) {
		if depth > 400 {
			return
		}
		if n.Type == xhtml.ElementNode {
			switch n.Data {
			case "base":
				if h := attr(n, "href"); h != "" {
					if b, err := pageURL.Parse(h); err == nil {
						base = b
					}
				}
			case "a", "area":
				text := extract.Normalize(textOf(n))
				if text == "" { // an image link: its picture's alt text ("下一页")
					text = extract.Normalize(altOf(n))
				}
				if t := extract.Normalize(attr(n, "title")); t != "" && t != text {
					text = strings.TrimSpace(text + " " + t)
				}
				add(attr(n, "href"), text, "a", inArticle(n))
			case "img":
				src := attr(n, "src")
				for _, k := range []string{"data-src", "data-original"} {
					if v := attr(n, k); v != "" {
						src = v
					}
				}
				if !tinyImage(n) {
					add(src, extract.Normalize(attr(n, "alt")), "img", inArticle(n))
				}
			case "iframe", "embed":
				add(attr(n, "src"), "", "frame", inArticle(n))
			case "object":
				add(attr(n, "data"), "", "frame", inArticle(n))
			case "script":
				src := textOf(n)
				for _, m := range scriptDocRe.FindAllStringSubmatch(src, -1) {
					add(m[1], "", "script", false)
				}
				// Hanweb (大汉) listings keep their entries as HTML in
				// <script type="text/xml"><datastore><recordset><record>
				// <![CDATA[<li><a href=…>…</a></li>]]></record>…, all of
				// them, paged by script in the browser.
				if strings.Contains(src, "<record") {
					for _, m := range cdataRe.FindAllStringSubmatch(src, -1) {
						for _, a := range fragmentLinks(m[1]) {
							add(a[0], a[1], "a", false)
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(p.Root, 0)
	return out
}

// fragmentLinks parses an HTML fragment and returns its links as
// (href, text) pairs.
func fragmentLinks(fragment string) [][2]string {
	root, err := xhtml.Parse(strings.NewReader(fragment))
	if err != nil {
		return nil
	}
	var out [][2]string
	var walk func(*xhtml.Node, int)
	walk = func(n *xhtml.Node, depth int) {
		if depth > 100 {
			return
		}
		if n.Type == xhtml.ElementNode && n.Data == "a" {
			text := extract.Normalize(textOf(n))
			if t := extract.Normalize(attr(n, "title")); t != "" && t != text {
				text = strings.TrimSpace(text + " " + t)
			}
			out = append(out, [2]string{attr(n, "href"), text})
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
	return out
}

// tinyImage reports an image declared smaller than 60 px either way: icons,
// bullets, spacer GIFs — never a table.
func tinyImage(n *xhtml.Node) bool {
	for _, k := range []string{"width", "height"} {
		v := strings.TrimSuffix(strings.TrimSpace(attr(n, k)), "px")
		if px, err := strconv.Atoi(v); err == nil && px > 0 && px < 60 {
			return true
		}
	}
	return false
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// textOf is the text under n.
func textOf(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node, int)
	walk = func(x *xhtml.Node, depth int) {
		if depth > 200 {
			return
		}
		if x.Type == xhtml.TextNode {
			b.WriteString(x.Data)
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

// pagerPages derives the listing pages a TRS createPageHTML(…) call draws:
// createPageHTML(count, current, "index", "html") and the newer
// createPageHTML("div", count, current, "index", "html", records) both mean
// index.html, index_1.html … index_{count-1}.html beside the page.
// Arguments given as variables are looked up in the script ("var
// countPage = 5").
func pagerPages(p *nbhtml.Page, pageURL *url.URL, maxPages int) []*url.URL {
	var out []*url.URL
	walkScripts(p.Root, func(src string) {
		for _, m := range pagerRe.FindAllStringSubmatch(src, -1) {
			var ints []int
			var strs []string
			for _, a := range strings.Split(m[1], ",") {
				a = strings.TrimSpace(a)
				if len(a) >= 2 && (a[0] == '"' || a[0] == '\'') && a[len(a)-1] == a[0] {
					strs = append(strs, a[1:len(a)-1])
					continue
				}
				if n, err := strconv.Atoi(a); err == nil {
					ints = append(ints, n)
					continue
				}
				if n, ok := scriptVar(src, a); ok {
					ints = append(ints, n)
				}
			}
			if len(ints) == 0 || len(strs) == 0 {
				continue
			}
			count := ints[0]
			prefix, suffix := strs[0], "html"
			if len(strs) >= 2 {
				prefix, suffix = strs[len(strs)-2], strs[len(strs)-1]
			}
			if prefix == "" || strings.ContainsAny(prefix+suffix, "/\\?#") {
				continue
			}
			for i := 0; i < count && i < maxPages; i++ {
				name := prefix + "." + suffix
				if i > 0 {
					name = prefix + "_" + strconv.Itoa(i) + "." + suffix
				}
				if u, err := pageURL.Parse(name); err == nil {
					out = append(out, u)
				}
			}
		}
	})
	return out
}

// scriptVar finds "name = 12" in a script.
func scriptVar(src, name string) (int, bool) {
	if name == "" || !regexp.MustCompile(`^[A-Za-z_$][\w$]*$`).MatchString(name) {
		return 0, false
	}
	re := regexp.MustCompile(`(?:^|[^\w$.])` + regexp.QuoteMeta(name) + `\s*=\s*(\d{1,6})\b`)
	m := re.FindStringSubmatch(src)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// altOf is the alt text of the images under n.
func altOf(n *xhtml.Node) string {
	var parts []string
	var walk func(*xhtml.Node, int)
	walk = func(x *xhtml.Node, depth int) {
		if depth > 50 {
			return
		}
		if x.Type == xhtml.ElementNode && x.Data == "img" {
			if a := strings.TrimSpace(attr(x, "alt")); a != "" {
				parts = append(parts, a)
			}
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return strings.Join(parts, " ")
}

func walkScripts(n *xhtml.Node, f func(string)) {
	if n.Type == xhtml.ElementNode && n.Data == "script" {
		f(textOf(n))
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkScripts(c, f)
	}
}

// nextPageText reports a link that reads "next page".
func nextPageText(text string) bool {
	t := strings.ToLower(strings.Join(strings.Fields(text), ""))
	switch t {
	case "下一页", "下页", "下一頁", "后页", "后一页", "›", "»", ">", ">>", "next", "nextpage", "next›", "下一页>", "下一页»", "下一页›":
		return true
	}
	return strings.HasPrefix(t, "下一页")
}

// indexPageRe is a TRS-style numbered listing page: index_3.html.
var indexPageRe = lazyre.New(`^(index|default|list)_\d+\.s?html?$`)

// numberedListing reports whether u is a numbered listing page in dir.
func numberedListing(u *url.URL, dir string) bool {
	d, f := path.Split(u.Path)
	return d == dir && indexPageRe.MatchString(strings.ToLower(f))
}

// reportTitle reports whether a link or page title names a
// 政府信息公开工作年度报告 (or 年报) and gives the year it reports on (0 when
// it states none; such titles are not reports for the crawler).
func reportTitle(s string) (year int, ok bool) {
	s = strings.Join(strings.Fields(s), "")
	m := yearRe.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	if !strings.Contains(s, "信息公开") && !strings.Contains(s, "政务公开") {
		return 0, false
	}
	if !strings.Contains(s, "报告") && !strings.Contains(s, "年报") &&
		!strings.HasSuffix(s, "...") && !strings.HasSuffix(s, "…") && !strings.HasSuffix(s, "..") {
		return 0, false
	}
	for _, not := range []string{"指南", "目录", "制度", "规定", "办法", "通知", "意见", "方案"} {
		if strings.Contains(s, not) && !strings.Contains(s, "报告") {
			return 0, false
		}
	}
	y, _ := strconv.Atoi(m[1])
	return y, true
}
