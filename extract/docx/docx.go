// Package docx extracts a Document from a Word .docx file (Office Open XML
// WordprocessingML): the body's paragraphs as text lines and its tables as
// grids with their horizontal (w:gridSpan) and vertical (w:vMerge) merges,
// in reading order, plus the title and creation date of docProps/core.xml.
//
// Only archive/zip and encoding/xml are used. Headers, footers, footnotes,
// comments, deleted revisions and the fallback copies of
// mc:AlternateContent are not read.
package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/errtext"
)

// Errors for files that cannot be read as DOCX at all. They are wrapped with
// the path and a Chinese explanation; test them with errors.Is.
var (
	// ErrNotDOCX: the bytes are not a zip archive, or the archive holds no
	// WordprocessingML main document.
	ErrNotDOCX = errors.New("不是 DOCX 文件")
	// ErrCorrupt: the archive or its main document is truncated or damaged.
	ErrCorrupt = errors.New("DOCX 文件已损坏")
)

// PublishedFrom value for a date read from docProps/core.xml.
const publishedFromCore = "docx-core"

// Limits against hostile archives.
const (
	maxPartSize = 256 << 20 // bytes of one decompressed part
	maxColSpan  = 1000
)

const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsDCTerms = "http://purl.org/dc/terms/"
	relOffice = "/officeDocument"
)

