package html

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	xhtml "golang.org/x/net/html"

	"github.com/nianbao/nianbao/extract"
)

// maxImageBytes bounds a picture read for OCR.
const maxImageBytes = 20 << 20

// imgRef is an <img> met in the body, before block index at: its src and
// the picture a page that loads its pictures late names instead
// (data-src, data-original: src is then a placeholder until a script
// swaps them).
type imgRef struct {
	src, lazy string
	at        int
}

// lazyAttrs are the attributes where pages that load pictures as they are
// scrolled to keep the picture's address (the crawler downloads from them).
var lazyAttrs = []string{"data-src", "data-original"}

// image notes an <img> where it stands in the reading order.
func (w *blockWalker) image(n *xhtml.Node) {
	r := imgRef{src: strings.TrimSpace(attrVal(n, "src")), at: len(w.blocks)}
	for _, k := range lazyAttrs {
		if v := strings.TrimSpace(attrVal(n, k)); v != "" && v != r.src {
			r.lazy = v
			break
		}
	}
	if (r.src != "" || r.lazy != "") && len(w.imgs) < 64 {
		w.imgs = append(w.imgs, r)
	}
}

// read reads the picture r names: the late-loaded one when it can be read
// (a crawled page's, downloaded from it), else src (a page saved by a
// browser after its script put the picture in src). name is the address
// read, or the one that failed.
func (r imgRef) read(budget *extract.Budget, source imageSource) (data []byte, name string, err error) {
	if r.lazy != "" {
		if data, err = readImage(budget, source, r.lazy); err == nil || r.src == "" {
			return data, r.lazy, err
		}
	}
	data, err = readImage(budget, source, r.src)
	return data, r.src, err
}

// imageSource is where the pictures a page names are looked for.
type imageSource struct {
	page     string   // the page's file
	pictures Pictures // the pictures the page comes with (nil: none)
	// downloads knows where the crawler saved what a crawled page names by
	// web address (nil: none); base is the page's <base href>, if any.
	downloads extract.Downloads
	base      string
}

// tableImages turns the <img> elements that stand under the headings of
// parts 二, 三 and 四 (where the template's tables go) into pictures for
// the OCR stage. src is resolved against the page's file on disk (a data:
// URL is decoded), or for a crawled page looked up where the crawler saved
// it; nothing is fetched from the network. It returns the pictures, and why
// the pictures under those headings that could not be read were not.
//
// A picture shown many times is read once. The bytes of each picture read
// are spent from budget; one that does not fit is not read (the OCR stage
// spends the decoded pictures as it reads them).
//
// An article whose text names none of the six parts but shows pictures of
// page size is a report published as pictures (scanned pages pasted into
// the article, a common way for small bodies): each such picture is read
// as a whole page, prose and tables, in the order shown.
func tableImages(budget *extract.Budget, source imageSource, blocks []extract.Block, refs []imgRef) (imgs []extract.Image, unread []unreadPicture) {
	pages := extract.PicturesArePages(blocks)
	type picture struct {
		data []byte
		name string // the address it was read from
	}
	read := map[string]picture{}
	for _, r := range refs {
		sec := extract.PartBefore(blocks, r.at)
		if !pages && (sec < 2 || sec > 4) {
			continue
		}
		key := r.lazy + "\x00" + r.src
		pic, ok := read[key]
		if !ok {
			data, name, err := r.read(budget, source)
			if err != nil {
				unread = append(unread, unreadPicture{part: sec, src: short(name), why: err.Error()})
				continue
			}
			pic = picture{data, name}
			read[key] = pic
		}
		data := pic.data
		if pages {
			if !extract.PageSized(data) {
				continue // a logo, a button, a QR code
			}
			imgs = append(imgs, extract.Image{Page: 1, At: r.at, Data: data, Name: short(pic.name), WholePage: true})
			continue
		}
		imgs = append(imgs, extract.Image{Page: 1, At: r.at, Data: data, Name: short(pic.name), Section: sec})
	}
	return imgs, unread
}

// unreadPicture is a picture of the page that could not be read: the part
// it stands in (0: before the first), its src, and why.
type unreadPicture struct {
	part     int
	src, why string
}

// describeUnread says where the pictures that could not be read stand and
// why, each reason once: "第二、三部分的2张图片无法读取：…". A lone picture is
// named by its src.
func describeUnread(unread []unreadPicture) string {
	if len(unread) == 1 {
		return fmt.Sprintf("%s的图片 %s 无法读取：%s", extract.PartsName(unread[0].part), unread[0].src, unread[0].why)
	}
	var whys []string // in order of first appearance
	parts := map[string][]int{}
	for _, u := range unread {
		if _, ok := parts[u.why]; !ok {
			whys = append(whys, u.why)
		}
		parts[u.why] = append(parts[u.why], u.part)
	}
	var out []string
	for _, why := range whys {
		out = append(out, fmt.Sprintf("%s的%d张图片无法读取：%s", extract.PartsName(parts[why]...), len(parts[why]), why))
	}
	return strings.Join(out, "；")
}

