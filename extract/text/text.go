// Package text extracts plain-text and Markdown reports: crawler page dumps
// (a header of URL/title lines, then the body flattened into one long line),
// CSV cells copied out of a spreadsheet (one table cell per line, cells
// separated by blank lines), tab-separated tables and Markdown pipe tables.
//
// Text lines become text blocks. Tab-separated rows, Markdown pipe rows and
// the one-cell-per-line layout become table blocks, with an empty cell (Text
// "") wherever the source left a cell blank, so that the recogniser can tell
// a blank from a 0.
package text

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/nianbao/nianbao/extract"
)

// Extract reads a plain-text or Markdown report. The format is
// FormatMarkdown for .md/.markdown files and FormatText otherwise; there is
// one page.
func Extract(ctx context.Context, path string, data []byte) (doc *extract.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("文本解析失败 %s: %v", path, r)
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	doc = &extract.Document{
		Path:   path,
		Format: extract.FormatText,
		SHA256: hex.EncodeToString(sum[:]),
		Pages:  1,
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		doc.Format = extract.FormatMarkdown
	}
	// The budget: the decoded text is kept about three times over (the
	// string, the lines, the blocks). The bytes past what it can hold are
	// cut before decoding — decoding and mending the line ends copied a
	// 150 MB file three times before the budget was asked (475 MB) — and
	// what does not fit once decoded is cut at a line end; either way with
	// a problem.
	//
	// Recognition is given at most the budget's TextShare of text (the
	// rest is cut by extract/load): the bytes past twice that (a decoded
	// byte may be read from less than one: GB18030, UTF-16) are not read
	// at all.
	budget := extract.BudgetFrom(ctx)
	total := len(data)
	rawCut, shareCut := false, false
	if lim := budget.Limit(); lim > 0 {
		if fit := max(lim-budget.Used(), 0) / 3; int64(len(data)) > fit {
			data, rawCut = cutRaw(data, int(fit)), true
		}
	}
	if share := budget.TextShare(); share > 0 && int64(len(data)) > 2*share {
		data = cutRaw(data, int(2*share))
		doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemBudget,
			Message: fmt.Sprintf("正文过长（%d KB），超过内存预算能识别和审核的 %d KB：其后的内容被截去，未识别（可用 --max-memory 调高预算）",
				total>>10, share>>10)})
		rawCut, shareCut = false, true
	}
	s, prob := decode(data)
	if prob != nil {
		doc.Problems = append(doc.Problems, *prob)
	}
	s = lineEnds.Replace(s)
	if err := budget.Spend(3*int64(len(s)), "文本"); err != nil {
		fit := max(budget.Limit()-budget.Used(), 0) / 3
		cut := strings.LastIndexByte(s[:min(int64(len(s)), fit)], '\n')
		if cut <= 0 {
			return nil, err
		}
		budget.Spend(3*int64(cut), "文本")
		doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemBudget,
			Message: fmt.Sprintf("%v（已读取前 %d KB，共 %d KB）", err, cut>>10, total>>10)})
		s = s[:cut]
	} else if rawCut {
		err := &extract.BudgetError{Limit: budget.Limit(), What: "文本"}
		doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemBudget,
			Message: fmt.Sprintf("%v（已读取前 %d KB，共 %d KB）", err, len(data)>>10, total>>10)})
	}
	if err := extract.Canceled(ctx); err != nil {
		return nil, err
	}
	if n := strings.Count(s, "\n") + 1; !budget.TrySpend(int64(n) * lineBytes) {
		fit := max(budget.Limit()-budget.Used(), 0) / lineBytes
		s = s[:lineEnd(s, fit)]
		budget.TrySpend(fit * lineBytes)
		err := &extract.BudgetError{Limit: budget.Limit(), What: "文本的各行"}
		doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemBudget,
			Message: fmt.Sprintf("%v（已读取前 %d 行，共 %d 行）", err, fit, n)})
	}
	lines := strings.Split(s, "\n")
	lines = pageHeader(lines, &doc.Meta)
	b := &builder{ctx: ctx, markdown: doc.Format == extract.FormatMarkdown, budget: budget, shareSaid: shareCut}
	b.run(lines)
	if b.err != nil {
		return nil, b.err
	}
	doc.Blocks = b.blocks
	doc.Problems = append(doc.Problems, b.problems...)
	if len(doc.Blocks) == 0 {
		doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemEmpty, Message: "文件中没有文字"})
	}
	return doc, nil
}

// lineBytes is what each line of a text costs of the budget beyond its
// characters (which cost three times their bytes): its string in the split
// text (16 bytes), its paragraph (para, growing: ~64) and its block (80,
// when it is kept). A file of millions of one-character lines held some
// 300 bytes per line before this was counted: 11 MB of them peaked at
// 330 MB under the 128 MB budget.
const lineBytes = 160

