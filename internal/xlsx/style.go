package xlsx

import (
	"fmt"
	"strings"
)

// Style is the look of a cell. The zero Style is the workbook's default
// (11-point Calibri, no fill, no border, General number format).
type Style struct {
	Font   Font
	Fill   string // solid fill colour, RRGGBB hex; empty for none
	Border []Border
	// NumFmt is a built-in number format id (9 is 0%, 10 is 0.00%);
	// NumFmtCode, when set, is a custom format code instead.
	NumFmt     int
	NumFmtCode string
	Align      Alignment
}

// Font is the part of a style that sets the font.
type Font struct {
	Bold, Italic bool
	Color        string // RRGGBB hex; empty for automatic
}

// Border is one side of a cell's border.
type Border struct {
	Side  string // left, right, top or bottom
	Color string // RRGGBB hex
	Line  string // thin, medium, thick, dashed, dotted, double, hair
}

// Alignment places the text in its cell.
type Alignment struct {
	Horizontal string // left, center, right; empty for general
	Vertical   string // top, center, bottom; empty for bottom
	Wrap       bool
}

// Default font of the workbook: Excel's own default.
const (
	defaultFontName = "Calibri"
	defaultFontSize = 11
)

var (
	borderSides = []string{"left", "right", "top", "bottom"}
	borderLines = []string{"thin", "medium", "thick", "dashed", "dotted", "double", "hair"}
	horizontals = []string{"", "general", "left", "center", "right", "fill", "justify", "centerContinuous", "distributed"}
	verticals   = []string{"", "top", "center", "bottom", "justify", "distributed"}
)

// firstCustomFmt is the first id of a custom number format (ids below are
// built in).
const firstCustomFmt = 164

// styles is the workbook's style table. Fonts, fills, borders, number
// formats and cell formats (xf) are each kept once; index 0 of each is the
// default, and fills 0 and 1 are the two fills the format requires.
type styles struct {
	fonts   []Font
	fills   []string
	borders []string // each border's XML, the key of its identity
	numFmts []string // custom codes, ids firstCustomFmt+i
	xfs     []xf
	xfIndex map[xf]int
}

// xf is one cell format: indexes into the tables above.
type xf struct {
	font, fill, border, numFmt int
	align                      Alignment
}

func newStyles() *styles {
	s := &styles{
		fonts:   []Font{{}},
		fills:   []string{"none", "gray125"},
		borders: []string{""},
		xfs:     []xf{{}},
		xfIndex: map[xf]int{{}: 0},
	}
	return s
}

// add returns the index of the cell format of st, adding it if new.
func (s *styles) add(st Style) (int, error) {
	if err := st.check(); err != nil {
		return 0, err
	}
	x := xf{align: st.Align}
	x.font = indexOf(&s.fonts, Font{Bold: st.Font.Bold, Italic: st.Font.Italic, Color: strings.ToUpper(st.Font.Color)})
	if st.Fill != "" {
		x.fill = indexOf(&s.fills, strings.ToUpper(st.Fill))
	}
	if len(st.Border) > 0 {
		x.border = indexOf(&s.borders, borderXML(st.Border))
	}
	x.numFmt = st.NumFmt
	if st.NumFmtCode != "" {
		x.numFmt = firstCustomFmt + indexOf(&s.numFmts, st.NumFmtCode)
	}
	if i, ok := s.xfIndex[x]; ok {
		return i, nil
	}
	s.xfs = append(s.xfs, x)
	s.xfIndex[x] = len(s.xfs) - 1
	return len(s.xfs) - 1, nil
}

func indexOf[T comparable](list *[]T, v T) int {
	for i, w := range *list {
		if w == v {
			return i
		}
	}
	*list = append(*list, v)
	return len(*list) - 1
}

