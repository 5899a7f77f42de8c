package pdf

import (
	"context"
	"fmt"
	"math"
	"slices"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
)

// matrix is a PDF transformation matrix [a b c d e f]:
// x' = a·x + c·y + e, y' = b·x + d·y + f.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n: first m, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// colour classes, enough to tell white (invisible on paper) from ink.
type colourSpace uint8

const (
	csGray colourSpace = iota
	csRGB
	csCMYK
	csOther // Pattern, Separation, Indexed, …: never treated as white
)

type gstate struct {
	ctm       matrix
	font      *font
	fontSize  float64
	charSpace float64
	wordSpace float64
	hscale    float64
	leading   float64
	rise      float64
	render    int
	lineWidth float64

	fillCS, strokeCS       colourSpace
	fillWhite, strokeWhite bool
}

// pt is a path point in page space; curve marks a point reached by a
// Bézier curve (no straight segment leads to it).
type pt struct {
	x, y  float64
	curve bool
}

type subpath struct {
	start, end int // points[start:end]
	closed     bool
	curved     bool
}

// limits that keep a hostile page from running away
const (
	maxOps       = 3_000_000
	maxGlyphs    = 500_000
	maxSegments  = 200_000
	maxFormDepth = 12
	maxPathPts   = 1 << 20
	thinRect     = 2.0 // a filled rectangle thinner than this is a ruling
)

var errTooManyOps = fmt.Errorf("操作符过多（超过%d万个；表单XObject每绘制一次按其内容的大小计），其后的内容未读取（文件可能被恶意构造）", maxOps/10000)

// resCtx is a resources dictionary with its name lookups cached.
type resCtx struct {
	v       lpdf.Value
	fontD   lpdf.Value
	xobjD   lpdf.Value
	csD     lpdf.Value
	loaded  bool
	fonts   map[string]*font
	xobjs   map[string]*xobject
	spaces  map[string]colourSpace
	missing map[string]bool
	gstates map[string]*extGState
}

// extGState is what nianbao uses of an ExtGState dictionary.
type extGState struct {
	lw       float64
	hasLW    bool
	font     *font
	fontSize float64
	hasFont  bool
}

type xobjKind uint8

const (
	xoOther xobjKind = iota
	xoImage
	xoForm
)

type xobject struct {
	kind    xobjKind
	id      objKey
	hasID   bool
	matrix  matrix
	content []byte
	err     error
	res     *resCtx
}

// docState holds what is shared by all pages of one document.
type docState struct {
	src    *src     // nil: streams are decoded by ledongthuc/pdf
	objs   *objects // nil: fonts are parsed by ledongthuc/pdf
	fonts  map[objKey]*font
	xobjs  map[objKey]*xobject
	res    map[objKey]*resCtx
	formsz int // bytes of cached form content
	// ctx, when set, is checked every 65,536 operators of a page
	ctx context.Context
	// buf: the interpreter's own buffers, kept from page to page
	buf interpBufs
}

// interpBufs are the buffers of an interpreter that a document's next
// page can use again: no page needs what an earlier page left in them.
type interpBufs struct {
	stack   []gstate
	ops     []operand
	points  []pt
	subs    []subpath
	scratch []byte
	arr     []operand
}

func newDocState() *docState {
	return &docState{
		fonts: make(map[objKey]*font),
		xobjs: make(map[objKey]*xobject),
		res:   make(map[objKey]*resCtx),
	}
}

// resources returns the cached context for a resources dictionary.
func (d *docState) resources(v, parent lpdf.Value) *resCtx {
	if id, ok := indirectID(v, parent); ok {
		if r, ok := d.res[id]; ok {
			return r
		}
		r := &resCtx{v: v}
		d.res[id] = r
		return r
	}
	return &resCtx{v: v}
}

func (r *resCtx) load() {
	if r.loaded {
		return
	}
	r.loaded = true
	r.fontD = r.v.Key("Font")
	r.xobjD = r.v.Key("XObject")
	r.fonts = make(map[string]*font)
	r.xobjs = make(map[string]*xobject)
	r.missing = make(map[string]bool)
}

