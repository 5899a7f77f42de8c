package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // strips of a scan stored as DCTDecode are composed
	"image/png"
	"io"
	"math"
	"slices"
	"sort"
	"strings"

	lpdf "github.com/ledongthuc/pdf"
	"golang.org/x/image/ccitt"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/raster"
)

// A page needs OCR when pictures cover most of it and its text layer is
// at most a stamp or a header of this many characters.
const ocrMaxGlyphs = 40

// needsOCR reports a page whose content is a picture: at most a stamp or a
// header of text over an image that covers most of it.
func needsOCR(g *layout.PageGeom) bool { return pictured(g, ocrMaxGlyphs) }

// pageImages returns the pictures of the pages that need OCR, for the OCR
// stage: each such page's image XObjects composed into one grey picture by
// where they are drawn (a scan cut into strips is read whole), with the
// box they cover and the index of the first block of the following pages.
// Pictures that cannot be taken out (an unsupported codec) give a problem
// naming the page instead. Encrypted files are read through the library's
// decryption (files that open with the empty user password).
func pageImages(ctx context.Context, data []byte, pages []layout.PageGeom, blocks []extract.Block) (imgs []extract.Image, probs []extract.Problem) {
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
	rd, base, end, err := open(&budgetReader{r: bytes.NewReader(data), budget: 64<<20 + 64*size}, size)
	if err != nil {
		return nil, nil // Pages has reported it
	}
	// the document's budget caps each stream decoded here as in the
	// interpreter (a quarter of what is left; without it, 256 MB)
	budget := extract.BudgetFrom(ctx)
	s := &src{end: end, budget: budget, used: budget.Used(), keepPicture: true}
	if rd.Trailer().Key("Encrypt").Kind() == lpdf.Null {
		s.r = base
	}
	refs, _ := pageTree(rd)
	overBudget := false // a rendered page did not fit the budget
	for _, i := range want {
		if i >= len(refs) {
			break
		}
		if err := extract.Canceled(ctx); err != nil {
			// a page's picture takes up to 80 M pixels to decode: stop
			// between pages on a cancel or a time-out
			probs = append(probs, extract.Problem{Code: extract.ProblemCanceled, Page: i + 1,
				Message: fmt.Sprintf("从第%d页起的扫描图像未取出（%v）", i+1, err)})
			break
		}
		n := i + 1
		im, err := pagePicture(s, refs[i], pages[i].Images)
		if ce := codecError(""); errors.As(err, &ce) {
			// a codec the Go libraries do not decode: poppler renders the
			// page, when it is installed and the budget had room for the
			// pages rendered before
			if overBudget {
				err = fmt.Errorf("%v；此前渲染的页面已用尽本文件的内存预算，未渲染", err)
			} else {
				im, err = renderedPage(ctx, data, n, &pages[i], err)
				overBudget = errors.Is(err, errRenderBudget)
			}
		}
		if err != nil {
			probs = append(probs, extract.Problem{Code: extract.ProblemUnsupported, Page: n,
				Message: fmt.Sprintf("第%d页的扫描图像无法取出进行OCR识别：%v", n, err)})
			continue
		}
		if im == nil {
			continue
		}
		if err := encodePixels(im); err != nil {
			probs = append(probs, extract.Problem{Code: extract.ProblemUnsupported, Page: n,
				Message: fmt.Sprintf("第%d页的扫描图像无法取出进行OCR识别：%v", n, err)})
			continue
		}
		im.Page = n
		im.WholePage = true
		im.At = sort.Search(len(blocks), func(k int) bool { return blocks[k].Page > n })
		imgs = append(imgs, *im)
	}
	return imgs, probs
}

// codecError is a picture in a codec nianbao does not decode (JBIG2,
// JPEG 2000): its page is rendered by poppler instead (renderedPage).
type codecError string

func (e codecError) Error() string { return string(e) }

