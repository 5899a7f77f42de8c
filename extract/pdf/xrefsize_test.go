package pdf

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"testing"
)

// xrefSizes finds what the expression it replaced finds, on random texts of
// the pieces that expression reads (every white space it takes and \v, which
// it does not; "/Size" whole and cut).
func TestXrefSizesEqualsExpression(t *testing.T) {
	re := regexp.MustCompile(`/Size\s+(\d+)`)
	pieces := []string{"/Size", "/Siz", "/", "Size", " ", "\t", "\n", "\f", "\r", "\v", "0", "12", "x", "/Size/Size 3"}
	rng := rand.New(rand.NewPCG(1, 5))
	found := 0
	for range 200000 {
		var b bytes.Buffer
		for range rng.IntN(10) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		var want [][]byte
		for _, m := range re.FindAllSubmatch(b.Bytes(), -1) {
			want = append(want, m[1])
		}
		got := xrefSizes(b.Bytes())
		if len(got) != len(want) {
			t.Fatalf("xrefSizes(%q) = %q, expression %q", b.String(), got, want)
		}
		for i := range got {
			if !bytes.Equal(got[i], want[i]) {
				t.Fatalf("xrefSizes(%q) = %q, expression %q", b.String(), got, want)
			}
		}
		found += len(got)
	}
	if found < 10000 {
		t.Fatalf("only %d sizes found: the test does not exercise xrefSizes", found)
	}
}
