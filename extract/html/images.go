package html

import (
	"encoding/base64"
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

// imgRef is an <img> met in the body, before block index at.
type imgRef struct {
	src string
	at  int
}

// image notes an <img> where it stands in the reading order.
func (w *blockWalker) image(n *xhtml.Node) {
	if src := strings.TrimSpace(attrVal(n, "src")); src != "" && len(w.imgs) < 64 {
		w.imgs = append(w.imgs, imgRef{src: src, at: len(w.blocks)})
	}
}

// tableImages turns the <img> elements that stand under the headings of
// parts 二, 三 and 四 (where the template's tables go) into pictures for
// the OCR stage. src is resolved against the page's file on disk (a data:
// URL is decoded); nothing is fetched from the network. It returns the
// pictures, and why the pictures under those headings that could not be
// read were not.
//
// A picture shown many times is read once. The bytes of each picture read
// are spent from budget; one that does not fit is not read (the OCR stage
// spends the decoded pictures as it reads them).
//
// An article whose text names none of the six parts but shows pictures of
// page size is a report published as pictures (scanned pages pasted into
// the article, a common way for small bodies): each such picture is read
// as a whole page, prose and tables, in the order shown.
func tableImages(budget *extract.Budget, path string, pictures Pictures, blocks []extract.Block, refs []imgRef) (imgs []extract.Image, unread []string) {
	pages := extract.PicturesArePages(blocks)
	read := map[string][]byte{}
	for _, r := range refs {
		sec := extract.PartBefore(blocks, r.at)
		if !pages && (sec < 2 || sec > 4) {
			continue
		}
		data, ok := read[r.src]
		if !ok {
			var err error
			if data, err = readImage(budget, path, pictures, r.src); err != nil {
				where := "正文中"
				if sec > 0 {
					where = "第" + string([]rune("一二三四五六七")[sec-1]) + "部分"
				}
				unread = append(unread, fmt.Sprintf("%s的图片 %s 无法读取：%v", where, short(r.src), err))
				continue
			}
			read[r.src] = data
		}
		if pages {
			if !extract.PageSized(data) {
				continue // a logo, a button, a QR code
			}
			imgs = append(imgs, extract.Image{Page: 1, At: r.at, Data: data, Name: short(r.src), WholePage: true})
			continue
		}
		imgs = append(imgs, extract.Image{Page: 1, At: r.at, Data: data, Name: short(r.src), Section: sec})
	}
	return imgs, unread
}

func short(s string) string {
	if rs := []rune(s); len(rs) > 60 {
		return string(rs[:40]) + "…"
	}
	return s
}

// readImage reads the picture an <img src> names: one the page comes with
// (pictures), a data: URL, or a file relative to the page's folder
// (absolute paths and http(s) URLs are not read: the page may come from
// anywhere).
func readImage(budget *extract.Budget, page string, pictures Pictures, src string) ([]byte, error) {
	spend := func(n int64) error {
		if !budget.TrySpend(n) {
			return fmt.Errorf("图片（%d KB）超出单个文件的内存预算（上限 %d MB），未读取", n>>10, budget.Limit()>>20)
		}
		return nil
	}
	if pictures != nil {
		if data, ok := pictures(src); ok {
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
	p, err := localPath(page, src)
	if err != nil {
		return nil, err
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

// localPath is the file an <img src> names, relative to the page's folder
// (a URL with a scheme or host, and an absolute path, name none: the page
// may come from anywhere, and nothing is fetched).
func localPath(page, src string) (string, error) {
	u, err := url.Parse(src)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
		return "", fmt.Errorf("只读取与网页文件同目录下的图片，不从网络获取")
	}
	return filepath.Join(filepath.Dir(page), filepath.FromSlash(u.Path)), nil
}
