package audit

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/rules"
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
	g := newMemGuard(1 << 30) // room for both files' reservations
	g.heap = func() int64 { return heap }
	bctx, bdone, err := g.track(context.Background(), big, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdone()
	sctx, sdone, err := g.track(context.Background(), small, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer sdone()
	g.check()
	if sctx.Err() != nil || bctx.Err() != nil {
		t.Fatal("a file was stopped under the ceiling")
	}
	heap = 2 << 30
	g.check()
	if sctx.Err() != nil || !errors.Is(context.Cause(bctx), ErrMemoryCeiling) {
		t.Fatalf("over the ceiling: small %v, big %v", context.Cause(sctx), context.Cause(bctx))
	}
	err = stopped(big, bctx, Options{guard: g})
	if !strings.Contains(err.Error(), "内存不足") || !strings.Contains(err.Error(), "big.txt") || !errors.Is(err, ErrMemoryCeiling) {
		t.Errorf("message: %v", err)
	}
	g.check() // quiet: the stopped file is letting go
	if sctx.Err() != nil {
		t.Error("a second file was stopped at once")
	}
}

// TestAdmission: a file whose reservation (its size and one and a half
// budgets) does not fit beside the files in progress waits until it does;
// files asking after it wait behind it (no large file is starved by small
// ones); a file larger than the whole ceiling runs alone; a file whose run
// ends while it waits gives its place up.
func TestAdmission(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, size int) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	budget := extract.NewBudget(1000) // each file reserves its size + 1,500 bytes
	small1, small2, big, huge := write("s1.txt", 100), write("s2.txt", 100), write("big.txt", 3000), write("huge.txt", 9000)
	g := newMemGuard(6000) // two small files (1,600 each) fit, small + big (4,500) does not
	start := func(path string, ctx context.Context) chan func() {
		admitted := make(chan func(), 1)
		go func() {
			_, release, err := g.track(ctx, path, budget)
			if err != nil {
				close(admitted)
				return
			}
			admitted <- release
		}()
		return admitted
	}
	waitFor := func(c chan func(), what string) func() {
		t.Helper()
		select {
		case release, ok := <-c:
			if !ok {
				t.Fatalf("%s: gave up", what)
			}
			return release
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: not admitted", what)
		}
		return nil
	}
	queued := func(n int) { // the files started have asked
		t.Helper()
		for range 500 {
			g.mu.Lock()
			k := len(g.waiting)
			g.mu.Unlock()
			if k == n {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatalf("not %d files waiting", n)
	}
	waiting := func(c chan func(), what string) {
		t.Helper()
		select {
		case <-c:
			t.Fatalf("%s admitted beside the files in progress", what)
		case <-time.After(50 * time.Millisecond):
		}
	}

	releaseS1 := waitFor(start(small1, context.Background()), "first small file")
	releaseS2 := waitFor(start(small2, context.Background()), "second small file, beside the first")
	bigC := start(big, context.Background())
	queued(1)
	waiting(bigC, "big file")
	releaseS2()
	waiting(bigC, "big file (the first small file still runs)")
	s3 := start(small2, context.Background())
	queued(2)
	waiting(s3, "a small file asking after the big one")
	releaseS1()
	releaseBig := waitFor(bigC, "big file, the small ones done")
	waiting(s3, "a small file (the big one runs)")
	releaseBig()
	waitFor(s3, "small file after the big one")()

	// larger than the ceiling: runs alone, at once when nothing runs
	waitFor(start(huge, context.Background()), "file larger than the ceiling")()

	// the run ends while a file waits: it gives its place up
	releaseS1 = waitFor(start(small1, context.Background()), "small file")
	ctx, cancel := context.WithCancel(context.Background())
	gone := start(huge, ctx)
	queued(1)
	after := start(small2, context.Background())
	queued(2)
	waiting(after, "a small file behind a waiting huge one")
	cancel()
	if _, ok := <-gone; ok {
		t.Fatal("the cancelled file was admitted")
	}
	waitFor(after, "small file after the cancelled one left the queue")()
	releaseS1()
	if g.reserved != 0 || len(g.waiting) != 0 {
		t.Errorf("left reserved %d, waiting %d", g.reserved, len(g.waiting))
	}
}

// TestMemGuardHeld: memory the run's consumer keeps (the items Run holds
// for an output that needs them all) is not blamed on the files in
// progress; past it and the ceiling, the heaviest file is stopped as
// before. Run counts what it holds.
func TestMemGuardHeld(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	os.WriteFile(path, []byte("年报"), 0o644)
	heap := int64(0)
	g := newMemGuard(100 << 20)
	g.heap = func() int64 { return heap }
	ctx, done, err := g.track(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	g.hold(300 << 20)
	heap = 350 << 20 // over the ceiling, within what is held beside it
	g.check()
	if ctx.Err() != nil {
		t.Fatal("a file was stopped for memory the run holds")
	}
	heap = 450 << 20
	g.check()
	if !errors.Is(context.Cause(ctx), ErrMemoryCeiling) {
		t.Fatalf("over the ceiling and the held memory: %v", context.Cause(ctx))
	}

	// the estimate of what an item kept takes follows what was measured on
	// this report (runtime.MemStats over 300 copies: ~72 KB whole, ~3.6 KB
	// light)
	res := Run(context.Background(), []string{filepath.Join(testutil.RepoRoot(t), "fixtures", "html", "clean-lo-serif-city.html")},
		Options{Rules: true, Profile: rules.DefaultProfile()})
	if whole, light := heldSize(res.Items[0], false), heldSize(res.Items[0], true); whole < 50<<10 || whole > 100<<10 || light < 2<<10 || light > 8<<10 {
		t.Errorf("held estimate whole %d, light %d bytes; measured ~72 KB and ~3.6 KB", whole, light)
	}
}
