package recognise

import (
	"context"
	"strconv"
	"testing"

	"github.com/nianbao/nianbao/extract/pdf"
	"github.com/nianbao/nianbao/internal/hostile"
)

// BenchmarkRecognisePages recognises the documents extracted from generated
// PDFs of 50 to 5,000 pages (hostile.PDFPages: text lines and a ruled 4×3
// table on every page, no template table): recognition's share of a long
// `nianbao audit`, per page and in allocations, which should stay flat
// across sizes.
func BenchmarkRecognisePages(b *testing.B) {
	for _, n := range []int{50, 500, 5000} {
		doc, err := pdf.Extract(context.Background(), "pages.pdf", hostile.PDFPages(n))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Recognise(context.Background(), doc); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/page")
		})
	}
}
