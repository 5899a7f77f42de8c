// Package audit drives many documents through the pipeline: it expands
// folders into files, extracts and recognises each file in isolation (a
// recovered panic or a time-out is an error of that file only), runs the rule
// catalogue, and returns results in a deterministic order whatever the number
// of workers.
package audit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/nianbao/nianbao/crawl/manifest"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/load"
	"github.com/nianbao/nianbao/internal/errtext"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/rules"
)

// Options control a run.
type Options struct {
	Workers int           // 0: number of CPUs
	Timeout time.Duration // per document; 0: no limit
	Profile rules.Profile
	// Rules runs the checks; false for `extract`, which only recognises.
	Rules bool
	// Baseline, when set, waives the findings it lists.
	Baseline *Baseline
	// Progress, when set, is called after each file with the number of
	// files done and the total, from one goroutine at a time.
	Progress func(done, total int)
	// holds is set by Run, which keeps every item: the memory guard counts
	// them as held, not against the files in progress (memGuard.hold).
	holds bool
	// Light, with Run, keeps each item light (Item.Light), for outputs
	// that show only each report's heading and findings; the summary is
	// still counted on the whole items (the copies' numbers).
	Light bool
	// Manifests, when set, finds the crawl manifest entry of each file
	// (source URL, the page's publication date; see origin.go) and where a
	// crawled page's pictures were saved (extract.Downloads).
	Manifests *manifest.Finder
	// MemoryCeiling, when set, is the heap size of the whole process past
	// which the file in progress with the largest input is stopped
	// (memguard.go), a backstop of the per-document budgets. 0: none.
	MemoryCeiling int64
	guard         *memGuard
	// Late, when set, makes the run hand each item on as soon as it and
	// the items before it are read, without waiting for the cross-report
	// rules: the findings those rules make later about an item already
	// handed on (its year-before report came after it; CONS-COPY-PEER at
	// the end of the batch) go to Late, in a deterministic order (input
	// order of what settles them). `audit --stream`.
	Late func(Late) error
	// MaxMemory is each document's memory budget in bytes (extract.Budget):
	// a document that needs more is cut or refused with a message, never
	// the process. 0: extract.DefaultBudget.
	MaxMemory int64
	// Prepare, when set, is told how many bytes reading a large document
	// will allocate, before it is read (extract.WithPrepare).
	Prepare func(bytes int64)
}

// Item is the result for one input file.
type Item struct {
	Path     string
	Report   *recognise.Report // nil when the file could not be read
	Findings []rules.Finding
	Err      error // the file could not be read at all
	// Unread identifies a file that could not be read (Err != nil) as far
	// as its bytes were read: its format when recognised and its SHA-256
	// digest; empty when the bytes were not read at all.
	Unread Identity
	// Waived counts the findings left out because the baseline lists them.
	Waived int
	// Source is the file's crawl manifest entry (nil when it has none).
	Source *manifest.Entry
}

// Identity is what identifies a file's bytes.
type Identity struct {
	Format string
	SHA256 string
}

// Late are cross-report findings about an item that was already handed on
// (Options.Late).
type Late struct {
	// Index is the item's position among the items handed on (its index
	// in the output's list of reports).
	Index int
	// Item is the item as handed on, with only the late findings in
	// Findings and the late findings the baseline waived in Waived.
	Item Item
}

// Result is the result of a run, items in input order.
type Result struct {
	// Items are the files' items in input order (light ones when the run
	// was asked for them: Options.Light).
	Items []Item
	// NotProcessed are the files a cancelled run did not finish (Outcome).
	NotProcessed []string
	// Unread are the files of the walked folders left out because nianbao
	// does not read their format (ExpandAll), set by the caller that walked
	// them, so that the outputs say a report may be missing.
	Unread []Unread
	// summary is the run's summary, counted on the whole items as they
	// came (Run); nil for a Result made by hand, counted from Items.
	summary *Summary
}

// Unread is a file a folder walk left out for its format, and what it is
// with what to do (load.Unread).
type Unread struct {
	Path, What string
}

// Summary counts findings by severity, unreadable files and findings
// waived by the baseline, and lists the reports that repeat another's
// body and year.
type Summary struct {
	Reports, Errors, Warnings, Infos, FailedToRead, Waived int
	// Copies are the reports whose body and year an earlier report of the
	// batch has too, in input order (see Copy).
	Copies []Copy
	copies *copyIndex
	// Unread are the files the walk left out for their format
	// (Result.Unread; set by the caller when it streams).
	Unread []Unread
}

