// Package rtf reads Rich Text Format files (and RTF saved under a .doc
// name, which Word and WPS both do): paragraphs as text lines and tables as
// grids, with horizontal and vertical merges, in reading order, plus the
// title and creation time of the \info group.
//
// The reader is our own and small: it knows groups, control words and
// symbols, \uN Unicode escapes with their \ucN fallbacks, \'hh bytes in the
// document's code page (\ansicpg, or a font's \fcharset; 936 is GBK),
// paragraphs (\par, \line), table rows (\trowd, \cellx, \cell, \row,
// \intbl, \clmgf/\clmrg, \clvmgf/\clvmrg). It skips every \* destination
// and the ones that hold no body text (font, colour and style tables,
// pictures, objects, headers, footers, field instructions).
package rtf

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/nianbao/nianbao/extract"
)

// Format is the format of an RTF document, whatever its file name.
const Format extract.Format = "rtf"

// ErrNotRTF: the bytes do not start with {\rtf.
var ErrNotRTF = errors.New("不是 RTF 文件")

// magic starts every RTF file.
var magic = []byte(`{\rtf`)

// Limits against hostile files.
const (
	maxDepth   = 1000 // nested groups
	maxCols    = 1000
	snapTwips  = 30      // \cellx boundaries closer than this are one column edge
	ctxEvery   = 1 << 12 // tokens between context and budget checks
	maxBinSkip = 1 << 30
)

// Backend registers RTF with extract/load. A file that starts with {\rtf is
// RTF whatever its extension (.rtf, .doc, .wps).
var Backend = extract.Backend{
	Format:     Format,
	Name:       "RTF 文档（.rtf）",
	Extensions: []string{".rtf"},
	Sniff: func(ext string, head []byte) extract.Verdict {
		if bytes.HasPrefix(bytes.TrimLeft(head, "\xef\xbb\xbf\r\n\t "), magic) {
			return extract.ByMagic
		}
		if ext == ".rtf" {
			return extract.ByName
		}
		return extract.No
	},
	Extract: Extract,
}

// skipped are the destinations whose text is not body text.
var skipped = map[string]bool{
	"fonttbl": true, "colortbl": true, "stylesheet": true, "listtable": true, "listoverridetable": true,
	"revtbl": true, "rsidtbl": true, "generator": true, "pict": true, "object": true, "objdata": true,
	"header": true, "headerl": true, "headerr": true, "headerf": true,
	"footer": true, "footerl": true, "footerr": true, "footerf": true,
	"footnote": true, "fldinst": true, "bkmkstart": true, "bkmkend": true, "shp": true, "shpinst": true,
	"nonshppict": true, "themedata": true, "colorschememapping": true, "datastore": true,
	"latentstyles": true, "xmlnstbl": true, "filetbl": true, "pgdsctbl": true, "xe": true, "tc": true,
	"private": true, "annotation": true, "atnid": true, "atnauthor": true, "txe": true, "pntxta": true,
	"pntxtb": true, "userprops": true, "docvar": true, "template": true, "listpicture": true,
}

// Extract reads an RTF file. path is only recorded.
func Extract(ctx context.Context, path string, data []byte) (doc *extract.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("rtf %s: 内部错误（已恢复）: %v", path, r)
		}
	}()
	start := bytes.TrimLeft(data, "\xef\xbb\xbf\r\n\t ")
	if !bytes.HasPrefix(start, magic) {
		return nil, fmt.Errorf("rtf %s: 文件不以 {\\rtf 开头: %w", path, ErrNotRTF)
	}
	p := newParser(ctx)
	if err := p.run(start); err != nil {
		return nil, fmt.Errorf("rtf %s: %w", path, err)
	}
	sum := sha256.Sum256(data)
	doc = &extract.Document{Path: path, Format: Format, SHA256: hex.EncodeToString(sum[:]), Pages: 1,
		Blocks: p.blocks, Problems: p.problems}
	doc.Meta.Title = extract.Normalize(p.title.String())
	if p.created != "" {
		doc.Meta.Published, doc.Meta.PublishedFrom = p.created, "rtf-info"
	}
	if len(doc.Blocks) == 0 {
		doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemEmpty, Message: "RTF 文档中没有文字"})
	}
	return doc, nil
}

