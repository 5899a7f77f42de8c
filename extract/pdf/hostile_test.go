package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/internal/hostile"
	"github.com/nianbao/nianbao/internal/testutil"
)

// pageTexts extracts data and returns each page's lines joined by "|".
func pageTexts(t *testing.T, data []byte) ([]string, []extract.Problem) {
	t.Helper()
	doc, err := Extract(context.Background(), "hostile.pdf", data)
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	out := make([]string, doc.Pages)
	for _, b := range doc.Blocks {
		if b.Page < 1 || b.Page > doc.Pages {
			continue
		}
		line := b.Text
		if b.Kind == extract.BlockTable {
			var cells []string
			for _, c := range b.Table.Cells {
				cells = append(cells, c.Text)
			}
			line = "table:" + strings.Join(cells, ",")
		}
		if out[b.Page-1] != "" {
			out[b.Page-1] += "|"
		}
		out[b.Page-1] += line
	}
	return out, doc.Problems
}

func wantPage(n int) string { return strings.Join(hostile.PageText(n), "|") }

func TestHostileFilters(t *testing.T) {
	for _, f := range hostile.Filters {
		t.Run(f, func(t *testing.T) {
			pages, problems := pageTexts(t, hostile.PDFFilter(f))
			if len(pages) != 1 || !strings.HasPrefix(pages[0], wantPage(1)) || !strings.Contains(pages[0], "Filler line 44: "+strings.Repeat("s", 64)) {
				t.Errorf("text %q", pages)
			}
			if len(problems) != 0 {
				t.Errorf("problems %v", problems)
			}
		})
	}
}

func TestHostileDamagedFlate(t *testing.T) {
	pages, problems := pageTexts(t, hostile.PDFDamagedFlate())
	if len(pages) != 3 || pages[0] != wantPage(1) || pages[2] != wantPage(3) {
		t.Fatalf("pages %q", pages)
	}
	// page 2 lost its tail: what was decoded is kept, and the page says so
	if !strings.HasPrefix(wantPage(2), strings.Split(pages[1], "|")[0]) {
		t.Errorf("page 2 %q", pages[1])
	}
	var onPage2 bool
	for _, p := range problems {
		if p.Page != 2 || p.Code != extract.ProblemPage {
			t.Errorf("unexpected problem %+v", p)
		}
		onPage2 = onPage2 || p.Page == 2
	}
	if !onPage2 {
		t.Errorf("no problem on page 2: %v", problems)
	}
}

func TestHostileXref(t *testing.T) {
	for name, data := range map[string][]byte{
		"shift+37":  hostile.PDFShiftedXref(37),
		"shift-11":  hostile.PDFShiftedXref(-11),
		"no xref":   hostile.PDFNoXref(),
		"junk head": append([]byte("HTTP junk\r\n"), hostile.PDFShiftedXref(0)...),
	} {
		t.Run(name, func(t *testing.T) {
			pages, problems := pageTexts(t, data)
			if len(pages) != 2 || pages[0] != wantPage(1) || pages[1] != wantPage(2) {
				t.Errorf("pages %q", pages)
			}
			repaired := false
			for _, p := range problems {
				repaired = repaired || p.Code == extract.ProblemRepaired
			}
			if repaired != (name != "junk head") {
				t.Errorf("problems %v", problems)
			}
		})
	}
}

func TestHostileEncrypted(t *testing.T) {
	for _, kind := range []string{"rc4-40", "aes-256"} {
		t.Run(kind, func(t *testing.T) {
			data := hostile.PDFEncrypted(kind)
			if bytes.Contains(data, []byte("quick brown")) {
				t.Fatal("generator did not encrypt")
			}
			pages, problems := pageTexts(t, data)
			if len(pages) != 2 || pages[0] != wantPage(1) || pages[1] != wantPage(2) || len(problems) != 0 {
				t.Errorf("pages %q problems %v", pages, problems)
			}
		})
	}
}

