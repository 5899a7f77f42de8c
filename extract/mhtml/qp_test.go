package mhtml

import (
	"bytes"
	"math/rand/v2"
	"mime/quotedprintable"
	"strings"
	"testing"
)

// TestDecodeQPRoundTrip: what Go's encoder writes (soft breaks at 76
// columns, every byte, line ends encoded) decodes back to the original.
func TestDecodeQPRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 2000 {
		src := make([]byte, rng.IntN(600))
		for i := range src {
			if n%2 == 0 {
				src[i] = byte(rng.IntN(256))
			} else {
				src[i] = "ab =\r\n\t一"[rng.IntN(10)]
			}
		}
		var enc bytes.Buffer
		w := quotedprintable.NewWriter(&enc)
		w.Binary = true
		w.Write(src)
		w.Close()
		encoded := bytes.Clone(enc.Bytes())
		if got := decodeQP(enc.Bytes()); !bytes.Equal(got, src) {
			t.Fatalf("%q encoded as %q decodes to %q", src, encoded, got)
		}
	}
}

// TestDecodeQPLenient: what real files hold and Go's reader stops at.
func TestDecodeQPLenient(t *testing.T) {
	long := strings.Repeat("<p>=E4=B8=80</p>", 2000) // one 32 KB line
	for in, want := range map[string]string{
		long:                             strings.Repeat("<p>一</p>", 2000),
		"a=\r\nb=\nc= \t\r\nd":           "abcd",
		"x=3Dy =ZZ =4":                   "x=y =ZZ =4",
		"form\x0cfeed\x1a and =e4=b8=80": "form\x0cfeed\x1a and 一",
		"end=":                           "end",
	} {
		if got := string(decodeQP([]byte(in))); got != want {
			t.Errorf("%.40q: got %.60q, want %.60q", in, got, want)
		}
	}
}
