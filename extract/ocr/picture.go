package ocr

import (
	"context"
	"fmt"
	"image"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/lazyre"
)

// picture is one picture being read.
type picture struct {
	g     *image.Gray // deskewed
	b     *bitmap
	rules *bitmap // binarised with a lighter threshold, for finding rules
	t     uint8   // ink threshold
	skew  float64 // degrees found and removed
	scale float64 // factor that brings the text to about 32 px
	// pixel → point mapping of the picture on its page
	ox, oy, sx, sy float64
}

// ReadPicture reads one picture into blocks: its ruled tables cell by
// cell, and (for whole pages, or pictures without a table) its text lines.
// page is the 1-based page number the blocks get; box is where the picture
// sits on its page in points (zero: pixels are taken as 0.75 pt).
func (e *Engine) ReadPicture(ctx context.Context, img image.Image, page int, box extract.Box, wholePage bool) ([]extract.Block, error) {
	p := prepare(img, box)
	if p == nil {
		return nil, nil
	}
	tables := findTables(p.rules)
	var blocks []extract.Block
	for _, t := range tables {
		tb, err := e.readTable(ctx, p, t, page)
		if err != nil {
			return nil, err
		}
		blocks = append(blocks, tb)
	}
	if wholePage || len(tables) == 0 {
		words, err := e.readWords(ctx, p, tables, page)
		if err != nil {
			return nil, err
		}
		// tables drawn without rules (on a page without ruled ones): found
		// from the words' places and the ink, and read cell by cell like
		// ruled ones
		var skip []image.Rectangle
		var open []*gridTable
		if len(tables) == 0 {
			open = borderless(p, words)
		}
		for _, t := range open {
			tb, err := e.readTable(ctx, p, t, page)
			if err != nil {
				return nil, err
			}
			blocks = append(blocks, tb)
			skip = append(skip, t.box())
		}
		lines, lineWords := p.textLines(words, skip, page)
		if err := e.confirmLines(ctx, p, lines, lineWords); err != nil {
			return nil, fmt.Errorf("第%d页文字中的数字：%w", page, err)
		}
		blocks = append(blocks, lines...)
	}
	sort.SliceStable(blocks, func(i, j int) bool { return blocks[i].Box.Y0 < blocks[j].Box.Y0 })
	return blocks, nil
}

func prepare(img image.Image, box extract.Box) *picture {
	k := readScale(img.Bounds().Dx(), img.Bounds().Dy())
	g := toGray(img, k)
	w, h := g.Rect.Dx(), g.Rect.Dy()
	if w < 16 || h < 16 {
		return nil
	}
	p := &picture{g: g, sx: 0.75 * float64(k), sy: 0.75 * float64(k)}
	if box.X1 > box.X0 && box.Y1 > box.Y0 {
		p.ox, p.oy = box.X0, box.Y0
		p.sx, p.sy = (box.X1-box.X0)/float64(w), (box.Y1-box.Y0)/float64(h)
	}
	p.t = otsu(g, g.Rect)
	p.b = binarise(g, p.t)
	if a := skewAngle(p.b); a != 0 {
		p.skew = a
		p.g = rotate(g, -a)
		p.b = binarise(p.g, p.t)
	}
	// rules are often drawn thin and grey: for finding them, lighter
	// pixels count as ink too
	p.rules = binarise(p.g, uint8(min(255, int(p.t)+(255-int(p.t))/2)))
	p.scale = 1
	if lh := lineHeight(p.b); lh > 0 {
		p.scale = math.Max(1, math.Min(4, 30/float64(lh)))
	}
	return p
}

// lineHeight is the median height of the bands of rows that hold ink,
// a measure of the text size (0 when there is no text).
func lineHeight(b *bitmap) int {
	var hs []int
	run := 0
	for y := 0; y <= b.h; y++ {
		n := 0
		if y < b.h {
			for x := 0; x < b.w; x++ {
				if b.ink[y*b.w+x] {
					n++
				}
			}
		}
		// rows crossed by a full-width rule are not text
		if n > 0 && n < b.w/2 {
			run++
			continue
		}
		if run >= 6 && run < 200 {
			hs = append(hs, run)
		}
		run = 0
	}
	if len(hs) == 0 {
		return 0
	}
	sort.Ints(hs)
	return hs[len(hs)/2]
}

func (p *picture) pt(r image.Rectangle) extract.Box {
	return extract.Box{
		X0: p.ox + float64(r.Min.X)*p.sx, Y0: p.oy + float64(r.Min.Y)*p.sy,
		X1: p.ox + float64(r.Max.X)*p.sx, Y1: p.oy + float64(r.Max.Y)*p.sy,
	}
}