// interp interprets the content streams of one page.
type interp struct {
	doc  *docState
	page *layout.PageGeom

	gs    gstate
	stack []gstate
	tm    matrix
	tlm   matrix

	lex lexer
	ops []operand

	points []pt
	subs   []subpath
	cur    pt
	hasCur bool

	res       *resCtx
	depth     int
	forms     []objKey
	nops      int
	nextCheck int // nops at which the context is checked next (canceled)
	problems  []string
	fontProbs map[*font]bool
	// full is set once the page holds as many glyphs (or lines) as it may:
	// the rest are not kept, and the page says so once.
	glyphsFull, linesFull bool
	// Fake-bold detection: glyphs drawn twice at (almost) the same place.
	recent [4]int
	nrec   int
	// offPage counts the characters drawn just outside the page (cut by
	// its edge), which are not kept
	offPage int
}

func newInterp(doc *docState, page *layout.PageGeom, base matrix) *interp {
	in := &interp{doc: doc, page: page}
	in.gs = gstate{ctm: base, hscale: 1, lineWidth: 1}
	in.tm, in.tlm = identity, identity
	b := &doc.buf
	in.stack, in.ops, in.points, in.subs = b.stack[:0], b.ops[:0], b.points[:0], b.subs[:0]
	in.lex.scratch, in.lex.arr = b.scratch[:0], b.arr[:0]
	if in.ops == nil {
		in.ops = make([]operand, 0, 16)
	}
	return in
}

// release hands the interpreter's buffers back to the document for the
// next page.
func (in *interp) release() {
	in.doc.buf = interpBufs{stack: in.stack[:0], ops: in.ops[:0], points: in.points[:0], subs: in.subs[:0],
		scratch: in.lex.scratch[:0], arr: in.lex.arr[:0]}
}

func (in *interp) problem(format string, args ...any) {
	m := fmt.Sprintf(format, args...)
	if len(in.problems) < 20 && !slices.Contains(in.problems, m) {
		in.problems = append(in.problems, m)
	}
}

// run interprets one content stream with the given resources.
func (in *interp) run(data []byte, res *resCtx) error {
	saved := in.lex
	savedRes := in.res
	in.lex = lexer{data: data, scratch: saved.scratch[:0], arr: saved.arr[:0]}
	in.res = res
	defer func() {
		scratch, arr := in.lex.scratch, in.lex.arr
		in.lex = saved
		in.lex.scratch, in.lex.arr = scratch[:0], arr[:0]
		in.res = savedRes
	}()
	baseDepth := len(in.stack)
	var op operand
	for {
		k, w := in.lex.next(&op, 0)
		switch k {
		case tEOF:
			// unbalanced q at the end of a form: restore
			for len(in.stack) > baseDepth {
				in.gs = in.stack[len(in.stack)-1]
				in.stack = in.stack[:len(in.stack)-1]
			}
			return nil
		case tOperand:
			if len(in.ops) >= 4096 {
				in.ops = in.ops[:0]
			}
			in.ops = append(in.ops, op)
			continue
		case tOperator:
			in.nops++
			if in.nops > maxOps {
				return errTooManyOps
			}
			if err := in.canceled(); err != nil {
				return err // a page of millions of operators stops on cancel too
			}
			if err := in.do(w, baseDepth); err != nil {
				return err
			}
		}
		in.ops = in.ops[:0]
		in.lex.arr = in.lex.arr[:0]
		in.lex.scratch = in.lex.scratch[:0]
	}
}

// nums returns the last k operands as numbers; ok is false when there are
// fewer or some are not numbers.
func (in *interp) nums(buf []float64) bool {
	k := len(buf)
	n := len(in.ops)
	if n < k {
		return false
	}
	for i := range k {
		o := &in.ops[n-k+i]
		if o.kind != kNum {
			return false
		}
		buf[i] = o.num
	}
	return true
}

func (in *interp) last() *operand {
	if len(in.ops) == 0 {
		return nil
	}
	return &in.ops[len(in.ops)-1]
}

