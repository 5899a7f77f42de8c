package pdf

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/nianbao/nianbao/internal/hostile"
)

var benchFiles = []string{
	"2023_jiangsu_huaian_hongze_district.pdf",
	"2024_jiangsu_huaian_hongze_district.pdf",
	"2024_jiangsu_huaian_city.pdf",
}

// BenchmarkInterpret runs Pages over the real PDFs, all three per
// iteration and each on its own, and reports pages/s.
func BenchmarkInterpret(b *testing.B) {
	dir := filepath.Join(sharedDir(b), "corpus", "real")
	var files [][]byte
	for _, f := range benchFiles {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			b.Skipf("%s: %v", f, err)
		}
		files = append(files, data)
	}
	run := func(b *testing.B, files [][]byte) {
		b.ReportAllocs()
		pages := 0
		for b.Loop() {
			for _, data := range files {
				p, _, _, err := Pages(bytes.NewReader(data), int64(len(data)), Options{})
				if err != nil {
					b.Fatal(err)
				}
				pages += len(p)
			}
		}
		b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	}
	b.Run("all", func(b *testing.B) { run(b, files) })
	for i, f := range benchFiles {
		b.Run(f[:len(f)-4], func(b *testing.B) { run(b, files[i:i+1]) })
	}
}

// extractKinds are one file per kind of PDF producer and font technology
// nianbao meets: what `nianbao extract FILE.pdf` does with each, minus
// reading the file and recognition (see the README, "Tests and
// benchmarks", and scripts/bench-pdf.sh for whole processes).
var extractKinds = []struct{ name, path string }{
	// Chromium (Skia) exports: every CJK glyph in Type 3 fonts of 256
	// codes, about 125 fonts per report
	{"chromium-type3", "fixtures/pdf/clean-chromium-sans-dept.pdf"},
	{"chromium-type3-defect", "fixtures/pdf/defect-t4-total.pdf"},
	// Chromium with an Identity-H CID font
	{"chromium-identity-h", "fixtures/pdf/clean-chromium-microhei-none.pdf"},
	// LibreOffice: Type 1 (CFF) subsets and TrueType with WinAnsi
	{"libreoffice-type1", "fixtures/pdf/clean-lo-serif-city.pdf"},
	{"libreoffice-truetype", "fixtures/pdf/clean-lo-zenhei-town.pdf"},
	// real reports written by WPS: Identity-H/V CID TrueType fonts
	{"wps-2024-city", "../shared/corpus/real/2024_jiangsu_huaian_city.pdf"},
	{"wps-2023-hongze", "../shared/corpus/real/2023_jiangsu_huaian_hongze_district.pdf"},
}

// BenchmarkExtractFile runs Extract (interpreter and layout, the PDF
// part of `nianbao extract`) on one file of each kind, and reports pages/s
// besides time and memory per file.
func BenchmarkExtractFile(b *testing.B) {
	root := repoRoot(b)
	for _, k := range extractKinds {
		b.Run(k.name, func(b *testing.B) {
			p := filepath.Join(root, k.path)
			if filepath.Base(filepath.Dir(p)) == "real" {
				p = filepath.Join(sharedDir(b), "corpus", "real", filepath.Base(p))
			}
			data, err := os.ReadFile(p)
			if err != nil {
				b.Skipf("%s: %v", p, err)
			}
			b.ReportAllocs()
			pages := 0
			for b.Loop() {
				doc, err := Extract(context.Background(), p, data)
				if err != nil {
					b.Fatal(err)
				}
				pages += doc.Pages
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// BenchmarkExtractPages runs Extract on generated PDFs of 5 to 5,000 pages
// (hostile.PDFPages: a heading, paragraphs and a ruled 4×3 table on every
// page), so that time and allocation per page can be compared across sizes
// (it should stay flat: extraction is linear in the page count). The
// ratio to `pdftotext -layout` on the same files is measured by
// scripts/bench-pdf-pages.sh.
func BenchmarkExtractPages(b *testing.B) {
	for _, n := range []int{5, 50, 500, 5000} {
		data := hostile.PDFPages(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			pages := 0
			for b.Loop() {
				doc, err := Extract(context.Background(), "pages.pdf", data)
				if err != nil {
					b.Fatal(err)
				}
				pages += doc.Pages
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(pages), "ns/page")
		})
	}
}
