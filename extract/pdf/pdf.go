// Package pdf extracts positioned text and ruling lines from PDF files.
//
// github.com/ledongthuc/pdf is used only for the object layer (xref,
// objects, streams, filters, decryption). The content streams are read by
// our own interpreter (lex.go, interp.go) with our own fonts (font.go,
// cmap.go): it keeps the CTM and the text state, decodes ToUnicode maps,
// Identity-H/V, CID widths, simple encodings, Type 3 fonts and the GBK and
// UniGB predefined CMaps, records stroked and thin filled rulings, filled
// rectangles and image placements, follows Form XObjects and skips inline
// images. Every page is interpreted under recover: a broken page becomes a
// Problem, never a crash.
package pdf

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/internal/errtext"
)

// Options tunes Pages. The zero value is the default.
type Options struct {
	// MaxPages stops after this many pages (0: all).
	MaxPages int
	// Context, when set, is checked before each page: once it is done,
	// Pages returns its error.
	Context context.Context
}

// Info is the document information dictionary.
type Info struct {
	Title        string
	Author       string
	CreationDate string // YYYY-MM-DD, empty when absent or unreadable
}

// Error is an error that stops a whole file. Code is one of the
// extract.Problem* codes; Message is Chinese, for people.
type Error struct {
	Code    string
	Message string
	Err     error
	// explained: Message already says in Chinese what Err says, so Err
	// (the object layer's English) is not repeated to people.
	explained bool
}