// Summary of the run.
func (r *Result) Summary() Summary {
	if r.summary != nil {
		s := *r.summary
		s.Unread = r.Unread
		// the items' paths as they are now (a caller may show them
		// relative to a folder)
		s.Copies = slices.Clone(s.Copies)
		for i, c := range s.Copies {
			if c.Index < len(r.Items) && c.Of < len(r.Items) {
				s.Copies[i].Path, s.Copies[i].OfPath = r.Items[c.Index].Path, r.Items[c.Of].Path
			}
		}
		return s
	}
	s := Summary{Unread: r.Unread}
	for _, it := range r.Items {
		s.Add(it)
	}
	return s
}

// Add counts one item: the report, whether it was unreadable, its waived
// findings and its findings by severity.
func (s *Summary) Add(it Item) {
	s.Reports++
	if it.Err != nil {
		s.FailedToRead++
	}
	if s.copies == nil {
		s.copies = &copyIndex{}
	}
	if c := s.copies.add(it); c != nil {
		s.Copies = append(s.Copies, *c)
	}
	s.AddLate(it)
}

// AddLate counts the findings and waived findings of an item already
// counted (Late).
func (s *Summary) AddLate(it Item) {
	s.Waived += it.Waived
	for _, f := range it.Findings {
		switch f.Severity {
		case rules.SeverityError:
			s.Errors++
		case rules.SeverityWarning:
			s.Warnings++
		case rules.SeverityInfo:
			s.Infos++
		}
	}
}

// MaxSeverity is the highest severity among all findings (0 when none);
// compare with rules.Severity.Rank.
func (r *Result) MaxSeverity() int {
	m := 0
	for _, it := range r.Items {
		for _, f := range it.Findings {
			m = max(m, f.Severity.Rank())
		}
	}
	return m
}

// Run processes files with a pool of workers and returns every item. The
// order of Items follows files, so output does not depend on the worker
// count. Renderers that can write item by item use Stream instead, which
// does not hold the items.
func Run(ctx context.Context, files []string, opt Options) *Result {
	res := &Result{}
	opt.holds = true
	out, _ := Stream(ctx, files, opt, func(it Item) error {
		if opt.Light {
			it = it.Light()
		}
		res.Items = append(res.Items, it)
		return nil
	})
	res.NotProcessed = out.NotProcessed
	res.summary = &out.Summary
	return res
}

// Light is the item as an output that shows only each report's heading
// and findings holds it (Options.Light): the report without its cells, its
// text (lines, the parts' bodies) and what the rules read in it (figures,
// enumerations, negations, fee statements, year statements) — a few
// kilobytes where the whole item takes ~75, so that holding every item of
// a batch of ten thousand reports does not take the best part of a
// gigabyte. The item handed on by Stream is not changed.
func (it Item) Light() Item {
	if it.Report == nil {
		return it
	}
	r := *it.Report
	r.Cells, r.Figures, r.Enumerations, r.Lines, r.Negations, r.Fees = nil, nil, nil, nil, nil, nil
	r.YearHeadings, r.YearClauses = nil, nil
	for i := range r.Sections {
		r.Sections[i].Text = ""
	}
	it.Report = &r
	return it
}

// stopGrace is how long a file whose time is up may take to stop. Every
// stage checks the context, so it returns well within it and its memory is
// free before the worker takes the next file; a stage that does not is
// left behind rather than stopping the batch.
const stopGrace = 10 * time.Second

// one processes a single file in isolation (isolate). processed is false
// when the run (ctx) was cancelled before the file was done.
func one(ctx context.Context, path string, opt Options) (it Item, processed bool) {
	it, processed, err := isolate(ctx, path, opt, func(fctx context.Context) (Item, error) {
		it := process(fctx, path, opt)
		return it, it.Err
	})
	if err != nil {
		if it.Path == "" { // a panic or a stage that did not stop: nothing came back
			it = Item{Path: path}
		}
		it.Err = err
	}
	return it, processed
}

// Read extracts one file as Run does before recognition: in isolation,
// with opt's time limit and memory budget, a file that is not a regular
// file refused at once. It is for commands that want the document itself
// (nianbao text).
func Read(ctx context.Context, path string, opt Options) (*extract.Document, error) {
	doc, _, err := isolate(ctx, path, opt, func(fctx context.Context) (*extract.Document, error) {
		if err := regular(path); err != nil {
			return nil, err
		}
		return load.File(opt.downloads(fctx), path)
	})
	return doc, err
}