// state is what a group saves and restores.
type state struct {
	skip  bool // inside a destination whose text is dropped
	dest  string
	uc    int // bytes of fallback after \uN
	font  int
	intbl bool
}

type cellDef struct {
	right          int
	hFirst, hCont  bool
	vFirst, vCont  bool
	haveRightValue bool
}

type row struct {
	defs  []cellDef
	cells []string
}

type parser struct {
	ctx      context.Context
	st       state
	stack    []state
	ansicpg  int
	deff     int
	charsets map[int]int // font number → \fcharset
	fontDef  int         // font being defined in \fonttbl

	pending []byte          // code-page bytes not yet decoded
	units   []uint16        // \uN code units not yet decoded (surrogate pairs)
	text    strings.Builder // the current paragraph (or cell paragraph)
	skipN   int             // fallback bytes still to drop after \uN

	cellLines []string // paragraphs of the current cell
	rowCells  []string // finished cells of the current row
	defs      []cellDef
	next      cellDef // merge flags for the next \cellx
	rows      []row   // rows of the open table

	title   strings.Builder
	created string
	yr      [5]int // \creatim \yr \mo \dy \hr \min

	blocks   []extract.Block
	problems []extract.Problem

	budget    *extract.Budget
	textSeen  int  // bytes of the open paragraph already spent
	titleSeen int  // bytes of the title already spent
	full      bool // the budget ran out: the rest of the file is not read
	// grown is what the parser has kept since the last check and not
	// spent yet: code-page bytes and \uN units not yet decoded, a cell's
	// paragraphs and a row's cells before the row ends, \cellx
	// definitions, fonts of the font table
	grown int64
	// kept is the text of the finished blocks and rows; with the text
	// still open it is held to what recognition may be given
	// (Budget.TextShare)
	kept      int64
	cellBytes int64 // text of the open cell's paragraphs
	rowBytes  int64 // text of the open row's cells
}

func newParser(ctx context.Context) *parser {
	return &parser{ctx: ctx, ansicpg: 1252, charsets: map[int]int{}, st: state{uc: 1, font: -1},
		budget: extract.BudgetFrom(ctx)}
}

// Budget costs of what the parser keeps beyond the bytes of its text: a
// text block, a table cell (its \cellx definition copied with the row,
// its place on the grid, the extract.Cell it becomes), and a \cellx
// definition of the open row, in a slice that grows one at a time: three
// times its size, as stringCost (a row of 6 million \cellx, 73 MB of RTF,
// held 290 MB under the 128 MB budget counted once).
var (
	blockCost = int64(unsafe.Sizeof(extract.Block{}))
	cellCost  = int64(unsafe.Sizeof(cellDef{})) + extract.CellBytes + 32
	defCost   = 3 * int64(unsafe.Sizeof(cellDef{}))
)

// stringCost is a string's header in a slice that grows one string at a
// time (a cell's lines, a row's cells): 16 bytes, three times — the slice's
// spare capacity and, while it grows, its old copy; fontCost a font's
// entry in the map of character sets.
const (
	stringCost = 3 * 16
	fontCost   = 48
)

// spend accounts n bytes the parser keeps. Once the budget has run out the
// parse stops where it is (run looks at full) and the document says so.
func (p *parser) spend(n int64) {
	if p.full {
		return
	}
	if err := p.budget.Spend(n, "RTF 文档的文字和表格"); err != nil {
		p.full = true
		p.problems = append(p.problems, extract.Problem{Code: extract.ProblemBudget, Message: err.Error()})
	}
}

