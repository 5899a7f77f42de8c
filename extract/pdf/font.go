package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	lpdf "github.com/ledongthuc/pdf"
)

type fontKind uint8

const (
	fontSimple fontKind = iota
	fontType0
	fontType3
)

// glyphInfo is what a code means: its text and its metrics in text space
// units of one em (widths already divided by 1000, or scaled by a Type 3
// FontMatrix).
type glyphInfo struct {
	r    rune
	text string // set when the code maps to several runes
	w    float64
	// vertical metrics (Identity-V and other vertical CMaps): the vertical
	// displacement w1 (negative: down) and the position vector (vx, vy)
	// from the horizontal to the vertical origin.
	w1, vx, vy float64
	bad        bool // could not be mapped to Unicode
}

// font is a decoded font, built once per font object.
type font struct {
	name     string
	kind     fontKind
	vertical bool
	pre      predefined
	enc      *cmap // embedded encoding CMap (Type 0)
	toUni    *cmap
	ascent   float64 // em fraction, > 0
	descent  float64 // em fraction, < 0

	// simple and Type 3 fonts: everything precomputed per byte, except
	// codes whose text depends on the encoding built into an embedded
	// Type 1 program (builtin), which is read when such a code is shown
	simple   *[256]simpleGlyph
	multi    map[byte]string
	builtin  val   // FontFile not read yet (Kind Null once read)
	clearLen int64 // its /Length1
	src      *src

	// CID fonts
	dw     float64
	widths []cidWidth
	dw2    [2]float64 // vy, w1 defaults (em)
	w2     []cidVMetric
	cache  map[uint32]glyphInfo
	// embedded TrueType cmap (glyph id → rune) and CIDToGIDMap (nil:
	// identity), used when there is no ToUnicode map
	gidUni   map[uint16]rune
	cidToGID []byte

	// Type 3
	fontMatrix [6]float64

	problem string // set when the font could not be decoded fully
}

// simpleGlyph is glyphInfo for one byte of a simple font: 16 bytes and no
// pointers (a Chromium export has a hundred fonts of 256 codes); the rare
// code whose text has several runes keeps it in font.multi.
type simpleGlyph struct {
	w       float64
	r       rune
	bad     bool
	pending bool // text decided by the built-in encoding, not read yet
	multi   bool // the text is font.multi[code]
}

type cidWidth struct {
	lo, hi uint32
	w      float64
}

type cidVMetric struct {
	lo, hi     uint32
	w1, vx, vy float64
}

// codeAt returns the code at the start of s and its length (≥ 1).
func (f *font) codeAt(s []byte) (uint32, int) {
	n := 1
	switch f.kind {
	case fontType0:
		if f.enc != nil && len(f.enc.space) > 0 {
			n = codeLen(f.enc.space, s)
			if n == 0 {
				n = f.enc.space[0].n
			}
		} else {
			n = predefinedCodeLen(f.pre, s)
		}
		if n > len(s) {
			n = len(s)
		}
	}
	var c uint32
	for _, x := range s[:n] {
		c = c<<8 | uint32(x)
	}
	return c, n
}

// glyph sets *g to the meaning of a code; n is the code's byte length.
// It fills the caller's glyphInfo rather than returning one: the struct is
// 72 bytes and show calls this for every glyph of the document.
func (f *font) glyph(code uint32, n int, g *glyphInfo) {
	if f.kind != fontType0 {
		sg := &f.simple[code&0xff]
		if sg.pending {
			f.loadBuiltin()
		}
		*g = glyphInfo{r: sg.r, w: sg.w, bad: sg.bad}
		if sg.multi {
			g.text = f.multi[byte(code)]
		}
		return
	}
	if c, ok := f.cache[code]; ok {
		*g = c
		return
	}
	*g = f.cidGlyph(code, n)
	if len(f.cache) < 1<<16 {
		f.cache[code] = *g
	}
}

