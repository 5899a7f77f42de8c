package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
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