func (in *interp) do(op []byte, baseDepth int) error {
	var a [6]float64
	switch string(op) {
	// graphics state
	case "q":
		if len(in.stack) < 256 {
			in.stack = append(in.stack, in.gs)
		}
	case "Q":
		// an unbalanced Q (more Q than q) is ignored
		if len(in.stack) > baseDepth {
			in.gs = in.stack[len(in.stack)-1]
			in.stack = in.stack[:len(in.stack)-1]
		}
	case "cm":
		if in.nums(a[:6]) {
			in.gs.ctm = matrix(a).mul(in.gs.ctm)
		}
	case "w":
		if in.nums(a[:1]) {
			in.gs.lineWidth = a[0]
		}

	// colour
	case "g":
		if in.nums(a[:1]) {
			in.gs.fillCS, in.gs.fillWhite = csGray, a[0] >= 0.99
		}
	case "G":
		if in.nums(a[:1]) {
			in.gs.strokeCS, in.gs.strokeWhite = csGray, a[0] >= 0.99
		}
	case "rg":
		if in.nums(a[:3]) {
			in.gs.fillCS, in.gs.fillWhite = csRGB, a[0] >= 0.99 && a[1] >= 0.99 && a[2] >= 0.99
		}
	case "RG":
		if in.nums(a[:3]) {
			in.gs.strokeCS, in.gs.strokeWhite = csRGB, a[0] >= 0.99 && a[1] >= 0.99 && a[2] >= 0.99
		}
	case "k":
		if in.nums(a[:4]) {
			in.gs.fillCS, in.gs.fillWhite = csCMYK, a[0] <= 0.01 && a[1] <= 0.01 && a[2] <= 0.01 && a[3] <= 0.01
		}
	case "K":
		if in.nums(a[:4]) {
			in.gs.strokeCS, in.gs.strokeWhite = csCMYK, a[0] <= 0.01 && a[1] <= 0.01 && a[2] <= 0.01 && a[3] <= 0.01
		}
	case "cs":
		if o := in.last(); o != nil && o.kind == kName {
			in.gs.fillCS, in.gs.fillWhite = in.colourSpace(o.b), false
		}
	case "CS":
		if o := in.last(); o != nil && o.kind == kName {
			in.gs.strokeCS, in.gs.strokeWhite = in.colourSpace(o.b), false
		}
	case "sc", "scn":
		in.gs.fillWhite = in.isWhite(in.gs.fillCS)
	case "SC", "SCN":
		in.gs.strokeWhite = in.isWhite(in.gs.strokeCS)

	// paths
	case "m":
		if in.nums(a[:2]) {
			in.moveTo(a[0], a[1])
		}
	case "l":
		if in.nums(a[:2]) {
			in.lineTo(a[0], a[1])
		}
	case "c":
		if in.nums(a[:6]) {
			in.curveTo(a[4], a[5])
		}
	case "v", "y":
		if in.nums(a[:4]) {
			in.curveTo(a[2], a[3])
		}
	case "h":
		in.closePath()
	case "re":
		if in.nums(a[:4]) {
			in.rect(a[0], a[1], a[2], a[3])
		}
	case "S":
		in.paint(true, false)
	case "s":
		in.closePath()
		in.paint(true, false)
	case "f", "F", "f*":
		in.paint(false, true)
	case "B", "B*":
		in.paint(true, true)
	case "b", "b*":
		in.closePath()
		in.paint(true, true)
	case "n":
		in.paint(false, false)
	case "gs":
		if o := in.last(); o != nil && o.kind == kName {
			if e := in.extGState(o.b); e != nil {
				if e.hasLW {
					in.gs.lineWidth = e.lw
				}
				if e.hasFont {
					in.gs.font, in.gs.fontSize = e.font, e.fontSize
				}
			}
		}
	case "W", "W*":
		// clipping: the path is painted (or not) by the next operator

	// text objects and state
	case "BT":
		in.tm, in.tlm = identity, identity
		in.nrec = 0
	case "ET":
		// the text matrix is reset by the next BT
	case "Tc":
		if in.nums(a[:1]) {
			in.gs.charSpace = a[0]
		}
	case "Tw":
		if in.nums(a[:1]) {
			in.gs.wordSpace = a[0]
		}
	case "Tz":
		if in.nums(a[:1]) {
			in.gs.hscale = a[0] / 100
		}
	case "TL":
		if in.nums(a[:1]) {
			in.gs.leading = a[0]
		}
	case "Ts":
		if in.nums(a[:1]) {
			in.gs.rise = a[0]
		}
	case "Tr":
		if in.nums(a[:1]) {
			in.gs.render = int(a[0])
		}
	case "Tf":
		n := len(in.ops)
		if n >= 2 && in.ops[n-2].kind == kName && in.ops[n-1].kind == kNum {
			in.gs.font = in.lookupFont(in.ops[n-2].b)
			in.gs.fontSize = in.ops[n-1].num
		}
	case "Td":
		if in.nums(a[:2]) {
			in.td(a[0], a[1])
		}
	case "TD":
		if in.nums(a[:2]) {
			in.gs.leading = -a[1]
			in.td(a[0], a[1])
		}
	case "Tm":
		if in.nums(a[:6]) {
			in.tm = matrix(a)
			in.tlm = in.tm
		}
	case "T*":
		in.td(0, -in.gs.leading)
	case "Tj":
		if o := in.last(); o != nil && o.kind == kString {
			in.show(o.b)
		}
	case "'":
		in.td(0, -in.gs.leading)
		if o := in.last(); o != nil && o.kind == kString {
			in.show(o.b)
		}
	case "\"":
		n := len(in.ops)
		if n >= 3 && in.ops[n-3].kind == kNum && in.ops[n-2].kind == kNum && in.ops[n-1].kind == kString {
			in.gs.wordSpace = in.ops[n-3].num
			in.gs.charSpace = in.ops[n-2].num
			in.td(0, -in.gs.leading)
			in.show(in.ops[n-1].b)
		}
	case "TJ":
		if o := in.last(); o != nil && o.kind == kArray {
			for _, e := range in.lex.arr[o.lo:o.hi] {
				switch e.kind {
				case kString:
					in.show(e.b)
				case kNum:
					in.kern(e.num)
				}
			}
		}

	// XObjects and inline images
	case "Do":
		if o := in.last(); o != nil && o.kind == kName {
			return in.doXObject(o.b)
		}
	case "BI":
		in.lex.skipInlineImage()
		in.image()
	}
	return nil
}