func (f *font) cidGlyph(code uint32, n int) glyphInfo {
	var g glyphInfo
	// CID, for metrics and for the font program's own cmap
	cid := code
	cidKnown := true
	switch {
	case f.enc != nil:
		if c, ok := f.enc.cid(code); ok {
			cid = c
		}
	case f.pre == preGBK || f.pre == preGBEUC || f.pre == preUCS2 || f.pre == preUTF16:
		cidKnown = false
	}
	// Unicode: ToUnicode, else the predefined CMap, else the TrueType cmap
	text := ""
	if f.toUni != nil {
		text = f.toUni.lookup(code)
	}
	switch {
	case text != "":
		g.r, g.text, g.bad = textGlyph(text)
	default:
		if r, ok := predefinedRune(f.pre, code, n); ok {
			g.r = r
		} else if r, ok := f.gidRune(cid); ok && cidKnown {
			g.r = r
		} else {
			g.r = utf8.RuneError
		}
		g.bad = g.r == utf8.RuneError
	}
	if !cidKnown {
		// Without the Adobe-GB1 tables the CID of a code is unknown; the
		// ASCII range of Adobe-GB1 is CID 1-95 (space = 1).
		cid = 0
		if g.r >= 0x20 && g.r < 0x7f {
			cid = uint32(g.r) - 31
		}
	}
	g.w = f.dw
	if cidKnown || cid != 0 {
		ws := f.widths
		i := sort.Search(len(ws), func(i int) bool { return ws[i].lo > cid }) - 1
		if i >= 0 && cid <= ws[i].hi {
			g.w = ws[i].w
		}
	} else if g.r >= 0x20 && g.r < 0x7f && f.dw >= 0.9 {
		g.w = f.dw / 2
	}
	if f.vertical {
		g.vy, g.w1 = f.dw2[0], f.dw2[1]
		g.vx = g.w / 2
		ws := f.w2
		i := sort.Search(len(ws), func(i int) bool { return ws[i].lo > cid }) - 1
		if i >= 0 && cid <= ws[i].hi {
			g.w1, g.vx, g.vy = ws[i].w1, ws[i].vx, ws[i].vy
		}
	}
	return g
}

// gidRune maps a CID through CIDToGIDMap and the embedded TrueType cmap.
func (f *font) gidRune(cid uint32) (rune, bool) {
	if f.gidUni == nil {
		return 0, false
	}
	gid := cid
	if f.cidToGID != nil {
		if int(2*cid+1) >= len(f.cidToGID) {
			return 0, false
		}
		gid = uint32(f.cidToGID[2*cid])<<8 | uint32(f.cidToGID[2*cid+1])
	}
	if gid > 0xffff {
		return 0, false
	}
	r, ok := f.gidUni[uint16(gid)]
	if !ok {
		return 0, false
	}
	return unifyRadical(r), true
}

// textGlyph turns the Unicode text of a code into the glyph's rune, its
// whole text when it has several runes, and whether it is undecodable.
func textGlyph(text string) (r rune, multi string, bad bool) {
	for _, r := range text {
		if r >= 0x2E80 && r <= 0x2FDF {
			text = strings.Map(unifyRadical, text)
			break
		}
	}
	r, size := utf8.DecodeRuneInString(text)
	if size < len(text) {
		multi = text
	}
	return r, multi, r == utf8.RuneError
}

// loadFont decodes a font dictionary. It never panics: a font that cannot
// be read becomes a font whose glyphs are U+FFFD with a problem message.
func loadFont(s *src, v lpdf.Value) (f *font) {
	defer func() {
		if x := recover(); x != nil {
			f = &font{kind: fontSimple, ascent: 0.8, descent: -0.2, problem: fmt.Sprintf("字体对象无法解析：%v", x)}
			f.simple = new([256]simpleGlyph)
			for i := range f.simple {
				f.simple[i] = simpleGlyph{r: utf8.RuneError, w: 0.5, bad: true}
			}
		}
	}()
	return buildFont(s, lval(v))
}

// loadFontFast decodes the font dictionary that is indirect object id with
// the fast object parser (fastobj.go). ok is false when the font must be
// read through ledongthuc/pdf instead (loadFont): it is not a dictionary,
// it uses syntax or filters the fast parser leaves to the library, or
// reading it failed in any way.
func loadFontFast(s *src, objs *objects, id objKey) (f *font, ok bool) {
	if objs == nil {
		return nil, false
	}
	defer func() {
		objs.arena.reset()
		if recover() != nil {
			f, ok = nil, false
		}
	}()
	v := val{objs: objs}.wrap(&pobj{isRef: true, ref: id})
	if v.Kind() != lpdf.Dict {
		return nil, false
	}
	return buildFont(s, v), true
}

