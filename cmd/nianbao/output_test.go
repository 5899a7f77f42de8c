package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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
		// the GBK bytes read as meant, the stray byte as U+FFFD, in JSON too
		shown := strings.Contains(out.String(), "年报-\ufffd")
		if !utf8.Valid(out.Bytes()) || !shown {
			t.Errorf("%v: valid UTF-8 %v, %d bytes\n%s", args, utf8.Valid(out.Bytes()), out.Len(), errOut.String())
		}
	}
	// A JSON output used as the next run's --baseline still waives the
	// findings of the file with that name (the waiver has the name as shown,
	// the run the name's bytes).
	base := filepath.Join(dir, "base.json")
	var out, errOut bytes.Buffer
	run(context.Background(), []string{"audit", "--fail-on", "never", "--format", "json", "-o", base, name}, strings.NewReader(""), &out, &errOut)
	if b, err := os.ReadFile(base); err != nil || !strings.Contains(string(b), `"fingerprint"`) {
		t.Fatalf("no findings to waive (%v): %s", err, errOut.String())
	}
	out.Reset()
	errOut.Reset()
	run(context.Background(), []string{"audit", "--baseline", base, "--fail-on", "info", "--format", "json", name}, strings.NewReader(""), &out, &errOut)
	if strings.Contains(out.String(), `"fingerprint"`) || strings.Contains(errOut.String(), "已过时") {
		t.Errorf("findings not waived by the JSON baseline of the same file:\n%s\n%s", out.String(), errOut.String())
	}
}

// Files nianbao reads are refused at once when they are not regular files:
// `baseline list|add --file`, `dataset --profile` and a FIFO given to
// `dataset` (hashed before it was read) blocked for ever (SIGTERM included),
// as a crawl's manifest did.
func TestSpecialInputsRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "基线.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	for _, args := range [][]string{
		{"baseline", "list", "--file", fifo},
		{"baseline", "add", "--file", fifo, "--reason", "理由", "0123456789abcdef"},
		{"audit", "--baseline", fifo, filepath.Join(dir, "x.txt")},
		{"audit", "--profile", fifo, filepath.Join(dir, "x.txt")},
		{"dataset", "--profile", fifo, filepath.Join(dir, "x.txt"), "-o", filepath.Join(dir, "p.sqlite")},
		{"dataset", fifo, "-o", filepath.Join(dir, "d.sqlite")}, // hashed before it is read
	} {
		done := make(chan string, 1)
		go func() {
			var out, errOut bytes.Buffer
			run(context.Background(), args, strings.NewReader(""), &out, &errOut)
			done <- errOut.String()
		}()
		select {
		case msg := <-done:
			if !strings.Contains(msg, "不是普通文件") {
				t.Errorf("%v: %q, want the FIFO refused", args[:2], msg)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%v: still reading the FIFO after 10 s", args[:2])
		}
	}
}

// fullDisk fails every write after the first n bytes, as a disk that fills
// (or /dev/full) does.
type fullDisk struct{ n int }

func (d *fullDisk) Write(p []byte) (int, error) {
	if len(p) > d.n {
		k := d.n
		d.n = 0
		return k, syscall.ENOSPC
	}
	d.n -= len(p)
	return len(p), nil
}

// Output that cannot be written is a failure of the run, whatever the
// command and format: exit 2 and one line on stderr that says so in
// Chinese. Before, the terminal table and `rules`/`explain` ignored the
// error (exit 1 or 0, nothing said: the supervisor's report silently lost).
func TestOutputThatCannotBeWritten(t *testing.T) {
	report := filepath.Join(t.TempDir(), "r.txt")
	text := "某某区2023年政府信息公开工作年度报告\n一、总体情况\n本机关收到申请12件。\n"
	if err := os.WriteFile(report, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"audit", report}, {"audit", "--format", "json", report}, {"audit", "--format", "csv", report},
		{"audit", "--format", "md", report}, {"audit", "--format", "html", report},
		{"extract", report}, {"text", report}, {"rules"}, {"explain", "ARITH-T3-BALANCE"}, {"profile"},
	} {
		for _, room := range []int{0, 100} {
			var errOut bytes.Buffer
			code := run(context.Background(), args, strings.NewReader(""), &fullDisk{n: room}, &errOut)
			if code != exitTrouble || !strings.Contains(errOut.String(), "输出失败：写入标准输出：磁盘空间不足") {
				t.Errorf("%v with %d bytes of room: exit %d, stderr %q", args, room, code, errOut.String())
			}
		}
	}
	// A streamed batch stops at the failed output; the files left are
	// listed as left because of it, not as after an interrupt.
	var errOut bytes.Buffer
	var files []string
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		p := filepath.Join(filepath.Dir(report), name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	code := run(context.Background(), append([]string{"extract", "--format", "csv", "--workers", "1"}, files...), strings.NewReader(""), &fullDisk{}, &errOut)
	if msg := errOut.String(); code != exitTrouble || strings.Contains(msg, "已中断") || !strings.Contains(msg, "输出失败后停止") {
		t.Errorf("streamed batch on a full disk: exit %d, stderr %q", code, msg)
	}
}
