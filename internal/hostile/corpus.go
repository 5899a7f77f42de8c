package hostile

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"unicode/utf16"
)

// Case is one hostile input of the batch that scripts/hostile.sh and
// TestHostileBatch audit: files built to exhaust memory or time, damaged
// and unusual files, and things that are not files at all.
type Case struct {
	Class string // what it tries (huge-html-table, docx-bomb, …)
	// Name is the file (or folder) name written in the folder.
	Name string
	// Arg is false for entries that are only reached by walking the folder
	// (a link loop) rather than named on the command line.
	Arg  bool
	make func(path string, scale int) error
}

// Cases are every hostile input of the batch. Their sizes grow with
// scale: 1 is the size of the test in `make test` (a 2 MB table, a DOCX
// that inflates to 10 MB, half a megabyte of prose, 500 pages); 10 gives
// the sizes (a 20 MB table, a DOCX that inflates to 100 MB, 5 MB
// of prose, 5,000 pages, a PDF stream inflating to 512 MB).
func Cases() []Case {
	cases := []Case{
		{"huge-html-table", "huge-table.html", true, sized(func(s int) []byte { return HTMLTable(s * 2 << 20) })},
		{"deep-html", "deep-nesting.html", true, sized(func(s int) []byte { return HTMLNested(s * 100000) })},
		{"docx-bomb", "bomb.docx", true, sized(func(s int) []byte { return DOCXBomb(s * 10 << 20) })},
		{"long-prose", "long-prose.txt", true, sized(longProse)},
		{"long-line", "one-line.txt", true, sized(func(s int) []byte { return []byte(strings.Repeat("一二三四五六七八九十", s*(1<<20)/30)) })},
		{"tab-table", "tab-table.txt", true, sized(func(s int) []byte { return TabTable(2000*s, 2000) })},
		{"rtf-big-table", "big-table.rtf", true, sized(func(s int) []byte { return RTFTable(300*s, 2000) })},
		{"utf16-text", "utf16.txt", true, fixed(utf16Text())},
		{"stray-byte-utf8", "stray-byte.txt", true, fixed([]byte(reportHead + "本年度未收到政府信息公开申请。\xff\n二、主动公开政府信息情况\n"))},
		{"nul-bytes", "nul.txt", true, fixed([]byte(reportHead + strings.Repeat("\x00", 4096) + "本年度\x00未收到申请。\n"))},
		{"pdf-damaged-flate", "damaged-flate.pdf", true, fixed(PDFDamagedFlate())},
		{"pdf-shifted-xref", "shifted-xref.pdf", true, fixed(PDFShiftedXref(64))},
		{"pdf-no-xref", "no-xref.pdf", true, fixed(PDFNoXref())},
		{"pdf-rc4-40", "rc4-40.pdf", true, fixed(PDFEncrypted("rc4-40"))},
		{"pdf-aes-256", "aes-256.pdf", true, fixed(PDFEncrypted("aes-256"))},
		{"pdf-user-password", "password.pdf", true, fixed(PDFEncrypted("rc4-40-password"))},
		{"pdf-truncated", "truncated.pdf", true, fixed(truncated(PDFPages(3)))},
		{"pdf-flate-bomb", "flate-bomb.pdf", true, sized(func(s int) []byte { return PDFFlateBomb(s * 51 << 20) })},
		{"pdf-many-pages", "many-pages.pdf", true, sized(func(s int) []byte { return PDFPages(500 * s) })},
		{"pdf-contents-cycle", "contents-cycle.pdf", true, fixed(PDFContentsCycle())},
		{"pdf-deep-page-tree", "deep-page-tree.pdf", true, fixed(PDFDeepTree(1000))},
		{"pdf-deep-content", "deep-content.pdf", true, sized(func(s int) []byte { return PDFDeepContent(s * 1000000) })},
		{"pdf-deep-object", "deep-object.pdf", true, sized(func(s int) []byte { return PDFDeepObject(s * 1000000) })},
		{"pdf-objstm-many-pages", "objstm-many-pages.pdf", true, sized(func(s int) []byte { return PDFPagesObjStm(500 * s) })},
		{"pdf-objstm-in-itself", "objstm-in-itself.pdf", true, fixed(PDFObjStmLoop("self", "catalog"))},
		{"pdf-objstm-in-each-other", "objstm-in-each-other.pdf", true, fixed(PDFObjStmLoop("other", "catalog"))},
		{"pdf-objstm-extends-itself", "objstm-extends-itself.pdf", true, fixed(PDFObjStmLoop("extends", "catalog"))},
		{"pdf-objstm-font-in-itself", "objstm-font-in-itself.pdf", true, fixed(PDFObjStmLoop("self", "font"))},
		{"pdf-objstm-font-in-each-other", "objstm-font-in-each-other.pdf", true, fixed(PDFObjStmLoop("other", "font"))},
		{"pdf-predictor-columns", "predictor-columns.pdf", true, fixed(PDFPredictorColumns())},
		{"pdf-xref-stream-no-width", "xref-stream-no-width.pdf", true, fixed(PDFXrefStreamNoWidth())},
		{"pdf-filter-chain", "filter-chain.pdf", true, fixed(PDFFilterChain(100000))},
		{"pdf-long-length", "long-length.pdf", true, fixed(PDFLongLength(50))},
		{"pdf-form-drawn-often", "form-drawn-often.pdf", true, fixed(PDFFormRepeat(29000))},
		{"pdf-form-many-names", "form-many-names.pdf", true, fixed(PDFFormNames(1000))},
		{"pdf-rebuild-obj-words", "rebuild-obj-words.pdf", true, sized(func(s int) []byte { return PDFObjWords(s << 20) })},
		{"pdf-many-picture-pieces", "many-picture-pieces.pdf", true, fixed(PDFManyPieces(100))},
		{"pdf-xref-huge-subsection", "xref-huge-subsection.pdf", true, fixed(PDFXrefHugeSubsection())},
		{"pdf-xref-far-object", "xref-far-object.pdf", true, func(p string, _ int) error { return os.WriteFile(p, PDFXrefFarObject(10<<20), 0o644) }},
		{"pdf-xref-prev-loop", "xref-prev-loop.pdf", true, fixed(PDFXrefPrevLoop(false))},
		{"pdf-xref-stream-prev-loop", "xref-stream-prev-loop.pdf", true, fixed(PDFXrefPrevLoop(true))},
		{"pdf-objstm-font-extends-itself", "objstm-font-extends-itself.pdf", true, fixed(PDFObjStmLoop("extends", "font"))},
		{"docx-deep-tables", "deep-tables.docx", true, sized(func(s int) []byte { return DOCXDeepTables(s * 100000) })},
		{"docx-merged-column", "merged-column.docx", true, sized(func(s int) []byte { return DOCXMergedColumn(40000 * s) })},
		{"rtf-merged-column", "merged-column.rtf", true, sized(func(s int) []byte { return RTFMergedColumn(20000 * s) })},
		{"docx-truncated", "truncated.docx", true, fixed(truncated(DOCX(strings.Split(strings.Repeat(sentence+"\n", 200), "\n")...)))},
		{"docx-not-zip", "not-zip.docx", true, fixed([]byte("PK\x03\x04 this is not a zip archive"))},
		{"html-truncated", "truncated.html", true, fixed([]byte("<html><head><title>某县2023年政府信息公开工作年度报告</title></head><body><table><tr><td>一、总体情况<td>"))},
		{"binary-junk", "junk.pdf", true, sized(junk)},
		{"empty", "empty.txt", true, fixed(nil)},
		{"formula-name", "=HYPERLINK(1).txt", true, fixed([]byte(reportHead + "本年度未收到政府信息公开申请。\n"))},
		{"fifo", "pipe.txt", true, func(p string, _ int) error { return syscall.Mkfifo(p, 0o644) }},
		{"directory-named-pdf", "folder.pdf", true, func(p string, _ int) error { return os.Mkdir(p, 0o755) }},
		{"symlink-loop", "loop", true, linkLoop},
		{"docx-same-picture", "same-picture.docx", true, sized(func(int) []byte { return DOCXSamePicture(64, 20<<20-1) })},
		{"html-same-picture-file", "same-picture.html", true, htmlSameFile},
		{"png-16bit-40mpx", "huge-16bit.png", true, sized(func(int) []byte { return BigPNG(5000, 8000) })},
		{"docx-nested-table-rows", "nested-table-rows.docx", true, sized(func(s int) []byte { return DOCXNestedTableRows(50000 * s) })},
		{"docx-long-run", "long-run.docx", true, sized(func(s int) []byte { return DOCXLongRun(s * 64 << 20) })},
		{"docx-many-rels", "many-rels.docx", true, sized(func(s int) []byte { return DOCXManyRels(s * 64 << 20) })},
		{"docx-huge-core", "huge-core.docx", true, sized(func(s int) []byte { return DOCXHugeCore(s * 64 << 20) })},
		{"docx-many-entries", "many-entries.docx", true, sized(func(s int) []byte { return DOCXManyEntries(s * 100_000) })},
		{"rtf-open-row", "open-row.rtf", true, sized(func(s int) []byte { return RTFOpenRow(4_000_000 * s) })},
		{"rtf-cell-paragraphs", "cell-paragraphs.rtf", true, sized(func(s int) []byte { return RTFCellParagraphs(2_000_000 * s) })},
		{"rtf-font-table", "font-table.rtf", true, sized(func(s int) []byte { return RTFFontTable(1_000_000 * s) })},
		{"rtf-title", "title.rtf", true, sized(func(s int) []byte { return RTFTitle(s * 32 << 20) })},
		{"rtf-long-paragraph", "long-paragraph.rtf", true, sized(func(s int) []byte { return RTFLongParagraph(s * 32 << 20) })},
		{"rtf-many-cellx", "many-cellx.rtf", true, sized(func(s int) []byte { return RTFManyCellx(2_000_000 * s) })},
		{"text-only-cr", "only-cr.txt", true, sized(func(s int) []byte { return TextOnlyCR(s * 64 << 20) })},
		{"text-many-lines", "many-lines.txt", true, sized(func(s int) []byte { return TextManyLines(1_300_000 * s) })},
		{"html-huge-attribute", "huge-attribute.html", true, sized(func(s int) []byte { return HTMLHugeToken("attribute", s*64<<20) })},
		{"html-comment-never-closed", "comment-never-closed.html", true, sized(func(s int) []byte { return HTMLHugeToken("comment", s*64<<20) })},
		{"html-huge-script", "huge-script.html", true, sized(func(s int) []byte { return HTMLHugeToken("script", s*64<<20) })},
		{"html-iso-2022-jp-run", "iso-2022-jp-run.html", true, sized(func(s int) []byte { return HTMLHugeToken("iso-2022-jp", s*64<<20) })},
		{"mhtml-big-pictures", "big-pictures.mht", true, sized(func(s int) []byte { return MHTMLBigPictures(8, s*8<<20) })},
		{"mhtml-many-parts", "many-parts.mht", true, sized(func(s int) []byte { return MHTMLManyParts(s * 1_000_000) })},
		{"mhtml-huge-page", "huge-page.mht", true, sized(func(s int) []byte { return MHTMLHugePage(s * 64 << 20) })},
	}
	// every PDF filter (LZW, ASCIIHex, ASCII85, RunLength, predictors, a chain)
	for _, f := range Filters {
		name := strings.ToLower(strings.ReplaceAll(f, "+", "-"))
		cases = append(cases, Case{"pdf-filter-" + name, "filter-" + name + ".pdf", true, fixed(PDFFilter(f))})
	}
	return cases
}