// TestHostileNesting: structures nested or cyclic beyond reason are read
// around or refused with their reason, quickly and in little memory.
func TestHostileNesting(t *testing.T) {
	for name, data := range map[string][]byte{
		"contents cycle": hostile.PDFContentsCycle(),
		"deep content":   hostile.PDFDeepContent(1_000_000),
	} {
		t.Run(name, func(t *testing.T) {
			pages, _ := pageTexts(t, data)
			if len(pages) != 1 || pages[0] != wantPage(1) {
				t.Errorf("pages %q", pages)
			}
		})
	}
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"deep tree":   {hostile.PDFDeepTree(1000), "页面树超过64层"},
		"deep object": {hostile.PDFDeepObject(1_000_000), "页面树无法读取"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Extract(context.Background(), "hostile.pdf", c.data)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

func TestHostilePages(t *testing.T) {
	pages, problems := pageTexts(t, hostile.PDFPages(30))
	if len(pages) != 30 || len(problems) != 0 {
		t.Fatalf("%d pages, problems %v", len(pages), problems)
	}
	// the first two lines repeat on every page: page furniture, dropped
	for i, p := range pages {
		if !strings.Contains(p, hostile.PageText(i + 1)[2]) || !strings.Contains(p, "R2C3 "+strconv.Itoa(6*(i+1))+",") {
			t.Errorf("page %d: %q", i+1, p)
		}
	}
}

// A document past its budget is cut at a page, and says from which.
func TestBudgetCutsPages(t *testing.T) {
	b := extract.NewBudget(1 << 20)
	doc, err := Extract(extract.WithBudget(context.Background(), b), "pages.pdf", hostile.PDFPages(400))
	if err != nil {
		t.Fatal(err)
	}
	var cut *extract.Problem
	for i, p := range doc.Problems {
		if p.Code == extract.ProblemBudget {
			cut = &doc.Problems[i]
		}
	}
	if cut == nil || cut.Page < 2 || cut.Page > 400 || !strings.Contains(cut.Message, "第"+strconv.Itoa(cut.Page)+"页起") {
		t.Fatalf("problems %v", doc.Problems)
	}
	last := doc.Blocks[len(doc.Blocks)-1].Page
	if last >= cut.Page || b.Peak() > 1<<20 {
		t.Errorf("last block on page %d, cut at %d, peak %d", last, cut.Page, b.Peak())
	}
}

// Every page is laid out as it is interpreted: the blocks equal those of
// interpreting all pages first and laying them out together.
func TestStreamedLayoutEqualsWhole(t *testing.T) {
	data := hostile.PDFPages(12)
	doc, err := Extract(context.Background(), "p.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	pages, _, _, err := Pages(bytes.NewReader(data), int64(len(data)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	whole, _ := buildBlocks(pages)
	if !reflect.DeepEqual(whole, doc.Blocks) {
		t.Errorf("streamed layout differs:\n%v\n%v", doc.Blocks, whole)
	}
}

// A cancelled context stops extraction between pages and inside a page of
// many operators, with the context's error.
func TestCancelStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extract(ctx, "p.pdf", hostile.PDFPages(5)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before: %v", err)
	}
	// one page with 200,000 operators, cancelled while it is interpreted
	var b bytes.Buffer
	for i := range 200000 {
		fmt.Fprintf(&b, "%d 0 m %d 10 l S\n", i%500, i%500)
	}
	data := hostile.PDFContent(b.Bytes())
	ctx2, cancel2 := context.WithCancel(context.Background())
	doc := newDocState()
	doc.ctx = ctx2
	cancel2()
	in := newInterp(doc, &layout.PageGeom{}, identity)
	if err := in.run(b.Bytes(), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("inside a page: %v", err)
	}
	if _, err := Extract(context.Background(), "big.pdf", data); err != nil {
		t.Errorf("uncancelled: %v", err)
	}
}

// A file written with object streams and a cross-reference stream (Word,
// WPS, qpdf) reads as the same file written plainly.
func TestObjStmPagesEqualClassic(t *testing.T) {
	want, _ := pageTexts(t, hostile.PDFPages(30))
	got, problems := pageTexts(t, hostile.PDFPagesObjStm(30))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with object streams\n%q\nwithout\n%q", got, want)
	}
	if len(problems) != 0 {
		t.Errorf("problems %v", problems)
	}
}

// An object stream listed inside itself, two listed inside each other, or
// one that /Extends itself are an error for the file (when the catalog is
// in it) or for the pages (when their font is), not a crash (the stack
// overflowed) or an endless loop.
func TestHostileObjStmLoop(t *testing.T) {
	for _, kind := range []string{"self", "other", "extends"} {
		t.Run(kind+"/catalog", func(t *testing.T) {
			_, err := Extract(context.Background(), "loop.pdf", hostile.PDFObjStmLoop(kind, "catalog"))
			if err == nil || !strings.Contains(err.Error(), "页面树无法读取") {
				t.Errorf("error %v, want the page tree unreadable", err)
			}
		})
		t.Run(kind+"/font", func(t *testing.T) {
			pages, problems := pageTexts(t, hostile.PDFObjStmLoop(kind, "font"))
			if len(pages) == 0 || len(problems) == 0 {
				t.Errorf("pages %q, problems %v", pages, problems)
			}
		})
	}
}

// A cross-reference section that names itself as the one before it
// (/Prev) is read once: the file reads as without the loop (before, the
// chain was followed until the read budget refused the whole file).
func TestHostileXrefPrevLoop(t *testing.T) {
	want, _ := pageTexts(t, hostile.PDFPages(3))
	for _, objStm := range []bool{false, true} {
		got, problems := pageTexts(t, hostile.PDFXrefPrevLoop(objStm))
		if !reflect.DeepEqual(got, want) || len(problems) != 0 {
			t.Errorf("object streams %v: pages %q, problems %v", objStm, got, problems)
		}
	}
}

// A cross-reference subsection for object 1,500,000,000 in a small file is
// left out: the file reads as without it (before, the table's allocation
// failed and ended the process).
func TestHostileXrefHugeSubsection(t *testing.T) {
	want, _ := pageTexts(t, hostile.PDFPages(3))
	got, problems := pageTexts(t, hostile.PDFXrefHugeSubsection())
	if !reflect.DeepEqual(got, want) || len(problems) != 0 {
		t.Errorf("pages %q, problems %v", got, problems)
	}
}

// A 10 MB file whose cross-reference table names object 5,242,880 reads as
// without that entry, and its table stays small (lpdf.MaxObjects: before,
// the entry was within the bound of one object per byte and the table took
// 168 MB).
func TestHostileXrefFarObject(t *testing.T) {
	want, _ := pageTexts(t, hostile.PDFPages(3))
	data := hostile.PDFXrefFarObject(10 << 20)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got, problems := pageTexts(t, data)
	runtime.ReadMemStats(&after)
	if !reflect.DeepEqual(got, want) || len(problems) != 0 {
		t.Errorf("pages %q, problems %v", got, problems)
	}
	if a := after.TotalAlloc - before.TotalAlloc; a > 64<<20 {
		t.Errorf("reading a %d MB file allocated %d MB", (len(data)+1<<19)>>20, a>>20)
	}
}

// A content stream whose predictor names 100,000,000,000 columns is a page
// that could not be read; the next page is read (before, the predictor's
// row buffers were allocated and the failure ended the process).
func TestHostilePredictorColumns(t *testing.T) {
	pages, problems := pageTexts(t, hostile.PDFPredictorColumns())
	if len(pages) != 2 || pages[1] != wantPage(2) {
		t.Errorf("pages %q", pages)
	}
	if len(problems) != 1 || problems[0].Page != 1 || problems[0].Code != extract.ProblemPage {
		t.Errorf("problems %v", problems)
	}
}

// A cross-reference stream whose entries have no bytes (/W [0 0 0]) and
// number 10^18 is refused and the file rebuilt (before: read for ever).
func TestHostileXrefStreamNoWidth(t *testing.T) {
	_, problems, _, err := Pages(bytes.NewReader(hostile.PDFXrefStreamNoWidth()), int64(len(hostile.PDFXrefStreamNoWidth())), Options{})
	if err == nil && !slices.ContainsFunc(problems, func(p extract.Problem) bool { return p.Code == extract.ProblemRepaired }) {
		t.Errorf("no error and not repaired: %v", problems)
	}
}

// A content stream of 100,000 chained filters is a page not read, with a
// message; the next page is read (before: a reader per filter was made
// first, 10 GB).
func TestHostileFilterChain(t *testing.T) {
	pages, problems := pageTexts(t, hostile.PDFFilterChain(100000))
	if len(pages) != 2 || pages[1] != wantPage(2) {
		t.Errorf("pages %q", pages)
	}
	if len(problems) != 1 || problems[0].Page != 1 || !strings.Contains(problems[0].Message, "/Filter") {
		t.Errorf("problems %v", problems)
	}
}

// Content streams that declare 256 MB in a file of a few kilobytes are
// read as far as the file goes: every page's text is there (before: 256 MB
// and an output buffer of 64 MB per page).
func TestHostileLongLength(t *testing.T) {
	want, _ := pageTexts(t, hostile.PDFPages(5))
	if got, _ := pageTexts(t, hostile.PDFLongLength(5)); !reflect.DeepEqual(got, want) {
		t.Errorf("pages\n%q\nwant\n%q", got, want)
	}
}

// A 40 MB form drawn 29,000 times, or under 1,000 names, runs out of the
// page's operator budget (the form counted by its size) and keeps one copy:
// a page error, within seconds (before: ten minutes past any time-out, or
// 32 GB kept per name).
func TestHostileForms(t *testing.T) {
	for name, data := range map[string][]byte{"drawn often": hostile.PDFFormRepeat(29000), "many names": hostile.PDFFormNames(1000)} {
		t.Run(name, func(t *testing.T) {
			pages, problems := pageTexts(t, data)
			if len(pages) != 1 || len(problems) == 0 || problems[0].Code != extract.ProblemPage {
				t.Errorf("pages %q, problems %v", pages, problems)
			}
		})
	}
}

// Rebuilding the cross-reference table by scanning costs about linearly in
// the file's size, even when "obj" is at every fourth byte (before: each hit
// looked for the next "trailer" to the end of the megabyte again).
func TestRebuildScanScaling(t *testing.T) {
	// within one megabyte, the unit the scan reads (8 KB to 800 KB), each
	// file read 20 times to be measurable
	testutil.Linear(t, "rebuild", func(k int) func() {
		data := hostile.PDFObjWords(8 << 10 * k)
		return func() {
			for range 20 {
				Pages(bytes.NewReader(data), int64(len(data)), Options{})
			}
		}
	})
}
