package html

import (
	"strings"
	"unicode"

	xhtml "golang.org/x/net/html"
)

// weights holds, for every element, the amount of article-like content
// under it. Text is measured in runs (the inline text between two block
// boundaries, as it would be shown on one line): a run weighs its CJK
// characters and digits outside links, less runDiscount, so that the short
// labels of site chrome ("当前位置：", "今天是星期二", "主办单位：…") weigh
// little or nothing while paragraphs weigh nearly their length. A data table
// weighs all its CJK characters and digits; a CMS information table weighs
// nothing. Link text weighs nothing, so navigation bars, footers and
// related-link lists weigh nothing however long they are.
type weights map[*xhtml.Node]int

const runDiscount = 8

func computeWeights(root *xhtml.Node, info infoTables) weights {
	w := weights{}
	var (
		runOwner *xhtml.Node
		runCount int
	)
	flush := func() {
		if runOwner != nil && runCount > runDiscount {
			w[runOwner] += runCount - runDiscount
		}
		runOwner, runCount = nil, 0
	}
	// Iterative walk with enter/exit events (safe for any depth).
	type frame struct {
		n      *xhtml.Node
		owner  *xhtml.Node // nearest block ancestor (or self)
		inLink bool
		exit   bool
	}
	stack := []frame{{n: root, owner: root}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if f.exit {
			if blockTags[n.Data] {
				flush()
			}
			if n.Parent != nil {
				w[n.Parent] += w[n]
			}
			continue
		}
		switch n.Type {
		case xhtml.TextNode:
			if !f.inLink {
				if c := contentRunes(n.Data); c > 0 {
					if runOwner == nil {
						runOwner = f.owner
					}
					runCount += c
				}
			}
			continue
		case xhtml.ElementNode, xhtml.DocumentNode:
		default:
			continue
		}
		if neverShown(n) {
			continue
		}
		owner := f.owner
		if n.Type == xhtml.ElementNode {
			if n.Data == "br" || n.Data == "hr" {
				flush()
				continue
			}
			if blockTags[n.Data] {
				flush()
				owner = n
			}
			if n.Data == "table" {
				groups, _ := tableStructure(n)
				switch {
				case info.is(n, groups):
					stack = append(stack, frame{n: n, exit: true})
					continue
				case !isLayoutTable(groups):
					w[n] += contentRunes(flatText(n))
					stack = append(stack, frame{n: n, exit: true})
					continue
				}
			}
		}
		stack = append(stack, frame{n: n, exit: true})
		link := f.inLink || (n.Type == xhtml.ElementNode && n.Data == "a")
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{n: c, owner: owner, inLink: link})
		}
	}
	flush()
	return w
}

// knownContainer reports whether n is the article body container of a
// government CMS: TRS WCM (<div class=TRS_Editor>, TRS_UEDITOR), ucap
// (<ucapcontent>, #zoomcon), the common #zoom / #UCAP-CONTENT ids and
// article-content classes.
func knownContainer(n *xhtml.Node) bool {
	if n.Type != xhtml.ElementNode {
		return false
	}
	switch n.Data {
	case "ucapcontent":
		return true
	}
	for _, c := range []string{"TRS_Editor", "TRS_UEDITOR", "Custom_UnionStyle", "article_content",
		"article-content", "pages_content", "article_con", "article-con", "zoom"} {
		if hasClass(n, c) {
			return true
		}
	}
	switch strings.ToLower(attrVal(n, "id")) {
	case "zoom", "zoomcon", "ucap-content", "ucapcontent", "article_content", "article-content",
		"fontzoom", "textcontent", "con_text":
		return true
	}
	return false
}

// findContainer returns the element that holds the report body.
//
// A known CMS container wins when it holds a fair share of the page's
// content; among nested or competing known containers the innermost one that
// keeps almost all the content is taken. Otherwise we descend from <body>
// into the child that holds most of the content, as long as one child holds
// nearly all of it: the walk stops at the element whose content is spread
// over several children — the article, with its paragraphs and tables — and
// leaves the header, breadcrumbs, sidebars and footer behind.
func findContainer(root *xhtml.Node, w weights) *xhtml.Node {
	body := findBody(root)
	total := w[body]
	if total == 0 {
		return body
	}

	var known []*xhtml.Node
	walkElements(body, func(n *xhtml.Node) {
		if knownContainer(n) {
			known = append(known, n)
		}
	})
	var best *xhtml.Node
	for _, k := range known {
		if w[k]*10 < total*3 || w[k] < minDescend {
			continue
		}
		switch {
		case best == nil, w[k]*10 > w[best]*11:
			best = k
		case w[k]*100 >= w[best]*90 && isAncestor(best, k):
			best = k // nested and nearly as heavy: the inner one
		}
	}
	if best != nil {
		return best
	}

	n := body
	for {
		var top *xhtml.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == xhtml.ElementNode && (top == nil || w[c] > w[top]) {
				top = c
			}
		}
		if top == nil || w[n] < minDescend || w[top]*100 < w[n]*85 || !hasBlockDescendant(top) {
			return n
		}
		if top.Data == "table" {
			groups, _ := tableStructure(top)
			if !isLayoutTable(groups) {
				return n
			}
		}
		n = top
	}
}

// minDescend is the least content weight worth narrowing down: a page with
// less is read whole.
const minDescend = 20

// hasBlockDescendant reports whether n holds a block-level element: only
// such elements can be containers (a <p> cannot).
func hasBlockDescendant(n *xhtml.Node) bool {
	return hasDescendant(n, func(c *xhtml.Node) bool { return blockTags[c.Data] })
}

// findBody returns <body>, or the root when there is none.
func findBody(root *xhtml.Node) *xhtml.Node {
	var body *xhtml.Node
	walkElements(root, func(n *xhtml.Node) {
		if body == nil && n.Data == "body" {
			body = n
		}
	})
	if body == nil {
		return root
	}
	return body
}

// walkElements calls f for every element under n (n included), in document
// order, iteratively.
func walkElements(n *xhtml.Node, f func(*xhtml.Node)) {
	stack := []*xhtml.Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x.Type == xhtml.ElementNode {
			f(x)
		}
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			if c.Type == xhtml.ElementNode || c.Type == xhtml.DocumentNode {
				stack = append(stack, c)
			}
		}
	}
}

func isAncestor(a, b *xhtml.Node) bool {
	for p := b.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

// contentRunes counts CJK ideographs and ASCII digits.
func contentRunes(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= 0x2E80 && unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}
