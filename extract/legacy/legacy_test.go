package legacy_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/docx"
	"github.com/nianbao/nianbao/extract/legacy"
	"github.com/nianbao/nianbao/extract/load"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/recognise"
)

// TestFixtures reads the .doc and .wps fixtures (LibreOffice's Word 97 files
// of generated reports, fixtures/README.md) through the registry and checks
// that every cell equals the generator's value in the fixture's manifest,
// and that the document keeps the original file's path, format and SHA-256.
func TestFixtures(t *testing.T) {
	testutil.NeedTool(t, "soffice", "libreoffice-writer-nogui")
	root := testutil.RepoRoot(t)
	cases := []struct {
		file   string
		format extract.Format
	}{
		{"fixtures/doc/clean-lo-serif-city.doc", legacy.FormatDOC},
		{"fixtures/doc/defect-template-2019-in-2022.doc", legacy.FormatDOC},
		{"fixtures/doc/clean-lodocx-serif-dept.wps", legacy.FormatWPS},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.file), func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(root, c.file)
			doc, err := load.File(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(path)
			sum := sha256.Sum256(data)
			if doc.Path != path || doc.Format != c.format || doc.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("path %q format %q sha256 %q", doc.Path, doc.Format, doc.SHA256)
			}
			name := strings.TrimSuffix(filepath.Base(c.file), filepath.Ext(c.file))
			rep, err := recognise.Recognise(context.Background(), doc)
			if err != nil {
				t.Fatal(err)
			}
			checkCells(t, root, name, rep)
		})
	}
}

// checkCells compares a report with fixtures/pdf/<name>.json: issuer, year
// and every cell, none missing and none extra.
func checkCells(t *testing.T, root, name string, r *recognise.Report) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "fixtures", "pdf", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Issuer string              `json:"issuer"`
		Year   int                 `json:"year"`
		Cells  map[string]*float64 `json:"cells"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if r.Issuer != m.Issuer || r.Year != m.Year {
		t.Errorf("issuer %q year %d, want %q %d", r.Issuer, r.Year, m.Issuer, m.Year)
	}
	if len(m.Cells) == 0 {
		t.Fatal("manifest has no cells")
	}
	for k, want := range m.Cells {
		got, ok := r.Cells[k]
		switch {
		case !ok:
			t.Errorf("cell %s missing", k)
		case want == nil && got.Value.Valid:
			t.Errorf("cell %s = %v, want blank", k, got.Value.V)
		case want != nil && (!got.Value.Valid || got.Value.V != *want):
			t.Errorf("cell %s = %v (%q), want %v", k, got.Value, got.Text, *want)
		}
	}
	for k := range r.Cells {
		if _, ok := m.Cells[k]; !ok {
			t.Errorf("extra cell %s", k)
		}
	}
}

// TestNoLibreOffice: without soffice on PATH the error says how to install
// it, and names the file.
func TestNoLibreOffice(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := load.Bytes(context.Background(), "旧报告.doc", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"))
	if err == nil || !errors.Is(err, legacy.ErrNoLibreOffice) {
		t.Fatalf("err = %v, want ErrNoLibreOffice", err)
	}
	for _, want := range []string{"旧报告.doc", "LibreOffice", "apt-get install libreoffice-writer-nogui"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

// TestCancelKillsProcessGroup: when the context ends, the conversion stops
// and every process it started (soffice starts soffice.bin) is killed. A
// fake soffice that starts a child and waits stands in for LibreOffice.
func TestCancelKillsProcessGroup(t *testing.T) {
	pids := filepath.Join(t.TempDir(), "pids")
	testutil.FakeTool(t, "soffice", "#!/bin/sh\necho $$ > "+pids+"\nsleep 300 &\necho $! >> "+pids+"\nwait\n")
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for range 200 { // cancel once the fake has started its child
			if b, _ := os.ReadFile(pids); strings.Count(string(b), "\n") >= 2 {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		cancel()
	}()
	_, err := legacy.ToDOCX(ctx, []byte("\xd0\xcf\x11\xe0"))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	b, _ := os.ReadFile(pids)
	fields := strings.Fields(string(b))
	if len(fields) != 2 {
		t.Fatalf("fake soffice wrote %q", b)
	}
	for _, f := range fields {
		pid, _ := strconv.Atoi(f)
		if !gone(pid) {
			t.Errorf("process %d still running after cancel", pid)
		}
	}
}

// gone reports whether pid has exited (a zombie waiting for its reaper
// counts as gone), waiting a little for the kernel to deliver SIGKILL.
func gone(pid int) bool {
	for range 100 {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return true
		}
		if i := strings.LastIndexByte(string(stat), ')'); i > 0 && len(stat) > i+2 && stat[i+2] == 'Z' {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

// TestConversionError: a file LibreOffice cannot read gives a Chinese
// error naming the file, not an empty document, and not LibreOffice's own
// English output (Java warnings, "source file could not be loaded").
func TestConversionError(t *testing.T) {
	testutil.NeedTool(t, "soffice", "libreoffice-writer-nogui")
	_, err := legacy.Extract(context.Background(), "坏.doc", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1garbage"), legacy.FormatDOC, docx.Extract)
	if err == nil {
		t.Fatal("no error for a damaged .doc")
	}
	if want := "坏.doc: LibreOffice 无法转换此文件：文件可能已损坏，或不是 Word/WPS 文字文档"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
}

// TestHugeConversionOutput: a conversion that writes a 300 MB DOCX (a
// sparse file here) and floods its output is refused from the file's size,
// and only the head of the output is kept (both were read whole).
func TestHugeConversionOutput(t *testing.T) {
	testutil.FakeTool(t, "soffice", testutil.SofficeHugeDOCX)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := legacy.ToDOCX(context.Background(), []byte("\xd0\xcf\x11\xe0"))
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "过大") {
		t.Fatalf("err = %v, want the DOCX refused as too large", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 16<<20 {
		t.Errorf("allocated %d MB", n>>20)
	}
}
