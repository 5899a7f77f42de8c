package ocr

import (
	"context"
	"fmt"
	"image"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/extract"
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
		lines, err := e.readText(ctx, p, tables, page)
		if err != nil {
			return nil, err
		}
		blocks = append(blocks, lines...)
	}
	sort.SliceStable(blocks, func(i, j int) bool { return blocks[i].Box.Y0 < blocks[j].Box.Y0 })
	return blocks, nil
}

func prepare(img image.Image, box extract.Box) *picture {
	g := toGray(img)
	w, h := g.Rect.Dx(), g.Rect.Dy()
	if w < 16 || h < 16 {
		return nil
	}
	p := &picture{g: g, sx: 0.75, sy: 0.75}
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
	numberLike = regexp.MustCompile(`^[-+]?[0-9OoIlSB|]+(?:[.,][0-9OoIlSB]+)?$`)
	digitsOnly = regexp.MustCompile(`^-?[0-9]+(?:\.[0-9]+)?$`)
)

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// readTable reads every cell of a ruled table: all cells once in Chinese,
// then the cells that hold a number twice more with the digits whitelist
// from two preprocessings (the grey picture scaled, and a binarised copy
// scaled more); a number is Agreed when both digit readings are equal.
func (e *Engine) readTable(ctx context.Context, p *picture, t *gridTable, page int) (extract.Block, error) {
	type cellWork struct {
		ink  image.Rectangle
		text string
		ocr  *extract.OCR
		num  bool // the Chinese reading is a number
		// maybe: read as a number too, taken as one when the number
		// readings agree
		maybe     bool
		inNumbers bool // in a column and a row of numbers
	}
	work := make([]cellWork, len(t.cells))
	var pics []image.Image
	var idx []int
	for i, c := range t.cells {
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
	for k, i := range idx {
		r := labels[k]
		txt := joinCJK(r)
		work[i].text = txt
		work[i].ocr = &extract.OCR{Confidence: r.Confidence()}
		compact := strings.ReplaceAll(txt, " ", "")
		work[i].num = !hasHan(compact) && numberLike.MatchString(compact)
	}
	// A cell the Chinese model did not read as a number may still be one
	// (it makes characters of noisy digits): in a column and a row that
	// mostly hold numbers, or when its reading is short and unsure. Such
	// a cell is read as a number too, and taken as one only when both
	// number readings agree.
	colNum, colAll := map[int]int{}, map[int]int{}
	rowNum, rowAll := map[int]int{}, map[int]int{}
	for i, c := range t.cells {
		if work[i].ocr == nil || c.colSpan != 1 {
			continue
		}
		colAll[c.col]++
		rowAll[c.row]++
		if work[i].num {
			colNum[c.col]++
			rowNum[c.row]++
		}
	}
	for i, c := range t.cells {
		w := &work[i]
		if w.ocr == nil || w.num || c.colSpan != 1 {
			continue
		}
		n := len([]rune(w.text))
		if n == 0 {
			// ink that the Chinese model read as nothing: a number unless
			// the number readings say otherwise
			w.maybe, w.inNumbers = true, true
			continue
		}
		inNumbers := colNum[c.col]*2 >= colAll[c.col] && rowNum[c.row]*5 >= rowAll[c.row]*2
		unsure := hasHan(w.text) && n <= 3 && w.ocr.Confidence < 0.6
		if n <= 12 && (inNumbers || unsure) {
			w.maybe = true
			w.inNumbers = inNumbers
		}
	}
	// Number cells: two readings by the English model from two
	// preprocessings (grey with the digits 24 px high, and binarised with
	// them 32 px high). The model reads a lone digit badly (a single 0 is
	// often nothing at all) but a line well, so each picture shows the
	// cell three times in a row and the reading must be the same number
	// three times. The digits-only whitelist is not used: measured on
	// the scanned fixtures it makes the model drop lone zeros, which are
	// most of a small body's cells; letters that look like digits are
	// mapped instead (O→0, l→1 …), and anything else is no number.
	var numPicsA, numPicsB []image.Image
	var numIdx []int
	for i := range work {
		if !work[i].num && !work[i].maybe {
			continue
		}
		r := work[i].ink
		h := float64(max(r.Dy(), 8))
		numPicsA = append(numPicsA, thrice(whiten(scale(p.g, r, 36/h, 0), p.t), 16, 30))
		numPicsB = append(numPicsB, thrice(threshold(scale(p.g, r, 28/h, 0), otsu(p.g, r)), 12, 30))
		numIdx = append(numIdx, i)
	}
	ra, err := e.Read(ctx, numPicsA, Mode{PSM: 7, Latin: true})
	if err != nil {
		return extract.Block{}, fmt.Errorf("第%d页表格数字：%w", page, err)
	}
	rb, err := e.Read(ctx, numPicsB, Mode{PSM: 7, Latin: true})
	if err != nil {
		return extract.Block{}, fmt.Errorf("第%d页表格数字：%w", page, err)
	}
	for k, i := range numIdx {
		a, b := digitText(ra[k]), digitText(rb[k])
		ca, cb := ra[k].Confidence(), rb[k].Confidence()
		w := &work[i]
		if w.maybe && !w.inNumbers && (a != b || a == "") {
			continue // not a number after all: keep the Chinese reading
		}
		switch {
		case a == "" && b == "" && w.maybe:
			// in a column of numbers but no number could be read: an
			// unreadable cell (blank, confidence 0), not a label
			w.text = ""
			w.ocr = &extract.OCR{}
		case a == b && a != "":
			w.text = a
			w.ocr = &extract.OCR{Confidence: min(ca, cb), Agreed: true}
		case a == "" && b == "":
			// neither reading is a number: keep the Chinese reading, unsure
			w.ocr.Confidence = min(w.ocr.Confidence, 0.3)
		default:
			best, conf := a, ca
			if b != "" && (cb > ca || a == "") {
				best, conf = b, cb
			}
			w.text = best
			// two readings that disagree are never sure
			w.ocr = &extract.OCR{Confidence: min(conf, extract.OCRHighConfidence/2)}
		}
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

// digitText is a reading of a number cell as a number: letters that the
// English model confuses with digits are mapped to them; "" when the
// reading is not a number.
func digitText(r Reading) string {
	s := strings.Join(strings.Fields(strings.ReplaceAll(r.Text(), "\n", " ")), "")
	s = strings.Map(func(c rune) rune {
		switch c {
		case 'O', 'o', 'D', 'Q':
			return '0'
		case 'l', 'I', '|', 'i', ']', '[':
			return '1'
		case 'S', 's':
			return '5'
		case 'B':
			return '8'
		case 'Z', 'z':
			return '2'
		case ',':
			return -1 // thousands separators
		}
		return c
	}, s)
	// the cell is shown three times: "000" or "12 12 12"; a speck read
	// as a point in one copy ("3.33") is dropped
	once := func(s string) (string, bool) {
		if n := len(s); n%3 == 0 && n > 0 && strings.Repeat(s[:n/3], 3) == s {
			return s[:n/3], true
		}
		return "", false
	}
	if x, ok := once(s); ok {
		s = x
	} else if x, ok := once(strings.ReplaceAll(s, ".", "")); ok {
		s = x
	} else {
		return ""
	}
	s = strings.TrimRight(s, ".")
	if !digitsOnly.MatchString(s) {
		return ""
	}
	return s
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

// thrice lays a picture out three times in a row, gap pixels apart, with a
// white margin.
func thrice(g *image.Gray, gap, margin int) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	// a narrow glyph (a lone 1) gets the width of a digit, so that the
	// copies are spaced like digits of one number
	cw := max(w, h*7/10)
	out := image.NewGray(image.Rect(0, 0, 3*cw+2*gap+2*margin, h+2*margin))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	for k := range 3 {
		x0 := margin + k*(cw+gap) + (cw-w)/2
		for y := 0; y < h; y++ {
			copy(out.Pix[(y+margin)*out.Stride+x0:], g.Pix[y*g.Stride:y*g.Stride+w])
		}
	}
	return out
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

// readText reads the picture's text outside its tables, line by line.
func (e *Engine) readText(ctx context.Context, p *picture, tables []*gridTable, page int) ([]extract.Block, error) {
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
	var out []extract.Block
	words := rs[0].Words
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && words[j].Block == words[i].Block && words[j].Par == words[i].Par && words[j].Line == words[i].Line {
			j++
		}
		line := Reading{Words: words[i:j]}
		text := extract.Normalize(joinHanSpaces(line.Text()))
		var box image.Rectangle
		for k, w := range line.Words {
			r := image.Rect(int(float64(w.Box.Min.X)/f), int(float64(w.Box.Min.Y)/f), int(float64(w.Box.Max.X)/f), int(float64(w.Box.Max.Y)/f))
			if k == 0 {
				box = r
			} else {
				box = box.Union(r)
			}
		}
		i = j
		if strings.TrimSpace(text) == "" || noise(line) {
			continue
		}
		out = append(out, extract.Block{Kind: extract.BlockText, Page: page, Box: p.pt(box), Text: text,
			OCR: &extract.OCR{Confidence: line.Confidence()}})
	}
	return out, nil
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