func (st Style) check() error {
	for _, c := range []string{st.Font.Color, st.Fill} {
		if c != "" && !isRGB(c) {
			return fmt.Errorf("颜色 %q 不是 RRGGBB 十六进制", c)
		}
	}
	for _, b := range st.Border {
		if !contains(borderSides, b.Side) {
			return fmt.Errorf("边框位置 %q 无效", b.Side)
		}
		if !contains(borderLines, b.Line) {
			return fmt.Errorf("边框线型 %q 无效", b.Line)
		}
		if b.Color != "" && !isRGB(b.Color) {
			return fmt.Errorf("边框颜色 %q 不是 RRGGBB 十六进制", b.Color)
		}
	}
	if st.NumFmt < 0 || st.NumFmt >= firstCustomFmt {
		return fmt.Errorf("内置数字格式编号 %d 无效", st.NumFmt)
	}
	if !contains(horizontals, st.Align.Horizontal) || !contains(verticals, st.Align.Vertical) {
		return fmt.Errorf("对齐方式 %q/%q 无效", st.Align.Horizontal, st.Align.Vertical)
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func isRGB(c string) bool {
	if len(c) != 6 {
		return false
	}
	for _, r := range c {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F') {
			return false
		}
	}
	return true
}

// borderXML is the <border> element of a set of sides; the sides always
// stand in the order the schema requires (left, right, top, bottom,
// diagonal), whatever order they were given in.
func borderXML(sides []Border) string {
	var p part
	p.WriteString("<border>")
	for _, side := range append(borderSides, "diagonal") {
		var found *Border
		for i := range sides {
			if sides[i].Side == side {
				found = &sides[i]
			}
		}
		if found == nil {
			p.WriteString("<" + side + "/>")
			continue
		}
		p.WriteString("<" + side)
		p.attr("style", found.Line)
		p.WriteString(">")
		if found.Color != "" {
			p.WriteString(`<color rgb="FF` + strings.ToUpper(found.Color) + `"/>`)
		}
		p.WriteString("</" + side + ">")
	}
	p.WriteString("</border>")
	return p.String()
}

// xml writes xl/styles.xml.
func (s *styles) xml() []byte {
	var p part
	p.WriteString(xmlHeader)
	p.WriteString(`<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	if len(s.numFmts) > 0 {
		p.WriteString("<numFmts")
		p.attrInt("count", len(s.numFmts))
		p.WriteString(">")
		for i, code := range s.numFmts {
			p.WriteString("<numFmt")
			p.attrInt("numFmtId", firstCustomFmt+i)
			p.attr("formatCode", code)
			p.WriteString("/>")
		}
		p.WriteString("</numFmts>")
	}
	p.WriteString("<fonts")
	p.attrInt("count", len(s.fonts))
	p.WriteString(">")
	for _, f := range s.fonts {
		p.WriteString("<font>")
		if f.Bold {
			p.WriteString("<b/>")
		}
		if f.Italic {
			p.WriteString("<i/>")
		}
		p.WriteString("<sz")
		p.attrInt("val", defaultFontSize)
		p.WriteString("/>")
		if f.Color != "" {
			p.WriteString(`<color rgb="FF` + f.Color + `"/>`)
		}
		p.WriteString(`<name val="` + defaultFontName + `"/><family val="2"/></font>`)
	}
	p.WriteString("</fonts><fills")
	p.attrInt("count", len(s.fills))
	p.WriteString(">")
	for i, f := range s.fills {
		if i < 2 {
			p.WriteString(`<fill><patternFill patternType="` + f + `"/></fill>`)
			continue
		}
		p.WriteString(`<fill><patternFill patternType="solid"><fgColor rgb="FF` + f + `"/><bgColor indexed="64"/></patternFill></fill>`)
	}
	p.WriteString("</fills><borders")
	p.attrInt("count", len(s.borders))
	p.WriteString(">")
	for i, b := range s.borders {
		if i == 0 {
			b = "<border><left/><right/><top/><bottom/><diagonal/></border>"
		}
		p.WriteString(b)
	}
	p.WriteString(`</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	p.WriteString("<cellXfs")
	p.attrInt("count", len(s.xfs))
	p.WriteString(">")
	for _, x := range s.xfs {
		p.WriteString("<xf")
		p.attrInt("numFmtId", x.numFmt)
		p.attrInt("fontId", x.font)
		p.attrInt("fillId", x.fill)
		p.attrInt("borderId", x.border)
		p.attrInt("xfId", 0)
		for _, a := range []struct {
			name string
			on   bool
		}{{"applyNumberFormat", x.numFmt != 0}, {"applyFont", x.font != 0}, {"applyFill", x.fill != 0}, {"applyBorder", x.border != 0}, {"applyAlignment", x.align != Alignment{}}} {
			if a.on {
				p.attr(a.name, "1")
			}
		}
		if x.align == (Alignment{}) {
			p.WriteString("/>")
			continue
		}
		p.WriteString("><alignment")
		if x.align.Horizontal != "" {
			p.attr("horizontal", x.align.Horizontal)
		}
		if x.align.Vertical != "" {
			p.attr("vertical", x.align.Vertical)
		}
		if x.align.Wrap {
			p.attr("wrapText", "1")
		}
		p.WriteString("/></xf>")
	}
	p.WriteString(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>`)
	p.WriteString(`<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`)
	return p.Bytes()
}
