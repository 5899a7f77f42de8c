package testutil

import (
	"os"
	"path/filepath"
	"testing"
)

// SofficeHugeDOCX is a stand-in for LibreOffice's soffice (FakeTool) whose
// conversion writes a 300 MB DOCX (a sparse file) into its --outdir and
// floods its own output with 50 MB.
const SofficeHugeDOCX = "#!/bin/sh\nwhile [ $# -gt 0 ]; do [ \"$1\" = --outdir ] && out=$2; shift; done\n" +
	"mkdir -p \"$out\" && truncate -s 300M \"$out/input.docx\"\nhead -c 50000000 /dev/zero\n"

// FakeTool puts an executable named name running script (a shell script)
// first on PATH for the rest of the test, in place of the real tool, and
// returns its folder.
func FakeTool(t testing.TB, name, script string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	return dir
}
