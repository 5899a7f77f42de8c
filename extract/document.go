// Package extract defines the format-neutral document model that every
// extraction backend (PDF, HTML, DOCX, plain text) produces, and Normalize.
// Package extract/load picks the backend for a file.
//
// A Document is a sequence of blocks in reading order. A block is either one
// line of text or one table. Tables are grids of cells with row and column
// spans; a cell that spans several grid positions is stored once, at its
// top-left position. Page numbers are 1-based; formats without pages put
// everything on page 1. Boxes are in PDF points with the origin at the top left
// of the page (y grows downwards); they are zero when the format has no
// geometry.
package extract

import (
	"fmt"
	"image"
	"slices"
	"strconv"
	"strings"
)

// Format names the kind of source a Document came from.
type Format string

// The formats nianbao reads.
const (
	FormatPDF      Format = "pdf"
	FormatHTML     Format = "html"
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
	FormatDOCX     Format = "docx"
	FormatImage    Format = "image" // a standalone picture, read by OCR
)

// Document is what an extraction backend returns.
type Document struct {
	Path   string // as given by the user
	Format Format
	SHA256 string // hex digest of the source bytes
	Pages  int    // number of pages; 1 for formats without pages
	// Paged is true when page numbers mean printed pages (PDF, scans);
	// formats without pages (HTML, DOCX, text) put everything on page 1.
	Paged  bool
	Meta   Meta
	Blocks []Block // in reading order
	// Problems are extraction problems that did not stop extraction
	// (a broken page, a scanned page, an undecodable font).
	Problems []Problem
	// Images are pictures that may hold report text or tables (scanned
	// pages, tables published as pictures, standalone image files). The
	// backend records them; the OCR stage (extract/ocr, run by extract/load)
	// reads them into Blocks when an OCR engine is installed and then
	// clears the list.
	Images []Image
}

// Image is a picture recorded by a backend for the OCR stage.
type Image struct {
	Page int // 1-based page the picture is on
	// At is the index in Document.Blocks before which the picture's blocks
	// belong (len(Blocks) for the end).
	At int
	// Data is the encoded picture (PNG, JPEG or GIF) when Pix is nil.
	Data []byte
	// Pix is the decoded picture (PDF images stored as raw pixels).
	Pix image.Image
	// Name says where the picture came from, for messages (a file name,
	// an <img> src, a word/media part, "XObject Im1").
	Name string
	// Section is the template part (2, 3 or 4) the picture sits under,
	// when the backend knows it; 0 otherwise.
	Section int
	// WholePage is set when the picture is a scanned page: its prose is
	// read as well as its tables. Otherwise only what looks like a table
	// or text lines is taken.
	WholePage bool
	// Box is where the picture sits on its page in points (zero when the
	// format has no geometry).
	Box Box
}

// Meta is publication metadata stated by the source outside the report body
// (HTML <meta> tags, a CMS info table, PDF document information).
type Meta struct {
	Title     string
	Issuer    string
	Published string // YYYY-MM-DD, empty when not stated
	// PublishedFrom says where Published came from: "meta", "page", "pdf-info".
	PublishedFrom string
}

// BlockKind tells a text block from a table block.
type BlockKind int

// Block kinds.
const (
	BlockText BlockKind = iota
	BlockTable
)

// Block is one line of text or one table.
type Block struct {
	Kind  BlockKind
	Page  int // 1-based page where the block starts
	Box   Box
	Text  string // BlockText: the line, normalised (see Normalize)
	Table *Table // BlockTable
	// OCR is set when the text was read from a picture by OCR.
	OCR *OCR
}

// SourceOCR is the source recorded for text read from pictures.
const SourceOCR = "ocr"

// OCRHighConfidence is the engine confidence from which an OCR reading
// counts as sure; a number read with less is uncertain.
const OCRHighConfidence = 0.5

// OCR says how a text span or a cell was read from a picture.
type OCR struct {
	// Confidence is the engine's confidence in the reading, 0…1 (the
	// lowest word confidence of the span).
	Confidence float64
	// Agreed is set when a second, independent reading (another
	// binarisation and scale) gave the same text.
	Agreed bool
}

// Box is a rectangle in points, origin top left, y downwards.
type Box struct {
	X0, Y0, X1, Y1 float64
}

// Table is a grid of cells. Cells holds each cell once, at its top-left grid
// position; Grid expands spans.
type Table struct {
	Page     int // first page
	LastPage int // last page (tables stitched across page breaks)
	Rows     int
	Cols     int
	Cells    []Cell
	Box      Box // on the first page
}