// isolate runs work on one file in isolation: its own goroutine, a time
// limit, a memory budget, and panics turned into errors. processed is
// false when the run (ctx) was cancelled before the file was done. When
// the file's time is up, err says so, whatever work returned.
func isolate[T any](ctx context.Context, path string, opt Options, work func(context.Context) (T, error)) (v T, processed bool, err error) {
	if err := ctx.Err(); err != nil {
		return v, false, stopped(path, ctx, opt)
	}
	var budget *extract.Budget
	if opt.MaxMemory > 0 {
		budget = extract.NewBudget(opt.MaxMemory)
	}
	fctx, release, err := opt.guard.track(ctx, path, budget)
	if err != nil { // the run ended while the file waited for memory
		return v, false, stopped(path, ctx, opt)
	}
	defer release()
	if opt.Timeout > 0 {
		var cancel context.CancelFunc
		fctx, cancel = context.WithTimeout(fctx, opt.Timeout)
		defer cancel()
	}
	if budget != nil {
		fctx = extract.WithBudget(fctx, budget)
	}
	if opt.Prepare != nil {
		fctx = extract.WithPrepare(fctx, opt.Prepare)
	}
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: fmt.Errorf("%s: 内部错误：%v", path, p)}
			}
		}()
		v, err := work(fctx)
		done <- result{v, err}
	}()
	var r result
	select {
	case r = <-done:
		if r.err != nil && fctx.Err() != nil {
			r.err = stopped(path, fctx, opt) // the time limit was seen first
		}
	case <-fctx.Done():
		select { // let the stages notice and free their memory
		case <-done:
		case <-time.After(stopGrace):
		}
		r = result{err: stopped(path, fctx, opt)}
	}
	if r.err != nil && ctx.Err() != nil {
		return r.v, false, r.err
	}
	return r.v, true, r.err
}

// stopped says in Chinese why a file was not finished: the per-file time
// limit, or the whole run was cancelled (Ctrl-C). errors.Is still sees err.
func stopped(path string, ctx context.Context, opt Options) error {
	err := ctx.Err()
	if errors.Is(context.Cause(ctx), ErrMemoryCeiling) && opt.guard != nil {
		return ceilingError(path, opt.guard.ceiling)
	}
	if errors.Is(err, context.DeadlineExceeded) && opt.Timeout > 0 {
		return &stopError{fmt.Sprintf("%s: 处理超时（超过单个文件的时限 %v），已跳过", path, opt.Timeout), err}
	}
	return &stopError{fmt.Sprintf("%s: 处理被取消", path), err}
}

type stopError struct {
	msg string
	err error
}

func (e *stopError) Error() string { return e.msg }
func (e *stopError) Unwrap() error { return e.err }

func process(ctx context.Context, path string, opt Options) Item {
	if err := regular(path); err != nil {
		return Item{Path: path, Err: err, Source: opt.origin(path, nil)}
	}
	doc, err := load.File(opt.downloads(ctx), path)
	if err != nil {
		it := Item{Path: path, Err: err, Source: opt.origin(path, nil)}
		var fe *load.FileError
		if errors.As(err, &fe) {
			it.Unread = Identity{Format: string(fe.Format), SHA256: fe.SHA256}
		}
		return it
	}
	src := opt.origin(path, doc)
	id := Identity{Format: string(doc.Format), SHA256: doc.SHA256}
	if err := ctx.Err(); err != nil { // timed out during extraction
		return Item{Path: path, Err: err, Source: src, Unread: id}
	}
	rep, err := recognise.Recognise(ctx, doc)
	if err != nil {
		return Item{Path: path, Err: err, Source: src, Unread: id}
	}
	it := Item{Path: path, Report: rep, Source: src}
	if opt.Rules {
		if it.Findings, err = rules.Run(ctx, rep, opt.Profile); err != nil {
			return Item{Path: path, Err: err, Source: src, Unread: id}
		}
	}
	return it
}

// regular refuses at once what is not a regular file: reading a FIFO blocks
// until something writes to it, a device or a socket never ends. The check
// follows symbolic links, as reading does.
func regular(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("%s: 无法读取：%w", path, errtext.Read(err))
	}
	m := st.Mode()
	var kind string
	switch {
	case m.IsRegular(), m.IsDir(): // a folder is refused by load with its own message
		return nil
	case m&os.ModeNamedPipe != 0:
		kind = "命名管道（FIFO）"
	case m&os.ModeSocket != 0:
		kind = "套接字"
	case m&os.ModeDevice != 0, m&os.ModeCharDevice != 0:
		kind = "设备文件"
	default:
		kind = "特殊文件"
	}
	return fmt.Errorf("%s: 是%s，不是普通文件，已跳过", path, kind)
}