// Extract reads a .docx file. path is only recorded.
func Extract(ctx context.Context, path string, data []byte) (doc *extract.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc = nil
			err = fmt.Errorf("%s：内部错误（已恢复）：%v", path, r)
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s：%w", path, err)
	}
	// archive/zip reads the whole central directory at once: what its
	// entries take is spent before, so that a small file declaring a
	// million of them is refused, not read into the memory ceiling
	if n := zipEntries(data); n > 0 {
		if !extract.BudgetFrom(ctx).TrySpend(n * zipEntryCost) {
			return nil, fmt.Errorf("%s：Word 文件的 zip 目录有 %d 个条目（正常的 Word 文件只有几十个），读取它约需 %d MB，%w（上限 %d MB），未读取（文件可能被恶意构造；可用 --max-memory 调高预算）",
				path, n, n*zipEntryCost>>20, extract.ErrBudget, extract.BudgetFrom(ctx).Limit()>>20)
		}
	}
	var salvaged *extract.Problem
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && bytes.HasPrefix(data, localHeader) {
		// a zip without its directory (cut short): read the parts it holds
		rebuilt, serr := salvage(ctx, data)
		switch {
		case serr != nil:
			return nil, fmt.Errorf("%s：%s：%w", path, notZipMessage(data), serr)
		case rebuilt != nil:
			zr, err = rebuilt, nil
			salvaged = &extract.Problem{Code: extract.ProblemRepaired,
				Message: "Word 文件不完整或已损坏（zip 文件目录缺失，可能下载中断），已按其中各部分的文件头读取；部分内容可能缺失"}
		}
	}
	if err != nil {
		// the message says it all; errors.Is still sees the kind and the
		// library's error
		return nil, errtext.Explained(path+"："+notZipMessage(data), kindOfZipFailure(data), err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	budget := extract.BudgetFrom(ctx)
	mainName := mainDocumentName(budget, files)
	mainPart := files[mainName]
	if mainPart == nil {
		if salvaged != nil {
			return nil, fmt.Errorf("%s：%s，剩下的部分中没有 Word 正文（%s）：%w", path, notZipMessage(data), mainName, ErrCorrupt)
		}
		return nil, fmt.Errorf("%s：zip 文件中没有 Word 正文（%s）：%w", path, mainName, ErrNotDOCX)
	}
	// The main part is parsed as it is inflated, never held whole: a small
	// archive may inflate to hundreds of megabytes (a zip bomb). What the
	// parse keeps is spent from the document's budget; at its end the
	// document is cut there.
	rc, err := mainPart.Open()
	if err != nil {
		return nil, fmt.Errorf("%s：读取 %s 失败，文件可能已损坏：%w", path, mainName, joinErr(ErrCorrupt, err))
	}
	defer rc.Close()
	xmlData := &partLimit{r: rc, left: maxPartSize, name: mainName}

	sum := sha256.Sum256(data)
	doc = &extract.Document{
		Path:   path,
		Format: extract.FormatDOCX,
		SHA256: hex.EncodeToString(sum[:]),
		Pages:  1,
	}
	if salvaged != nil {
		doc.Problems = append(doc.Problems, *salvaged)
	}
	p := &parser{ctx: ctx}
	perr := p.parse(xmlData)
	doc.Blocks = p.blocks
	doc.Problems = append(doc.Problems, p.problems...)
	if perr != nil {
		if errors.Is(perr, context.Canceled) || errors.Is(perr, context.DeadlineExceeded) {
			return nil, fmt.Errorf("%s：%w", path, perr)
		}
		var be *extract.BudgetError
		if errors.As(perr, &be) || errors.Is(perr, errPartTooLarge) {
			if len(doc.Blocks) == 0 {
				return nil, fmt.Errorf("%s：%w", path, perr)
			}
			// cut: what was read is kept, the rest is said to be missing
			msg := perr.Error()
			if be == nil {
				msg = fmt.Sprintf("Word 正文解压后超过 %d MB，其后的内容被截去", maxPartSize>>20)
			}
			doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemBudget, Message: msg})
			perr = nil
		}
	}
	if perr != nil {
		if len(doc.Blocks) == 0 {
			if salvaged != nil {
				return nil, fmt.Errorf("%s：%s，Word 正文（%s）只剩开头，读不出文字：%w", path, notZipMessage(data), mainName, joinErr(ErrCorrupt, perr))
			}
			return nil, fmt.Errorf("%s：%s 无法解析，文件可能已损坏：%w", path, mainName, joinErr(ErrCorrupt, perr))
		}
		doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemCorrupt,
			Message: fmt.Sprintf("Word 正文在中途无法解析（%s），之后的内容缺失", errtext.Data(perr))})
	}

	var picProblems []extract.Problem
	doc.Images, picProblems = tablePictures(budget, files, mainName, doc.Blocks, p.pics) // for the OCR stage (images.go)
	doc.Problems = append(doc.Problems, picProblems...)

	if f := files["docProps/core.xml"]; f != nil {
		err := readMetaPart(budget, f, func(b []byte) { doc.Meta = coreMeta(b) })
		switch {
		case err == nil:
		case errors.Is(err, errPartOverBudget):
			doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemBudget,
				Message: fmt.Sprintf("Word 文件的文档属性（docProps/core.xml）未读取（标题、创建和修改日期）：%v；正文已读取", err)})
		case salvaged != nil:
			// a file cut short: the cut took the properties (Word writes
			// them after the text); the repaired problem already says the
			// file is incomplete, and no text is missing for it
		default:
			// the text was read whole: only the title and the dates
			// are missing, which the rules that need them say; a corrupt
			// problem would make every finding on the text doubtful
			doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemRepaired,
				Message: fmt.Sprintf("Word 文件的文档属性（docProps/core.xml）已损坏，未读取（标题、创建和修改日期）；正文已完整读取：%v", err)})
		}
	}
	if doc.Meta.Title == "" {
		for _, b := range doc.Blocks {
			if b.Kind == extract.BlockText {
				if looksLikeTitle(b.Text) {
					doc.Meta.Title = b.Text
				}
				break
			}
		}
	}
	if len(doc.Blocks) == 0 {
		doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemEmpty,
			Message: "Word 文档中没有文字"})
	}
	return doc, nil
}

// joinErr keeps the sentinel for errors.Is and the library's own words as
// a detail in brackets.
func joinErr(kind, err error) error { return fmt.Errorf("%w（详情：%w）", kind, err) }

func kindOfZipFailure(data []byte) error {
	if bytes.HasPrefix(data, localHeader) {
		return ErrCorrupt // a zip that lost its end (truncated download)
	}
	return ErrNotDOCX
}

func notZipMessage(data []byte) string {
	switch {
	case bytes.HasPrefix(data, localHeader):
		return "zip 文件不完整或已损坏（可能下载中断）"
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return "这是旧版 Word 97-2003（.doc）或加密的 Office 文件，不是 DOCX"
	case len(data) == 0:
		return "文件为空"
	}
	return "不是 DOCX 文件（无法作为 zip 打开）"
}