// WriteCorpus makes every case in dir at the given scale and returns the
// command-line arguments that name them (the cases with Arg, in order).
func WriteCorpus(dir string, scale int) ([]string, error) {
	scale = max(scale, 1)
	var args []string
	for _, c := range Cases() {
		p := filepath.Join(dir, c.Name)
		if err := c.make(p, scale); err != nil {
			return nil, fmt.Errorf("%s: %w", c.Class, err)
		}
		if c.Arg {
			args = append(args, p)
		}
	}
	return args, nil
}

func fixed(b []byte) func(string, int) error {
	return func(p string, _ int) error { return os.WriteFile(p, b, 0o644) }
}

func sized(f func(scale int) []byte) func(string, int) error {
	return func(p string, scale int) error { return os.WriteFile(p, f(scale), 0o644) }
}

// truncated is the first two thirds of a file, as a broken download.
func truncated(b []byte) []byte { return b[:len(b)*2/3] }

const reportHead = "某县2023年政府信息公开工作年度报告\n一、总体情况\n"

// sentence is ordinary report prose with the words recognition searches
// for (其中, 未, 共…件).
const sentence = "本机关坚持以公开为常态、不公开为例外，全年共收到申请12件，其中网络申请8件、信函申请4件，未发生行政复议案件。"