func short(s string) string {
	if rs := []rune(s); len(rs) > 60 {
		return string(rs[:40]) + "…"
	}
	return s
}

// readImage reads the picture an <img src> names: one the page comes with
// (pictures), a data: URL, the file the crawler saved for it, or a file
// relative to the page's folder (other absolute paths and http(s) URLs are
// not read: the page may come from anywhere).
func readImage(budget *extract.Budget, source imageSource, src string) ([]byte, error) {
	spend := func(n int64) error {
		if !budget.TrySpend(n) {
			return fmt.Errorf("图片（%d KB）超出单个文件的内存预算（上限 %d MB），未读取", n>>10, budget.Limit()>>20)
		}
		return nil
	}
	if source.pictures != nil {
		if data, ok := source.pictures(src); ok {
			if len(data) > maxImageBytes {
				return nil, fmt.Errorf("图片过大")
			}
			if err := spend(int64(len(data))); err != nil {
				return nil, err
			}
			return data, nil
		}
	}
	if rest, ok := strings.CutPrefix(src, "data:"); ok {
		meta, payload, ok := strings.Cut(rest, ",")
		if !ok || !strings.HasSuffix(meta, ";base64") {
			return nil, fmt.Errorf("不支持的 data URL")
		}
		if len(payload) > maxImageBytes*4/3 {
			return nil, fmt.Errorf("图片过大")
		}
		if err := spend(int64(base64.StdEncoding.DecodedLen(len(payload)))); err != nil {
			return nil, err
		}
		return base64.StdEncoding.DecodeString(payload)
	}
	p, ok := downloaded(source, src)
	if !ok {
		var err error
		if p, err = localPath(source.page, src); err != nil {
			return nil, err
		}
	}
	st, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("找不到图片文件 %s", p)
	}
	if !st.Mode().IsRegular() || st.Size() > maxImageBytes {
		return nil, fmt.Errorf("不是普通图片文件或过大：%s", p)
	}
	if err := spend(st.Size()); err != nil {
		return nil, err
	}
	return os.ReadFile(p)
}

// downloaded is the file the crawler saved for src, when the page was
// crawled and src downloaded with it.
func downloaded(source imageSource, src string) (string, bool) {
	if source.downloads == nil {
		return "", false
	}
	ref := src
	if source.base != "" {
		b, berr := url.Parse(source.base)
		r, rerr := url.Parse(src)
		if berr == nil && rerr == nil {
			ref = b.ResolveReference(r).String()
		}
	}
	return source.downloads.Local(source.page, ref)
}

// errOnSite: an <img src> names the picture by its place on the web site,
// which a page saved without its pictures does not have beside it.
var errOnSite = errors.New("图片地址指向网站，nianbao 不从网络下载（请用浏览器“另存为：网页，全部”连同图片保存网页，或用 nianbao crawl 抓取）")

// localPath is the file an <img src> names, relative to the page's folder
// (a URL with a scheme or host, and an absolute path, name none: the page
// may come from anywhere, and nothing is fetched).
func localPath(page, src string) (string, error) {
	u, err := url.Parse(src)
	switch {
	case err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Host != "" || strings.HasPrefix(u.Path, "/")):
		return "", errOnSite
	case err != nil || u.Scheme != "" || u.Path == "":
		return "", fmt.Errorf("图片地址无法对应到网页旁的文件")
	}
	return filepath.Join(filepath.Dir(page), filepath.FromSlash(u.Path)), nil
}

// baseHref is the href of the page's <base> element, which the addresses
// in the page are relative to ("" when it has none). The parser keeps
// <base> in <head>.
func baseHref(root *xhtml.Node) string {
	for h := root.FirstChild; h != nil; h = h.NextSibling {
		if h.Type != xhtml.ElementNode || h.Data != "html" {
			continue
		}
		for head := h.FirstChild; head != nil; head = head.NextSibling {
			if head.Type != xhtml.ElementNode || head.Data != "head" {
				continue
			}
			for n := head.FirstChild; n != nil; n = n.NextSibling {
				if n.Type == xhtml.ElementNode && n.Data == "base" {
					if href := strings.TrimSpace(attrVal(n, "href")); href != "" {
						return href
					}
				}
			}
		}
	}
	return ""
}
