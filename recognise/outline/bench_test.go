package outline

import (
	"testing"

	"github.com/nianbao/nianbao/internal/testdoc"
)

// BenchmarkFind runs Find on a whole crawler-flattened report.
func BenchmarkFind(b *testing.B) {
	doc := testdoc.Corpus(b, "2023_fujian_pingtan_zone_pagetxt.txt")
	lines := LinesOf(doc)
	b.ReportAllocs()
	for b.Loop() {
		Find(lines, doc.Meta)
	}
}
