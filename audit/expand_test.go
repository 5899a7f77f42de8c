package audit

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b/2023.pdf", "a/2022.html", "a/2021.txt", "a/notes.xlsx", "README.md", "NOTES.md", ".git/x.txt", "c/d/e.docx",
		"c/2024.OFD", "all.zip", ".git/y.ofd"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	explicit := filepath.Join(dir, "a", "notes.xlsx")
	files, unread, errs := ExpandAll([]string{dir, explicit, filepath.Join(dir, "a", "2021.txt"), filepath.Join(dir, "nope.pdf")})
	var rel []string
	for _, f := range files {
		r, _ := filepath.Rel(dir, f)
		rel = append(rel, r)
	}
	// Folder contents in name order, report formats only, no hidden folders,
	// no README/NOTES; files named explicitly are kept; duplicates once.
	want := "a/2021.txt a/2022.html b/2023.pdf c/d/e.docx a/notes.xlsx"
	if got := strings.Join(rel, " "); got != want {
		t.Errorf("files = %s\nwant    %s", got, want)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "nope.pdf: 无法访问") {
		t.Errorf("errs = %v", errs)
	}
	// A report in a format nianbao does not read is listed, not passed
	// over in silence (nor a spreadsheet, which is not a report).
	rel = nil
	for _, f := range unread {
		r, _ := filepath.Rel(dir, f.Path)
		rel = append(rel, r)
		if f.What == "" {
			t.Errorf("%s: no word of what it is", r)
		}
	}
	if got, want := strings.Join(rel, " "), "all.zip c/2024.OFD"; got != want {
		t.Errorf("unread = %s\nwant     %s", got, want)
	}
}

// TestRunIsolation: a file that cannot be read is an error of that item
// only, items keep the input order, and a time limit turns a stuck file
// into an error instead of a hang.
func TestRunIsolation(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	bad := filepath.Join(dir, "bad.pdf")
	os.WriteFile(good, []byte("某镇2023年政府信息公开工作年度报告\n一、总体情况\n"), 0o644)
	os.WriteFile(bad, []byte("%PDF-1.7\ngarbage"), 0o644)
	res := Run(context.Background(), []string{bad, good, bad}, Options{Workers: 3, Timeout: time.Minute})
	if len(res.Items) != 3 {
		t.Fatalf("%d items", len(res.Items))
	}
	if res.Items[0].Err == nil || res.Items[2].Err == nil || res.Items[1].Err != nil {
		t.Fatalf("errors: %v / %v / %v", res.Items[0].Err, res.Items[1].Err, res.Items[2].Err)
	}
	if res.Items[1].Report == nil || res.Items[1].Report.Year != 2023 {
		t.Errorf("good file not recognised: %+v", res.Items[1].Report)
	}
	if s := res.Summary(); s.FailedToRead != 2 || s.Reports != 3 {
		t.Errorf("summary %+v", s)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	it, processed := one(ctx, good, Options{})
	if processed {
		t.Error("a cancelled run counts the file as processed")
	}
	if it.Err == nil || it.Err.Error() != good+": 处理被取消" || !errors.Is(it.Err, context.Canceled) {
		t.Errorf("cancelled run: %v", it.Err)
	}
	// A file whose time is up is told in Chinese with the limit, not as
	// "context deadline exceeded".
	ctx, cancel = context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	it, _ = one(ctx, good, Options{Timeout: time.Minute})
	if it.Err == nil || it.Err.Error() != good+": 处理超时（超过单个文件的时限 1m0s），已跳过" || !errors.Is(it.Err, context.DeadlineExceeded) {
		t.Errorf("timed-out run: %v", it.Err)
	}
}

// TestProgress: the callback sees every file once, counting up to the total.
func TestProgress(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i := range 7 {
		p := filepath.Join(dir, string(rune('a'+i))+".txt")
		os.WriteFile(p, []byte("某镇2023年政府信息公开工作年度报告\n"), 0o644)
		files = append(files, p)
	}
	var seen []int
	Run(context.Background(), files, Options{Workers: 3, Progress: func(done, total int) {
		if total != 7 {
			t.Errorf("total %d", total)
		}
		seen = append(seen, done)
	}})
	if len(seen) != 7 || seen[0] != 1 || seen[6] != 7 {
		t.Errorf("progress calls %v", seen)
	}
}

// Options.Prepare reaches the backend of every file (here the PDF
// backend, told before reading a file's pages what they will take).
func TestRunPrepare(t *testing.T) {
	pdfs, _ := filepath.Glob("../fixtures/pdf/*.pdf")
	if len(pdfs) < 2 {
		t.Fatalf("fixtures/pdf: %d PDFs", len(pdfs))
	}
	pdfs = pdfs[:2]
	var mu sync.Mutex
	told := 0
	prepare := func(n int64) {
		mu.Lock()
		defer mu.Unlock()
		if n > 0 {
			told++
		}
	}
	res := Run(context.Background(), pdfs, Options{Workers: 2, Prepare: prepare})
	for _, it := range res.Items {
		if it.Err != nil {
			t.Fatal(it.Err)
		}
	}
	if told != len(pdfs) {
		t.Errorf("Prepare told %d times for %d PDFs", told, len(pdfs))
	}
}
