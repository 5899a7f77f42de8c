// Package html extracts a Document from a web page that carries a
// 政府信息公开工作年度报告: a whole CMS page (TRS WCM, ucap, …) or an HTML
// fragment.
//
// The page is decoded (HTTP header, <meta> declaration or the bytes
// themselves: UTF-8, GBK, GB2312, GB18030 …), parsed with
// golang.org/x/net/html, the article container is picked out of the site
// chrome, publication metadata is read from <meta> tags, CMS tags and the
// CMS information table, and the body becomes text lines and tables in
// reading order. Tables are laid out on a grid by our own implementation of
// the HTML table-forming algorithm, so row and column spans are kept.
package html

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	xhtml "golang.org/x/net/html"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/errtext"
)

// Extract reads an HTML page. path is only recorded; data is the page's
// bytes; contentType is the HTTP Content-Type header when the page came from
// a URL ("" otherwise). A page without any text gives a Document with an
// "empty" problem, not an error; errors are for cancellation and internal
// failures.
func Extract(ctx context.Context, path string, data []byte, contentType string) (doc *extract.Document, err error) {
	return ExtractPage(ctx, path, data, contentType, nil)
}

// Pictures gives the bytes of a picture an <img src> names, when the page
// comes with its pictures (a page saved as one file, .mht); ok is false for a
// src it does not hold, which is then looked for beside the page's file.
type Pictures = func(src string) (data []byte, ok bool)

// ExtractPage is Extract for a page that comes with its pictures (nil:
// none).
func ExtractPage(ctx context.Context, path string, data []byte, contentType string, pictures Pictures) (doc *extract.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc = nil
			err = fmt.Errorf("html %s: 内部错误（已恢复）: %v", path, r)
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("html %s: %w", path, err)
	}
	sum := sha256.Sum256(data)
	doc = &extract.Document{
		Path:   path,
		Format: extract.FormatHTML,
		SHA256: hex.EncodeToString(sum[:]),
		Pages:  1,
	}

	utf16 := bytes.HasPrefix(data, []byte{0xfe, 0xff}) || bytes.HasPrefix(data, []byte{0xff, 0xfe})
	var scan markupScan
	if !utf16 {
		if scan, err = scanMarkup(ctx, data); err != nil {
			return nil, fmt.Errorf("html %s: %w", path, err)
		}
		data = scan.fits
	}
	dec := decode(data, contentType)
	doc.Problems = append(doc.Problems, dec.problems...)
	text := dec.text
	if utf16 {
		if scan, err = scanMarkup(ctx, []byte(text)); err != nil {
			return nil, fmt.Errorf("html %s: %w", path, err)
		}
		text = string(scan.fits)
	}
	for _, p := range []*extract.Problem{scan.cut, scan.unfinished} {
		if p != nil {
			doc.Problems = append(doc.Problems, *p)
		}
	}
	root, err := xhtml.Parse(strings.NewReader(text))
	if err != nil {
		// The parser refuses pathological nesting (over 512 open elements).
		// Read the page as plain lines instead: no container, no tables.
		doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemCorrupt,
			Message: fmt.Sprintf("网页结构无法解析（%s），已按纯文字读取，表格未识别", errtext.Data(err))})
		doc.Blocks = tokenLines(text)
		if len(doc.Blocks) == 0 {
			doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemEmpty,
				Message: "网页中没有找到正文文字"})
		}
		return doc, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("html %s: %w", path, err)
	}

	info := infoTables{}
	w := computeWeights(root, info)
	container := findContainer(root, w)

	bw := &blockWalker{ctx: ctx, info: info}
	if container.Type == xhtml.ElementNode && container.Data != "body" && container.Data != "html" {
		// The container itself may be a block; its children are what we read.
		bw.walkChildren(container, 0)
	} else {
		bw.walk(container, 0)
	}
	bw.flush()
	if bw.err != nil {
		return nil, fmt.Errorf("html %s: %w", path, bw.err)
	}
	doc.Blocks = bw.blocks
	doc.Problems = append(doc.Problems, bw.problems...)
	var unread []unreadPicture
	source := imageSource{page: path, pictures: pictures, downloads: extract.DownloadsFrom(ctx), base: baseHref(root)}
	doc.Images, unread = tableImages(extract.BudgetFrom(ctx), source, doc.Blocks, bw.imgs) // for the OCR stage (images.go)
	if n := countImages(container) - len(doc.Images); n > 0 {
		msg := fmt.Sprintf("正文中有 %d 张图片，图片中的文字和表格未读取", n)
		if len(unread) > 0 {
			msg += "（" + describeUnread(unread) + "）"
		}
		code := extract.ProblemUnsupported // pictures outside the tables' parts, left by design
		switch {
		case len(unread) > 0 && extract.PicturesArePages(doc.Blocks):
			code = extract.ProblemPage // the pictures are the report's pages: pages not read
		case len(unread) > 0:
			code = extract.ProblemPicture // a table's picture not read
		}
		doc.Problems = append(doc.Problems, extract.Problem{Code: code, Message: msg})
	}

	var head []string // the first text lines of the body
	for _, b := range doc.Blocks {
		if b.Kind == extract.BlockText {
			head = append(head, b.Text)
			if len(head) == bodyHeadLines {
				break
			}
		}
	}
	first := ""
	if len(head) > 0 {
		first = head[0]
	}
	doc.Meta = buildMeta(collectInfo(root, container, head, info), first)

	if len(doc.Blocks) == 0 {
		doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemEmpty,
			Message: "网页中没有找到正文文字"})
	}
	return doc, nil
}

// bodyHeadLines is how many lines at the top of the body are searched for a
// publication date or source line.
const bodyHeadLines = 3

// countImages counts the visible <img> elements under n.
func countImages(n *xhtml.Node) int {
	count := 0
	var walk func(*xhtml.Node, int)
	walk = func(x *xhtml.Node, depth int) {
		if depth > maxDepth || hidden(x) {
			return
		}
		if x.Type == xhtml.ElementNode && x.Data == "img" {
			count++
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return count
}
