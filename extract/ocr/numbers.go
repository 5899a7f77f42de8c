package ocr

import (
	"context"
	"image"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/extract"
)

// cellWork is one cell of a ruled table while it is read.
type cellWork struct {
	cell  gridCell
	ink   image.Rectangle
	text  string
	ocr   *extract.OCR
	num   bool // the Chinese reading is a number
	cand  bool // read as a number too
	reads []numRead
}

// numRead is one reading of a cell as a number.
type numRead struct {
	val string // the number; "" when the reading is no number
	// strong: the three copies of the cell in the picture were read as
	// the same number (weak: two of three)
	strong bool
	conf   float64
}

// numPrep is one preprocessing of a cell for reading it as a number: the
// cell's ink scaled to height px, grey with the paper whitened or
// binarised, shown three times gap px apart (the model reads a lone digit
// badly — a single 0 is often nothing at all — but a line well).
type numPrep struct {
	height, gap int
	binary      bool
	// raw reads the picture as one raw line (psm 13: no layout analysis),
	// else as one text line (psm 7). The two segment differently: psm 7
	// often adds a digit at the start of thin serif copies ("955" for
	// "5 5 5") that psm 13 does not, which in turn adds brackets at the
	// edges ("(555)"), dropped by digitRead.
	raw bool
}

// The preprocessings of the two independent readings, and of the three
// more made when they do not agree surely (grey larger; the first two read
// as raw lines).
var (
	prepA = numPrep{height: 36, gap: 16}
	prepB = numPrep{height: 28, gap: 12, binary: true}
	prepC = numPrep{height: 48, gap: 20}
	prepD = numPrep{height: 36, gap: 16, raw: true}
	prepE = numPrep{height: 28, gap: 12, binary: true, raw: true}
)

// prepMore are the readings made when the first two do not agree surely.
var prepMore = []numPrep{prepC, prepD, prepE}

func (e *Engine) readAs(ctx context.Context, p *picture, work []cellWork, which []int, prep numPrep) ([]numRead, error) {
	pics := make([]image.Image, len(which))
	spans := make([][3][2]int, len(which))
	for k, i := range which {
		r := work[i].ink
		f := float64(prep.height) / float64(max(r.Dy(), 8))
		g := scale(p.g, r, f, 0)
		if prep.binary {
			g = threshold(g, otsu(p.g, r))
		} else {
			g = whiten(g, p.t)
		}
		pics[k], spans[k] = thrice(g, prep.gap, 30)
	}
	psm := 7
	if prep.raw {
		psm = 13
	}
	rs, err := e.Read(ctx, pics, Mode{PSM: psm, Latin: true})
	if err != nil {
		return nil, err
	}
	out := make([]numRead, len(which))
	for k, i := range which {
		out[k] = digitRead(rs[k], spans[k])
		// the copies of a lone 1 are often read as one more 1 ("1111",
		// "lili"): ink no wider than one digit (two digits are wider
		// than they are high) read as nothing but ones is a 1
		r := work[i].ink
		if out[k].val == "" && r.Dx()*100 <= r.Dy()*80 && onlyOnes(rs[k]) {
			out[k].val, out[k].strong = "1", true
		}
	}
	return out, nil
}

// readNumbers reads as a number every cell that may hold one: cells the
// Chinese model read as a number, and short or unsure readings (the
// Chinese model makes characters of noisy digits: a lone 1 becomes 工).
// Two readings from two preprocessings must give the same number, each
// with all three copies alike, for the cell to be Agreed; when they do not,
// a third reading decides the value, which then stays unsure. Cells in the
// value area of the table (see valueArea) that no reading makes a number of
// are unreadable (blank, confidence 0), never a label.
// readMore reads the cells which again in every prepMore preparation and
// adds the readings to their votes.
func (e *Engine) readMore(ctx context.Context, p *picture, work []cellWork, which []int) error {
	if len(which) == 0 {
		return nil
	}
	for _, prep := range prepMore {
		rs, err := e.readAs(ctx, p, work, which, prep)
		if err != nil {
			return err
		}
		for k, i := range which {
			work[i].reads = append(work[i].reads, rs[k])
		}
	}
	return nil
}