// mainDocumentName finds the main document part through _rels/.rels, and
// falls back to word/document.xml.
func mainDocumentName(budget *extract.Budget, files map[string]*zip.File) string {
	const def = "word/document.xml"
	f := files["_rels/.rels"]
	if f == nil {
		return def
	}
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	var uerr error
	if err := readMetaPart(budget, f, func(b []byte) { uerr = xml.Unmarshal(b, &rels) }); err != nil || uerr != nil {
		return def
	}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, relOffice) && r.Target != "" {
			name := path.Clean(strings.TrimPrefix(r.Target, "/"))
			if files[name] != nil {
				return name
			}
		}
	}
	return def
}

// metaCost is about how many times its size reading a part whole and
// unmarshalling it (relationships, core properties) holds at once: the
// bytes, and the strings and slices unmarshalled from them.
const metaCost = 4

// errPartOverBudget: a part read whole would not fit the budget.
var errPartOverBudget = errors.New("超出单个文件的内存预算")

// readMetaPart reads a part that is read whole and unmarshalled, when
// metaCost times its size fits the budget, and hands it to use; what it
// spent is given back after. A part too large for the budget (a package of
// a few KB whose relationships inflate to hundreds of MB) is not read.
func readMetaPart(budget *extract.Budget, f *zip.File, use func([]byte)) error {
	if f.UncompressedSize64 > maxPartSize {
		return fmt.Errorf("%s 解压后过大（%d 字节）", f.Name, f.UncompressedSize64)
	}
	cost := int64(f.UncompressedSize64) * metaCost
	if !budget.TrySpend(cost) {
		return fmt.Errorf("%s 解压后 %d KB，%w（上限 %d MB），未读取", f.Name, f.UncompressedSize64>>10, errPartOverBudget, budget.Limit()>>20)
	}
	defer budget.Release(cost)
	b, err := readPart(f)
	if err != nil {
		return err
	}
	use(b)
	return nil
}

func readPart(f *zip.File) ([]byte, error) {
	if f.UncompressedSize64 > maxPartSize {
		return nil, fmt.Errorf("%s 解压后过大（%d 字节）", f.Name, f.UncompressedSize64)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxPartSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxPartSize {
		return nil, fmt.Errorf("%s 解压后过大", f.Name)
	}
	return b, nil
}

// coreMeta reads dc:title and dcterms:created.
func coreMeta(b []byte) extract.Meta {
	var core struct {
		Title   string `xml:"http://purl.org/dc/elements/1.1/ title"`
		Created string `xml:"http://purl.org/dc/terms/ created"`
	}
	var m extract.Meta
	if xml.Unmarshal(b, &core) != nil {
		return m
	}
	m.Title = extract.Normalize(core.Title)
	if d := isoDate(core.Created); d != "" {
		m.Published, m.PublishedFrom = d, publishedFromCore
	}
	return m
}

func isoDate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return ""
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil || t.Year() < 1980 {
		return ""
	}
	return t.Format("2006-01-02")
}

func looksLikeTitle(s string) bool {
	n := utf8.RuneCountInString(s)
	return n >= 8 && n <= 80 && (strings.HasSuffix(s, "报告") || strings.HasSuffix(s, "年报"))
}

// ---- document.xml ----

type para struct {
	lines []string
	cur   strings.Builder
}

func (p *para) breakLine() {
	p.lines = append(p.lines, p.cur.String())
	p.cur.Reset()
}

func (p *para) allLines() []string {
	return append(p.lines, p.cur.String())
}

type cell struct {
	span   int
	vMerge string // "", "restart" or "continue"
	hMerge string
	lines  []string
}

type row struct {
	gridBefore, gridAfter int
	cells                 []*cell
}

type table struct {
	gridCols int
	rows     []*row
}

func (t *table) lastRow() *row {
	if len(t.rows) == 0 {
		t.rows = append(t.rows, &row{})
	}
	return t.rows[len(t.rows)-1]
}