// inkBox is the bounding box of the ink inside r, after cutting r in by a
// few pixels so that the cell's rules are left out; empty when the cell is
// blank (specks of noise do not count).
func (p *picture) inkBox(r image.Rectangle) image.Rectangle {
	in := max(5, p.b.w/250)
	r = r.Inset(in)
	if r.Empty() {
		return image.Rectangle{}
	}
	x0, y0, x1, y1 := r.Max.X, r.Max.Y, r.Min.X, r.Min.Y
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if p.b.ink[y*p.b.w+x] && p.neighbours(x, y) >= 2 {
				n++
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x+1), max(y1, y+1)
			}
		}
	}
	if n < 6 {
		return image.Rectangle{}
	}
	return image.Rect(x0, y0, x1, y1).Inset(-2).Intersect(r)
}

// neighbours counts the inked 4-neighbours of a pixel (isolated noise has
// none or one).
func (p *picture) neighbours(x, y int) int {
	n := 0
	for _, d := range [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
		if p.b.at(x+d[0], y+d[1]) {
			n++
		}
	}
	return n
}

var (
	// an enumerator in brackets whose opening bracket the Chinese model
	// read as an angle or title bracket ("〈四)", "《六)")
	enumRe     = lazyre.New(`^[〈《<〔［\[{]([一二三四五六七八九十]{1,2}|[0-9]{1,2})[)）〉》\]］}〕]`)
	numberLike = lazyre.New(`^[-+]?[0-9OoIlSB|]+(?:[.,][0-9OoIlSB]+)?$`)
	digitsOnly = lazyre.New(`^[-+]?[0-9]+(?:\.[0-9]+)?$`)
)

