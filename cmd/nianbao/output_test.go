package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// A file whose name is not UTF-8 (GBK bytes, as a Windows archive unpacked
// on Linux names it) gives valid UTF-8 in every text format: its GBK read
// as meant, a byte that is neither as U+FFFD (JSON as encoding/json does);
// before, CSV, HTML, Markdown and text carried the bytes raw.
func TestOutputsValidUTF8(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "\xc4\xea\xb1\xa8-\xff.txt")
	text := "某某区2023年政府信息公开工作年度报告\n一、总体情况\n本机关收到申请12件。\n"
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Skipf("this file system refuses a name that is not UTF-8: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "other.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"audit", "--fail-on", "never", "--format", "csv"}, {"audit", "--fail-on", "never", "--format", "html"},
		{"audit", "--fail-on", "never", "--format", "md"}, {"audit", "--fail-on", "never", "--format", "text"},
		{"audit", "--fail-on", "never", "--format", "json"}, {"extract", "--format", "csv"}, {"extract"},
		{"text", filepath.Join(dir, "other.txt")}, // two files: each under its name
	} {
		var out, errOut bytes.Buffer
		run(context.Background(), append(args, name), strings.NewReader(""), &out, &errOut)
		// the GBK bytes read as meant, the stray byte as U+FFFD (JSON as
		// encoding/json: \ufffd for each byte)
		shown := strings.Contains(out.String(), "年报-\ufffd") || strings.Contains(out.String(), `\ufffd걨-\ufffd`)
		if !utf8.Valid(out.Bytes()) || !shown {
			t.Errorf("%v: valid UTF-8 %v, %d bytes\n%s", args, utf8.Valid(out.Bytes()), out.Len(), errOut.String())
		}
	}
}
