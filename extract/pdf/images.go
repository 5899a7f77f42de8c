package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"sort"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
)

// A page needs OCR when pictures cover most of it and its text layer is
// at most a stamp or a header of this many characters.
const ocrMaxGlyphs = 40

// needsOCR reports a page whose content is a picture: at most a stamp or a
// header of text over an image that covers most of it.
func needsOCR(g *layout.PageGeom) bool { return pictured(g, ocrMaxGlyphs) }

// pageImages returns the pictures of the pages that need OCR, for the OCR
// stage: the largest image XObject of each such page, decoded when it is
// stored as raw pixels, with the box it is drawn in and the index of the
// first block of the following pages. Pictures that cannot be taken out
// (an unsupported filter, an encrypted file) give a problem instead.
func pageImages(data []byte, pages []layout.PageGeom, blocks []extract.Block) (imgs []extract.Image, probs []extract.Problem) {
	var want []int
	for i := range pages {
		if needsOCR(&pages[i]) {
			want = append(want, i)
		}
	}
	if len(want) == 0 {
		return nil, nil
	}
	defer func() {
		if x := recover(); x != nil {
			imgs = nil
			probs = append(probs, extract.Problem{Code: extract.ProblemPage, Message: fmt.Sprintf("扫描页图片无法读取：%v", x)})
		}
	}()
	size := int64(len(data))
	rd, base, _, err := open(&budgetReader{r: bytes.NewReader(data), budget: 64<<20 + 64*size}, size)
	if err != nil {
		return nil, nil // Pages has reported it
	}
	if rd.Trailer().Key("Encrypt").Kind() != lpdf.Null {
		return nil, []extract.Problem{{Code: extract.ProblemUnsupported, Message: "PDF文件已加密，扫描页图片无法取出进行OCR识别"}}
	}
	s := &src{r: base}
	refs, _ := pageTree(rd)
	for _, i := range want {
		if i >= len(refs) {
			break
		}
		n := i + 1
		im, err := pageImage(s, refs[i])
		if err != nil {
			probs = append(probs, extract.Problem{Code: extract.ProblemUnsupported, Page: n,
				Message: fmt.Sprintf("第%d页的扫描图像无法取出进行OCR识别：%v", n, err)})
			continue
		}
		if im == nil {
			continue
		}
		im.Page = n
		im.WholePage = true
		im.Box = largest(pages[i].Images)
		im.At = sort.Search(len(blocks), func(k int) bool { return blocks[k].Page > n })
		imgs = append(imgs, *im)
	}
	return imgs, probs
}

func largest(rs []layout.Rect) extract.Box {
	var best extract.Box
	area := -1.0
	for _, r := range rs {
		if a := (r.X1 - r.X0) * (r.Y1 - r.Y0); a > area {
			area, best = a, extract.Box{X0: r.X0, Y0: r.Y0, X1: r.X1, Y1: r.Y1}
		}
	}
	return best
}

// pageImage takes the largest image XObject of a page's resources (also
// inside its Form XObjects, one level deep).
func pageImage(s *src, ref pageRef) (*extract.Image, error) {
	var best lpdf.Value
	var bestName string
	bestArea := int64(0)
	var visit func(res lpdf.Value, depth int)
	visit = func(res lpdf.Value, depth int) {
		xo := res.Key("XObject")
		for _, name := range xo.Keys() {
			v := xo.Key(name)
			switch v.Key("Subtype").Name() {
			case "Image":
				if a := v.Key("Width").Int64() * v.Key("Height").Int64(); a > bestArea {
					best, bestName, bestArea = v, name, a
				}
			case "Form":
				if depth < 2 {
					visit(v.Key("Resources"), depth+1)
				}
			}
		}
	}
	visit(ref.res, 0)
	if bestArea == 0 {
		return nil, nil
	}
	return decodeImage(s, best, bestName)
}

