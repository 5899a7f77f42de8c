package audit

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMemGuard: over the ceiling, the guard stops the heaviest file in
// progress (once) — here neither spent budget, so the one running longer
// — and that file's error says why.
func TestMemGuard(t *testing.T) {
	dir := t.TempDir()
	small, big := filepath.Join(dir, "small.txt"), filepath.Join(dir, "big.txt")
	os.WriteFile(small, []byte("小"), 0o644)
	os.WriteFile(big, []byte(strings.Repeat("大", 1000)), 0o644)
	heap := int64(10)
	g := newMemGuard(100)
	g.heap = func() int64 { return heap }
	bctx, bdone := g.track(context.Background(), big, nil)
	defer bdone()
	sctx, sdone := g.track(context.Background(), small, nil)
	defer sdone()
	g.check()
	if sctx.Err() != nil || bctx.Err() != nil {
		t.Fatal("a file was stopped under the ceiling")
	}
	heap = 1000
	g.check()
	if sctx.Err() != nil || !errors.Is(context.Cause(bctx), ErrMemoryCeiling) {
		t.Fatalf("over the ceiling: small %v, big %v", context.Cause(sctx), context.Cause(bctx))
	}
	err := stopped(big, bctx, Options{guard: g})
	if !strings.Contains(err.Error(), "内存不足") || !strings.Contains(err.Error(), "big.txt") || !errors.Is(err, ErrMemoryCeiling) {
		t.Errorf("message: %v", err)
	}
	g.check() // quiet: the stopped file is letting go
	if sctx.Err() != nil {
		t.Error("a second file was stopped at once")
	}
}