func (in *interp) td(tx, ty float64) {
	in.tlm = matrix{1, 0, 0, 1, tx, ty}.mul(in.tlm)
	in.tm = in.tlm
}

// colourSpace classifies a colour space name given to cs/CS.
func (in *interp) colourSpace(name []byte) colourSpace {
	switch string(name) {
	case "DeviceGray", "CalGray", "G":
		return csGray
	case "DeviceRGB", "CalRGB", "RGB":
		return csRGB
	case "DeviceCMYK", "CMYK":
		return csCMYK
	case "Pattern":
		return csOther
	}
	r := in.res
	if r == nil {
		return csOther
	}
	r.load()
	if cs, ok := r.spaces[string(name)]; ok {
		return cs
	}
	if r.spaces == nil {
		r.spaces = make(map[string]colourSpace)
		r.csD = r.v.Key("ColorSpace")
	}
	cs := csOther
	v := r.csD.Key(string(name))
	if v.Kind() == lpdf.Array && v.Index(0).Name() == "ICCBased" {
		switch v.Index(1).Key("N").Int64() {
		case 1:
			cs = csGray
		case 3:
			cs = csRGB
		case 4:
			cs = csCMYK
		}
	}
	r.spaces[string(name)] = cs
	return cs
}

// isWhite tells whether the numeric operands of sc/scn are white in cs.
func (in *interp) isWhite(cs colourSpace) bool {
	var a [4]float64
	switch cs {
	case csGray:
		return in.nums(a[:1]) && len(in.ops) == 1 && a[0] >= 0.99
	case csRGB:
		return in.nums(a[:3]) && len(in.ops) == 3 && a[0] >= 0.99 && a[1] >= 0.99 && a[2] >= 0.99
	case csCMYK:
		return in.nums(a[:4]) && len(in.ops) == 4 && a[0] <= 0.01 && a[1] <= 0.01 && a[2] <= 0.01 && a[3] <= 0.01
	}
	return false
}

