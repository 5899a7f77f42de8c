package pdf

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
)

// A page whose text cannot be decoded — its fonts map their codes to no
// Unicode (no ToUnicode map, no usable cmap), so that most of its
// characters come out as U+FFFD or private-use code points — is read as a
// scan: poppler renders it (extract/raster) and the OCR stage reads the
// picture in place of the page's own text.

// garbledMin and garbledShare: a page is garbled when at least this many of
// its characters, and this share of them, cannot be decoded (a symbol font
// for bullets or a few odd characters are not enough).
const (
	garbledMin   = 20
	garbledShare = 0.3
)

// garbled reports whether most of a page's text could not be decoded.
func garbled(g *layout.PageGeom) bool {
	bad, all := 0, 0
	for i := range g.Glyphs {
		r := g.Glyphs[i].R
		if r == ' ' || r == '\u3000' {
			continue
		}
		all++
		if r == 0xfffd || r >= 0xe000 && r <= 0xf8ff || r < 0x20 {
			bad++
		}
	}
	return bad >= garbledMin && float64(bad) >= garbledShare*float64(all)
}

// renderGarbled has each garbled page rendered for OCR: its blocks are
// dropped from doc, its font problems become one scanned-page problem (the
// OCR stage replaces it when it reads the picture), and the rendered
// pictures are returned for doc.Images. A page that cannot be rendered
// keeps its blocks, with a problem saying why.
func renderGarbled(ctx context.Context, data []byte, pages []layout.PageGeom, doc *extract.Document) []extract.Image {
	if len(pages) == 0 {
		return nil
	}
	var imgs []extract.Image
	drop := map[int]bool{}
	for i := range pages {
		g := &pages[i]
		n := g.Number
		if err := extract.Canceled(ctx); err != nil {
			doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemCanceled, Page: n,
				Message: fmt.Sprintf("从第%d页起无法解码的页面未渲染（%v）", n, err)})
			break
		}
		im, err := renderPage(ctx, data, n, g)
		if errors.Is(err, errRenderBudget) {
			// the pages after it would be rendered only to be refused too
			doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemBudget, Page: n,
				Message: fmt.Sprintf("第%d页起无法解码的%d页未渲染：%v", n, len(pages)-i, err)})
			break
		}
		if err != nil {
			doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemFont, Page: n,
				Message: fmt.Sprintf("第%d页的文字大多无法解码；%s", n, renderFailure(err))})
			continue
		}
		drop[n] = true
		imgs = append(imgs, *im)
	}
	if len(drop) == 0 {
		return nil
	}
	kept := doc.Blocks[:0]
	for _, b := range doc.Blocks {
		if !drop[b.Page] {
			kept = append(kept, b)
		}
	}
	clear(doc.Blocks[len(kept):])
	doc.Blocks = kept
	probs := doc.Problems[:0]
	for _, p := range doc.Problems {
		if drop[p.Page] && p.Code == extract.ProblemFont {
			continue
		}
		probs = append(probs, p)
	}
	doc.Problems = probs
	for i := range imgs {
		n := imgs[i].Page
		imgs[i].At = sort.Search(len(doc.Blocks), func(k int) bool { return doc.Blocks[k].Page > n })
		doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemScanned, Page: n,
			Message: fmt.Sprintf("第%d页的文字无法解码（字体没有Unicode映射），按扫描页渲染后以OCR识别", n)})
	}
	return imgs
}