func (t *table) lastCell() *cell {
	r := t.lastRow()
	if len(r.cells) == 0 {
		return nil
	}
	return r.cells[len(r.cells)-1]
}

type parser struct {
	ctx      context.Context
	blocks   []extract.Block
	problems []extract.Problem

	paras  []*para  // open paragraphs (text boxes nest them)
	tables []*table // open tables
	// inCell counts, per open table, whether a w:tc is open.
	cellOpen []bool
	inText   bool
	skip     int      // depth inside a subtree we do not read
	pics     []picRef // pictures, for the OCR stage (images.go)
	// text is the bytes of text kept: the parse stops once it passes what
	// recognition may be given (extract.Budget.TextShare), since the rest
	// would be cut anyway.
	text int64
}

func isW(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStrict }

func wAttr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local && (a.Name.Space == nsW || a.Name.Space == nsWStrict || a.Name.Space == "") {
			return a.Value, true
		}
	}
	return "", false
}

func intAttr(se xml.StartElement, lo, hi, def int) int {
	v, ok := wAttr(se, "val")
	if !ok {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return def
	}
	return min(max(n, lo), hi)
}

// errPartTooLarge ends the main part once it has inflated past maxPartSize.
var errPartTooLarge = errors.New("正文 word/document.xml 解压后过大")

// partLimit reads at most left bytes of a part, then errPartTooLarge.
type partLimit struct {
	r    io.Reader
	left int64
	name string
}

func (l *partLimit) Read(b []byte) (int, error) {
	if l.left <= 0 {
		return 0, errPartTooLarge
	}
	if int64(len(b)) > l.left {
		b = b[:l.left]
	}
	n, err := l.r.Read(b)
	l.left -= int64(n)
	return n, err
}

// errTokenTooLong ends the main part at a token longer than a tokenWindow
// allows.
var errTokenTooLong = errors.New("正文中一段 Word 文字或标记过长")

// tokenWindow reads at most max bytes (0: no limit) between two tokens
// the parse takes (it sets since to 0 after each), then errTokenTooLong:
// encoding/xml gathers a token whole before returning it, so a run of
// 256 MB of text would otherwise be held, and copied, at once.
type tokenWindow struct {
	r     io.Reader
	max   int64
	since int64
}

func (w *tokenWindow) Read(b []byte) (int, error) {
	if w.max > 0 && w.since > w.max {
		return 0, errTokenTooLong
	}
	n, err := w.r.Read(b)
	w.since += int64(n)
	return n, err
}

// Budget costs of what the parser keeps: an element (a paragraph, a run,
// a cell) and the bytes of its text; and, for each level of nesting, what
// an element holds while it is open (encoding/xml's stack entry and, in a
// table, our row and cell: ~160 bytes live each, measured with 400,000
// tables nested in one another).
const (
	elementCost = 48
	openCost    = 160
)

// cellCost is what a table cell (w:tc) holds beyond its element: our cell,
// and the extract.Cell it becomes when its table is laid on the grid.
var cellCost = int64(unsafe.Sizeof(cell{})) + extract.CellBytes + 32

func (p *parser) parse(data io.Reader) error {
	budget := extract.BudgetFrom(p.ctx)
	// the decoder holds a token whole before it returns it: a single run
	// of text (or a tag, a comment) may not grow past what recognition
	// may be given at all
	win := &tokenWindow{r: data, max: budget.TextShare()}
	d := xml.NewDecoder(win)
	var pending int64 // spent in batches, not per token
	steps := 0
	depth, deepest := 0, 0
	for {
		steps++
		if steps&4095 == 0 {
			if err := p.ctx.Err(); err != nil {
				return err
			}
			if err := budget.Spend(pending, "Word 正文的 XML 标记和文字"); err != nil {
				p.finish()
				return err
			}
			pending = 0
			if share := budget.TextShare(); share > 0 && p.text > share {
				p.finish()
				p.problems = append(p.problems, extract.Problem{Code: extract.ProblemBudget,
					Message: fmt.Sprintf("正文过长：Word 正文的文字超过内存预算能识别和审核的 %d KB，读到此处停止，其后的内容被截去（可用 --max-memory 调高预算）", share>>10)})
				return nil
			}
		}
		tok, err := d.Token()
		win.since = 0
		if err == io.EOF {
			p.finish()
			return nil
		}
		if errors.Is(err, errTokenTooLong) {
			p.finish()
			p.problems = append(p.problems, extract.Problem{Code: extract.ProblemBudget,
				Message: fmt.Sprintf("正文过长：Word 正文中有一段文字或标记超过内存预算能识别和审核的 %d KB，读到此处停止，其后的内容被截去（可用 --max-memory 调高预算）", win.max>>10)})
			return nil
		}
		if err != nil {
			p.finish()
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			pending += elementCost + int64(len(t.Attr))*elementCost
			if depth++; depth > deepest {
				deepest = depth
				pending += openCost
			}
			if t.Name.Local == "tc" && isW(t.Name) {
				pending += cellCost
			}
			p.start(t)
		case xml.EndElement:
			depth--
			p.end(t)
		case xml.CharData:
			pending += int64(len(t))
			if p.inText && p.skip == 0 && len(p.paras) > 0 {
				p.text += int64(len(t))
				p.paras[len(p.paras)-1].cur.Write(t)
			}
		}
	}
}

