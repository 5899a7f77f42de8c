package audit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sync"
	"sync/atomic"
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
	// held is memory the run's consumer keeps and no file in progress
	// can give back — the items Run holds for an output that needs them
	// all — added to the ceiling before a file is blamed (hold).
	held atomic.Int64

	mu      sync.Mutex
	running map[*guarded]bool
	quiet   time.Time // no check before: a stopped file is letting go of its memory

	// Admission: each file reserves what it may hold at most (reserve)
	// before it starts, and waits, in input order of asking, while the
	// reservations of the files in progress leave too little of the
	// ceiling. So two large files do not run side by side into the
	// ceiling, where the guard would have to stop one of them: a large
	// file waits and runs alone. A file that needs more than the whole
	// ceiling runs alone too.
	reserved int64
	waiting  []*admit // in order of asking
}

// admit is a file waiting to start.
type admit struct {
	need  int64
	ready chan struct{} // closed when admitted
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

// track registers a file in progress, once it is admitted (admit); the
// returned context is cancelled with ErrMemoryCeiling if the guard picks
// it. release must be called when the file is done. The error is ctx's
// when the run ended while the file waited.
func (g *memGuard) track(ctx context.Context, path string, budget *extract.Budget) (context.Context, func(), error) {
	if g == nil {
		return ctx, func() {}, nil
	}
	var size int64
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	need := min(reserve(size, budget), g.ceiling)
	if err := g.admit(ctx, need); err != nil {
		return ctx, nil, err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	f := &guarded{cancel: cancel, start: time.Now(), budget: budget, size: size}
	g.mu.Lock()
	g.running[f] = true
	g.mu.Unlock()
	return ctx, func() {
		g.mu.Lock()
		delete(g.running, f)
		g.reserved -= need
		g.wake()
		g.mu.Unlock()
		cancel(nil)
	}, nil
}

// reserve is the most memory a file of size bytes may hold while it is
// processed: the file itself (read whole by most readers) and one and a
// half times its budget (what the budget counts and the garbage around it,
// as the ceiling of the command allows per worker, cmd/nianbao
// memoryCeiling).
func reserve(size int64, budget *extract.Budget) int64 {
	limit := int64(extract.DefaultBudget)
	if budget != nil {
		limit = budget.Limit()
	}
	return size + limit*3/2
}

// admit waits until need fits in the ceiling beside the files in progress
// and every file that asked before it has started, then reserves it. It
// returns ctx's error if ctx ends first.
func (g *memGuard) admit(ctx context.Context, need int64) error {
	g.mu.Lock()
	if len(g.waiting) == 0 && g.fits(need) {
		g.reserved += need
		g.mu.Unlock()
		return nil
	}
	w := &admit{need: need, ready: make(chan struct{})}
	g.waiting = append(g.waiting, w)
	g.mu.Unlock()
	select {
	case <-w.ready:
		return nil
	case <-ctx.Done():
		g.mu.Lock()
		defer g.mu.Unlock()
		select {
		case <-w.ready: // admitted meanwhile: give it back
			g.reserved -= need
			g.wake()
		default:
			g.waiting = slices.DeleteFunc(g.waiting, func(x *admit) bool { return x == w })
			g.wake() // a large file leaving the head may let smaller ones in
		}
		return ctx.Err()
	}
}

// fits reports whether need can be reserved now: it fits beside what is
// reserved, or nothing is (a file larger than the ceiling runs alone).
// g.mu is held.
func (g *memGuard) fits(need int64) bool {
	return g.reserved == 0 || g.reserved+need <= g.ceiling
}

// wake admits the waiting files at the head of the queue that fit now.
// g.mu is held.
func (g *memGuard) wake() {
	for len(g.waiting) > 0 && g.fits(g.waiting[0].need) {
		w := g.waiting[0]
		g.waiting = g.waiting[1:]
		g.reserved += w.need
		close(w.ready)
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

// hold counts n more bytes kept by the run's consumer (held).
func (g *memGuard) hold(n int64) {
	if g != nil {
		g.held.Add(n)
	}
}

// check stops the largest file in progress when the heap is over the
// ceiling, beyond what the consumer holds, even after a collection.
func (g *memGuard) check() {
	limit := g.ceiling + g.held.Load()
	if time.Now().Before(g.quiet) || g.heap() <= limit {
		return
	}
	debug.FreeOSMemory() // collect and give back what is free
	if g.heap() <= limit {
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

// heldSize estimates the memory an item kept by Run takes, whole or light
// (Item.Light): what grows with the document — cells, text lines, the
// parts' texts, what the rules read, findings — at costs measured on the
// generated reports (a 4-page report kept whole ~72 KB, light ~3.6 KB).
// An estimate is enough: the guard only needs to know that this memory is
// the consumer's, which no file in progress could give back.
func heldSize(it Item, light bool) int64 {
	n := int64(1 << 10)
	for _, f := range it.Findings {
		n += 256 + int64(len(f.Message))
	}
	r := it.Report
	if r == nil {
		return n
	}
	n += 2 << 10 // heading, parts, tables' states, problems
	if light {
		return n
	}
	n += int64(len(r.Cells)) * 270
	for _, l := range r.Lines {
		n += 64 + 2*int64(len(l.Text))
	}
	for _, s := range r.Sections {
		n += int64(len(s.Text))
	}
	return n + 200*int64(len(r.Figures)+len(r.Enumerations)+len(r.Negations)+len(r.Fees)+len(r.YearHeadings)+len(r.YearClauses))
}
