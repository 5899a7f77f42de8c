package headbuf

import "testing"

// The first bytes are kept up to the limit, every write reports its whole
// length, and Over says whether anything was dropped.
func TestBuffer(t *testing.T) {
	b := New(5)
	for _, s := range []string{"ab", "cdef", "gh"} {
		if n, err := b.Write([]byte(s)); n != len(s) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", s, n, err)
		}
	}
	if b.String() != "abcde" || !b.Over() {
		t.Errorf("kept %q, over %v; want abcde, true", b.String(), b.Over())
	}
	b = New(5)
	b.Write([]byte("abcde"))
	if string(b.Bytes()) != "abcde" || b.Over() {
		t.Errorf("exactly the limit: kept %q, over %v", b.Bytes(), b.Over())
	}
	var z Buffer
	z.Write([]byte("x"))
	if z.String() != "" || !z.Over() {
		t.Errorf("zero value kept %q, over %v", z.String(), z.Over())
	}
}