func buildFont(s *src, v val) (f *font) {
	f = &font{ascent: 0.88, descent: -0.12, dw: 1}
	f.name = v.Key("BaseFont").Name()
	sub := v.Key("Subtype").Name()
	if tu := v.Key("ToUnicode"); tu.Kind() == lpdf.Stream {
		if data, err := tu.stream(s, 0); err == nil || len(data) > 0 {
			f.toUni = parseCMap(data)
		}
	}
	switch sub {
	case "Type0":
		f.kind = fontType0
		f.loadType0(s, v)
	case "Type3":
		f.kind = fontType3
		f.loadSimple(s, v, true)
	default:
		f.kind = fontSimple
		f.loadSimple(s, v, false)
	}
	if f.kind == fontType0 {
		f.cache = make(map[uint32]glyphInfo, 32)
	}
	return f
}

func (f *font) loadDescriptor(fd val) {
	if fd.Kind() != lpdf.Dict {
		return
	}
	a, d := fd.Key("Ascent").Float64()/1000, fd.Key("Descent").Float64()/1000
	if a > 0.3 && a < 1.5 {
		f.ascent = a
	}
	if d < 0 && d > -0.8 {
		f.descent = d
	}
}

func (f *font) loadType0(s *src, v val) {
	desc := v.Key("DescendantFonts").Index(0)
	f.loadDescriptor(desc.Key("FontDescriptor"))
	enc := v.Key("Encoding")
	switch enc.Kind() {
	case lpdf.Name:
		f.pre, f.vertical = predefinedCMap(enc.Name())
		if f.pre == preNone {
			// Another predefined CMap (Japanese, Korean, …): codes of two
			// bytes, text only through ToUnicode.
			f.pre = preIdentity
			f.problem = "未支持的预定义CMap：" + enc.Name()
		}
	case lpdf.Stream:
		data, _ := enc.stream(s, 0)
		f.enc = parseCMap(data)
		if f.enc.wmode == 1 {
			f.vertical = true
		}
		if f.enc.useName != "" {
			f.pre, _ = predefinedCMap(f.enc.useName)
		}
		if len(f.enc.space) == 0 {
			if f.pre == preNone || f.pre == preIdentity {
				f.enc.space = []codespace{{lo: 0, hi: 0xffff, n: 2}}
			} else {
				f.enc = nil // codes and CIDs as the predefined CMap says
			}
		}
	default:
		f.pre = preIdentity
	}
	if dw := desc.Key("DW"); dw.Kind() == lpdf.Integer || dw.Kind() == lpdf.Real {
		f.dw = dw.Float64() / 1000
	}
	f.widths = parseW(desc.Key("W"))
	f.dw2 = [2]float64{0.88, -1}
	if d2 := desc.Key("DW2").floats(); len(d2) == 2 {
		f.dw2 = [2]float64{d2[0] / 1000, d2[1] / 1000}
	}
	if f.vertical {
		f.w2 = parseW2(desc.Key("W2"))
	}
	if f.toUni == nil && (f.pre == preIdentity || f.enc != nil) && desc.Key("Subtype").Name() == "CIDFontType2" {
		if ff := desc.Key("FontDescriptor").Key("FontFile2"); ff.Kind() == lpdf.Stream {
			if data, _ := ff.stream(s, 0); len(data) > 0 {
				f.gidUni = trueTypeUnicode(data)
			}
		}
		if m := desc.Key("CIDToGIDMap"); m.Kind() == lpdf.Stream {
			f.cidToGID, _ = m.stream(s, 0)
		}
	}
	if f.toUni == nil && f.pre == preIdentity {
		f.problem = "没有ToUnicode映射"
	}
}

const maxWEntries = 1 << 16

// parseW reads a CIDFont /W array: c [w1 w2 …] and c_first c_last w.
func parseW(w val) []cidWidth {
	n := w.Len()
	var out []cidWidth
	for i := 0; i < n && len(out) < maxWEntries; {
		first := w.Index(i)
		if first.Kind() != lpdf.Integer && first.Kind() != lpdf.Real {
			i++
			continue
		}
		c := uint32(max(first.Float64(), 0))
		second := w.Index(i + 1)
		if second.Kind() == lpdf.Array {
			for k := range min(second.Len(), maxWEntries) {
				out = append(out, cidWidth{lo: c + uint32(k), hi: c + uint32(k), w: second.Index(k).Float64() / 1000})
			}
			i += 2
			continue
		}
		last := uint32(max(second.Float64(), 0))
		if last >= c {
			out = append(out, cidWidth{lo: c, hi: last, w: w.Index(i+2).Float64() / 1000})
		}
		i += 3
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].lo < out[j].lo })
	return out
}