// lineEnd is the length of s up to (not including) its n-th line end, all
// of s when it has fewer.
func lineEnd(s string, n int64) int {
	end := 0
	for ; n > 0; n-- {
		i := strings.IndexByte(s[end:], '\n')
		if i < 0 {
			return len(s)
		}
		end += i + 1
	}
	return max(end-1, 0)
}

// lineEnds turns CR LF and a bare CR into LF, in one pass.
var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// cutRaw is data cut to at most fit bytes before it is decoded: after the
// last line end (CR or LF) there, else at a character boundary; UTF-16 at
// an even length.
func cutRaw(data []byte, fit int) []byte {
	fit = min(fit, len(data))
	if utf16BOM(data) {
		return data[:fit&^1]
	}
	if i := bytes.LastIndexAny(data[:fit], "\r\n"); i > 0 {
		return data[:i]
	}
	for fit > 0 && fit < len(data) && !utf8.RuneStart(data[fit]) {
		fit--
	}
	return data[:fit]
}

// decode returns the text of data: UTF-8 (BOM stripped), or GB18030 when the
// bytes are not valid UTF-8.
func decode(data []byte) (string, *extract.Problem) {
	if utf16BOM(data) {
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err == nil {
			return strings.TrimPrefix(string(out), "\ufeff"), nil
		}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return string(data), nil
	}
	// A text that is almost all valid UTF-8 is UTF-8 with a few damaged
	// bytes: replace them and say so, rather than re-decoding the whole
	// file as GB18030 (which turns every Chinese character into garbage).
	if bad, good := utf8Counts(data); good >= 10*bad {
		return strings.ToValidUTF8(string(data), "\ufffd"), &extract.Problem{
			Code:    extract.ProblemCharset,
			Message: fmt.Sprintf("文本有 %d 处无效的 UTF-8 字节，已替换为 \ufffd", bad),
		}
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(out) {
		return strings.ToValidUTF8(string(data), "\ufffd"), &extract.Problem{
			Code: extract.ProblemCharset, Message: "无法识别文本编码（既不是 UTF-8 也不是 GB18030），部分文字可能乱码",
		}
	}
	return string(out), nil
}

// utf8Counts counts the bytes of data that are not part of a valid UTF-8
// sequence (bad) and the valid multi-byte sequences (good). GBK text
// rarely forms valid multi-byte UTF-8 by chance, so many good sequences
// and few bad bytes mean UTF-8 with damage.
func utf8Counts(data []byte) (bad, good int) {
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		switch {
		case r == utf8.RuneError && size == 1:
			bad++
		case size > 1:
			good++
		}
		data = data[size:]
	}
	return bad, good
}

// builder turns lines into blocks.
type builder struct {
	ctx      context.Context
	markdown bool
	budget   *extract.Budget
	blocks   []extract.Block
	problems []extract.Problem
	steps    int   // lines looked at, for live
	err      error // the context's, once it is done
	full     bool  // the budget ran out: the rest is not read
	// kept is the text of the text blocks, each counted lineCost more:
	// the builder stops at recognition's share of the budget
	kept int64
	// shareSaid: the file was already cut at the share, and said so
	shareSaid bool
}

// lineCost is what a text block counts beyond its text against
// recognition's share of the budget (extract.Budget.TextShare): the block
// and what recognition holds for a line, as a table cell counts in
// extract/load. A file of millions of one-character lines made as many
// blocks — 1.3 million of them from 4 MB, 384 MB — all within the share,
// which counted their text alone.
const lineCost = 4

// cellCost is what each table cell kept costs of the budget: the cell
// itself (its text is in the three times the text that Extract spends). A
// file of short tab-separated cells holds some 50 bytes per byte of text as
// cells.
const cellCost = extract.CellBytes + 16

// checkEvery is how many lines the builder reads between two looks at the
// context: a time-out is noticed within a few milliseconds.
const checkEvery = 1024

// live reports whether the builder may go on: once the context is done
// (a time-out, Ctrl-C) it stops adding blocks and Extract returns the error.
func (b *builder) live() bool {
	if b.err != nil || b.full {
		return false
	}
	if b.steps++; b.steps%checkEvery == 0 && b.ctx != nil {
		b.err = extract.Canceled(b.ctx)
	}
	return b.err == nil
}

func (b *builder) text(s string) {
	if !b.live() {
		return
	}
	for _, part := range splitLong(s) {
		t := extract.Normalize(part)
		if t == "" {
			continue
		}
		b.kept += int64(len(t)) + lineCost
		if share := b.budget.TextShare(); share > 0 && b.kept > share {
			b.full = true
			if b.shareSaid {
				return
			}
			b.problems = append(b.problems, extract.Problem{Code: extract.ProblemBudget,
				Message: fmt.Sprintf("正文过长：文本的行数和文字超过内存预算能识别和审核的 %d KB，读到此处停止，其后的内容被截去（可用 --max-memory 调高预算）", share>>10)})
			return
		}
		b.blocks = append(b.blocks, extract.Block{Kind: extract.BlockText, Page: 1, Text: t})
	}
}