// skipped reports whether an element's subtree is not read: the fallback of
// alternate content (a copy of the choice), deleted and moved-away text.
func skipped(n xml.Name) bool {
	if n.Space == nsMC && n.Local == "Fallback" {
		return true
	}
	return isW(n) && (n.Local == "del" || n.Local == "moveFrom")
}

func (p *parser) start(se xml.StartElement) {
	if p.skip > 0 || skipped(se.Name) {
		p.skip++
		return
	}
	if !isW(se.Name) {
		p.notePicture(se)
		return
	}
	cur := func() *para {
		if len(p.paras) == 0 {
			return nil
		}
		return p.paras[len(p.paras)-1]
	}
	switch se.Name.Local {
	case "p":
		p.paras = append(p.paras, &para{})
	case "t":
		p.inText = true
	case "tab", "ptab":
		if c := cur(); c != nil {
			c.cur.WriteByte('\t')
		}
	case "br", "cr":
		if c := cur(); c != nil {
			c.breakLine()
		}
	case "noBreakHyphen":
		if c := cur(); c != nil {
			c.cur.WriteByte('-')
		}
	case "tbl":
		p.tables = append(p.tables, &table{})
		p.cellOpen = append(p.cellOpen, false)
	case "gridCol":
		if t := p.topTable(); t != nil {
			t.gridCols++
		}
	case "tr":
		if t := p.topTable(); t != nil {
			t.rows = append(t.rows, &row{})
		}
	case "gridBefore":
		if t := p.topTable(); t != nil && !p.cellOpen[len(p.cellOpen)-1] {
			t.lastRow().gridBefore = intAttr(se, 0, maxColSpan, 0)
		}
	case "gridAfter":
		if t := p.topTable(); t != nil && !p.cellOpen[len(p.cellOpen)-1] {
			t.lastRow().gridAfter = intAttr(se, 0, maxColSpan, 0)
		}
	case "tc":
		if t := p.topTable(); t != nil {
			r := t.lastRow()
			r.cells = append(r.cells, &cell{span: 1})
			p.cellOpen[len(p.cellOpen)-1] = true
		}
	case "gridSpan":
		if t := p.topTable(); t != nil && p.cellOpen[len(p.cellOpen)-1] {
			if c := t.lastCell(); c != nil {
				c.span = intAttr(se, 1, maxColSpan, 1)
			}
		}
	case "vMerge", "hMerge":
		if t := p.topTable(); t != nil && p.cellOpen[len(p.cellOpen)-1] {
			if c := t.lastCell(); c != nil {
				v, ok := wAttr(se, "val")
				if !ok || v == "" {
					v = "continue" // <w:vMerge/> continues the merge above
				}
				if se.Name.Local == "vMerge" {
					c.vMerge = v
				} else {
					c.hMerge = v
				}
			}
		}
	}
}

func (p *parser) topTable() *table {
	if len(p.tables) == 0 {
		return nil
	}
	return p.tables[len(p.tables)-1]
}