// extGState looks up (once per resources and name) an ExtGState.
func (in *interp) extGState(name []byte) *extGState {
	r := in.res
	if r == nil {
		return nil
	}
	if e, ok := r.gstates[string(name)]; ok {
		return e
	}
	if r.gstates == nil {
		r.gstates = make(map[string]*extGState)
	}
	key := string(name)
	v := r.v.Key("ExtGState").Key(key)
	var e *extGState
	if v.Kind() == lpdf.Dict {
		e = &extGState{}
		if lw := v.Key("LW"); lw.Kind() == lpdf.Integer || lw.Kind() == lpdf.Real {
			e.lw, e.hasLW = lw.Float64(), true
		}
		if fa := v.Key("Font"); fa.Kind() == lpdf.Array && fa.Len() == 2 {
			fv := fa.Index(0)
			if fv.Kind() == lpdf.Dict {
				if id, ok := indirectID(fv, fa); ok {
					e.font = in.doc.fonts[id]
					if e.font == nil {
						e.font = loadFont(in.doc.src, fv)
						in.doc.fonts[id] = e.font
					}
				} else {
					e.font = loadFont(in.doc.src, fv)
				}
				e.fontSize, e.hasFont = fa.Index(1).Float64(), true
			}
		}
		if !e.hasLW && !e.hasFont {
			e = nil
		}
	}
	if len(r.gstates) < 1024 {
		r.gstates[key] = e
	}
	return e
}

// ---- text ----

func (in *interp) lookupFont(name []byte) *font {
	r := in.res
	if r == nil {
		return nil
	}
	r.load()
	if f, ok := r.fonts[string(name)]; ok {
		return f
	}
	key := string(name)
	if id, ok := refOf(r.fontD, key); ok {
		f, ok := in.doc.fonts[id]
		if !ok {
			// a font that is not the Font dictionary itself (which
			// the library's path would not cache)
			if fid, _ := objID(r.fontD); fid != id {
				f, ok = loadFontFast(in.doc.src, in.doc.objs, id)
				if ok {
					in.doc.fonts[id] = f
				}
			}
		}
		if ok {
			if len(r.fonts) < 1024 {
				r.fonts[key] = f
			}
			return f
		}
	}
	v := r.fontD.Key(key)
	var f *font
	switch {
	case v.Kind() != lpdf.Dict:
		if !r.missing[key] {
			r.missing[key] = true
			in.problem("字体资源%s不存在", key)
		}
		f = nil
	default:
		if id, ok := indirectID(v, r.fontD); ok {
			f = in.doc.fonts[id]
			if f == nil {
				f = loadFont(in.doc.src, v)
				in.doc.fonts[id] = f
			}
		} else {
			f = loadFont(in.doc.src, v)
		}
	}
	if len(r.fonts) < 1024 {
		r.fonts[key] = f
	}
	return f
}

// show draws a string with the current font.
func (in *interp) show(s []byte) {
	f := in.gs.font
	if f == nil {
		// no (valid) Tf: like poppler, show nothing
		return
	}
	gs := &in.gs
	fs := gs.fontSize
	th := gs.hscale
	// M maps text space (after the font-size/scale/rise step) to page space.
	m := in.tm.mul(gs.ctm)
	// the glyphs' size: the advance below moves m's origin only
	size := math.Hypot(m[2], m[3]) * math.Abs(fs)
	var g glyphInfo
	for len(s) > 0 {
		code, n := f.codeAt(s)
		s = s[n:]
		f.glyph(code, n, &g)
		if g.bad {
			in.badGlyph(f)
		}
		if len(in.page.Glyphs) < maxGlyphs {
			in.emit(f, &g, &m, fs, th, size)
		} else if !in.glyphsFull {
			in.glyphsFull = true
			in.problem("本页字符超过%d个，其后的字符未读取", maxGlyphs)
		}
		// advance
		spacing := gs.charSpace
		if n == 1 && code == 32 {
			spacing += gs.wordSpace
		}
		if f.vertical {
			ty := g.w1*fs + spacing
			in.tm[4] += ty * in.tm[2]
			in.tm[5] += ty * in.tm[3]
			m[4] += ty * m[2]
			m[5] += ty * m[3]
		} else {
			tx := (g.w*fs + spacing) * th
			in.tm[4] += tx * in.tm[0]
			in.tm[5] += tx * in.tm[1]
			m[4] += tx * m[0]
			m[5] += tx * m[1]
		}
	}
}

// badGlyph reports, once per font and page, that a font showed a code that
// could not be decoded to text.
func (in *interp) badGlyph(f *font) {
	if in.fontProbs == nil {
		in.fontProbs = make(map[*font]bool)
	}
	if in.fontProbs[f] {
		return
	}
	in.fontProbs[f] = true
	name := f.name
	if name == "" {
		name = "（无名）"
	}
	if f.problem != "" {
		in.problem("字体%s有字符无法解码为文字：%s", name, f.problem)
	} else {
		in.problem("字体%s有字符无法解码为文字", name)
	}
}