// check spends what the parser kept since the last check — a paragraph,
// a cell or a row that never ends is spent as it grows — and stops the
// parse once the text held passes recognition's share of the budget.
func (p *parser) check() {
	grown := p.grown + int64(p.text.Len()-p.textSeen) + int64(p.title.Len()-p.titleSeen)
	p.grown, p.textSeen, p.titleSeen = 0, p.text.Len(), p.title.Len()
	p.spend(grown)
	held := p.kept + int64(len(p.pending)) + 2*int64(len(p.units)) + int64(p.text.Len()+p.title.Len()) + p.cellBytes + p.rowBytes
	if share := p.budget.TextShare(); !p.full && share > 0 && held > share {
		p.full = true
		p.problems = append(p.problems, extract.Problem{Code: extract.ProblemBudget,
			Message: fmt.Sprintf("正文过长：RTF 文档的文字超过内存预算能识别和审核的 %d KB，读到此处停止，其后的内容被截去（可用 --max-memory 调高预算）", share>>10)})
	}
}

func (p *parser) run(data []byte) error {
	for i, steps := 0, 0; i < len(data) && !p.full; steps++ {
		if steps%ctxEvery == 0 {
			if err := p.ctx.Err(); err != nil {
				return err
			}
			p.check()
			if p.full {
				break
			}
		}
		c := data[i]
		switch c {
		case '{':
			p.flush()
			if len(p.stack) >= maxDepth {
				return fmt.Errorf("分组嵌套超过 %d 层，文件可能已损坏", maxDepth)
			}
			p.stack = append(p.stack, p.st)
			p.skipN = 0
			i++
		case '}':
			p.flush()
			if len(p.stack) == 0 {
				i = len(data) // text after the closing brace of the document
				continue
			}
			if p.st.dest == "creatim" && p.created == "" && p.yr[0] > 0 && p.yr[1] > 0 && p.yr[2] > 0 {
				p.created = fmt.Sprintf("%04d-%02d-%02d", p.yr[0], p.yr[1], p.yr[2])
			}
			p.st = p.stack[len(p.stack)-1]
			p.stack = p.stack[:len(p.stack)-1]
			p.skipN = 0
			i++
		case '\\':
			i = p.control(data, i+1)
		case '\r', '\n':
			i++
		default:
			p.byteText(c)
			i++
		}
	}
	p.flush()
	p.endParagraph(false)
	p.closeTable()
	if !p.full && len(p.stack) > 0 {
		// the document's group never closed: the file ends where RTF
		// cannot end, cut short
		p.problems = append(p.problems, extract.Problem{Code: extract.ProblemCorrupt,
			Message: fmt.Sprintf("RTF 文件不完整：文档没有结束（还有 %d 个分组未闭合），可能在下载或保存时被截断，其后的内容缺失；请重新下载", len(p.stack))})
	}
	return nil
}

// control reads the control word or symbol after a backslash at i and
// returns the index after it.
func (p *parser) control(data []byte, i int) int {
	if i >= len(data) {
		return i
	}
	c := data[i]
	if !isLetter(c) {
		switch c {
		case '\'':
			if h, ok := hexByte(data, i+1); ok {
				p.byteText(h)
				return i + 3
			}
			return i + 1
		case '*':
			p.flush()
			p.st.skip = true // every \* destination we do not know; we know none
			return i + 1
		case '\\', '{', '}':
			p.byteText(c)
		case '~':
			p.runeText('\u00a0')
		case '_':
			p.runeText('-')
		case '\r', '\n':
			p.word("par", 0, false)
		case '\t':
			p.runeText('\t')
		}
		return i + 1 // \- (optional hyphen), \| and the rest: nothing
	}
	j := i
	for j < len(data) && isLetter(data[j]) && j-i < 32 {
		j++
	}
	name := wordName(data[i:j])
	param, has := 0, false
	neg := false
	if j < len(data) && data[j] == '-' && j+1 < len(data) && isDigit(data[j+1]) {
		neg = true
		j++
	}
	k := j
	for k < len(data) && isDigit(data[k]) && k-j < 10 {
		param = param*10 + int(data[k]-'0')
		k++
	}
	if k > j {
		has = true
		if neg {
			param = -param
		}
	}
	j = k
	if j < len(data) && data[j] == ' ' {
		j++
	}
	if name == "bin" && has && param > 0 {
		p.flush()
		return min(len(data), j+min(param, maxBinSkip))
	}
	p.word(name, param, has)
	return j
}

