package load

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/hostile"
	"github.com/nianbao/nianbao/internal/testutil"
)

// Whole-file fuzz targets: each gives a document of one format to Bytes,
// as nianbao would read it from disk, under a small memory budget and a
// time-out. Bytes must never panic (it recovers backend panics, which the
// fuzzer would not see, so they are failures here), must return a
// document or an error, and a document's tables must be well formed.
// Crashers are kept in testdata/fuzz/<target> and run by `go test`.

func fuzzBytes(t *testing.T, name string, data []byte) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	ctx = extract.WithBudget(ctx, extract.NewBudget(64<<20))
	doc, err := Bytes(ctx, name, data)
	if err != nil {
		if doc != nil {
			t.Fatal("document with an error")
		}
		return
	}
	for _, b := range doc.Blocks {
		if b.Kind != extract.BlockTable {
			continue
		}
		if b.Table == nil {
			t.Fatal("table block without table")
		}
		tb := b.Table
		for _, c := range tb.Cells {
			if c.Row < 0 || c.Col < 0 || c.Row >= tb.Rows || c.Col >= tb.Cols || c.RowSpan < 1 || c.ColSpan < 1 {
				t.Fatalf("cell %+v outside a %dx%d table", c, tb.Rows, tb.Cols)
			}
		}
	}
}

// noPanic fails on a recovered backend panic: Bytes turns it into an
// error saying 解析时内部错误.
func noPanic(t *testing.T, name string, data []byte) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	ctx = extract.WithBudget(ctx, extract.NewBudget(64<<20))
	backend, err := Sniff(name, data)
	if err != nil {
		return
	}
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("panic: %v", p)
		}
	}()
	backend.Extract(ctx, name, data)
}

func addFiles(f *testing.F, pattern string, limit int) {
	files, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(f), pattern))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil && len(data) <= limit {
			f.Add(data)
		}
	}
}

func FuzzPDF(f *testing.F) {
	for _, fl := range hostile.Filters {
		f.Add(hostile.PDFFilter(fl))
	}
	f.Add(hostile.PDFDamagedFlate())
	f.Add(hostile.PDFShiftedXref(29))
	f.Add(hostile.PDFNoXref())
	f.Add(hostile.PDFEncrypted("rc4-40"))
	f.Add(hostile.PDFEncrypted("aes-256"))
	f.Add(hostile.PDFPages(3))
	f.Add(hostile.PDFPagesObjStm(3))
	f.Add(hostile.PDFXrefPrevLoop(false))
	f.Add(hostile.PDFXrefPrevLoop(true))
	f.Add(hostile.PDFXrefHugeSubsection())
	f.Add(hostile.PDFXrefFarObject(1 << 20))
	f.Add(hostile.PDFPredictorColumns())
	f.Add(hostile.PDFXrefStreamNoWidth())
	f.Add(hostile.PDFFilterChain(20))
	f.Add(hostile.PDFLongLength(2))
	for _, kind := range []string{"self", "other", "extends"} {
		f.Add(hostile.PDFObjStmLoop(kind, "catalog"))
		f.Add(hostile.PDFObjStmLoop(kind, "font"))
	}
	addFiles(f, "extract/pdf/testdata/*.pdf", 64<<10)
	f.Fuzz(func(t *testing.T, data []byte) {
		noPanic(t, "fuzz.pdf", data)
		fuzzBytes(t, "fuzz.pdf", data)
	})
}

func FuzzDOCX(f *testing.F) {
	f.Add(hostile.DOCX("一、总体情况", "本机关收到申请12件。"))
	f.Add(hostile.DOCXBomb(256 << 10))
	f.Fuzz(func(t *testing.T, data []byte) {
		noPanic(t, "fuzz.docx", data)
		fuzzBytes(t, "fuzz.docx", data)
	})
}

func FuzzHTML(f *testing.F) {
	f.Add(hostile.HTMLTable(8 << 10))
	f.Add(hostile.HTMLNested(300))
	f.Add([]byte(`<table><tr><td rowspan=65534 colspan=1000>x</td></tr></table>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		noPanic(t, "fuzz.html", data)
		fuzzBytes(t, "fuzz.html", data)
	})
}

func FuzzText(f *testing.F) {
	f.Add(hostile.Text(4 << 10))
	f.Add([]byte("\xff\xfe" + "一\x00"))
	f.Add([]byte("本机关\xff收到申请12件"))
	f.Add([]byte("| 项目 | 数量 |\n|---|---|\n| 申请 | 12 |\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		noPanic(t, "fuzz.txt", data)
		fuzzBytes(t, "fuzz.txt", data)
	})
}
