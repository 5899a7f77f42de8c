package lazyre

import (
	"reflect"
	"regexp"
	"testing"
)

// A lazy expression answers like the compiled one, and is compiled once,
// on first use: a bad expression panics then, not when declared.
func TestLazyEqualsRegexp(t *testing.T) {
	const src = `((?:19|20)\d{2})\s*年`
	l, re := New(src), regexp.MustCompile(src)
	s := "2023年收到2024 年的申请，1999年"
	if !reflect.DeepEqual(l.FindAllStringSubmatchIndex(s, -1), re.FindAllStringSubmatchIndex(s, -1)) ||
		l.FindString(s) != re.FindString(s) || !l.MatchString(s) || l.String() != src ||
		l.ReplaceAllString(s, "Y") != re.ReplaceAllString(s, "Y") {
		t.Error("lazy expression answers differently")
	}
	first := l.Compiled()
	if again := l.Compiled(); again != first {
		t.Error("compiled twice")
	}
	bad := New(`(`)
	defer func() {
		if recover() == nil {
			t.Error("a bad expression did not panic on first use")
		}
	}()
	bad.MatchString("x")
}
