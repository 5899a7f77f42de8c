package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif"  // pictures in HTML pages
	_ "image/jpeg" // scans, DCTDecode images
	_ "image/png"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/nianbao/nianbao/extract"
)

// MaxPixels bounds the size of one picture (a 600 dpi A3 scan is about 70
// megapixels; larger pictures are refused rather than decoded).
const MaxPixels = 80 << 20

// slots bounds the engine processes running at once in this process, over
// all documents a batch reads in parallel: OCR is the costliest stage and
// the machine's cores are the budget.
var slots = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))

// Progress, when set in the context (WithProgress), is told how many
// pictures of a document are done.
type Progress func(path string, done, total int)

type progressKey struct{}

// WithProgress returns a context whose OCR stage reports to fn.
func WithProgress(ctx context.Context, fn Progress) context.Context {
	return context.WithValue(ctx, progressKey{}, fn)
}

// Apply reads the pictures a backend recorded in doc into blocks, in place:
// each picture's blocks go where the picture was, a scanned page's
// scanned_page problem becomes an ocr_page problem, and doc.Images is
// cleared. Without an engine the pictures stay unread and one ocr_missing
// problem says how to install it.
func Apply(ctx context.Context, doc *extract.Document) error {
	if len(doc.Images) == 0 {
		return nil
	}
	e, err := Find()
	return ApplyWith(ctx, doc, e, err)
}

// ApplyWith is Apply with the engine (or the error) Find gave.
func ApplyWith(ctx context.Context, doc *extract.Document, e *Engine, err error) error {
	if len(doc.Images) == 0 {
		return nil
	}
	if err != nil || e == nil {
		if err == nil {
			err = ErrMissing
		}
		doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemNoOCR,
			Message: fmt.Sprintf("%d张图片中的文字未识别：%v", len(doc.Images), err)})
		doc.Images = nil
		return nil
	}
	return e.Apply(ctx, doc)
}

// Apply is the package-level Apply with a given engine.
func (e *Engine) Apply(ctx context.Context, doc *extract.Document) error {
	imgs := doc.Images
	doc.Images = nil
	out := make([][]extract.Block, len(imgs))
	errs := make([]error, len(imgs))
	progress, _ := ctx.Value(progressKey{}).(Progress)
	var mu sync.Mutex
	done := 0
	room := pictureRoom(ctx)
	var wg sync.WaitGroup
	for i := range imgs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				errs[i] = ctx.Err()
				return
			}
			defer func() { <-slots }()
			defer func() {
				if x := recover(); x != nil {
					errs[i] = fmt.Errorf("内部错误：%v", x)
				}
			}()
			out[i], errs[i] = e.readImage(ctx, &imgs[i], room)
			if progress != nil {
				mu.Lock()
				done++
				progress(doc.Path, done, len(imgs))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	read := map[int]bool{}
	for i, im := range imgs {
		if errs[i] != nil {
			doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemPage, Page: im.Page,
				Message: fmt.Sprintf("第%d页图片%s无法识别：%v", im.Page, im.Name, errs[i])})
			continue
		}
		if len(out[i]) > 0 {
			read[im.Page] = true
		}
	}
	// insert from the back so that the indexes stay valid
	order := make([]int, len(imgs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ia, ib := imgs[order[a]], imgs[order[b]]
		if ia.At != ib.At {
			return ia.At > ib.At
		}
		return order[a] > order[b] // the later picture of one place first
	})
	for _, i := range order {
		if len(out[i]) == 0 {
			continue
		}
		at := min(max(imgs[i].At, 0), len(doc.Blocks))
		doc.Blocks = slices.Insert(doc.Blocks, at, out[i]...)
	}
	var probs []extract.Problem
	ocrPages := map[int]bool{}
	for _, p := range doc.Problems {
		if p.Code == extract.ProblemScanned && read[p.Page] {
			continue
		}
		if p.Code == extract.ProblemEmpty && len(read) > 0 {
			continue
		}
		probs = append(probs, p)
	}
	for _, im := range imgs {
		if !read[im.Page] || ocrPages[im.Page] {
			continue
		}
		ocrPages[im.Page] = true
		what := "图片"
		if im.WholePage {
			what = "扫描页"
		}
		msg := fmt.Sprintf("%s的文字由OCR识别，可能有误读", what)
		if doc.Paged {
			msg = fmt.Sprintf("第%d页", im.Page) + msg
		}
		probs = append(probs, extract.Problem{Code: extract.ProblemOCR, Page: im.Page, Message: msg})
	}
	doc.Problems = probs
	return nil
}