// word acts on one control word.
func (p *parser) word(name string, param int, has bool) {
	if name != "u" {
		p.flushBytes()
	}
	switch name {
	case "ansicpg":
		p.ansicpg = param
		return
	case "deff":
		p.deff = param
		return
	case "uc":
		p.st.uc = max(param, 0)
		return
	case "u":
		p.flushBytes()
		if param < 0 {
			param += 65536
		}
		if !p.st.skip {
			p.units = append(p.units, uint16(param))
			p.grown += 2
		}
		p.skipN = p.st.uc
		return
	}
	if p.st.dest == "fonttbl" {
		switch name {
		case "f":
			p.fontDef = param
		case "fcharset":
			if _, ok := p.charsets[p.fontDef]; !ok {
				p.grown += fontCost
			}
			p.charsets[p.fontDef] = param
		}
		return
	}
	if p.st.dest == "creatim" {
		switch name {
		case "yr":
			p.yr[0] = param
		case "mo":
			p.yr[1] = param
		case "dy":
			p.yr[2] = param
		}
		return
	}
	switch name {
	case "fonttbl", "info", "creatim":
		p.flush()
		p.st.skip, p.st.dest = true, name
		return
	case "title":
		p.flush()
		if p.st.dest == "info" {
			p.st.skip, p.st.dest = false, name
			p.title.Reset() // the Unicode copy of \ud replaces the ANSI one of \upr
		}
		return
	case "upr":
		// {\upr{ANSI text}{\*\ud{Unicode text}}}: the ANSI copy is skipped
		// and \ud is read as if it stood where \upr does.
		p.flush()
		p.st.skip, p.st.dest = true, name
		return
	case "ud":
		for i := len(p.stack) - 1; i > 0; i-- {
			if p.stack[i].dest == "upr" {
				outer := p.stack[i-1]
				p.st.skip, p.st.dest = outer.skip, outer.dest
				break
			}
		}
		return
	}
	if skipped[name] {
		p.flush()
		p.st.skip, p.st.dest = true, name
		return
	}
	if p.st.skip {
		return // structure inside a skipped destination is not the body's
	}
	switch name {
	case "f":
		p.flushBytes()
		p.st.font = param
	case "plain":
		p.flushBytes()
		p.st.font = -1
	case "pard":
		p.st.intbl = false
	case "intbl":
		p.st.intbl = true
	case "itap":
		p.st.intbl = param > 0
	case "par", "sect", "page":
		p.flush()
		p.endParagraph(p.st.intbl)
	case "line":
		p.flush()
		p.endParagraph(p.st.intbl)
	case "tab":
		p.runeText('\t')
	case "emdash":
		p.runeText('—')
	case "endash":
		p.runeText('–')
	case "lquote":
		p.runeText('‘')
	case "rquote":
		p.runeText('’')
	case "ldblquote":
		p.runeText('“')
	case "rdblquote":
		p.runeText('”')
	case "bullet":
		p.runeText('•')
	case "emspace", "enspace", "qmspace":
		p.runeText(' ')
	case "cell":
		p.flush()
		p.endParagraph(true)
		p.endCell()
	case "nestcell":
		p.runeText(' ')
	case "row":
		p.flush()
		p.endRow()
	case "trowd":
		p.defs, p.next = nil, cellDef{}
	case "clmgf":
		p.next.hFirst = true
	case "clmrg":
		p.next.hCont = true
	case "clvmgf":
		p.next.vFirst = true
	case "clvmrg":
		p.next.vCont = true
	case "cellx":
		d := p.next
		d.right, d.haveRightValue = param, has
		p.defs = append(p.defs, d)
		p.grown += defCost
		p.next = cellDef{}
	}
}