// renderedPage is page n (geometry g) rendered whole by pdftoppm (extract/raster), as
// the picture the OCR stage reads, for a scan whose codec nianbao does not
// decode (why).
func renderedPage(ctx context.Context, data []byte, n int, g *layout.PageGeom, why error) (*extract.Image, error) {
	im, err := renderPage(ctx, data, n, g)
	if err != nil {
		return nil, &renderError{why: why, err: err}
	}
	return im, nil
}

// renderPage is page n (geometry g) rendered whole by pdftoppm, the PNG
// charged to the file's budget (it is held until the OCR stage reads it,
// as a decoded scan's is): errRenderBudget when it does not fit.
func renderPage(ctx context.Context, data []byte, n int, g *layout.PageGeom) (*extract.Image, error) {
	png, err := raster.Page(ctx, data, n, raster.Resolution(g.Width, g.Height))
	if err != nil {
		return nil, err
	}
	if !extract.BudgetFrom(ctx).TrySpend(int64(len(png))) {
		return nil, fmt.Errorf("pdftoppm 渲染的图片（%d KB）%w", len(png)>>10, errRenderBudget)
	}
	return &extract.Image{Page: n, Data: png, WholePage: true, Name: fmt.Sprintf("第%d页（pdftoppm 渲染）", n),
		Box: extract.Box{X1: g.Width, Y1: g.Height}}, nil
}

// renderFailure says what a failed rendering means for the user: how to
// install pdftoppm when it is missing, else why it failed.
func renderFailure(err error) string {
	if errors.Is(err, raster.ErrMissing) {
		return "安装 pdftoppm 后可将页面渲染后以OCR识别（" + raster.InstallHint + "）"
	}
	return err.Error()
}

// renderError is a scan that could not be decoded (why) nor rendered (err).
type renderError struct{ why, err error }

func (e *renderError) Error() string { return e.why.Error() + "；" + renderFailure(e.err) }
func (e *renderError) Unwrap() error { return e.err }

// errRenderBudget: a rendered page did not fit the file's memory budget.
var errRenderBudget = errors.New("超出本文件的内存预算")

// encodePixels stores a decoded picture as PNG (lossless: the OCR stage
// decodes the same pixels), one page at a time: a scan of 1-bit or raw
// pixels decodes to up to 80 MB per page, and all pages' pictures are held
// until the OCR stage reads them, so a long scanned file grew by that much
// per page; as PNG a scanned page is a few hundred KB.
func encodePixels(im *extract.Image) error {
	if im.Pix == nil {
		return nil
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, im.Pix); err != nil {
		return err
	}
	im.Data, im.Pix = buf.Bytes(), nil
	return nil
}

// drawn is an image drawn on a page, in the order of the content stream:
// v is the image XObject (Null for an inline image).
type drawn struct {
	v    lpdf.Value
	name string
}

// drawnImages lists the images a content stream draws, in order, also
// inside its Form XObjects: the same order in which the page's
// interpreter recorded their rectangles (layout.PageGeom.Images).
func drawnImages(s *src, content []byte, res lpdf.Value, path []objKey, out *[]drawn, budget *int) {
	l := lexer{data: content}
	var op operand
	var name string
	for *budget > 0 {
		k, w := l.next(&op, 0)
		switch k {
		case tEOF:
			return
		case tOperand:
			name = ""
			if op.kind == kName {
				name = string(op.b)
			}
			continue
		case tOperator:
			*budget--
			switch string(w) {
			case "Do":
				v := res.Key("XObject").Key(name)
				if v.Kind() != lpdf.Stream {
					break
				}
				switch v.Key("Subtype").Name() {
				case "Image":
					*out = append(*out, drawn{v: v, name: name})
				case "Form":
					id, _ := objID(v)
					if len(path) >= maxFormDepth || slices.Contains(path, id) {
						break
					}
					data, err := s.stream(v, 0)
					if err != nil {
						break
					}
					// decoded again for each use: charged by its size, as
					// the interpreter charges a form it runs
					*budget -= 100 + len(data)/64
					fr := v.Key("Resources")
					if fr.Kind() != lpdf.Dict {
						fr = res
					}
					drawnImages(s, data, fr, append(path, id), out, budget)
				}
			case "BI":
				l.skipInlineImage()
				*out = append(*out, drawn{})
			}
		}
		name = ""
		l.arr, l.scratch = l.arr[:0], l.scratch[:0]
	}
}

