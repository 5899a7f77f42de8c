package pdf

import (
	"bytes"
	"os"
	"testing"
	"time"
)

func TestZZCount(t *testing.T) {
	data, _ := os.ReadFile("../../fixtures/pdf/clean-chromium-sans-dept.pdf")
	t0 := time.Now()
	for i := 0; i < 20; i++ {
		Pages(bytes.NewReader(data), int64(len(data)), Options{})
	}
	t.Logf("Pages: %v", time.Since(t0)/20)
	objGets, objBytes = 0, 0
	Pages(bytes.NewReader(data), int64(len(data)), Options{})
	t.Logf("gets %d bytes %d", objGets, objBytes)
}

func BenchmarkZZParse(b *testing.B) {
	data, _ := os.ReadFile("../../fixtures/pdf/clean-chromium-sans-dept.pdf")
	i := bytes.Index(data, []byte("14 0 obj"))
	objs := &objects{names: map[string]string{}}
	b.ReportAllocs()
	for b.Loop() {
		p := &oparser{data: data[i : i+8192], names: objs.names, stack: objs.stack[:0], kvs: objs.kvs[:0]}
		_, ok := p.indirect(objKey{id: 14})
		if !ok {
			b.Fatal("short")
		}
		objs.stack, objs.kvs = p.stack[:0], p.kvs[:0]
		b.SetBytes(int64(p.pos))
	}
}