func (p *parser) end(ee xml.EndElement) {
	if p.skip > 0 {
		p.skip--
		return
	}
	if !isW(ee.Name) {
		return
	}
	switch ee.Name.Local {
	case "t":
		p.inText = false
	case "p":
		if len(p.paras) == 0 {
			return
		}
		pa := p.paras[len(p.paras)-1]
		p.paras = p.paras[:len(p.paras)-1]
		p.addLines(pa.allLines())
	case "tc":
		if len(p.cellOpen) > 0 {
			p.cellOpen[len(p.cellOpen)-1] = false
		}
	case "tbl":
		if len(p.tables) == 0 {
			return
		}
		t := p.tables[len(p.tables)-1]
		p.tables = p.tables[:len(p.tables)-1]
		p.cellOpen = p.cellOpen[:len(p.cellOpen)-1]
		p.closeTable(t)
	}
}

// addLines stores a paragraph's lines: in the open cell when there is one,
// else as text blocks.
func (p *parser) addLines(lines []string) {
	if t := p.topTable(); t != nil && p.cellOpen[len(p.cellOpen)-1] {
		if c := t.lastCell(); c != nil {
			for _, l := range lines {
				if l = strings.TrimFunc(l, unicode.IsSpace); l != "" {
					c.lines = append(c.lines, l)
				}
			}
			return
		}
	}
	for _, l := range lines {
		if s := extract.Normalize(l); s != "" {
			p.blocks = append(p.blocks, extract.Block{Kind: extract.BlockText, Page: 1, Text: s})
		}
	}
}

// closeTable emits a finished table, or, for a table nested in a cell, adds
// its text to that cell, one line per row.
func (p *parser) closeTable(t *table) {
	tb := buildGrid(t)
	if tb == nil {
		return
	}
	if p.topTable() != nil && p.cellOpen[len(p.cellOpen)-1] {
		p.addLines(rowLines(tb))
		return
	}
	if extract.TableTooLarge(tb.Rows, tb.Cols) {
		p.problems = append(p.problems, extract.TableTooLargeProblem(tb.Rows, tb.Cols))
		for _, c := range tb.Cells {
			p.addLines([]string{c.Text})
		}
		return
	}
	p.blocks = append(p.blocks, extract.Block{Kind: extract.BlockTable, Page: 1, Table: tb})
}

// rowLines is the text of a table one line per row, its cells' texts
// joined by a space, in one pass over the cells (looking through every
// cell for each row was quadratic: a nested table of 100,000 rows took
// 19 s, deaf to the time limit).
func rowLines(tb *extract.Table) []string {
	rows := make([][]string, tb.Rows)
	for _, c := range tb.Cells {
		if c.Text != "" && c.Row >= 0 && c.Row < tb.Rows {
			rows[c.Row] = append(rows[c.Row], c.Text)
		}
	}
	var lines []string
	for _, parts := range rows {
		if len(parts) > 0 {
			lines = append(lines, strings.Join(parts, " "))
		}
	}
	return lines
}

// finish closes whatever a truncated document left open.
func (p *parser) finish() {
	for len(p.paras) > 0 {
		p.end(xml.EndElement{Name: xml.Name{Space: nsW, Local: "p"}})
	}
	for len(p.tables) > 0 {
		p.cellOpen[len(p.cellOpen)-1] = false
		p.end(xml.EndElement{Name: xml.Name{Space: nsW, Local: "tbl"}})
	}
}

// buildGrid lays Word cells on the table grid: each cell takes w:gridSpan
// columns after the row's w:gridBefore; a cell with w:vMerge="continue"
// extends the cell above it that starts at the same column with the same
// width; w:hMerge="continue" widens the cell to its left.
func buildGrid(t *table) *extract.Table {
	g := extract.NewMergeGrid()
	for _, rw := range t.rows {
		g.StartRow(rw.gridBefore)
		for _, c := range rw.cells {
			span := min(max(c.span, 1), maxColSpan)
			text := extract.Normalize(extract.JoinLines(c.lines))
			g.Cell(text, span, c.hMerge == "continue", c.vMerge == "continue")
		}
		g.EndRow(rw.gridAfter)
	}
	return g.Table(min(t.gridCols, maxColSpan))
}