func (e *Error) Error() string {
	if e.Err != nil && !e.explained {
		return e.Message + "（" + e.Err.Error() + "）"
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// budgetReader counts the bytes the object layer reads and panics when a
// budget is exceeded. ledongthuc/pdf has loops driven by file content (a
// /Prev chain that points back to itself, object streams that extend each
// other); the budget turns such a loop into a panic, which is recovered.
type budgetReader struct {
	r      io.ReaderAt
	read   int64
	budget int64
}

var errBudget = errors.New("读取量超过上限（文件可能循环引用）")

func (b *budgetReader) ReadAt(p []byte, off int64) (int, error) {
	if b.read > b.budget {
		panic(errBudget)
	}
	n, err := b.r.ReadAt(p, off)
	b.read += int64(n) + 64 // a read costs something even when it is short
	return n, err
}

// Pages interprets every page of a PDF. A page that cannot be interpreted
// gives an empty PageGeom and a Problem; only a file that cannot be opened
// at all gives an error (an *Error).
func Pages(r io.ReaderAt, size int64, opt Options) (pages []layout.PageGeom, problems []extract.Problem, info Info, err error) {
	problems, info, err = Walk(r, size, opt, func(g *layout.PageGeom) error {
		pages = append(pages, g.Clone())
		return nil
	})
	if err != nil {
		return nil, nil, info, err
	}
	return pages, problems, info, nil
}

// pageHeap is about what reading one page of a long PDF allocates, laid
// out and recognised (extract.Prepare; a 1,000-page audit touches about 26
// MB of fresh memory).
const pageHeap = 40 << 10

// Costs the document's budget counts for a page: each glyph kept until the
// document is laid out (as a glyph, then in a line), and each ruling.
const glyphCost = 96

// Walk interprets the pages of a PDF one by one and hands each to page, in
// page order, as soon as it is interpreted; page returns an error to stop.
// The PageGeom and its arrays belong to Walk: they are written again for a
// later page once page returns, so page copies what it keeps
// (PageGeom.Clone). Only two pages' geometry is alive at a time, so memory
// does not grow with the page count, and a long document allocates its
// glyph arrays once. Pages are interpreted and handed over in turn on the
// caller's goroutine. (Interpreting the next page on a second goroutine
// while page runs was tried and removed: on two CPUs it saved no wall time,
// the hand-over of every page costing 10–20 % more CPU.) The budget of
// opt.Context is spent for every page; once it runs out the remaining
// pages are left out with a Problem. Problems and errors are as for Pages.
func Walk(r io.ReaderAt, size int64, opt Options, page func(*layout.PageGeom) error) (problems []extract.Problem, info Info, err error) {
	ctx := opt.Context
	if ctx == nil {
		ctx = context.Background()
	}
	budget := extract.BudgetFrom(ctx)
	br := &budgetReader{r: r, budget: 256<<10 + 16*size}
	rd, base, end, err := open(br, size)
	if err != nil {
		return nil, Info{}, err
	}
	defer func() {
		if x := recover(); x != nil {
			err = &Error{Code: extract.ProblemCorrupt, Message: "PDF文件已损坏，无法读取", Err: fmt.Errorf("%v", x)}
		}
	}()
	br.read, br.budget = 0, 64<<20+64*size
	info = readInfo(rd)
	refs, treeErr := pageTree(rd)
	if treeErr != nil && len(refs) == 0 {
		msg := "PDF文件的页面树无法读取（文件可能被截断或损坏）"
		if errors.Is(treeErr, errTreeDepth) {
			msg = "PDF文件的" + treeErr.Error()
		}
		return nil, info, &Error{Code: extract.ProblemCorrupt, Message: msg, Err: treeErr, explained: true}
	}
	switch {
	case errors.Is(treeErr, errTreeDepth), errors.Is(treeErr, errTooManyPages):
		problems = append(problems, extract.Problem{Code: extract.ProblemCorrupt,
			Message: fmt.Sprintf("%v；只读取到%d页", treeErr, len(refs))})
	case treeErr != nil:
		problems = append(problems, extract.Problem{Code: extract.ProblemCorrupt,
			Message: fmt.Sprintf("页面树部分损坏，只读取到%d页", len(refs))})
	}
	if rd.Repaired() {
		problems = append(problems, extract.Problem{Code: extract.ProblemRepaired,
			Message: "PDF文件的交叉引用表缺失或已损坏，已扫描全文件重建；部分内容可能缺失"})
	}
	if hybrid(rd) {
		problems = append(problems, extract.Problem{Code: extract.ProblemUnsupported,
			Message: "PDF文件使用混合交叉引用表（XRefStm），其中压缩存放的对象读不到，部分内容可能缺失"})
	}
	if opt.MaxPages > 0 && len(refs) > opt.MaxPages {
		refs = refs[:opt.MaxPages]
	}
	extract.Prepare(ctx, int64(len(refs))*pageHeap)
	doc := newDocState()
	doc.ctx = ctx
	doc.src = &src{budget: budget, end: end}
	if rd.Trailer().Key("Encrypt").Kind() == lpdf.Null {
		doc.src.r = base
		doc.objs = newObjects(doc.src, rd, end)
	}
	// interpret: page i (0-based) into the arrays of a token (see
	// pageToken); only this function touches doc, rd and br
	interpret := func(i int, t *pageToken) pageResult {
		br.read = 0
		br.budget = 64<<20 + 64*size
		doc.src.used = t.used
		g, msgs, err := interpretPage(doc, refs[i], i+1, &t.geom)
		return pageResult{g: g, msgs: msgs, err: err}
	}
	next := pageSource(budget.Used(), interpret)
	for i := range refs {
		if err := extract.Canceled(ctx); err != nil {
			return nil, info, err
		}
		n := i + 1
		res := next()
		g, msgs, perr := res.g, res.msgs, res.err
		if perr != nil {
			code := extract.ProblemPage
			if errors.Is(perr, extract.ErrBudget) {
				code = extract.ProblemBudget
			}
			problems = append(problems, extract.Problem{Code: code, Page: n,
				Message: fmt.Sprintf("第%d页无法解析：%v", n, perr)})
		}
		for _, m := range msgs {
			code := extract.ProblemPage
			if strings.HasPrefix(m, "字体") {
				code = extract.ProblemFont
			}
			problems = append(problems, extract.Problem{Code: code, Page: n, Message: fmt.Sprintf("第%d页：%s", n, m)})
		}
		if scanned(&g) {
			problems = append(problems, extract.Problem{Code: extract.ProblemScanned, Page: n,
				Message: fmt.Sprintf("第%d页是扫描图像，没有可提取的文字", n)})
		}
		// the page's geometry is spent while the page is handed over,
		// and released after: page spends what it keeps itself
		cost := int64(len(g.Glyphs))*glyphCost + int64(len(g.Segments)+len(g.Fills)+len(g.Images))*48
		berr := budget.Spend(cost, "PDF 页面的文字和线条")
		if berr == nil {
			berr = page(&g)
			budget.Release(cost)
		}
		if berr != nil {
			if errors.Is(berr, extract.ErrBudget) {
				problems = append(problems, extract.Problem{Code: extract.ProblemBudget, Page: n,
					Message: fmt.Sprintf("%v：第%d页起的%d页未读取", berr, n, len(refs)-i)})
				return problems, info, nil
			}
			return problems, info, berr
		}
		// the page's arrays go back for page n+2, with what the budget
		// holds now
		res.give(pageToken{geom: g, used: budget.Used()})
	}
	return problems, info, nil
}

// A pageToken lets one page be interpreted: the arrays to write its
// geometry into, and the budget's use the interpreter counts with (what
// it was once the page two before had been handed over). Two tokens go
// round: a page's arrays are written again two pages later, and the
// budget figure each page starts from is the one the page interpreter has
// always used, so a budget cuts a document at the same page as before.
type pageToken struct {
	geom layout.PageGeom
	used int64
}

// pageResult is one interpreted page, as pageSource's next returns it.
type pageResult struct {
	g    layout.PageGeom
	msgs []string
	err  error
	give func(pageToken)
}

// pageSource returns next, which gives the pages 0, 1, … in order, each
// interpreted by interpret. Each result's give must be called with its
// token before next is called again (except after the last page).
func pageSource(used0 int64, interpret func(int, *pageToken) pageResult) (next func() pageResult) {
	tokens := []pageToken{{used: used0}, {used: used0}}
	i := 0
	return func() pageResult {
		t := tokens[0]
		tokens = tokens[1:]
		r := interpret(i, &t)
		i++
		r.give = func(t pageToken) { tokens = append(tokens, t) }
		return r
	}
}

// open opens the file, trying the empty user password for encrypted files.
// ledongthuc/pdf insists on a "%PDF-1.x" header followed by a new line at
// offset 0 and on %%EOF in the last 100 bytes; files with leading junk, a
// %PDF-2.0 header or trailing junk are presented to it in that shape.
func open(r *budgetReader, size int64) (rd *lpdf.Reader, base io.ReaderAt, end int64, err error) {
	defer func() {
		if x := recover(); x != nil {
			rd, base, end, err = nil, nil, 0, &Error{Code: extract.ProblemCorrupt, Message: "PDF文件已损坏，无法打开", Err: fmt.Errorf("%v", x)}
		}
	}()
	base = r
	head := make([]byte, min(size, 1024))
	n, _ := r.r.ReadAt(head, 0)
	head = head[:n]
	k := bytes.Index(head, []byte("%PDF-"))
	if k < 0 {
		return nil, nil, 0, &Error{Code: extract.ProblemCorrupt, Message: "不是PDF文件（缺少%PDF文件头）"}
	}
	if k > 0 {
		base = io.NewSectionReader(r, int64(k), size-int64(k))
		size -= int64(k)
		head = head[k:]
	}
	if len(head) < 9 || head[5] != '1' || head[6] != '.' || head[7] < '0' || head[7] > '7' || (head[8] != '\n' && head[8] != '\r') {
		base = headerPatch{base}
	}
	var scratch []byte // the last 64 KB, read here and again by precheck
	if tailSize := min(size, 1<<16); tailSize > 0 {
		scratch = make([]byte, tailSize)
		tail := scratch
		n, _ := base.ReadAt(tail, size-tailSize)
		tail = tail[:n]
		if e := bytes.LastIndex(tail, []byte("%%EOF")); e >= 0 && int64(len(tail)-e) > 64 {
			size = size - tailSize + int64(e) + 5
		}
	}
	if err := precheck(base, size, scratch); err != nil {
		return nil, nil, 0, err
	}
	rd, err = lpdf.NewReaderEncrypted(base, size, func() string { return "" })
	if err == nil {
		return rd, base, size, nil
	}
	if pe := (*lpdf.PasswordError)(nil); errors.As(err, &pe) {
		// a user password is set: the encryption is understood, only the
		// password is not known
		return nil, nil, 0, &Error{Code: extract.ProblemEncrypted, Message: "PDF文件已加密（" + pe.Algorithm + "），设有打开密码，无法用空密码打开", Err: err, explained: true}
	}
	if errors.Is(err, lpdf.ErrInvalidPassword) || encrypted(base, size) {
		return nil, nil, 0, &Error{Code: extract.ProblemEncrypted, Message: "PDF文件已加密，使用了不支持的加密方式，无法打开", Err: err}
	}
	msg, explained := corruptReason(err)
	return nil, nil, 0, &Error{Code: extract.ProblemCorrupt, Message: msg, Err: err, explained: explained}
}

// corruptReason says in Chinese why the object layer could not open the
// file, for the errors it is known to give (internal/lpdf read.go); ok is
// false when the error is not one of them (its text is then shown too).
func corruptReason(err error) (msg string, ok bool) {
	s := err.Error()
	switch {
	case strings.Contains(s, "invalid header"):
		return "PDF文件已损坏或不是PDF：文件开头没有PDF文件头（%PDF-）", true
	case strings.Contains(s, "EOF") || strings.Contains(s, "startxref"):
		return "PDF文件已损坏或不是PDF：文件不完整（缺少文件末尾的结束标记，多为下载未完成或文件被截断），从已有内容也未能重建出页面", true
	case strings.Contains(s, "cross-reference") || strings.Contains(s, "xref") || strings.Contains(s, "trailer"):
		return "PDF文件已损坏或不是PDF：交叉引用表损坏，从文件内容也未能重建出页面", true
	}
	return "PDF文件已损坏或不是PDF", false
}

// headerPatch shows "%PDF-1.7\n" as the first nine bytes.
type headerPatch struct{ r io.ReaderAt }

func (h headerPatch) ReadAt(p []byte, off int64) (int, error) {
	n, err := h.r.ReadAt(p, off)
	const hdr = "%PDF-1.7\n"
	for i := off; i < int64(len(hdr)) && i-off < int64(n); i++ {
		p[i-off] = hdr[i]
	}
	return n, err
}

// xrefSizes returns the digits of every "/Size N" in b, white space
// between, as the expression /Size\s+(\d+) finds them
// (TestXrefSizesEqualsExpression).
func xrefSizes(b []byte) [][]byte {
	var out [][]byte
	for {
		i := bytes.Index(b, []byte("/Size"))
		if i < 0 {
			return out
		}
		j := i + len("/Size")
		k := j
		for k < len(b) && (b[k] == ' ' || b[k] == '\t' || b[k] == '\n' || b[k] == '\f' || b[k] == '\r') {
			k++
		}
		d := k
		for d < len(b) && b[d] >= '0' && b[d] <= '9' {
			d++
		}
		if k == j || d == k {
			b = b[i+1:]
			continue
		}
		out = append(out, b[k:d])
		b = b[d:]
	}
}

// precheck refuses files whose cross-reference /Size would make the object
// layer allocate absurd amounts of memory (an allocation failure is fatal,
// not a recoverable panic).
// scratch, when long enough, is used as the read buffer.
func precheck(r io.ReaderAt, size int64, scratch []byte) error {
	if size < 16 {
		return &Error{Code: extract.ProblemCorrupt, Message: "PDF文件为空或被截断"}
	}
	tail := scratch
	if int64(len(tail)) < min(size, 1<<16) {
		tail = make([]byte, min(size, 1<<16))
	}
	tail = tail[:min(size, 1<<16)]
	n, _ := r.ReadAt(tail, size-int64(len(tail)))
	tail = tail[:n]
	check := func(b []byte) error {
		for _, digits := range xrefSizes(b) {
			v, err := strconv.ParseInt(string(digits), 10, 64)
			if err != nil || v > int64(lpdf.MaxObjects(size)) {
				return &Error{Code: extract.ProblemCorrupt, Message: "PDF文件的交叉引用表已损坏"}
			}
		}
		return nil
	}
	if err := check(tail); err != nil {
		return err
	}
	// the xref stream the trailer points to
	if i := bytes.LastIndex(tail, []byte("startxref")); i >= 0 {
		f := bytes.Fields(tail[i+9:])
		if len(f) > 0 {
			if off, err := strconv.ParseInt(string(f[0]), 10, 64); err == nil && off >= 0 && off < size {
				buf := make([]byte, min(4096, size-off))
				k, _ := r.ReadAt(buf, off)
				if err := check(buf[:k]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func encrypted(r io.ReaderAt, size int64) bool {
	tail := make([]byte, min(size, 1<<16))
	n, _ := r.ReadAt(tail, size-int64(len(tail)))
	return bytes.Contains(tail[:n], []byte("/Encrypt"))
}

// hybrid reports a hybrid-reference file (a classic trailer with
// /XRefStm): ledongthuc/pdf ignores the cross-reference stream, so objects
// listed only there resolve to null.
func hybrid(rd *lpdf.Reader) (yes bool) {
	defer func() { _ = recover() }()
	return rd.Trailer().Key("XRefStm").Kind() != lpdf.Null
}

// pageRef is a page with its inherited attributes.
type pageRef struct {
	v      lpdf.Value
	res    lpdf.Value
	resPar lpdf.Value // the dictionary res was read from (for object identity)
	box    [4]float64
	rotate int
	// missing: the page object could not be read (the file is damaged)
	missing bool
}

// The page tree's limits: real files have a few levels and at most some
// thousands of pages; deeper or larger trees are cut there, and said so.
const (
	maxPages     = 100_000
	maxTreeDepth = 64
)

var (
	errTreeDepth    = fmt.Errorf("页面树超过%d层（文件可能被恶意构造），更深处的页面未读取", maxTreeDepth)
	errTooManyPages = fmt.Errorf("页面超过%d页，其后的页面未读取", maxPages)
)

// pageTree walks the page tree once, collecting pages with inherited
// Resources, MediaBox, CropBox and Rotate. Cycles and absurd depth are cut.
func pageTree(rd *lpdf.Reader) (refs []pageRef, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("%v", x)
		}
	}()
	root := rd.Trailer().Key("Root").Key("Pages")
	if root.Kind() != lpdf.Dict {
		return nil, errors.New("缺少页面树")
	}
	seen := make(map[objKey]bool)
	type inh struct {
		res, resPar lpdf.Value
		media, crop []float64
		rotate      int
	}
	var tooDeep, tooMany bool
	var walk func(node lpdf.Value, in inh, depth int)
	walk = func(node lpdf.Value, in inh, depth int) {
		if depth > maxTreeDepth {
			tooDeep = true
			return
		}
		if len(refs) >= maxPages {
			tooMany = true
			return
		}
		if node.Kind() != lpdf.Dict {
			// a kid that is gone (a truncated or damaged file): a page
			// that could not be read, not an empty one
			refs = append(refs, pageRef{v: node, box: [4]float64{0, 0, 612, 792}, missing: true})
			return
		}
		if id, ok := objID(node); ok && id.id != 0 {
			if seen[id] {
				return
			}
			seen[id] = true
		}
		if r := node.Key("Resources"); r.Kind() == lpdf.Dict {
			in.res, in.resPar = r, node
		}
		if b := floats(node.Key("MediaBox")); len(b) == 4 {
			in.media = b
		}
		if b := floats(node.Key("CropBox")); len(b) == 4 {
			in.crop = b
		}
		if rv := node.Key("Rotate"); rv.Kind() == lpdf.Integer {
			in.rotate = int(rv.Int64())
		}
		kids := node.Key("Kids")
		if kids.Kind() == lpdf.Array && node.Key("Type").Name() != "Page" {
			for i := range kids.Len() {
				walk(kids.Index(i), in, depth+1)
			}
			return
		}
		box := [4]float64{0, 0, 612, 792}
		if len(in.media) == 4 {
			box = normBox(in.media)
		}
		if len(in.crop) == 4 {
			c := normBox(in.crop)
			// CropBox is clipped to MediaBox
			c = [4]float64{max(c[0], box[0]), max(c[1], box[1]), min(c[2], box[2]), min(c[3], box[3])}
			if c[2]-c[0] > 1 && c[3]-c[1] > 1 {
				box = c
			}
		}
		if box[2]-box[0] < 1 || box[3]-box[1] < 1 {
			box = [4]float64{0, 0, 612, 792}
		}
		rot := ((in.rotate % 360) + 360) % 360 / 90 * 90
		refs = append(refs, pageRef{v: node, res: in.res, resPar: in.resPar, box: box, rotate: rot})
	}
	walk(root, inh{}, 0)
	switch {
	case tooDeep:
		return refs, errTreeDepth
	case tooMany:
		return refs, errTooManyPages
	}
	return refs, nil
}

func normBox(b []float64) [4]float64 {
	return [4]float64{min(b[0], b[2]), min(b[1], b[3]), max(b[0], b[2]), max(b[1], b[3])}
}

// pageMatrix maps default user space to nianbao's page space (origin top
// left, y down, rotation applied); it also returns the page size.
func pageMatrix(box [4]float64, rotate int) (matrix, float64, float64) {
	x0, y0, x1, y1 := box[0], box[1], box[2], box[3]
	w, h := x1-x0, y1-y0
	switch rotate {
	case 90:
		return matrix{0, 1, 1, 0, -y0, -x0}, h, w
	case 180:
		return matrix{-1, 0, 0, 1, x1, -y0}, w, h
	case 270:
		return matrix{0, -1, -1, 0, y1, x1}, h, w
	}
	return matrix{1, 0, 0, -1, -x0, y1}, w, h
}

// interpretPage runs the interpreter on one page under recover. The
// page's glyphs, segments and rectangles are written into the arrays of
// into (emptied first), so that a document's pages can use the same ones.
func interpretPage(doc *docState, ref pageRef, n int, into *layout.PageGeom) (g layout.PageGeom, msgs []string, err error) {
	base, w, h := pageMatrix(ref.box, ref.rotate)
	g = layout.PageGeom{Number: n, Width: w, Height: h,
		Glyphs: into.Glyphs[:0], Segments: into.Segments[:0], Fills: into.Fills[:0], Images: into.Images[:0]}
	var in *interp
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("%v", x)
			if in != nil {
				msgs = in.problems
			}
		}
	}()
	in = newInterp(doc, &g, base)
	defer in.release()
	if ref.missing {
		return g, nil, errors.New("页面对象缺失（文件可能被截断或损坏）")
	}
	contents := ref.v.Key("Contents")
	if _, _, isRef := ref.v.KeyRef("Contents"); isRef && contents.Kind() == lpdf.Null {
		return g, nil, errors.New("内容流缺失（文件可能被截断或损坏）")
	}
	data, serr := doc.src.stream(contents, 0)
	if want := min(len(data)/64+16, 1<<16); cap(g.Glyphs) < want {
		g.Glyphs = make([]layout.Glyph, 0, want)
	}
	var res *resCtx
	if ref.res.Kind() == lpdf.Dict {
		res = doc.resources(ref.res, ref.resPar)
	}
	rerr := in.run(data, res)
	if in.offPage > 0 {
		in.problem("有%d个字符在页面边界之外（文字或表格超出页面，显示和打印时看不到），未读取", in.offPage)
	}
	msgs = in.problems
	if serr != nil {
		err = errtext.Explained(fmt.Sprintf("内容流无法完整解码，已读取%d字节：%s", len(data), errtext.Data(serr)), serr)
	}
	if rerr != nil {
		err = rerr
	}
	return g, msgs, err
}

// scanned reports a page with no text and an image covering most of it.
func scanned(g *layout.PageGeom) bool { return pictured(g, 0) }

// pictured reports a page with at most maxGlyphs visible characters and
// images covering at least half of it.
func pictured(g *layout.PageGeom, maxGlyphs int) bool {
	n := 0
	for _, gl := range g.Glyphs {
		if gl.R != ' ' && gl.R != 0x3000 {
			if n++; n > maxGlyphs {
				return false
			}
		}
	}
	area := g.Width * g.Height
	if area <= 0 {
		return false
	}
	// images clipped to the page; scans cut into strips are summed
	// (overlaps are rare enough to ignore)
	var covered float64
	for _, im := range g.Images {
		x0, y0 := max(im.X0, 0), max(im.Y0, 0)
		x1, y1 := min(im.X1, g.Width), min(im.Y1, g.Height)
		if x1 > x0 && y1 > y0 {
			covered += (x1 - x0) * (y1 - y0)
		}
	}
	return covered >= 0.5*area
}

// dateRE is compiled on first use, not by every nianbao run.
var dateRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:D:)?(\d{4})(\d{2})?(\d{2})?`) })

func readInfo(rd *lpdf.Reader) (info Info) {
	defer func() { _ = recover() }()
	v := rd.Trailer().Key("Info")
	if v.Kind() != lpdf.Dict {
		return Info{}
	}
	info.Title = strings.TrimSpace(textString(v.Key("Title").RawString()))
	info.Author = strings.TrimSpace(textString(v.Key("Author").RawString()))
	info.CreationDate = pdfDate(textString(v.Key("CreationDate").RawString()))
	return info
}

// textString decodes a PDF text string: UTF-16BE with BOM (the standard),
// UTF-16LE with BOM (written by WPS), UTF-8 with BOM (PDF 2.0), UTF-8
// without BOM (some Chinese producers), else PDFDocEncoding.
func textString(s string) string {
	b := []byte(s)
	switch {
	case len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff:
		return decodeUTF16(b[2:], false)
	case len(b) >= 2 && b[0] == 0xff && b[1] == 0xfe:
		return decodeUTF16(b[2:], true)
	case len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf:
		return strings.ToValidUTF8(s[3:], "\ufffd")
	case utf8.ValidString(s):
		return s
	}
	var sb strings.Builder
	for _, c := range b {
		sb.WriteRune(pdfDocEnc[c])
	}
	return sb.String()
}

func decodeUTF16(b []byte, le bool) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if le {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		} else {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
	}
	return string(utf16.Decode(u))
}

// pdfDate turns D:YYYYMMDDHHmmSS… into YYYY-MM-DD ("" when not a date).
func pdfDate(s string) string {
	m := dateRE().FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || m[2] == "" || m[3] == "" {
		return ""
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
}

// Extract reads a PDF (from data, or from path when data is nil) into a
// Document.
func Extract(ctx context.Context, path string, data []byte) (doc *extract.Document, err error) {
	defer func() {
		if x := recover(); x != nil {
			doc, err = nil, &Error{Code: extract.ProblemCorrupt, Message: path + "：PDF文件无法读取", Err: fmt.Errorf("%v", x)}
		}
	}()
	if data == nil {
		data, err = os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("读取%s：%w", path, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	// pages are laid out as they are interpreted: only the lines and
	// tables of earlier pages are kept, never their glyphs
	lb := layout.NewBuilder()
	pages := 0
	var ocrPages []layout.PageGeom     // every page, but only scanned ones with their geometry
	var garbledPages []layout.PageGeom // pages whose text could not be decoded (size only)
	budget := extract.BudgetFrom(ctx)
	problems, info, err := Walk(bytes.NewReader(data), int64(len(data)), Options{Context: ctx}, func(g *layout.PageGeom) error {
		if err := budget.Spend(lb.Add(g), "PDF 页面版面分析后的文字行和表格"); err != nil {
			lb.DropLast()
			return err
		}
		pages++
		// the OCR stage needs the geometry of scanned pages only
		keep := layout.PageGeom{Number: g.Number}
		if needsOCR(g) {
			keep = layout.PageGeom{Number: g.Number, Width: g.Width, Height: g.Height,
				Glyphs: slices.Clone(g.Glyphs), Images: slices.Clone(g.Images)}
		}
		ocrPages = append(ocrPages, keep)
		if !needsOCR(g) && garbled(g) { // a scan's own pictures are taken as they are
			garbledPages = append(garbledPages, layout.PageGeom{Number: g.Number, Width: g.Width, Height: g.Height})
		}
		return nil
	})
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return nil, &Error{Code: e.Code, Message: path + "：" + e.Message, Err: e.Err, explained: e.explained}
		}
		return nil, fmt.Errorf("%s：%w", path, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	doc = &extract.Document{
		Path:     path,
		Format:   extract.FormatPDF,
		SHA256:   hex.EncodeToString(sum[:]),
		Pages:    pages,
		Paged:    true,
		Problems: problems,
		Meta:     extract.Meta{Title: info.Title},
	}
	if info.CreationDate != "" {
		doc.Meta.Published = info.CreationDate
		doc.Meta.PublishedFrom = "pdf-info"
	}
	var layoutProblems []extract.Problem
	doc.Blocks, layoutProblems = lb.Finish()
	doc.Problems = append(doc.Problems, layoutProblems...)
	rendered := renderGarbled(ctx, data, garbledPages, doc) // before pageImages: it drops those pages' blocks
	var imgProblems []extract.Problem
	doc.Images, imgProblems = pageImages(ctx, data, ocrPages, doc.Blocks) // for the OCR stage (images.go)
	doc.Images = append(doc.Images, rendered...)
	doc.Problems = append(doc.Problems, imgProblems...)
	empty := true
	for _, b := range doc.Blocks {
		if b.Kind == extract.BlockTable || b.Text != "" {
			empty = false
			break
		}
	}
	if empty {
		doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemEmpty, Message: "PDF文件中没有可提取的文字"})
	}
	return doc, nil
}
