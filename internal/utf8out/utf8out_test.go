package utf8out

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// Valid text passes unchanged however it is cut into writes; bytes that
// are not UTF-8 (a GBK file name) become U+FFFD one each; a sequence cut
// at the end of the text becomes U+FFFD at Flush.
func TestWriter(t *testing.T) {
	text := []byte("文件：年报.pdf,是\n")
	for cut := range len(text) + 1 {
		var out bytes.Buffer
		w := New(&out)
		w.Write(text[:cut])
		w.Write(text[cut:])
		if err := w.Flush(); err != nil || !bytes.Equal(out.Bytes(), text) {
			t.Errorf("cut at %d: %q", cut, out.Bytes())
		}
	}
	// 年报 in GBK (whose last three bytes happen to be valid UTF-8, 걨),
	// and a stray byte
	gbk := []byte("a\xc4\xea\xb1\xa8.pdf,\xff\n")
	for cut := range len(gbk) + 1 {
		var out bytes.Buffer
		w := New(&out)
		w.Write(gbk[:cut])
		w.Write(gbk[cut:])
		w.Flush()
		if want := "a\ufffd걨.pdf,\ufffd\n"; out.String() != want || !utf8.Valid(out.Bytes()) {
			t.Errorf("cut at %d: %q, want %q", cut, out.String(), want)
		}
	}
	var out bytes.Buffer
	w := New(&out)
	w.Write([]byte("尾\xe5\xb9")) // cut inside 年
	w.Flush()
	if out.String() != "尾\ufffd\ufffd" {
		t.Errorf("unfinished at the end: %q", out.String())
	}
}