// piece is one image of a page with where it is drawn (points, origin top
// left).
type piece struct {
	pix image.Image
	box layout.Rect
}

// pagePicture takes the pictures of a page. The images the content stream
// draws are matched, in order, with the rectangles the interpreter recorded;
// the ones that cover a good part of the page (not a logo, not a stamp
// with a soft mask over the scan) are composed into one picture where they
// are drawn. When the drawing cannot be matched (another count, shapes
// that do not fit) the largest image is taken alone.
func pagePicture(s *src, ref pageRef, rects []layout.Rect) (*extract.Image, error) {
	content, _ := s.stream(ref.v.Key("Contents"), 0)
	var ds []drawn
	budget := 1 << 20
	drawnImages(s, content, ref.res, nil, &ds, &budget)
	var pageArea float64
	if len(rects) > 0 {
		u := rects[0]
		for _, r := range rects[1:] {
			u = layout.Rect{X0: min(u.X0, r.X0), Y0: min(u.Y0, r.Y0), X1: max(u.X1, r.X1), Y1: max(u.Y1, r.Y1)}
		}
		pageArea = (u.X1 - u.X0) * (u.Y1 - u.Y0)
	}
	matched := len(ds) == len(rects) && len(ds) > 0
	var keep []int
	var pixels int64 // of the pieces kept
	for i := 0; matched && i < len(ds); i++ {
		d, r := ds[i], rects[i]
		if d.v.Kind() == lpdf.Null {
			continue // inline images are small: icons, not scans
		}
		rw, rh := r.X1-r.X0, r.Y1-r.Y0
		if rw*rh < 0.02*pageArea || d.v.Key("SMask").Kind() != lpdf.Null && len(ds) > 1 {
			continue
		}
		// the picture must keep its shape where it is drawn (a turned
		// or sheared drawing is not composed)
		pw, ph := float64(d.v.Key("Width").Int64()), float64(d.v.Key("Height").Int64())
		if pw <= 0 || ph <= 0 || rw <= 0 || rh <= 0 || math.Abs(math.Log((pw/ph)/(rw/rh))) > 0.15 {
			matched = false
			break
		}
		keep = append(keep, i)
		// the pieces are decoded together before they are composed: a
		// page of hundreds of full-page images would hold them all
		pixels += int64(pw * ph)
		if len(keep) > maxPieces || pixels > 2*maxImagePixels {
			matched = false
			break
		}
	}
	if !matched || len(keep) == 0 {
		return largestImage(s, ref, rects)
	}
	if len(keep) == 1 {
		im, err := decodeImage(s, ds[keep[0]].v, ds[keep[0]].name)
		if im != nil {
			r := rects[keep[0]]
			im.Box = extract.Box{X0: r.X0, Y0: r.Y0, X1: r.X1, Y1: r.Y1}
		}
		return im, err
	}
	var pieces []piece
	var names []string
	for _, i := range keep {
		im, err := decodeImage(s, ds[i].v, ds[i].name)
		if err != nil {
			return nil, err
		}
		pix := im.Pix
		if pix == nil {
			if err := extract.CheckPicture(im.Data, maxImagePixels); err != nil {
				return nil, fmt.Errorf("图像%s无法解码：%w", ds[i].name, err)
			}
			if pix, _, err = image.Decode(bytes.NewReader(im.Data)); err != nil {
				return nil, fmt.Errorf("图像%s无法解码：%w", ds[i].name, err)
			}
		}
		pieces = append(pieces, piece{pix: pix, box: rects[i]})
		names = append(names, ds[i].name)
	}
	pix, box := compose(pieces)
	return &extract.Image{Name: "XObject " + strings.Join(names, "+"), Pix: pix, Box: box}, nil
}