// parseW2 reads /W2: c [w1y vx vy …] and c_first c_last w1y vx vy.
func parseW2(w val) []cidVMetric {
	n := w.Len()
	var out []cidVMetric
	for i := 0; i < n && len(out) < maxWEntries; {
		first := w.Index(i)
		c := uint32(max(first.Float64(), 0))
		second := w.Index(i + 1)
		if second.Kind() == lpdf.Array {
			a := second.floats()
			for k := 0; k+2 < len(a); k += 3 {
				cc := c + uint32(k/3)
				out = append(out, cidVMetric{lo: cc, hi: cc, w1: a[k] / 1000, vx: a[k+1] / 1000, vy: a[k+2] / 1000})
			}
			i += 2
			continue
		}
		last := uint32(max(second.Float64(), 0))
		if last >= c {
			out = append(out, cidVMetric{lo: c, hi: last, w1: w.Index(i+2).Float64() / 1000,
				vx: w.Index(i+3).Float64() / 1000, vy: w.Index(i+4).Float64() / 1000})
		}
		i += 5
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].lo < out[j].lo })
	return out
}

func (f *font) loadSimple(s *src, v val, type3 bool) {
	f.simple = new([256]simpleGlyph)
	f.ascent, f.descent = 0.8, -0.2
	fd := v.Key("FontDescriptor")
	f.loadDescriptor(fd)
	scale := 0.001
	if type3 {
		f.fontMatrix = [6]float64{0.001, 0, 0, 0.001, 0, 0}
		if m := v.Key("FontMatrix").floats(); len(m) == 6 {
			copy(f.fontMatrix[:], m)
		}
		scale = f.fontMatrix[0]
		if bb := v.Key("FontBBox").floats(); len(bb) == 4 && f.fontMatrix[3] != 0 {
			a, d := bb[3]*f.fontMatrix[3], bb[1]*f.fontMatrix[3]
			if a > d && a-d < 3 && a-d > 0.1 {
				f.ascent, f.descent = a, d
			}
		}
	}
	// Encoding
	base := &standardEnc
	symbolic := fd.Key("Flags").Int64()&4 != 0
	name := f.name
	if strings.Contains(name, "Symbol") || strings.Contains(name, "Dingbats") {
		symbolic = true
	}
	var table [256]rune
	enc := v.Key("Encoding")
	encName := enc.Name()
	if enc.Kind() == lpdf.Dict {
		encName = enc.Key("BaseEncoding").Name()
	}
	switch encName {
	case "WinAnsiEncoding":
		base = winAnsiEnc
	case "MacRomanEncoding":
		base = macRomanEnc
	case "StandardEncoding":
		base = &standardEnc
	case "PDFDocEncoding":
		base = pdfDocEnc
	default:
		if symbolic || type3 {
			base = nil
		}
		// An embedded Type 1 font with no base encoding uses the encoding
		// built into the font program (TeX fonts: CMMI's period at 0x3A).
		// Reading it means inflating the program, so it is read only when
		// a code that needs it is shown (see loadBuiltin).
		if ff := fd.Key("FontFile"); ff.Kind() == lpdf.Stream && !type3 {
			ff.checkStream() // read later: a fast-parsed font must be able to
			// resolved now: a fast-parsed font gives up here, not
			// when a glyph is shown
			f.clearLen = ff.Key("Length1").Int64()
			f.builtin, f.src = ff.detach(), s
		}
	}
	if base != nil {
		table = *base
	} else {
		for i := range table {
			table[i] = rune(i)
		}
	}
	var diffSet [256]bool
	if diff := enc.Key("Differences"); diff.Kind() == lpdf.Array {
		code := 0
		var lastName string
		var lastRune rune
		var lastOK, cached bool
		for i := range min(diff.Len(), 4096) {
			e := diff.Index(i)
			switch e.Kind() {
			case lpdf.Integer, lpdf.Real:
				code = int(e.Float64())
			case lpdf.Name:
				if code >= 0 && code < 256 {
					diffSet[code] = true
					// Chromium's Type 3 fonts repeat /g0 for most codes
					if n := e.Name(); n != lastName || !cached {
						lastName, cached = n, true
						lastRune, lastOK = glyphRune(n)
					}
					if lastOK {
						table[code] = lastRune
					} else {
						table[code] = utf8.RuneError
					}
				}
				code++
			}
		}
	}
	// Widths
	first := int(v.Key("FirstChar").Int64())
	ws := v.Key("Widths")
	if ws.Kind() != lpdf.Array {
		ws = val{} // as floats() would: no widths
	}
	nws := ws.Len()
	missing := fd.Key("MissingWidth").Float64() * scale
	if missing == 0 {
		missing = 0.5
		if strings.Contains(name, "Courier") {
			missing = 0.6
		}
		if type3 {
			missing = 0
		}
	}
	for c := range 256 {
		g := &f.simple[c]
		g.w = missing
		if k := c - first; k >= 0 && k < nws {
			g.w = ws.Index(k).Float64() * scale
		}
		if f.toUni != nil {
			if s := f.toUni.lookup(uint32(c)); s != "" {
				var text string
				g.r, text, g.bad = textGlyph(s)
				if text != "" {
					if f.multi == nil {
						f.multi = make(map[byte]string)
					}
					f.multi[byte(c)], g.multi = text, true
				}
				continue
			}
		}
		g.setRune(table[c], c)
		g.pending = f.builtin.Kind() != lpdf.Null && !diffSet[c]
	}
}

