package utf8out

import (
	"bytes"
	"errors"
	"testing"
	"unicode/utf8"
)

// Show: valid text unchanged; a GBK file name shown as meant; bytes that
// are neither UTF-8 nor GB18030 as U+FFFD, one each.
func TestShow(t *testing.T) {
	for in, want := range map[string]string{
		"年报.pdf":                    "年报.pdf",
		"/tmp/\xc4\xea\xb1\xa8.pdf": "/tmp/年报.pdf", // 年报 in GBK
		"a\xff.txt":                 "a\ufffd.txt",
		"年\xff\xfe报":                "年\ufffd\ufffd报",
		"x\xc4":                     "x\ufffd",   // GBK cut short
		"文件：\xc4\xea\xb1\xa8.txt":   "文件：年报.txt", // UTF-8 right before the name
	} {
		if got := Show(in); got != want || !utf8.ValidString(got) {
			t.Errorf("Show(%q) = %q, want %q", in, got, want)
		}
	}
}

// Writer: valid text passes unchanged, and any text comes out as Show
// gives it, however it is cut into writes.
func TestWriter(t *testing.T) {
	for _, text := range []string{"文件：年报.pdf,是\n", "a\xc4\xea\xb1\xa8.pdf,\xff\n", "尾\xe5\xb9"} {
		want := Show(text)
		for cut := range len(text) + 1 {
			var out bytes.Buffer
			w := New(&out)
			w.Write([]byte(text[:cut]))
			w.Write([]byte(text[cut:]))
			if err := w.Flush(); err != nil || out.String() != want {
				t.Errorf("%q cut at %d: %q, want %q", text, cut, out.String(), want)
			}
		}
	}
}

type failAfter struct {
	n      int
	writes int
}

func (f *failAfter) Write(p []byte) (int, error) {
	f.writes++
	if f.writes > f.n {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

// The first write error sticks: later writes do not reach the writer and
// return it, and Flush returns it (a caller that checks only Flush still
// learns that the output was lost).
func TestWriterErrorSticks(t *testing.T) {
	f := &failAfter{n: 1}
	w := New(f)
	if _, err := w.Write([]byte("一")); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("二\n")); err == nil {
		t.Fatal("second write: no error")
	}
	if n, err := w.Write([]byte("三\n")); err == nil || n != 0 || f.writes != 2 {
		t.Errorf("after the error: n=%d err=%v, %d writes reached the writer", n, err, f.writes)
	}
	if err := w.Flush(); err == nil || err.Error() != "disk full" {
		t.Errorf("Flush: %v", err)
	}
}
