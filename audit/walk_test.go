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

// TestExpandSavedPages: a web page saved with its pictures is one report.
// The folder a browser (页面_files) or Word and WPS (页面.files) save beside a
// page is the page's, and so is every picture the page shows; a picture no
// page shows, and a _files folder without its page, are walked as usual. A
// picture named on the command line is read whatever shows it.
func TestExpandSavedPages(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"镇/年报.html":                    `<html><body><p>一、总体情况</p><img src="年报_files/t3.png"><img src='pics/t4%20a.png'/><img src="http://example.org/x.png"><img src="data:image/png;base64,AA=="></body></html>`,
		"镇/年报_files/t3.png":            "png",
		"镇/年报_files/logo.gif.png":      "png",
		"镇/年报_files/share.html":        "<html><body>分享</body></html>",
		"镇/年报_files/archive.zip":       "zip",
		"镇/pics/t4 a.png":              "png",
		"镇/pics/other.png":             "png", // shown by no page
		"局/报告.htm":                     "<html><body>正文</body></html>",
		"局/报告.files/image001.jpg":      "jpg",
		"局/报告.files/filelist.xml":      "xml",
		"孤/无页_files/扫描.jpg":            "jpg", // no 无页.html beside it
		"扫描件.jpg":                      "jpg",
		"镇/linked.png":                 "png",
		"镇/年报_files/sub/deep/more.jpg": "jpg",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// a link to a picture the page shows is the same file
	if err := os.Symlink(filepath.Join(dir, "镇", "pics", "t4 a.png"), filepath.Join(dir, "镇", "zz-link.png")); err != nil {
		t.Fatal(err)
	}
	got, unread, errs := ExpandAll([]string{dir, filepath.Join(dir, "镇", "年报_files", "t3.png")})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var rel []string
	for _, f := range got {
		r, _ := filepath.Rel(dir, f)
		rel = append(rel, filepath.ToSlash(r))
	}
	want := "孤/无页_files/扫描.jpg 局/报告.htm 扫描件.jpg 镇/linked.png 镇/pics/other.png 镇/年报.html 镇/年报_files/t3.png"
	if strings.Join(rel, " ") != want {
		t.Errorf("files:\n%s\nwant\n%s", strings.Join(rel, " "), want)
	}
	if len(unread) != 0 {
		t.Errorf("unread %v: a saved page's folder is the page's", unread)
	}
}