// maxPieces is the most images composed into one page's picture (a scan
// cut into strips has a few dozen at most).
const maxPieces = 64

// maxImagePixels bounds the pixels of a picture decoded or composed (80 M:
// an A4 page scanned at 1,200 dpi has 140 M; the OCR reads at most
// ocr.MaxPixels).
const maxImagePixels = 80 << 20

// compose draws pieces into one grey picture at the finest resolution
// among them (at most 80 megapixels), white where nothing is drawn, later
// pieces over earlier ones.
func compose(pieces []piece) (*image.Gray, extract.Box) {
	u := pieces[0].box
	res := 0.0 // pixels per point
	for _, p := range pieces {
		r := p.box
		u = layout.Rect{X0: min(u.X0, r.X0), Y0: min(u.Y0, r.Y0), X1: max(u.X1, r.X1), Y1: max(u.Y1, r.Y1)}
		res = max(res, float64(p.pix.Bounds().Dx())/(r.X1-r.X0))
	}
	w, h := (u.X1-u.X0)*res, (u.Y1-u.Y0)*res
	if w*h > maxImagePixels {
		res *= math.Sqrt(maxImagePixels / (w * h))
	}
	W, H := max(1, int(math.Round((u.X1-u.X0)*res))), max(1, int(math.Round((u.Y1-u.Y0)*res)))
	out := image.NewGray(image.Rect(0, 0, W, H))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	for _, p := range pieces {
		b := p.pix.Bounds()
		x0, y0 := int(math.Round((p.box.X0-u.X0)*res)), int(math.Round((p.box.Y0-u.Y0)*res))
		x1, y1 := int(math.Round((p.box.X1-u.X0)*res)), int(math.Round((p.box.Y1-u.Y0)*res))
		x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, W), min(y1, H)
		for y := y0; y < y1; y++ {
			sy := b.Min.Y + (y-y0)*b.Dy()/max(1, y1-y0)
			for x := x0; x < x1; x++ {
				sx := b.Min.X + (x-x0)*b.Dx()/max(1, x1-x0)
				out.Pix[y*out.Stride+x] = color.GrayModel.Convert(p.pix.At(sx, sy)).(color.Gray).Y
			}
		}
	}
	return out, extract.Box{X0: u.X0, Y0: u.Y0, X1: u.X1, Y1: u.Y1}
}

