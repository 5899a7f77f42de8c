package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/testutil"
)

type streamDoc struct {
	Reports []struct {
		Source   struct{ Path string }
		Findings []json.RawMessage
	}
	CrossReport []struct {
		Report   int
		Path     string
		Findings []json.RawMessage
	} `json:"cross_report"`
	Summary map[string]int
}

func auditJSON(t *testing.T, args ...string) streamDoc {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(context.Background(), append([]string{"audit", "--format", "json", "--fail-on", "never", "--workers", "2"}, args...), nil, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var d streamDoc
	if err := json.Unmarshal(out.Bytes(), &d); err != nil {
		t.Fatalf("not valid JSON: %v", err)
	}
	return d
}

// With --stream the district's 2024 reports come before their 2023
// predecessors and nothing waits: every report's findings plus the
// cross_report entries about it are exactly its findings without
// --stream, and the summary is the same.
func TestAuditStreamLateFindings(t *testing.T) {
	fx := testutil.Fixture(t)
	dirs := []string{filepath.Join(fx, "district", "2024"), filepath.Join(fx, "district", "2023")}
	wait := auditJSON(t, dirs...)
	stream := auditJSON(t, append([]string{"--stream"}, dirs...)...)
	if len(wait.CrossReport) != 0 {
		t.Errorf("cross_report without --stream: %d entries", len(wait.CrossReport))
	}
	if len(stream.Reports) != len(wait.Reports) || len(stream.CrossReport) == 0 {
		t.Fatalf("%d reports (want %d), %d cross_report entries (want some)", len(stream.Reports), len(wait.Reports), len(stream.CrossReport))
	}
	merged := make([][]string, len(stream.Reports))
	for i, r := range stream.Reports {
		for _, f := range r.Findings {
			merged[i] = append(merged[i], compact(t, f))
		}
	}
	for _, e := range stream.CrossReport {
		if e.Report >= len(stream.Reports) || stream.Reports[e.Report].Source.Path != e.Path {
			t.Fatalf("cross_report entry for %s points at report %d", e.Path, e.Report)
		}
		for _, f := range e.Findings {
			merged[e.Report] = append(merged[e.Report], compact(t, f))
		}
	}
	for i, r := range wait.Reports {
		var want []string
		for _, f := range r.Findings {
			want = append(want, compact(t, f))
		}
		slices.Sort(want)
		slices.Sort(merged[i])
		if r.Source.Path != stream.Reports[i].Source.Path || !slices.Equal(want, merged[i]) {
			t.Errorf("%s: findings with --stream differ:\n got %v\nwant %v", r.Source.Path, merged[i], want)
		}
	}
	if !equalMaps(wait.Summary, stream.Summary) {
		t.Errorf("summary %v, want %v", stream.Summary, wait.Summary)
	}
	// the same bytes for any number of workers
	var outs []string
	for _, w := range []string{"1", "3"} {
		var out, errb bytes.Buffer
		run(context.Background(), append([]string{"audit", "--format", "json", "--stream", "--fail-on", "never", "--workers", w}, dirs...), nil, &out, &errb)
		outs = append(outs, out.String())
	}
	if outs[0] != outs[1] || !strings.Contains(outs[0], `"cross_report"`) {
		t.Errorf("--stream output differs between --workers 1 and 3 (or has no cross_report)")
	}
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"audit", "--stream", dirs[0]}, nil, &out, &errb); code != exitTrouble || !strings.Contains(errb.String(), "--stream 只适用于 json 和 csv") {
		t.Errorf("--stream with text: exit %d, %s", code, errb.String())
	}
}

func compact(t *testing.T, raw json.RawMessage) string {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func equalMaps(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// A real SIGTERM to the binary in the middle of a batch: the output is
// one valid audit document with the reports finished so far, stderr lists
// the files not processed, the exit code is 2, and reports plus files not
// processed are the whole batch.
func TestSIGTERMFinishesOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds nianbao")
	}
	bin := filepath.Join(t.TempDir(), "nianbao")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	src, err := os.ReadFile(filepath.Join(testutil.Fixture(t), "district", "2023", "2023-agri.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	const files = 3000
	for i := range files {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%04d.txt", i)), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // a guard against a hang, not a timing
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "audit", "--format", "json", "--stream", "--workers", "1", "--fail-on", "never", dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// wait for the first report object, then signal
	r := bufio.NewReader(stdout)
	var got bytes.Buffer
	for !strings.Contains(got.String(), `"findings"`) {
		line, err := r.ReadString('\n')
		got.WriteString(line)
		if err != nil {
			t.Fatalf("output ended before the first report: %v\n%s", err, stderr.String())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(r)
	got.Write(rest)
	cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != exitTrouble {
		t.Fatalf("exit %d, want 2 (interrupted)\n%s", code, stderr.String())
	}
	var d streamDoc
	if err := json.Unmarshal(got.Bytes(), &d); err != nil {
		t.Fatalf("not valid JSON after SIGTERM: %v\n…%s", err, got.Bytes()[max(got.Len()-300, 0):])
	}
	msg := stderr.String()
	i := strings.Index(msg, "已中断，")
	if i < 0 {
		t.Fatalf("stderr does not say what was not processed:\n%s", msg)
	}
	var left int
	for _, c := range msg[i+len("已中断，"):] {
		if c < '0' || c > '9' {
			break
		}
		left = left*10 + int(c-'0')
	}
	t.Logf("SIGTERM after the first report: %d reports written, %d not processed", len(d.Reports), left)
	if left == 0 || len(d.Reports)+left != files || d.Summary["reports"] != len(d.Reports) {
		t.Errorf("%d reports written, %d not processed, summary %v; want %d in all", len(d.Reports), left, d.Summary, files)
	}
	if first := filepath.Join(dir, fmt.Sprintf("r%04d.txt", len(d.Reports))); !strings.Contains(msg, first) {
		t.Errorf("stderr does not list %s, the first file not processed:\n%.500s", first, msg)
	}
}
