package xlsx

import "testing"

// clean keeps what XML 1.0 allows: control characters are dropped and a
// text that is not UTF-8 (a file name in GBK bytes) is read as meant, a
// byte that is neither shown as U+FFFD.
func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"年报.pdf":                        "年报.pdf",
		"a\x01b\x0bc":                   "abc",
		"/tmp/\xc4\xea\xb1\xa8\x01.pdf": "/tmp/年报.pdf",
		"x\xff":                         "x\ufffd",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}