func (g *simpleGlyph) setRune(r rune, code int) {
	g.r = unifyRadical(r)
	if g.r == 0 && code != 0 {
		g.r = utf8.RuneError
	}
	g.bad = g.r == utf8.RuneError
}

// loadBuiltin reads the encoding built into an embedded Type 1 program and
// applies it to the codes that were waiting for it (no ToUnicode entry, no
// Differences entry). Without one, they keep the base encoding's meaning.
func (f *font) loadBuiltin() {
	ff := f.builtin
	f.builtin = val{}
	var enc *[256]rune
	if data := type1Clear(f.src, ff, f.clearLen); len(data) > 0 {
		enc = type1Encoding(data)
	}
	for c := range f.simple {
		g := &f.simple[c]
		if !g.pending {
			continue
		}
		g.pending = false
		if enc != nil {
			g.setRune(enc[c], c)
		}
	}
}

var (
	// compiled on first use: only embedded Type 1 programs without a
	// base encoding need them
	dupRE     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`dup\s+(\d+)\s*/([^\s/\[\]{}()<>]+)\s+put`) })
	stdEncDef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Encoding\s+StandardEncoding\s+def`) })
)

// type1Clear returns the clear-text part of an embedded Type 1 font
// program, where the built-in encoding is: the first Length1 bytes when
// they hold the eexec that ends it, else the whole program. The encrypted
// part (most of the font) is then never inflated.
func type1Clear(s *src, ff val, n int64) []byte {
	if n > 0 && n < maxStreamBytes {
		data, _ := ff.stream(s, int(n))
		if bytes.Contains(data, []byte("eexec")) {
			return data
		}
	}
	data, _ := ff.stream(s, 0)
	return data
}

// type1Encoding reads the built-in encoding from the clear-text part of a
// Type 1 font program; nil when there is none.
func type1Encoding(data []byte) *[256]rune {
	if i := bytes.Index(data, []byte("eexec")); i > 0 {
		data = data[:i]
	}
	i := bytes.Index(data, []byte("/Encoding"))
	if i < 0 {
		return nil
	}
	data = data[i:]
	if stdEncDef().Match(data[:min(len(data), 64)]) {
		return &standardEnc
	}
	var t [256]rune
	found := false
	for _, m := range dupRE().FindAllSubmatch(data, 256) {
		c, err := strconv.Atoi(string(m[1]))
		if err != nil || c < 0 || c > 255 {
			continue
		}
		if r, ok := glyphRune(string(m[2])); ok {
			t[c] = r
			found = true
		}
	}
	if !found {
		return nil
	}
	return &t
}