// enumBracket writes a label's leading enumerator in round brackets.
func enumBracket(s string) string {
	return enumRe.ReplaceAllString(s, "（$1）")
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// readTable reads every cell of a ruled table: all cells once in Chinese,
// then every cell that may hold a number (readNumbers) as a number by the
// English model from two preprocessings, and a third when those two do
// not agree.
func (e *Engine) readTable(ctx context.Context, p *picture, t *gridTable, page int) (extract.Block, error) {
	work := make([]cellWork, len(t.cells))
	var pics []image.Image
	var idx []int
	for i, c := range t.cells {
		work[i].cell = c
		work[i].ink = p.inkBox(c.box)
		if work[i].ink.Empty() {
			continue
		}
		pics = append(pics, scale(p.g, work[i].ink, p.scale, 12))
		idx = append(idx, i)
	}
	labels, err := e.Read(ctx, pics, Mode{PSM: 6})
	if err != nil {
		return extract.Block{}, fmt.Errorf("第%d页表格：%w", page, err)
	}
	// unsure Chinese readings of labels (noise and JPEG blocks make
	// strokes of a label's background) are read again from the binarised
	// cell; the surer reading is kept. Only wide ink (three characters and
	// more): a short cell may be a number the Chinese model misread, which
	// the number readings decide.
	var again []int
	var pics2 []image.Image
	for k, i := range idx {
		r, ink := labels[k], work[i].ink
		if r.Confidence() < extract.OCRHighConfidence && hasHan(r.Text()) && ink.Dx() >= 3*ink.Dy() {
			g := scale(p.g, work[i].ink, p.scale, 12)
			pics2 = append(pics2, threshold(g, otsu(p.g, work[i].ink)))
			again = append(again, k)
		}
	}
	if len(again) > 0 {
		rs, err := e.Read(ctx, pics2, Mode{PSM: 6})
		if err != nil {
			return extract.Block{}, fmt.Errorf("第%d页表格：%w", page, err)
		}
		for j, k := range again {
			if rs[j].Confidence() > labels[k].Confidence() {
				labels[k] = rs[j]
			}
		}
	}
	for k, i := range idx {
		r := labels[k]
		txt := enumBracket(joinCJK(r))
		work[i].text = txt
		work[i].ocr = &extract.OCR{Confidence: r.Confidence()}
		compact := strings.ReplaceAll(txt, " ", "")
		work[i].num = !hasHan(compact) && numberLike.MatchString(compact)
	}
	if err := e.readNumbers(ctx, p, work); err != nil {
		return extract.Block{}, fmt.Errorf("第%d页表格数字：%w", page, err)
	}
	tb := &extract.Table{Page: page, LastPage: page, Rows: len(t.ys) - 1, Cols: len(t.xs) - 1, Box: p.pt(t.box())}
	for i, c := range t.cells {
		cell := extract.Cell{Row: c.row, Col: c.col, RowSpan: c.rowSpan, ColSpan: c.colSpan,
			Text: extract.Normalize(work[i].text), Page: page, Box: p.pt(c.box)}
		// a cell with ink keeps its reading's confidence even when
		// nothing could be read (then 0)
		cell.OCR = work[i].ocr
		tb.Cells = append(tb.Cells, cell)
	}
	return extract.Block{Kind: extract.BlockTable, Page: page, Box: tb.Box, Table: tb}, nil
}

// whiten turns paper (pixels well above the ink threshold t) pure white
// in place, keeping the grey of the ink's edges: the engine reads the
// faint edge of a crop's background as strokes.
func whiten(g *image.Gray, t uint8) *image.Gray {
	cut := uint8(int(t) + (255-int(t))/3)
	for i, v := range g.Pix {
		if v >= cut {
			g.Pix[i] = 255
		}
	}
	return g
}

// joinCJK joins a cell's lines: Chinese wraps without a space, other text
// with one.
func joinCJK(r Reading) string {
	lines := strings.Split(r.Text(), "\n")
	var sb strings.Builder
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if i > 0 && sb.Len() > 0 {
			prev := []rune(sb.String())
			first := []rune(l)[0]
			if !unicode.Is(unicode.Han, prev[len(prev)-1]) && !unicode.Is(unicode.Han, first) {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(l)
	}
	return joinHanSpaces(sb.String())
}

// joinHanSpaces removes spaces between Chinese characters and punctuation
// (the engine puts one between words it found far apart).
func joinHanSpaces(s string) string {
	rs := []rune(s)
	var out []rune
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && (wide(rs[i-1]) || wide(rs[i+1])) {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.In(r, unicode.P) && r > 0x2000
}

// readWords reads the picture's text outside its ruled tables (the page
// segmented into lines, psm 4), with the word boxes in the picture's
// pixels.
func (e *Engine) readWords(ctx context.Context, p *picture, tables []*gridTable, page int) ([]Word, error) {
	g := p.g
	if len(tables) > 0 {
		g = image.NewGray(p.g.Rect)
		copy(g.Pix, p.g.Pix)
		for _, t := range tables {
			r := t.box().Inset(-4).Intersect(g.Rect)
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					g.Pix[y*g.Stride+x] = 255
				}
			}
		}
	}
	f := p.scale
	pic := image.Image(g)
	if f > 1.2 {
		pic = scale(g, g.Rect, f, 0)
	} else {
		f = 1
	}
	rs, err := e.Read(ctx, []image.Image{pic}, Mode{PSM: 4})
	if err != nil {
		return nil, fmt.Errorf("第%d页文字：%w", page, err)
	}
	words := rs[0].Words
	for i := range words {
		b := words[i].Box
		words[i].Box = image.Rect(int(float64(b.Min.X)/f), int(float64(b.Min.Y)/f), int(float64(b.Max.X)/f), int(float64(b.Max.Y)/f))
	}
	return words, nil
}

// textLines makes text blocks of the words' lines, leaving out the words
// inside skip (tables read cell by cell).
func (p *picture) textLines(words []Word, skip []image.Rectangle, page int) ([]extract.Block, []Reading) {
	var out []extract.Block
	var kept []Reading
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && words[j].Block == words[i].Block && words[j].Par == words[i].Par && words[j].Line == words[i].Line {
			j++
		}
		var line Reading
		for _, w := range words[i:j] {
			c := image.Pt((w.Box.Min.X+w.Box.Max.X)/2, (w.Box.Min.Y+w.Box.Max.Y)/2)
			in := false
			for _, r := range skip {
				in = in || c.In(r)
			}
			if !in {
				line.Words = append(line.Words, w)
			}
		}
		i = j
		if len(line.Words) == 0 {
			continue
		}
		text := extract.Normalize(joinHanSpaces(line.Text()))
		box := line.Words[0].Box
		for _, w := range line.Words[1:] {
			box = box.Union(w.Box)
		}
		if strings.TrimSpace(text) == "" || noise(line) {
			continue
		}
		out = append(out, extract.Block{Kind: extract.BlockText, Page: page, Box: p.pt(box), Text: text,
			OCR: &extract.OCR{Confidence: line.Confidence()}})
		kept = append(kept, line)
	}
	return out, kept
}

// noise tells a line made of specks (a stamp, a scanner's dirt) read as a
// few low-confidence symbols.
func noise(l Reading) bool {
	if l.Confidence() >= 0.5 {
		return false
	}
	good := 0
	for _, w := range l.Words {
		if w.Confidence >= 0.6 {
			good += len([]rune(w.Text))
		}
	}
	return good < 2
}