// rowSource gives a table's rows one at a time: the readers of tab and pipe
// rows split a line into cells only once its row is kept, so that a table
// of millions of tiny cells is not split whole before the budget can stop
// it.
type rowSource struct {
	n     int
	width func(i int) int // cells in row i, without splitting it
	cells func(i int) []string
}

// rowsOf is the rowSource of rows already split.
func rowsOf(rows [][]string) rowSource {
	return rowSource{n: len(rows), width: func(i int) int { return len(rows[i]) }, cells: func(i int) []string { return rows[i] }}
}

// linesOf is the rowSource of lines that split splits into cells and width
// counts.
func linesOf(lines []string, width func(string) int, split func(string) []string) rowSource {
	return rowSource{n: len(lines), width: func(i int) int { return width(lines[i]) }, cells: func(i int) []string { return split(lines[i]) }}
}

func (b *builder) table(src rowSource) {
	if src.n == 0 {
		return
	}
	cols, n := 0, 0
	for i := range src.n {
		w := src.width(i)
		cols = max(cols, w)
		n += w
	}
	if extract.TableTooLarge(src.n, cols) {
		b.problems = append(b.problems, extract.TableTooLargeProblem(src.n, cols))
		for i := range src.n {
			b.text(strings.Join(src.cells(i), " "))
		}
		return
	}
	var t *extract.Table
	for r := range src.n {
		// the rows that fit in the budget; the rest of the file is not read
		if err := b.budget.Spend(int64(src.width(r))*cellCost, "文本中的表格"); err != nil {
			b.full = true
			b.problems = append(b.problems, extract.Problem{Code: extract.ProblemBudget, Message: err.Error()})
			break
		}
		if t == nil {
			// room for the cells the budget can pay for, not more: an
			// array sized for millions of cells is memory the process
			// holds even while it is untouched
			if l := b.budget.Limit(); l > 0 {
				n = min(n, int(max(l-b.budget.Used(), 0)/cellCost)+src.width(r))
			}
			t = &extract.Table{Page: 1, LastPage: 1, Cells: make([]extract.Cell, 0, n)}
		}
		row := src.cells(r)
		t.Rows, t.Cols = r+1, max(t.Cols, len(row))
		for c, cell := range row {
			t.Cells = append(t.Cells, extract.Cell{Row: r, Col: c, RowSpan: 1, ColSpan: 1, Text: extract.Normalize(cell), Page: 1})
		}
	}
	if t != nil {
		b.blocks = append(b.blocks, extract.Block{Kind: extract.BlockTable, Page: 1, Table: t})
	}
}

func isBlank(s string) bool { return strings.TrimSpace(strings.Trim(s, "\u3000\u00a0")) == "" }

// run dispatches runs of lines to the table readers and the rest to text.
func (b *builder) run(lines []string) {
	i := 0
	for i < len(lines) && b.live() {
		switch {
		case b.markdown && isPipeRow(lines[i]):
			j := i
			var rows []string
			for j < len(lines) && isPipeRow(lines[j]) {
				if !isPipeSeparator(lines[j]) {
					rows = append(rows, lines[j])
				}
				j++
			}
			b.table(linesOf(rows, pipeWidth, pipeCells))
			i = j
		case strings.Contains(lines[i], "\t") && tabCells(lines[i]) >= 2:
			j := i
			var rows []string
			for j < len(lines) {
				if strings.Contains(lines[j], "\t") {
					rows = append(rows, lines[j])
					j++
					continue
				}
				// one blank line inside a tab table is tolerated
				if isBlank(lines[j]) && j+1 < len(lines) && strings.Contains(lines[j+1], "\t") {
					j++
					continue
				}
				break
			}
			b.table(linesOf(rows, tabWidth, tabSplit))
			i = j
		default:
			j := i
			for j < len(lines) && !(b.markdown && isPipeRow(lines[j])) && !(strings.Contains(lines[j], "\t") && tabCells(lines[j]) >= 2) {
				j++
			}
			b.plain(lines[i:j])
			i = j
		}
	}
}

func tabCells(s string) int {
	n := 0
	for _, c := range strings.Split(s, "\t") {
		if !isBlank(c) {
			n++
		}
	}
	return n
}

func isPipeRow(s string) bool {
	t := strings.TrimSpace(s)
	return len(t) >= 2 && t[0] == '|' && t[len(t)-1] == '|'
}

func isPipeSeparator(s string) bool {
	t := strings.Trim(strings.TrimSpace(s), "|")
	if t == "" {
		return false
	}
	for _, r := range t {
		switch r {
		case '-', ':', '|', ' ':
		default:
			return false
		}
	}
	return true
}

func tabWidth(s string) int      { return strings.Count(s, "\t") + 1 }
func tabSplit(s string) []string { return strings.Split(s, "\t") }

// pipeInner is a pipe row without its outer bars.
func pipeInner(s string) string {
	return strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "|"), "|")
}

func pipeWidth(s string) int { return strings.Count(pipeInner(s), "|") + 1 }

func pipeCells(s string) []string {
	parts := strings.Split(pipeInner(s), "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}
