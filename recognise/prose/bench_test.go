package prose

import (
	"runtime"
	"testing"

	"github.com/go-ego/gse"

	"github.com/nianbao/nianbao/internal/testdoc"
	"github.com/nianbao/nianbao/recognise/outline"
)

// BenchmarkDictLoad measures loading our embedded dictionary into a fresh
// segmenter (what the first Figures call pays once per process).
func BenchmarkDictLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		s := &gse.Segmenter{SkipLog: true, NotLoadHMM: true}
		if err := s.LoadDictStr(dictText); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDictLoadHeap logs the heap held by a loaded segmenter.
func TestDictLoadHeap(t *testing.T) {
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	s := &gse.Segmenter{SkipLog: true, NotLoadHMM: true}
	if err := s.LoadDictStr(dictText); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&m1)
	t.Logf("dictionary: %d bytes, %d tokens; heap held after load: %.2f MB",
		len(dictText), s.Dict.NumTokens(), float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/1e6)
	runtime.KeepAlive(s)
	if s.Dict.NumTokens() < 300 {
		t.Errorf("dictionary has %d tokens; entries were dropped (frequency below MinTokenFreq?)", s.Dict.NumTokens())
	}
}

// BenchmarkFiguresReport runs outline + Figures on a whole report.
func BenchmarkFiguresReport(b *testing.B) {
	doc := testdoc.Corpus(b, "2023_fujian_pingtan_zone_pagetxt.txt")
	lines := outline.LinesOf(doc)
	o := outline.Find(lines, doc.Meta)
	ls, secs := outline.Split(lines, o)
	if _, err := segmenter(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Figures(ls, func(i int) int { return secs[i] })
	}
}