// longProse is half a megabyte of ordinary sentences per scale step on one
// page (the enumeration and negation searches' worst case).
func longProse(scale int) []byte {
	var b strings.Builder
	b.WriteString(reportHead)
	for b.Len() < scale*(1<<20)/2 {
		b.WriteString(sentence)
	}
	return []byte(b.String())
}

// utf16Text is a short report saved as Notepad's "Unicode": UTF-16 LE with
// a byte-order mark.
func utf16Text() []byte {
	var b bytes.Buffer
	b.Write([]byte{0xFF, 0xFE})
	for _, u := range utf16.Encode([]rune(reportHead + "本年度未收到政府信息公开申请。\n")) {
		binary.Write(&b, binary.LittleEndian, u)
	}
	return b.Bytes()
}

// junk is a megabyte per scale step of pseudo-random bytes behind a PDF
// header.
func junk(scale int) []byte {
	b := make([]byte, scale<<20)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	copy(b, "%PDF-1.7\n")
	return b
}

// linkLoop is a folder with a report and a link back to itself.
func linkLoop(p string, _ int) error {
	if err := os.Mkdir(p, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(p, "in-loop.txt"), []byte(reportHead+"本年度未收到政府信息公开申请。\n"), 0o644); err != nil {
		return err
	}
	return os.Symlink(".", filepath.Join(p, "again"))
}

// htmlSameFile is a page that shows the 20 MB picture file beside it 64
// times.
func htmlSameFile(p string, _ int) error {
	pic := strings.TrimSuffix(filepath.Base(p), ".html") + ".png"
	if err := os.WriteFile(filepath.Join(filepath.Dir(p), pic), paddedPNG(20<<20), 0o644); err != nil {
		return err
	}
	return os.WriteFile(p, HTMLSameFile(64, pic), 0o644)
}