// kern applies a TJ number.
func (in *interp) kern(k float64) {
	f := in.gs.font
	if f != nil && f.vertical {
		ty := -k / 1000 * in.gs.fontSize
		in.tm[4] += ty * in.tm[2]
		in.tm[5] += ty * in.tm[3]
		return
	}
	tx := -k / 1000 * in.gs.fontSize * in.gs.hscale
	in.tm[4] += tx * in.tm[0]
	in.tm[5] += tx * in.tm[1]
}

// emit records one glyph. m maps text space to page space at the glyph's
// origin; size is the glyph's size on the page, math.Hypot(m[2], m[3])·|fs|.
func (in *interp) emit(f *font, g *glyphInfo, m *matrix, fs, th, size float64) {
	r := g.r
	if r < 0x20 && g.text == "" {
		return // control codes are not text
	}
	var x0, x1, y0, y1 float64
	rise := in.gs.rise
	if f.vertical {
		x0, x1 = -g.vx*fs, (g.w-g.vx)*fs
		y0, y1 = (f.descent-g.vy)*fs+rise, (f.ascent-g.vy)*fs+rise
	} else {
		w := g.w
		if w <= 0 {
			w = 0.5
		}
		x0, x1 = 0, w*fs*th
		y0, y1 = f.descent*fs+rise, f.ascent*fs+rise
	}
	ax, ay := m.apply(x0, y0)
	bx, by := m.apply(x1, y1)
	minX, maxX := min(ax, bx), max(ax, bx)
	minY, maxY := min(ay, by), max(ay, by)
	if m[1] != 0 || m[2] != 0 {
		cx, cy := m.apply(x0, y1)
		dx, dy := m.apply(x1, y0)
		minX, maxX = min(minX, cx, dx), max(maxX, cx, dx)
		minY, maxY = min(minY, cy, dy), max(maxY, cy, dy)
	}
	p := in.page
	// characters entirely outside the page are not shown
	if maxX < 0 || minX > p.Width || maxY < 0 || minY > p.Height {
		// just past an edge (not hidden far away): text the page cuts,
		// such as a table wider than the page
		if r != ' ' && r != 0x3000 && maxX > -p.Width && minX < 2*p.Width && maxY > -p.Height && minY < 2*p.Height {
			in.offPage++
		}
		return
	}
	// drop a glyph drawn again over itself (fake bold)
	tol := 0.1 * size
	for i := 0; i < in.nrec; i++ {
		q := &p.Glyphs[in.recent[i]]
		if q.R == r && math.Abs(q.X0-minX) < tol && math.Abs(q.Y0-minY) < tol && q.Text == g.text {
			return
		}
	}
	p.Glyphs = append(p.Glyphs, layout.Glyph{
		R: r, X0: minX, Y0: minY, X1: maxX, Y1: maxY,
		Size: size, Vertical: f.vertical, Text: g.text,
	})
	idx := len(p.Glyphs) - 1
	if in.nrec < len(in.recent) {
		in.recent[in.nrec] = idx
		in.nrec++
	} else {
		copy(in.recent[:], in.recent[1:])
		in.recent[len(in.recent)-1] = idx
	}
}

// ---- paths ----

func (in *interp) xform(x, y float64) pt {
	px, py := in.gs.ctm.apply(x, y)
	return pt{x: px, y: py}
}

func (in *interp) moveTo(x, y float64) {
	if len(in.points) >= maxPathPts {
		return
	}
	p := in.xform(x, y)
	in.points = append(in.points, p)
	in.subs = append(in.subs, subpath{start: len(in.points) - 1, end: len(in.points)})
	in.cur, in.hasCur = p, true
}

func (in *interp) lineTo(x, y float64) {
	if !in.hasCur || len(in.subs) == 0 {
		in.moveTo(x, y)
		return
	}
	if len(in.points) >= maxPathPts {
		return
	}
	p := in.xform(x, y)
	in.points = append(in.points, p)
	in.subs[len(in.subs)-1].end = len(in.points)
	in.cur = p
}