// decodeImage reads an image XObject: DCTDecode as the JPEG it holds,
// FlateDecode (or no filter) as raw pixels after /Width, /Height,
// /BitsPerComponent and /ColorSpace (gray, RGB, CMYK; /Decode and /SMask
// are ignored).
func decodeImage(s *src, v lpdf.Value, name string) (*extract.Image, error) {
	filter := v.Key("Filter")
	if filter.Kind() == lpdf.Array && filter.Len() == 1 {
		filter = filter.Index(0)
	}
	w, h := int(v.Key("Width").Int64()), int(v.Key("Height").Int64())
	if w <= 0 || h <= 0 || int64(w)*int64(h) > 80<<20 {
		return nil, fmt.Errorf("图像尺寸无效（%d×%d）", w, h)
	}
	im := &extract.Image{Name: "XObject " + name}
	switch filter.Name() {
	case "DCTDecode":
		data, err := rawStream(s, v)
		if err != nil {
			return nil, err
		}
		im.Data = data
		return im, nil
	case "FlateDecode", "":
		if filter.Kind() != lpdf.Null && filter.Kind() != lpdf.Name {
			return nil, fmt.Errorf("不支持的图像编码")
		}
		if p := v.Key("DecodeParms").Key("Predictor"); p.Kind() != lpdf.Null && p.Int64() > 1 {
			return nil, fmt.Errorf("不支持带预测器的图像编码（Predictor %d）", p.Int64())
		}
		data, err := s.stream(v, 0)
		if err != nil {
			return nil, err
		}
		pix, err := rawPixels(data, w, h, int(v.Key("BitsPerComponent").Int64()), components(v.Key("ColorSpace")))
		if err != nil {
			return nil, err
		}
		im.Pix = pix
		return im, nil
	}
	return nil, fmt.Errorf("不支持的图像编码 %s", filter.Name())
}

// rawStream returns a stream's bytes as stored (no filter applied).
func rawStream(s *src, v lpdf.Value) ([]byte, error) {
	off, ok := streamOffset(v)
	n := v.Key("Length").Int64()
	if !ok || s == nil || s.r == nil || n <= 0 || n > maxStreamBytes {
		return nil, fmt.Errorf("图像数据无法读取")
	}
	buf := make([]byte, n)
	k, _ := s.r.ReadAt(buf, off)
	return buf[:k], nil
}

// components is the number of colour components of a colour space (0
// when it is not supported).
func components(cs lpdf.Value) int {
	switch cs.Kind() {
	case lpdf.Name:
		switch cs.Name() {
		case "DeviceGray", "CalGray":
			return 1
		case "DeviceRGB", "CalRGB":
			return 3
		case "DeviceCMYK":
			return 4
		}
	case lpdf.Array:
		if cs.Len() >= 2 && cs.Index(0).Name() == "ICCBased" {
			if n := int(cs.Index(1).Key("N").Int64()); n == 1 || n == 3 || n == 4 {
				return n
			}
		}
	}
	return 0
}

// rawPixels turns raw image samples into a grey picture.
func rawPixels(data []byte, w, h, bpc, ncomp int) (image.Image, error) {
	if ncomp == 0 {
		return nil, fmt.Errorf("不支持的图像色彩空间")
	}
	if bpc != 8 && !(bpc == 1 && ncomp == 1) {
		return nil, fmt.Errorf("不支持的图像位深 %d", bpc)
	}
	stride := (w*ncomp*bpc + 7) / 8
	if len(data) < stride*h {
		return nil, fmt.Errorf("图像数据不完整（%d字节，应为%d字节）", len(data), stride*h)
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		row := data[y*stride:]
		for x := 0; x < w; x++ {
			var v uint8
			switch {
			case bpc == 1:
				if row[x/8]&(0x80>>(x%8)) != 0 {
					v = 255
				}
			case ncomp == 1:
				v = row[x]
			case ncomp == 3:
				v = color.GrayModel.Convert(color.RGBA{row[3*x], row[3*x+1], row[3*x+2], 255}).(color.Gray).Y
			case ncomp == 4:
				c := color.CMYK{C: row[4*x], M: row[4*x+1], Y: row[4*x+2], K: row[4*x+3]}
				v = color.GrayModel.Convert(c).(color.Gray).Y
			}
			g.Pix[y*g.Stride+x] = v
		}
	}
	return g, nil
}
