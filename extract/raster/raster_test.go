package raster

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/testutil"
)

// A page up to A3 is rendered at 300 dpi; a larger one at the resolution
// that keeps its picture within MaxPixels.
func TestResolution(t *testing.T) {
	for _, c := range []struct {
		w, h float64
		want int
	}{{612, 792, 300}, {842, 1191, 300}, {2384, 3370, 147}, {0, 0, 300}, {1e6, 1e6, 36}} {
		if got := Resolution(c.w, c.h); got != c.want {
			t.Errorf("Resolution(%v, %v) = %d, want %d", c.w, c.h, got, c.want)
		}
		if px := float64(Resolution(c.w, c.h)) / 72; c.w > 0 && c.want > 36 && c.w*px*c.h*px > MaxPixels {
			t.Errorf("%v×%v pt: %.0f pixels", c.w, c.h, c.w*px*c.h*px)
		}
	}
}

// Without pdftoppm the error is ErrMissing; a renderer that writes more
// than MaxPNG is refused; one that hangs ends with the context.
func TestPageBounds(t *testing.T) {
	path := os.Getenv("PATH")
	t.Setenv("PATH", t.TempDir())
	if _, err := Page(context.Background(), []byte("%PDF"), 1, 300); !errors.Is(err, ErrMissing) {
		t.Errorf("no pdftoppm: %v", err)
	}
	t.Setenv("PATH", path)
	testutil.FakeTool(t, "pdftoppm", "#!/bin/sh\ncat > /dev/null\nhead -c 70000000 /dev/zero\n")
	if _, err := Page(context.Background(), []byte("%PDF"), 1, 300); err == nil || !strings.Contains(err.Error(), "超过 64 MB") {
		t.Errorf("70 MB of output: %v", err)
	}
	limit := filepath.Join(t.TempDir(), "limit")
	testutil.FakeTool(t, "pdftoppm", "#!/bin/sh\ncat > /dev/null\nulimit -v > "+limit+"\nprintf PNG\n")
	if _, err := Page(context.Background(), []byte("%PDF"), 1, 300); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(limit); strings.TrimSpace(string(b)) != "2097152" {
		t.Errorf("renderer's address-space limit %q KB, want 2097152", b)
	}
	testutil.FakeTool(t, "pdftoppm", "#!/bin/sh\nexec sleep 30\n")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := Page(ctx, []byte("%PDF"), 1, 300); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("hanging renderer: %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("ended %v after the time-out", d)
	}
}

// A renderer that fails is named with the page and the first line of what
// it said (cut at 200 bytes, not inside a character); one that says
// nothing and writes nothing is "没有输出".
func TestPageFailureMessage(t *testing.T) {
	long := strings.Repeat("页", 100) // 300 bytes
	testutil.FakeTool(t, "pdftoppm", "#!/bin/sh\ncat > /dev/null\necho 'Syntax Error: Invalid page number' >&2\necho 'second line' >&2\nexit 99\n")
	_, err := Page(context.Background(), []byte("%PDF"), 7, 300)
	if err == nil || err.Error() != "pdftoppm 无法渲染第7页：Syntax Error: Invalid page number" {
		t.Errorf("failing renderer: %v", err)
	}
	testutil.FakeTool(t, "pdftoppm", "#!/bin/sh\ncat > /dev/null\nprintf '"+long+"' >&2\nexit 1\n")
	_, err = Page(context.Background(), []byte("%PDF"), 2, 300)
	if want := "pdftoppm 无法渲染第2页：" + strings.Repeat("页", 66); err == nil || err.Error() != want {
		t.Errorf("long message: %v, want %s", err, want)
	}
	testutil.FakeTool(t, "pdftoppm", "#!/bin/sh\ncat > /dev/null\n")
	if _, err = Page(context.Background(), []byte("%PDF"), 1, 300); err == nil || !strings.HasSuffix(err.Error(), "没有输出") {
		t.Errorf("silent renderer: %v", err)
	}
}
