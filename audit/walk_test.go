package audit

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestExpandLinksAndIndex: saved web pages (index.html, Index.htm) are
// walked, links to files and folders are followed, a link loop ends, a file
// reached by two names is listed once and FIFOs are left out.
func TestExpandLinksAndIndex(t *testing.T) {
	dir := t.TempDir()
	other := t.TempDir()
	write := func(root, name string) {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	write(dir, "a/index.html")
	write(dir, "b/Index.htm")
	write(dir, "b/INDEX.md") // a folder's own index document stays out
	write(other, "c/2023.pdf")
	write(other, "2022.txt")
	link(filepath.Join(other, "c"), "linked-dir")
	link(filepath.Join(other, "2022.txt"), "linked.txt")
	link(filepath.Join(dir, "a", "index.html"), "z-same.html") // a second name of a/index.html
	link(dir, "a/loop")                                        // a link to an ancestor
	link(filepath.Join(dir, "nowhere.pdf"), "dangling.pdf")
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var files []string
	var errs []error
	go func() {
		files, errs = Expand([]string{dir})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Expand blocked")
	}
	var rel []string
	for _, f := range files {
		r, _ := filepath.Rel(dir, f)
		rel = append(rel, r)
	}
	want := "a/index.html b/Index.htm linked-dir/2023.pdf linked.txt"
	if got := strings.Join(rel, " "); got != want {
		t.Errorf("files = %s\nwant    %s", got, want)
	}
	if len(errs) != 0 {
		t.Errorf("errs = %v", errs)
	}
}

// TestRunRefusesFIFO: a FIFO named on the command line is refused at once
// (reading it would block until the time-out).
func TestRunRefusesFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	res := Run(context.Background(), []string{fifo}, Options{Workers: 1, Timeout: time.Minute})
	if err := res.Items[0].Err; err == nil || !strings.Contains(err.Error(), "命名管道") {
		t.Fatalf("err = %v", err)
	}
}