func (e *Engine) readNumbers(ctx context.Context, p *picture, work []cellWork) error {
	var cands []int
	for i := range work {
		w := &work[i]
		if w.ocr == nil {
			continue
		}
		n := len([]rune(strings.ReplaceAll(w.text, " ", "")))
		label := hasHan(w.text) && w.ocr.Confidence >= 0.8 && n >= 2
		if w.num || (w.cell.colSpan == 1 || short(w.ink)) && n <= 12 && !label {
			w.cand = true
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	for _, prep := range []numPrep{prepA, prepB} {
		rs, err := e.readAs(ctx, p, work, cands, prep)
		if err != nil {
			return err
		}
		for k, i := range cands {
			work[i].reads = append(work[i].reads, rs[k])
		}
	}
	inValues := valueArea(work)
	var third []int
	for _, i := range cands {
		w := &work[i]
		// readings that agree with little confidence (a signed change, a
		// 1 the model takes for l or I) are read again too: more readings
		// that agree make it surer, one that differs makes it unsure
		if v, sure := vote(w.reads); sure && agreedConfidence(w.reads, v) >= extract.OCRHighConfidence {
			continue
		}
		if inValues[i] || w.num || w.reads[0].val != "" || w.reads[1].val != "" {
			third = append(third, i)
		}
	}
	if err := e.readMore(ctx, p, work, third); err != nil {
		return err
	}
	digitH := digitHeight(work)
	for _, i := range cands {
		w := &work[i]
		v, sure := vote(w.reads)
		switch {
		case sure:
			w.text = v
			c := agreedConfidence(w.reads, v)
			if v == "1" && narrowGlyph(w.ink, digitH) {
				// the model is unsure between 1, l and I (all read as 1):
				// one glyph narrower than any other digit, as high as the
				// table's digits, is a third, independent evidence
				c = max(c, shapeConfidence)
			}
			w.ocr = &extract.OCR{Confidence: c, Agreed: true}
		case v != "" && (inValues[i] || w.num):
			// readings that do not agree are never sure
			w.text = v
			w.ocr = &extract.OCR{Confidence: min(bestConfidence(w.reads, v), extract.OCRHighConfidence/2)}
		case inValues[i]:
			// in the table's numbers but no number could be read: an
			// unreadable cell (blank, confidence 0), not a label
			w.text = ""
			w.ocr = &extract.OCR{}
		case w.num:
			w.ocr.Confidence = min(w.ocr.Confidence, 0.3)
		}
	}
	return nil
}

// shapeConfidence is the confidence of an agreed 1 whose ink has the
// shape of a lone 1 (narrowGlyph).
const shapeConfidence = 0.8

// short tells ink that may be a number: at most about eight digits wide
// (a merged cell's number; Chinese labels of merged cells are wider or
// read surely as labels).
func short(ink image.Rectangle) bool {
	return !ink.Empty() && ink.Dx() <= 5*ink.Dy()
}

// digitHeight is the median height of the ink of the cells whose number
// readings agree (0 when there are none).
func digitHeight(work []cellWork) int {
	var hs []int
	for i := range work {
		if _, sure := vote(work[i].reads); sure {
			hs = append(hs, work[i].ink.Dy())
		}
	}
	if len(hs) == 0 {
		return 0
	}
	sort.Ints(hs)
	return hs[len(hs)/2]
}

// narrowGlyph tells ink of one glyph as high as the table's digits (h, with
// the box's margins) and at most half as wide as high (without them): of
// the digits only a 1 is that narrow (5 and 7 are about 0.6, 0 and 8 more).
func narrowGlyph(ink image.Rectangle, h int) bool {
	if h <= 0 || ink.Empty() {
		return false
	}
	dy := ink.Dy()
	return dy*4 >= h*3 && dy*4 <= h*5 && (ink.Dx()-4)*2 <= dy-4
}

// vote is the number the readings give: sure when two readings whose
// three copies were alike give it and no such reading gives another, or
// when three such readings give it and one at most another (one mode of
// reading can be wrong the same way for every cell of a font: psm 7 adds
// a 9 to thin serif 5s); else
// the value most readings give (a strong reading counts before a weak
// one), or "".
func vote(rs []numRead) (string, bool) {
	strong := map[string]int{}
	all := map[string]int{}
	for _, r := range rs {
		if r.val == "" {
			continue
		}
		all[r.val]++
		if r.strong {
			strong[r.val]++
		}
	}
	dissent := 0
	for _, n := range strong {
		dissent += n
	}
	for v, n := range strong {
		// two strong readings and none against; or, among the five
		// readings, three strong ones against at most one
		if n >= 2 && len(strong) == 1 || n >= 3 && dissent-n <= 1 {
			return v, true
		}
	}
	best, bn, bs := "", 0, 0
	for v, n := range all {
		if n > bn || n == bn && strong[v] > bs || n == bn && strong[v] == bs && v < best {
			best, bn, bs = v, n, strong[v]
		}
	}
	return best, false
}

// agreedConfidence combines the confidences of the strong readings of v as
// independent evidence: 1 − Π(1 − c).
func agreedConfidence(rs []numRead, v string) float64 {
	miss := 1.0
	for _, r := range rs {
		if r.val == v && r.strong {
			miss *= 1 - r.conf
		}
	}
	return 1 - miss
}

func bestConfidence(rs []numRead, v string) float64 {
	c := 0.0
	for _, r := range rs {
		if r.val == v {
			c = max(c, r.conf)
		}
	}
	return c
}

// valueArea tells the cells of a table that stand where its numbers are:
// in a row with at least two numbers, with no label to their right, and
// not in a column that holds labels in such rows. A label is a Chinese
// reading that is long or sure; a number is a cell the Chinese model read
// as one or whose number readings are sure.
func valueArea(work []cellWork) []bool {
	isNum := make([]bool, len(work))
	isLabel := make([]bool, len(work))
	rows := map[int][]int{}
	for i := range work {
		w := &work[i]
		rows[w.cell.row] = append(rows[w.cell.row], i)
		if w.ocr == nil {
			continue
		}
		_, sure := vote(w.reads)
		isNum[i] = sure || w.num && len(w.reads) > 0 && (w.reads[0].val != "" || w.reads[1].val != "")
		n := len([]rune(strings.ReplaceAll(w.text, " ", "")))
		isLabel[i] = !isNum[i] && hasHan(w.text) && (n >= 3 || w.ocr.Confidence >= 0.8)
	}
	colNum, colLabel := map[int]int{}, map[int]int{}
	dataRow := map[int]bool{}
	for r, cs := range rows {
		n := 0
		for _, i := range cs {
			if isNum[i] {
				n++
			}
		}
		if n < 2 {
			continue
		}
		dataRow[r] = true
		for _, i := range cs {
			if isNum[i] {
				colNum[work[i].cell.col]++
			} else if isLabel[i] {
				colLabel[work[i].cell.col]++
			}
		}
	}
	out := make([]bool, len(work))
	for r, cs := range rows {
		if !dataRow[r] {
			continue
		}
		sort.Slice(cs, func(a, b int) bool { return work[cs[a]].cell.col < work[cs[b]].cell.col })
		labelRight := false
		for k := len(cs) - 1; k >= 0; k-- {
			i := cs[k]
			c := work[i].cell.col
			out[i] = !labelRight && colLabel[c] <= colNum[c] && (work[i].cell.colSpan == 1 || short(work[i].ink))
			if isLabel[i] {
				labelRight = true
			}
		}
	}
	return out
}

// digitRead reads a picture made by thrice as a number: letters that the
// English model confuses with digits are mapped to them; the reading is
// strong when it is the same number three times, weak when two of the
// copies (told apart by where the words are) give the same number.
func digitRead(r Reading, spans [3][2]int) numRead {
	conf := r.Confidence()
	s := digitMap(trimJunk(strings.Join(strings.Fields(strings.ReplaceAll(r.Text(), "\n", " ")), "")))
	// the cell is shown three times: "000" or "12 12 12"; a speck read
	// as a point in one copy ("3.33") is dropped
	for _, t := range []string{s, strings.ReplaceAll(s, ".", "")} {
		if v, ok := once(t); ok {
			if v = number(v); v != "" {
				return numRead{val: v, strong: true, conf: conf}
			}
		}
	}
	var copies [3]string
	for _, w := range r.Words {
		mid := (w.Box.Min.X + w.Box.Max.X) / 2
		for k, sp := range spans {
			if mid >= sp[0]-4 && mid < sp[1]+4 {
				copies[k] += digitMap(trimJunk(w.Text))
			}
		}
	}
	for a := range 3 {
		for b := a + 1; b < 3; b++ {
			if v := number(copies[a]); v != "" && v == number(copies[b]) {
				return numRead{val: v, conf: conf}
			}
		}
	}
	return numRead{conf: conf}
}

// trimJunk drops what a raw line reading adds at the edges of the copies:
// brackets, a degree sign, stars (none of them is read for a digit).
func trimJunk(s string) string {
	return strings.Trim(s, "()°*#<>{}«»")
}

// onlyOnes reports a reading that is nothing but ones (after mapping the
// letters that look like one).
func onlyOnes(r Reading) bool {
	s := digitMap(strings.Join(strings.Fields(strings.ReplaceAll(r.Text(), "\n", " ")), ""))
	return s != "" && strings.Trim(s, "1") == ""
}

// once is s[:n/3] when s is the same text three times.
func once(s string) (string, bool) {
	if n := len(s); n%3 == 0 && n > 0 && strings.Repeat(s[:n/3], 3) == s {
		return s[:n/3], true
	}
	return "", false
}

// number is s as a number ("" when it is not one), a trailing point
// dropped.
func number(s string) string {
	s = strings.TrimRight(s, ".")
	if !digitsOnly.MatchString(s) {
		return ""
	}
	return s
}

// digitMap maps the letters the English model confuses with digits to
// them and drops thousands separators and the specks read as colons,
// quotes or dashes between the copies.
func digitMap(s string) string {
	return strings.Map(func(c rune) rune {
		switch c {
		case 'O', 'o', 'D', 'Q':
			return '0'
		case 'l', 'I', '|', 'i', ']', '[', '!':
			return '1'
		case 'S', 's':
			return '5'
		case 'B':
			return '8'
		case 'Z', 'z':
			return '2'
		case ',', ':', ';', '\'', '"', '`', '‘', '’', '“', '”', '_', '~':
			return -1
		}
		return c
	}, s)
}

// thrice lays a picture out three times in a row, gap pixels apart, with a
// white margin, and returns where the copies are (x ranges).
func thrice(g *image.Gray, gap, margin int) (*image.Gray, [3][2]int) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	// a narrow glyph (a lone 1) gets the width of a digit, so that the
	// copies are spaced like digits of one number
	cw := max(w, h*7/10)
	out := image.NewGray(image.Rect(0, 0, 3*cw+2*gap+2*margin, h+2*margin))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	var spans [3][2]int
	for k := range 3 {
		x0 := margin + k*(cw+gap) + (cw-w)/2
		spans[k] = [2]int{x0, x0 + w}
		for y := 0; y < h; y++ {
			copy(out.Pix[(y+margin)*out.Stride+x0:], g.Pix[y*g.Stride:y*g.Stride+w])
		}
	}
	return out, spans
}

// confirmLines reads again, as numbers, the numbers that stand apart at
// the end of text lines (a row of a table without rules that holds one
// number, "行政许可 … 215567": too few numbers to be found as a table),
// the way a table cell's number is read. A line whose numbers the
// readings agree on surely is Agreed, with the least confidence of them;
// a number they read otherwise is written as they read it. Other lines are
// left as they are.
func (e *Engine) confirmLines(ctx context.Context, p *picture, lines []extract.Block, readings []Reading) error {
	var work []cellWork
	var owner []int
	for i, l := range readings {
		ws := l.Words
		n := len(ws)
		if n < 2 {
			continue
		}
		last := ws[n-1]
		h := max(last.Box.Dy(), 1)
		text := strings.TrimSpace(last.Text)
		if hasHan(text) || !digitsOnly.MatchString(digitMap(text)) || !hasHan(ws[n-2].Text) || last.Box.Min.X-ws[n-2].Box.Max.X < 2*h {
			continue
		}
		ink := last.Box.Inset(-2).Intersect(p.g.Rect)
		work = append(work, cellWork{ink: ink, text: text, ocr: &extract.OCR{Confidence: last.Confidence}, num: true, cand: true})
		owner = append(owner, i)
	}
	if len(work) == 0 {
		return nil
	}
	all := make([]int, len(work))
	for i := range all {
		all[i] = i
	}
	for _, prep := range []numPrep{prepA, prepB} {
		rs, err := e.readAs(ctx, p, work, all, prep)
		if err != nil {
			return err
		}
		for k := range work {
			work[k].reads = append(work[k].reads, rs[k])
		}
	}
	var more []int
	for k := range work {
		if v, sure := vote(work[k].reads); !sure || agreedConfidence(work[k].reads, v) < extract.OCRHighConfidence {
			more = append(more, k)
		}
	}
	if err := e.readMore(ctx, p, work, more); err != nil {
		return err
	}
	for k, w := range work {
		v, sure := vote(w.reads)
		if !sure {
			continue
		}
		b := &lines[owner[k]]
		if v != w.text {
			// the line's reading of the number was wrong: the number
			// readings agree on another
			at := strings.LastIndex(b.Text, w.text)
			if at < 0 {
				continue
			}
			b.Text = b.Text[:at] + v + b.Text[at+len(w.text):]
		}
		b.OCR = &extract.OCR{Confidence: agreedConfidence(w.reads, v), Agreed: true}
	}
	return nil
}