func (in *interp) curveTo(x, y float64) {
	if !in.hasCur || len(in.subs) == 0 {
		in.moveTo(x, y)
		return
	}
	in.lineTo(x, y)
	if n := len(in.points); n > 0 {
		in.points[n-1].curve = true
	}
	in.subs[len(in.subs)-1].curved = true
}

func (in *interp) closePath() {
	if len(in.subs) == 0 {
		return
	}
	s := &in.subs[len(in.subs)-1]
	s.closed = true
	in.cur = in.points[s.start]
}

func (in *interp) rect(x, y, w, h float64) {
	in.moveTo(x, y)
	in.lineTo(x+w, y)
	in.lineTo(x+w, y+h)
	in.lineTo(x, y+h)
	in.closePath()
}

// paint ends the current path, recording stroked segments and filled
// rectangles; a path that is only used for clipping records nothing.
func (in *interp) paint(stroke, fill bool) {
	defer func() {
		in.points = in.points[:0]
		in.subs = in.subs[:0]
		in.hasCur = false
	}()
	p := in.page
	if stroke && !in.gs.strokeWhite {
		width := in.gs.lineWidth * math.Sqrt(math.Abs(in.gs.ctm[0]*in.gs.ctm[3]-in.gs.ctm[1]*in.gs.ctm[2]))
		for _, s := range in.subs {
			pts := in.points[s.start:s.end]
			for i := 1; i < len(pts); i++ {
				if !pts[i].curve {
					in.segment(pts[i-1], pts[i], width)
				}
			}
			if s.closed && len(pts) > 2 {
				in.segment(pts[len(pts)-1], pts[0], width)
			}
		}
	}
	if fill && !in.gs.fillWhite {
		for _, s := range in.subs {
			pts := in.points[s.start:s.end]
			if len(pts) < 2 {
				continue
			}
			minX, minY, maxX, maxY := pts[0].x, pts[0].y, pts[0].x, pts[0].y
			for _, q := range pts[1:] {
				minX, maxX = min(minX, q.x), max(maxX, q.x)
				minY, maxY = min(minY, q.y), max(maxY, q.y)
			}
			w, h := maxX-minX, maxY-minY
			switch {
			case s.curved:
				continue
			case h < thinRect && w >= h:
				if w > 0 {
					in.segment(pt{x: minX, y: (minY + maxY) / 2}, pt{x: maxX, y: (minY + maxY) / 2}, h)
				}
			case w < thinRect:
				in.segment(pt{x: (minX + maxX) / 2, y: minY}, pt{x: (minX + maxX) / 2, y: maxY}, w)
			case isAxisRect(pts) && len(p.Fills) < maxSegments:
				p.Fills = append(p.Fills, layout.Rect{X0: minX, Y0: minY, X1: maxX, Y1: maxY})
			case isAxisRect(pts):
				in.linesOver()
			}
		}
	}
}

// isAxisRect tells whether a closed polygon is an axis-aligned rectangle.
func isAxisRect(pts []pt) bool {
	if len(pts) == 5 && near(pts[4], pts[0]) {
		pts = pts[:4]
	}
	if len(pts) != 4 {
		return false
	}
	for i := range 4 {
		a, b := pts[i], pts[(i+1)%4]
		if math.Abs(a.x-b.x) > 0.01 && math.Abs(a.y-b.y) > 0.01 {
			return false
		}
	}
	return true
}

func near(a, b pt) bool { return math.Abs(a.x-b.x) < 0.01 && math.Abs(a.y-b.y) < 0.01 }

func (in *interp) segment(a, b pt, width float64) {
	p := in.page
	if near(a, b) {
		return
	}
	if len(p.Segments) >= maxSegments {
		in.linesOver()
		return
	}
	p.Segments = append(p.Segments, layout.Segment{X0: a.x, Y0: a.y, X1: b.x, Y1: b.y, Width: width})
}

// linesOver notes, once, that the page holds as many lines (or filled
// rectangles) as it may and the rest are left out.
func (in *interp) linesOver() {
	if !in.linesFull {
		in.linesFull = true
		in.problem("本页线条超过%d条，其后的线条未读取（表格可能识别不全）", maxSegments)
	}
}

// ---- images and forms ----