// largestImage takes the largest image XObject of a page's resources (also
// inside its Form XObjects, one level deep), drawn in the largest
// rectangle.
func largestImage(s *src, ref pageRef, rects []layout.Rect) (*extract.Image, error) {
	im, err := pageImage(s, ref)
	if im != nil {
		im.Box = largest(rects)
	}
	return im, err
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

// decodeImage reads an image XObject: DCTDecode as the JPEG it holds;
// CCITTFaxDecode (Group 3 one-dimensional and Group 4) by
// golang.org/x/image/ccitt; the other filters (Flate and LZW with or
// without PNG/TIFF predictors, RunLength, ASCII) through the library, as
// samples of 1, 2, 4, 8 or 16 bits in a grey, RGB, CMYK, ICC-based,
// indexed or separation colour space, or a stencil mask (/SMask is
// ignored). JBIG2 and JPEG 2000 are not decoded: the error says so.
func decodeImage(s *src, v lpdf.Value, name string) (*extract.Image, error) {
	id, ok := objID(v)
	if !ok || id.id == 0 || s == nil || !s.keepPicture {
		return decodePicture(s, v, name)
	}
	p := &s.lastPicture
	if p.id != id { // id.id is never 0 here: the zero picture is no picture
		im, err := decodePicture(s, v, name)
		*p = picture{id: id, im: im, err: err}
	}
	if p.im == nil {
		return nil, p.err
	}
	im := *p.im // the caller sets its box; the pixels are shared
	return &im, p.err
}

// picture is the image XObject decoded last (src.lastPicture), decoded
// once for the pages after it that draw it too: twenty pages drawing one
// 80 M-pixel image held twenty copies. Only the last one is kept, so that
// memory does not grow with the pages.
type picture struct {
	id  objKey
	im  *extract.Image
	err error
}

// decodePicture is decodeImage without the memory of pictures decoded.
func decodePicture(s *src, v lpdf.Value, name string) (*extract.Image, error) {
	filters, params := filterChain(v)
	w, h := int(v.Key("Width").Int64()), int(v.Key("Height").Int64())
	if w <= 0 || h <= 0 || int64(w)*int64(h) > maxImagePixels {
		return nil, fmt.Errorf("图像尺寸无效（%d×%d）", w, h)
	}
	im := &extract.Image{Name: "XObject " + name}
	last := ""
	if len(filters) > 0 {
		last = filters[len(filters)-1]
	}
	switch last {
	case "JBIG2Decode":
		return nil, codecError(fmt.Sprintf("图像%s使用JBIG2编码，本程序不能直接解码", name))
	case "JPXDecode":
		return nil, codecError(fmt.Sprintf("图像%s使用JPEG 2000（JPX）编码，本程序不能直接解码", name))
	case "DCTDecode", "DCT", "CCITTFaxDecode", "CCF":
		if len(filters) > 1 {
			return nil, fmt.Errorf("图像%s的编码组合不支持（%s）", name, strings.Join(filters, "+"))
		}
		data, err := rawStream(s, v)
		if err != nil {
			return nil, err
		}
		if last == "DCTDecode" || last == "DCT" {
			im.Data = data
			return im, nil
		}
		samples, err := ccittSamples(data, w, h, params[0])
		if err != nil {
			return nil, fmt.Errorf("图像%s（CCITT传真编码）无法解码：%w", name, err)
		}
		pix, err := samplePixels(s, v, samples, w, h, 1)
		im.Pix = pix
		return im, err
	}
	for _, f := range filters {
		switch f {
		case "FlateDecode", "Fl", "LZWDecode", "LZW", "RunLengthDecode", "RL", "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85":
		default:
			return nil, fmt.Errorf("不支持的图像编码 %s", f)
		}
	}
	data, err := s.stream(v, 0)
	if err != nil {
		return nil, err
	}
	bpc := int(v.Key("BitsPerComponent").Int64())
	if v.Key("ImageMask").Bool() {
		bpc = 1
	}
	pix, err := samplePixels(s, v, data, w, h, bpc)
	im.Pix = pix
	return im, err
}

// filterChain lists a stream's filters and their parameters.
func filterChain(v lpdf.Value) ([]string, []lpdf.Value) {
	f, p := v.Key("Filter"), v.Key("DecodeParms")
	switch f.Kind() {
	case lpdf.Name:
		if p.Kind() == lpdf.Array {
			p = p.Index(0)
		}
		return []string{f.Name()}, []lpdf.Value{p}
	case lpdf.Array:
		var names []string
		var ps []lpdf.Value
		for i := range min(f.Len(), lpdf.MaxFilters+1) { // more than MaxFilters: the library refuses the stream
			names = append(names, f.Index(i).Name())
			ps = append(ps, p.Index(i))
		}
		return names, ps
	}
	return nil, nil
}

// ccittSamples decodes CCITT fax data into 1-bit samples, rows padded to
// a byte, 0 black unless /BlackIs1.
func ccittSamples(data []byte, w, h int, p lpdf.Value) ([]byte, error) {
	k := p.Key("K").Int64()
	sf := ccitt.Group4
	switch {
	case k == 0:
		sf = ccitt.Group3
	case k > 0:
		return nil, fmt.Errorf("不支持二维 Group 3 编码（K=%d）", k)
	}
	cols, rows := 1728, h
	if c := p.Key("Columns"); c.Kind() == lpdf.Integer {
		cols = int(c.Int64())
	}
	if r := p.Key("Rows"); r.Kind() == lpdf.Integer && r.Int64() > 0 {
		rows = int(r.Int64())
	}
	if cols != w || rows < h {
		return nil, fmt.Errorf("编码参数与图像尺寸不符（%d×%d，图像%d×%d）", cols, rows, w, h)
	}
	opts := &ccitt.Options{Align: p.Key("EncodedByteAlign").Bool(), Invert: p.Key("BlackIs1").Bool()}
	stride := (w + 7) / 8
	out, err := io.ReadAll(io.LimitReader(ccitt.NewReader(bytes.NewReader(data), ccitt.MSB, sf, w, h, opts), int64(stride*h)))
	if len(out) < stride*h {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return out, nil
}

// rawStream returns a stream's bytes as stored (no filter applied),
// decrypted when the file is encrypted.
func rawStream(s *src, v lpdf.Value) ([]byte, error) {
	n := v.Key("Length").Int64()
	if n <= 0 || n > maxStreamBytes {
		return nil, fmt.Errorf("图像数据无法读取")
	}
	if off, ok := streamOffset(v); ok && s != nil && s.r != nil {
		buf := make([]byte, s.present(off, n))
		k, _ := s.r.ReadAt(buf, off)
		return buf[:k], nil
	}
	rc := v.RawReader()
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, n))
	if err != nil {
		return nil, fmt.Errorf("图像数据无法读取：%w", err)
	}
	return data, nil
}