// pictureRoom is the memory one picture of the document may take to be
// decoded and read: what the document's budget has left when the OCR
// stage starts (-1: no limit). Each picture is held to it alone, not to
// what the pictures read beside it (up to one per CPU) leave: that would
// make which picture is refused depend on timing, and the output on the
// machine. The process-wide memory ceiling (audit/memguard.go) bounds the
// pictures read at once.
func pictureRoom(ctx context.Context) int64 {
	b := extract.BudgetFrom(ctx)
	if b.Limit() <= 0 {
		return -1
	}
	return max(b.Limit()-b.Used(), 0)
}

// readImage decodes one picture and reads it; a picture that would take
// more than room bytes (pictureRoom; -1: no limit) is refused from its
// header.
func (e *Engine) readImage(ctx context.Context, im *extract.Image, room int64) ([]extract.Block, error) {
	pix := im.Pix
	if pix == nil {
		if err := extract.CheckPicture(im.Data, MaxPixels); err != nil {
			return nil, fmt.Errorf("图片无法解码：%w", err)
		}
		// what decoding and reading it hold at once, from the
		// picture's own header: a small file may claim 80 M pixels
		// of 8 bytes each
		if cost, w, h := pictureCost(im.Data); room >= 0 && cost > room {
			return nil, fmt.Errorf("图片过大（%d×%d像素），解码和识别约需 %d MB，超出单个文件的内存预算（上限 %d MB），未识别（可用 --max-memory 调高预算）",
				w, h, cost>>20, extract.BudgetFrom(ctx).Limit()>>20)
		}
		var err error
		pix, _, err = image.Decode(bytes.NewReader(im.Data))
		if err != nil && pix == nil {
			return nil, fmt.Errorf("图片无法解码：%w", err)
		}
	}
	blocks, err := e.ReadPicture(ctx, pix, im.Page, im.Box, im.WholePage)
	if err != nil && errors.Is(err, context.Canceled) {
		return nil, err
	}
	return blocks, err
}

// workingBytes is what reading a picture holds per pixel besides the
// decoded picture: its grey copy, the deskewed copy, and the ink and rule
// bitmaps.
const workingBytes = 5

// pictureCost is the memory decoding and reading an encoded picture takes
// at its peak, from its header, and the picture's size: the decoded
// picture, a full-size RGBA copy where toGray needs one, and the working
// copies of the picture as it is read (shrunk first when it is large:
// readScale).
func pictureCost(data []byte) (cost int64, w, h int) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, 0, 0
	}
	w, h = cfg.Width, cfg.Height
	k := readScale(w, h)
	pixels, read := int64(w)*int64(h), int64(w/k)*int64(h/k)
	decoded := decodedBytes(cfg.ColorModel) * 4 // quarter bytes
	if format == "jpeg" && cfg.ColorModel == color.YCbCrModel {
		decoded = jpegQuarterBytes(data)
	}
	cost = pixels*decoded/4 + read*workingBytes
	if k == 1 && !greyDirect(cfg.ColorModel) {
		cost += pixels * 4
	}
	return cost, w, h
}

// greyDirect reports whether toGray reads pictures of the colour model
// without an RGBA copy.
func greyDirect(m color.Model) bool {
	return m == color.GrayModel || m == color.YCbCrModel
}

// jpegQuarterBytes is what a pixel of a colour JPEG takes decoded, in
// quarter bytes, from its frame header: the luma plane and the two chroma
// planes at their sampling (4:2:0, what most scanners and cameras write,
// 1.5 bytes; 4:4:4, 3 bytes, the most and what is assumed when the
// header cannot be read).
func jpegQuarterBytes(data []byte) int64 {
	const most = 12
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xff {
			return most
		}
		marker := data[i+1]
		if marker == 0xff { // fill byte
			i++
			continue
		}
		n := int(data[i+2])<<8 | int(data[i+3]) // the segment's length, its own two bytes included
		if n < 2 {
			return most
		}
		frame := marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc
		if frame {
			seg := data[i+4 : min(len(data), i+2+n)]
			if len(seg) < 15 || seg[5] != 3 { // precision, height, width, 3 components of 3 bytes
				return most
			}
			y, c := seg[7], seg[10] // each component: id, H<<4|V, table
			yArea, cArea := int64(y>>4)*int64(y&15), int64(c>>4)*int64(c&15)
			if yArea == 0 || cArea == 0 || cArea > yArea {
				return most
			}
			return 4 + 8*cArea/yArea
		}
		i += 2 + n
	}
	return most
}

// decodedBytes is how many bytes a pixel of the colour model takes once
// decoded (the standard decoders' image types).
func decodedBytes(m color.Model) int64 {
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.YCbCrModel:
		return 3 // 4:4:4 at most
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 4 // RGBA, NRGBA, CMYK
}