// Cell is one cell of a table.
type Cell struct {
	Row, Col         int // top-left grid position, 0-based
	RowSpan, ColSpan int // at least 1
	Text             string
	Page             int
	Box              Box
	// OCR is set when the cell was read from a picture by OCR.
	OCR *OCR
}

// Grid returns a Rows×Cols matrix where every position covered by a cell
// holds the index of that cell in t.Cells, and uncovered positions hold -1.
func (t *Table) Grid() [][]int {
	g := make([][]int, t.Rows)
	for r := range g {
		g[r] = make([]int, t.Cols)
		for c := range g[r] {
			g[r][c] = -1
		}
	}
	for i, c := range t.Cells {
		rs, cs := max(c.RowSpan, 1), max(c.ColSpan, 1)
		for r := c.Row; r < c.Row+rs && r < t.Rows; r++ {
			for k := c.Col; k < c.Col+cs && k < t.Cols; k++ {
				if r >= 0 && k >= 0 {
					g[r][k] = i
				}
			}
		}
	}
	return g
}

// Problem is an extraction problem. Code is a stable ASCII identifier;
// Message is Chinese, for people.
type Problem struct {
	Code    string
	Message string
	Page    int // 0 when the problem is not about one page
}

// Text is the problem for people: its message (its code when it has
// none), with its page in front (第3页：…) when it is about one page of a
// paged document and the message does not name that page already.
func (p Problem) Text(paged bool) string {
	s := strings.TrimSpace(p.Message)
	if s == "" {
		s = p.Code
	}
	if paged && p.Page > 0 && !strings.Contains(s, fmt.Sprintf("第%d页", p.Page)) {
		s = fmt.Sprintf("第%d页：%s", p.Page, s)
	}
	return s
}

// Summarize lists problems for people: each text once, and the problems
// that say the same of several pages as one line naming the pages
// ("第1至200页：字体SimSun有字符无法解码为文字", not two hundred lines), in the
// order they first appear. paged is as for Text.
func Summarize(probs []Problem, paged bool) []string {
	type group struct {
		text  string // with placeholder where the page was named, or the text itself
		pages []int
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, p := range probs {
		s := p.Text(paged)
		key, page := s, 0
		if name := fmt.Sprintf("第%d页", p.Page); p.Page > 0 && strings.Contains(s, name) {
			key, page = strings.Replace(s, name, "\x00", 1), p.Page
		}
		g := byKey[key]
		if g == nil {
			g = &group{text: key}
			byKey[key] = g
			groups = append(groups, g)
		}
		if page > 0 && !slices.Contains(g.pages, page) {
			g.pages = append(g.pages, page)
		}
	}
	out := make([]string, len(groups))
	for i, g := range groups {
		out[i] = strings.Replace(g.text, "\x00", pageRanges(g.pages), 1)
	}
	return out
}

// pageRanges names pages as 第1页, 第1、3页, 第1至200页, 第1、4至6页.
func pageRanges(pages []int) string {
	slices.Sort(pages)
	var parts []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		switch {
		case j == i:
			parts = append(parts, strconv.Itoa(pages[i]))
		case j == i+1:
			parts = append(parts, strconv.Itoa(pages[i]), strconv.Itoa(pages[j]))
		default:
			parts = append(parts, strconv.Itoa(pages[i])+"至"+strconv.Itoa(pages[j]))
		}
		i = j + 1
	}
	return "第" + strings.Join(parts, "、") + "页"
}

// Problem codes.
const (
	ProblemScanned     = "scanned_page" // a page with no text and a large image
	ProblemPage        = "page_error"   // a page could not be interpreted
	ProblemEncrypted   = "encrypted"    // the file is encrypted and could not be opened
	ProblemCorrupt     = "corrupt"      // the file is damaged or truncated
	ProblemUnsupported = "unsupported"  // a format or feature nianbao does not read
	ProblemEmpty       = "empty"        // the file has no text at all
	ProblemCharset     = "charset"      // the text encoding could not be determined
	ProblemFont        = "font"         // a font could not be decoded; some text may be missing
	ProblemRepaired    = "repaired"     // the file was damaged and read after repair (rebuilt cross-reference table)
	ProblemBudget      = "budget"       // the document passed its memory budget and was cut from there
	ProblemCanceled    = "canceled"     // extraction stopped on cancel or time-out; the rest is missing
	ProblemOCR         = "ocr_page"     // a picture was read by OCR: its text may hold misreadings
	ProblemNoOCR       = "ocr_missing"  // pictures hold text but no OCR engine is installed
	// ProblemPicture: pictures where the report's tables go could not be
	// read (not in the file, not beside the page, too large): what they
	// hold is missing, so nothing found absent is held against the report.
	ProblemPicture = "picture_unread"
)