// components is the number of colour components of a colour space (0
// when it is not supported).
func components(cs lpdf.Value) int {
	switch cs.Kind() {
	case lpdf.Name:
		switch cs.Name() {
		case "DeviceGray", "CalGray", "G":
			return 1
		case "DeviceRGB", "CalRGB", "RGB":
			return 3
		case "DeviceCMYK", "CMYK":
			return 4
		}
	case lpdf.Array:
		if cs.Len() >= 2 && cs.Index(0).Name() == "ICCBased" {
			if n := int(cs.Index(1).Key("N").Int64()); n == 1 || n == 3 || n == 4 {
				return n
			}
		}
		if cs.Len() >= 1 {
			switch cs.Index(0).Name() {
			case "CalGray":
				return 1
			case "CalRGB":
				return 3
			}
		}
	}
	return 0
}

// imageColours is how an image's samples become grey: ncomp samples per
// pixel, through a palette (indexed) or inverted (a separation's tint).
type imageColours struct {
	ncomp   int
	palette []uint8 // indexed: the grey of each index
	invert  bool
}

func imageColoursOf(s *src, cs lpdf.Value, depth int) (imageColours, error) {
	if n := components(cs); n > 0 {
		return imageColours{ncomp: n}, nil
	}
	if cs.Kind() == lpdf.Array && cs.Len() >= 1 && depth < 3 {
		switch cs.Index(0).Name() {
		case "Indexed", "I":
			if cs.Len() < 4 {
				break
			}
			base, err := imageColoursOf(s, cs.Index(1), depth+1)
			if err != nil || base.palette != nil {
				return imageColours{}, fmt.Errorf("不支持的索引色彩空间")
			}
			hival := int(cs.Index(2).Int64())
			var lookup []byte
			switch l := cs.Index(3); l.Kind() {
			case lpdf.String:
				lookup = []byte(l.RawString())
			case lpdf.Stream:
				lookup, err = s.stream(l, 0)
				if err != nil {
					return imageColours{}, err
				}
			}
			if hival < 0 || hival > 255 || len(lookup) < (hival+1)*base.ncomp {
				return imageColours{}, fmt.Errorf("索引色彩空间的颜色表不完整")
			}
			pal := make([]uint8, 256)
			for i := 0; i <= hival; i++ {
				pal[i] = grey(lookup[i*base.ncomp:(i+1)*base.ncomp], base)
			}
			return imageColours{ncomp: 1, palette: pal}, nil
		case "Separation":
			return imageColours{ncomp: 1, invert: true}, nil
		}
	}
	return imageColours{}, fmt.Errorf("不支持的图像色彩空间")
}