// image records the unit square under the CTM as an image rectangle.
func (in *interp) image() {
	m := in.gs.ctm
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, c := range [4]pt{{x: 0, y: 0}, {x: 1, y: 0}, {x: 0, y: 1}, {x: 1, y: 1}} {
		x, y := m.apply(c.x, c.y)
		minX, maxX = min(minX, x), max(maxX, x)
		minY, maxY = min(minY, y), max(maxY, y)
	}
	if len(in.page.Images) < maxSegments {
		in.page.Images = append(in.page.Images, layout.Rect{X0: minX, Y0: minY, X1: maxX, Y1: maxY})
	}
}

const maxFormCache = 64 << 20

// canceled checks the context once the operators counted since the last
// check reach 65,536 (a form counts by its size, so a count that jumps
// past a multiple is still checked).
func (in *interp) canceled() error {
	if in.nops < in.nextCheck || in.doc.ctx == nil {
		return nil
	}
	in.nextCheck = in.nops + 1<<16
	return extract.Canceled(in.doc.ctx)
}

func (in *interp) lookupXObject(name []byte) *xobject {
	r := in.res
	if r == nil {
		return nil
	}
	r.load()
	if x, ok := r.xobjs[string(name)]; ok {
		return x
	}
	key := string(name)
	v := r.xobjD.Key(key)
	var x *xobject
	// streams are always indirect objects, so a stream's object number is
	// its identity (even when it refers to itself)
	id, hasID := objID(v)
	hasID = hasID && id.id != 0 && v.Kind() == lpdf.Stream
	if hasID {
		x = in.doc.xobjs[id]
	}
	if x == nil && v.Kind() == lpdf.Stream {
		x = &xobject{id: id, hasID: hasID}
		switch v.Key("Subtype").Name() {
		case "Image":
			x.kind = xoImage
		case "Form":
			x.kind = xoForm
			x.matrix = identity
			if mm := floats(v.Key("Matrix")); len(mm) == 6 {
				copy(x.matrix[:], mm)
			}
			x.content, x.err = in.doc.src.stream(v, 0)
			if fr := v.Key("Resources"); fr.Kind() == lpdf.Dict {
				x.res = in.doc.resources(fr, v)
			}
			in.doc.formsz += len(x.content)
		}
		if hasID && in.doc.formsz < maxFormCache {
			in.doc.xobjs[id] = x
		} else if x.kind == xoForm {
			// past the cache, a form is decoded for each use and not
			// kept under its name either: kept per name, 1,000 names of
			// one 32 MB form took 32 GB
			return x
		}
	}
	if len(r.xobjs) < 1024 {
		r.xobjs[key] = x
	}
	return x
}

func (in *interp) doXObject(name []byte) error {
	x := in.lookupXObject(name)
	if x == nil {
		return nil
	}
	switch x.kind {
	case xoImage:
		in.image()
	case xoForm:
		if in.depth >= maxFormDepth {
			in.problem("表单XObject嵌套过深")
			return nil
		}
		if x.hasID {
			for _, id := range in.forms {
				if id == x.id {
					in.problem("表单XObject循环引用")
					return nil
				}
			}
		}
		if x.err != nil {
			in.problem("表单XObject无法解码：%v", x.err)
		}
		// running a form costs more than one operator, and more the
		// longer its content, so that forms drawn many times over run
		// out of budget quickly (a 32 MB form drawn 29,000 times took
		// ten minutes, past every time-out)
		in.nops += 100 + len(x.content)/64
		if in.nops > maxOps {
			return errTooManyOps
		}
		if err := in.canceled(); err != nil {
			return err
		}
		res := x.res
		if res == nil {
			res = in.res
		}
		// The form runs with its own operand stack and text state.
		savedOps := in.ops
		in.ops = make([]operand, 0, 16)
		savedGS, savedTM, savedTLM := in.gs, in.tm, in.tlm
		savedStack := len(in.stack)
		in.gs.ctm = x.matrix.mul(in.gs.ctm)
		in.depth++
		in.forms = append(in.forms, x.id)
		err := in.run(x.content, res)
		in.forms = in.forms[:len(in.forms)-1]
		in.depth--
		in.stack = in.stack[:savedStack]
		in.gs, in.tm, in.tlm = savedGS, savedTM, savedTLM
		in.ops = savedOps
		in.points, in.subs, in.hasCur = in.points[:0], in.subs[:0], false
		return err
	}
	return nil
}