func (p *parser) byteText(c byte) {
	if p.skipN > 0 {
		p.skipN--
		return
	}
	if p.st.skip {
		return
	}
	p.flushUnits()
	p.pending = append(p.pending, c)
	p.grown++
}

func (p *parser) runeText(r rune) {
	if p.st.skip {
		return
	}
	p.flushBytes()
	p.out().WriteRune(r)
}

// out is where text goes: the paragraph, or the \info title.
func (p *parser) out() *strings.Builder {
	if p.st.dest == "title" {
		return &p.title
	}
	return &p.text
}

func (p *parser) flush() {
	p.flushBytes()
	p.flushUnits()
}

func (p *parser) flushUnits() {
	if len(p.units) == 0 {
		return
	}
	p.out().WriteString(string(utf16.Decode(p.units)))
	p.units = p.units[:0]
}

func (p *parser) flushBytes() {
	if len(p.pending) == 0 {
		return
	}
	p.flushUnits()
	enc := p.encoding()
	if enc == nil {
		p.out().Write(p.pending)
	} else if s, err := enc.NewDecoder().Bytes(p.pending); err == nil {
		p.out().Write(s)
	} else {
		p.out().WriteString(strings.ToValidUTF8(string(p.pending), "\ufffd"))
	}
	p.pending = p.pending[:0]
}

// encoding is the code page of the current font (its \fcharset) or of
// the document (\ansicpg); nil is UTF-8.
func (p *parser) encoding() encoding.Encoding {
	font := p.st.font
	if font < 0 {
		font = p.deff
	}
	cp := p.ansicpg
	switch p.charsets[font] {
	case 134:
		cp = 936
	case 136:
		cp = 950
	case 128:
		cp = 932
	case 129:
		cp = 949
	}
	switch cp {
	case 936, 54936:
		return simplifiedchinese.GB18030 // a superset of GBK and GB2312
	case 950:
		return traditionalchinese.Big5
	case 932:
		return japanese.ShiftJIS
	case 949:
		return korean.EUCKR
	case 65001:
		return nil
	case 1251:
		return charmap.Windows1251
	case 1250:
		return charmap.Windows1250
	}
	return charmap.Windows1252
}

// endParagraph ends the current paragraph: a line of the current cell
// when inCell, a text line of the body otherwise (which also ends an open
// table).
func (p *parser) endParagraph(inCell bool) {
	s := p.text.String()
	p.text.Reset()
	p.textSeen = 0
	if inCell {
		if strings.TrimSpace(s) != "" {
			p.cellLines = append(p.cellLines, s)
			p.cellBytes += int64(len(s))
			p.grown += int64(len(s)) + stringCost
		}
		return
	}
	s = extract.Normalize(s)
	if s == "" {
		return
	}
	p.closeTable()
	p.kept += int64(len(s))
	p.spend(int64(len(s)) + blockCost)
	p.blocks = append(p.blocks, extract.Block{Kind: extract.BlockText, Page: 1, Text: s})
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

func hexByte(data []byte, i int) (byte, bool) {
	if i+1 >= len(data) {
		return 0, false
	}
	h, ok1 := unhex(data[i])
	l, ok2 := unhex(data[i+1])
	return h<<4 | l, ok1 && ok2
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// known are the control words the parser acts on, so that reading one
// does not allocate its name (a file of millions of \cell or \cellx made
// as many strings).
var known = func() map[string]string {
	m := map[string]string{}
	for _, w := range strings.Fields(`ansicpg deff uc u f fcharset yr mo dy fonttbl info creatim title upr ud
		plain pard intbl itap par sect page line tab emdash endash lquote rquote ldblquote rdblquote bullet
		emspace enspace qmspace cell nestcell row trowd clmgf clmrg clvmgf clvmrg cellx bin`) {
		m[w] = w
	}
	for w := range skipped {
		m[w] = w
	}
	return m
}()

// wordName is the name of a control word, without allocating for the
// words the parser knows.
func wordName(b []byte) string {
	if w, ok := known[string(b)]; ok {
		return w
	}
	return string(b)
}