// grey is one pixel's components (8 bits each) as grey.
func grey(c []uint8, cs imageColours) uint8 {
	var v uint8
	switch cs.ncomp {
	case 1:
		v = c[0]
	case 3:
		v = color.GrayModel.Convert(color.RGBA{c[0], c[1], c[2], 255}).(color.Gray).Y
	case 4:
		v = color.GrayModel.Convert(color.CMYK{C: c[0], M: c[1], Y: c[2], K: c[3]}).(color.Gray).Y
	}
	if cs.invert {
		v = 255 - v
	}
	return v
}

// samplePixels turns an image's decoded samples into a grey picture.
func samplePixels(s *src, v lpdf.Value, data []byte, w, h, bpc int) (image.Image, error) {
	mask := v.Key("ImageMask").Bool()
	cs := imageColours{ncomp: 1}
	if !mask {
		var err error
		if cs, err = imageColoursOf(s, v.Key("ColorSpace"), 0); err != nil {
			return nil, err
		}
	}
	return rawPixels(data, w, h, bpc, cs, decodeInverted(v.Key("Decode")))
}

// decodeInverted reports a /Decode array that swaps dark and light ([1 0]
// for one component; a stencil mask paints its 0 samples black unless its
// /Decode is [1 0]).
func decodeInverted(d lpdf.Value) bool {
	return d.Kind() == lpdf.Array && d.Len() >= 2 && d.Index(0).Float64() > d.Index(1).Float64()
}

// rawPixels turns image samples (bpc 1, 2, 4, 8 or 16 bits, rows padded
// to a byte) into a grey picture.
func rawPixels(data []byte, w, h, bpc int, cs imageColours, invert bool) (image.Image, error) {
	if cs.ncomp == 0 {
		return nil, fmt.Errorf("不支持的图像色彩空间")
	}
	switch bpc {
	case 1, 2, 4, 8, 16:
	default:
		return nil, fmt.Errorf("不支持的图像位深 %d", bpc)
	}
	stride := (w*cs.ncomp*bpc + 7) / 8
	if len(data) < stride*h {
		return nil, fmt.Errorf("图像数据不完整（%d字节，应为%d字节）", len(data), stride*h)
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	maxv := 1<<bpc - 1
	comp := make([]uint8, cs.ncomp)
	for y := 0; y < h; y++ {
		row := data[y*stride : (y+1)*stride]
		for x := 0; x < w; x++ {
			for c := range cs.ncomp {
				i := x*cs.ncomp + c
				var sv int
				switch bpc {
				case 8:
					sv = int(row[i])
				case 16:
					sv = int(row[2*i]) // the high byte
				default:
					bit := i * bpc
					sv = int(row[bit/8]>>(8-bpc-bit%8)) & maxv
				}
				switch {
				case cs.palette != nil || bpc == 16:
					comp[c] = uint8(min(sv, 255))
				default:
					comp[c] = uint8(sv * 255 / maxv)
				}
			}
			var pv uint8
			if cs.palette != nil {
				pv = cs.palette[comp[0]]
			} else {
				pv = grey(comp, cs)
			}
			if invert {
				pv = 255 - pv
			}
			g.Pix[y*g.Stride+x] = pv
		}
	}
	return g, nil
}
