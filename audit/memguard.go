package audit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/nianbao/nianbao/extract"
)

// ErrMemoryCeiling is the cause of a file stopped because the process as
// a whole passed Options.MemoryCeiling.
var ErrMemoryCeiling = errors.New("进程内存超过上限")

// memGuard is the backstop of the per-document budgets: budgets count
// what the readers spend, but not every byte of every stage, so the guard
// watches the memory the Go runtime holds from the system (about the
// resident size). When it passes the ceiling even after a collection that
// returns free memory, the guard stops the heaviest file in progress
// (guarded.heavier) — the likeliest cause — and the batch goes on. Which file it stops depends
// on timing, so it is a last resort: the budgets and time limits are meant
// to keep a run below it.
type memGuard struct {
	ceiling int64
	heap    func() int64 // bytes the runtime holds from the system
	every   time.Duration

	mu      sync.Mutex
	running map[*guarded]bool
	quiet   time.Time // no check before: a stopped file is letting go of its memory
}

type guarded struct {
	size   int64
	start  time.Time
	budget *extract.Budget // what its readers accounted (nil: none)
	cancel context.CancelCauseFunc
}

// heavier orders the candidates: most memory accounted by the readers,
// then the longest running (a zip bomb is small on disk and slow), then
// the largest input.
func (f *guarded) heavier(o *guarded) bool {
	if a, b := f.budget.Peak(), o.budget.Peak(); a != b {
		return a > b
	}
	if !f.start.Equal(o.start) {
		return f.start.Before(o.start)
	}
	return f.size > o.size
}

// guardEvery is how often the guard reads the runtime's memory (a read
// of runtime/metrics takes about a microsecond): often enough that a file
// allocating fast is stopped before it passes the ceiling by much.
const guardEvery = 20 * time.Millisecond

func newMemGuard(ceiling int64) *memGuard {
	return &memGuard{ceiling: ceiling, heap: mapped, every: guardEvery, running: map[*guarded]bool{}}
}

// mapped is the memory the runtime holds from the system and has not
// given back (heap, stacks, runtime structures), read without stopping
// the world.
func mapped() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64()) - int64(s[1].Value.Uint64())
}

// track registers a file in progress; the returned context is cancelled
// with ErrMemoryCeiling if the guard picks it. release must be called when
// the file is done.
func (g *memGuard) track(ctx context.Context, path string, budget *extract.Budget) (context.Context, func()) {
	if g == nil {
		return ctx, func() {}
	}
	ctx, cancel := context.WithCancelCause(ctx)
	f := &guarded{cancel: cancel, start: time.Now(), budget: budget}
	if st, err := os.Stat(path); err == nil {
		f.size = st.Size()
	}
	g.mu.Lock()
	g.running[f] = true
	g.mu.Unlock()
	return ctx, func() {
		g.mu.Lock()
		delete(g.running, f)
		g.mu.Unlock()
		cancel(nil)
	}
}

// watch checks the heap until ctx is done.
func (g *memGuard) watch(ctx context.Context) {
	t := time.NewTicker(g.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			g.check()
		}
	}
}

// check stops the largest file in progress when the heap is over the
// ceiling even after a collection.
func (g *memGuard) check() {
	if time.Now().Before(g.quiet) || g.heap() <= g.ceiling {
		return
	}
	debug.FreeOSMemory() // collect and give back what is free
	if g.heap() <= g.ceiling {
		return
	}
	g.mu.Lock()
	var big *guarded
	for f := range g.running {
		if big == nil || f.heavier(big) {
			big = f
		}
	}
	if big != nil {
		delete(g.running, big) // stopped once
	}
	g.mu.Unlock()
	if big != nil {
		g.quiet = time.Now().Add(stopGrace)
		big.cancel(ErrMemoryCeiling)
	}
}

// ceilingError says which limit stopped a file.
func ceilingError(path string, ceiling int64) error {
	return &stopError{fmt.Sprintf("%s: 内存不足：同时处理的文件所用内存超过上限（%d MB），本文件占用最多，已停止处理（可减少 --workers 或降低 --max-memory）", path, ceiling>>20), ErrMemoryCeiling}
}
