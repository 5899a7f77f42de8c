package pdf

import (
	lpdf "github.com/ledongthuc/pdf"
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
	i := bytes.Index(data, []byte("\n4 0 obj"))+1
	objs := &objects{names: map[string]string{}}
	b.ReportAllocs()
	for b.Loop() {
		p := &oparser{data: data[i : i+8192], names: objs.names, stack: objs.stack[:0], kvs: objs.kvs[:0]}
		_, ok := p.indirect(objKey{id: 4})
		if !ok {
			b.Fatal("short")
		}
		objs.stack, objs.kvs = p.stack[:0], p.kvs[:0]
		b.SetBytes(int64(p.pos))
	}
}

func BenchmarkZZLib(b *testing.B) {
	data, _ := os.ReadFile("../../fixtures/pdf/clean-chromium-sans-dept.pdf")
	rd, _ := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	objs := newObjects(&src{r: bytes.NewReader(data)}, rd, int64(len(data)))
	v := val{objs: objs}.wrap(&pobj{isRef: true, ref: objKey{id: 4}})
	_ = v
	// a dict value holding a reference to 4 0 R
	fonts := rd.Page(1).V.Key("Resources").Key("Font")
	var key string
	for _, k := range fonts.Keys() {
		if id, ok := refOf(fonts, k); ok && id.id == 4 {
			key = k
		}
	}
	if key == "" {
		b.Skip("no key")
	}
	b.ReportAllocs()
	for b.Loop() {
		fonts.Key(key)
	}
}
