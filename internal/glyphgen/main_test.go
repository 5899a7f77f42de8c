package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/testutil"
)

// TestUpToDate: the committed extract/pdf/glyphnames.go is exactly what the
// generator writes from the committed source (run go generate ./extract/pdf
// after changing either).
func TestUpToDate(t *testing.T) {
	root := testutil.RepoRoot(t)
	src, err := os.ReadFile(filepath.Join(root, "internal", "glyphgen", "testdata", "name.go.in"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := generate(src)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(root, "extract", "pdf", "glyphnames.go"))
	if err != nil {
		t.Fatal(err)
	}
	if d := testutil.Diff(string(want), string(got)); d != "" {
		t.Errorf("extract/pdf/glyphnames.go is not what internal/glyphgen writes (run go generate ./extract/pdf):\n%s", d)
	}
	if first := strings.SplitN(string(got), "\n", 2)[0]; !strings.HasPrefix(first, "// Code generated ") || !strings.HasSuffix(first, " DO NOT EDIT.") {
		t.Errorf("first line %q is not a Go generated-code marker", first)
	}
}

// TestGenerate: the ranges filter the names, the table is sorted by name,
// and a source that is not the expected map is an error, not an empty table.
func TestGenerate(t *testing.T) {
	src := `package pdf

var nameToRune = map[string]rune{
	"endash": 0x2013,
	"Aacute": 0x00C1,
	"alefhebrew": 0x05D0,
	"ideographicperiod": 0x3002,
	"zmonospace": 0xFF5A,
	"ahiragana": 0x3042,
	"ff": 0xFB00,
}
`
	out, err := generate([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	body := string(out)[strings.Index(string(out), "var glyphNames"):]
	want := `var glyphNames = [...]glyphName{
	{"Aacute", 0x00c1},
	{"endash", 0x2013},
	{"ff", 0xfb00},
	{"ideographicperiod", 0x3002},
	{"zmonospace", 0xff5a},
}
`
	if body != want {
		t.Errorf("generated table:\n%s\nwant:\n%s", body, want)
	}
	for name, bad := range map[string]string{
		"no map":     "package pdf\n\nvar other = map[string]rune{\"a\": 1}\n",
		"duplicate":  "package pdf\n\nvar nameToRune = map[string]rune{\"a\": 0x61, \"a\": 0x62}\n",
		"not a rune": "package pdf\n\nvar nameToRune = map[string]rune{\"a\": x}\n",
		"syntax":     "package pdf\n\nvar nameToRune = map[string]rune{\n",
	} {
		if _, err := generate([]byte(bad)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
