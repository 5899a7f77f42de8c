package audit

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/rules"
)

// Outcome is what a streamed run did besides the items it handed on.
type Outcome struct {
	Summary     Summary
	MaxSeverity int // compare with rules.Severity.Rank
	// NotProcessed are the files the run did not finish because it was
	// cancelled (Ctrl-C, SIGTERM), in input order. They were not handed on.
	NotProcessed []string
}

// Stream processes files like Run but hands each item to emit as soon as
// it and every item before it are final, in input order, so the output is
// the same for any number of workers and memory does not grow with the
// number of files:
//
//   - workers run at most a window of files ahead of the first unfinished
//     one (a slow file holds back at most that many finished items);
//   - the cross-report rules keep a compact digest of every report (issuer,
//     year, the cells and parts the pair rules compare), not the report;
//   - an item waiting for the same body's report of the year before, which
//     may come later in the input, is spooled to a temporary file with every
//     item after it, and read back when its predecessor is found or the run
//     ends. Such items are written late, never wrong;
//   - with Options.Late set, no item waits: each is handed on at once with
//     the findings known then, and the cross-report findings found later
//     (its year-before report comes after it; CONS-COPY-PEER when the batch
//     is read) go to Late. The items and the late findings come in an order
//     fixed by the input order, so this output too is the same for any
//     number of workers.
//
// When ctx is cancelled no new file is started, files in progress are
// stopped, every finished item is still handed on, and the files left are
// listed in Outcome.NotProcessed. An error from emit stops the run and is
// returned.
func Stream(ctx context.Context, files []string, opt Options, emit func(Item) error) (Outcome, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = min(workers, max(len(files), 1))
	window := max(16, 8*workers)

	runCtx, cancelRun := context.WithCancel(ctx)
	defer cancelRun()
	if opt.MemoryCeiling > 0 {
		opt.guard = newMemGuard(opt.MemoryCeiling)
		go opt.guard.watch(runCtx)
	}
	type result struct {
		i         int
		it        Item
		processed bool
	}
	jobs := make(chan int)
	results := make(chan result, workers)
	tokens := make(chan struct{}, window) // one per file started and not yet ordered
	go func() {
		defer close(jobs)
		for i := range files {
			select {
			case tokens <- struct{}{}:
			case <-runCtx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-runCtx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				it, ok := one(runCtx, files[i], opt)
				results <- result{i, it, ok}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	if opt.holds && opt.guard != nil {
		keep := emit
		emit = func(it Item) error {
			opt.guard.hold(heldSize(it, opt.Light))
			return keep(it)
		}
	}
	o := newOrderer(opt, emit)
	if len(files) < 2 {
		// One file has no other report to be compared with: no digest,
		// no peer document, no spool (a third of a one-file audit's time).
		o.pairs, o.peerCheck = false, false
	}
	defer o.close()
	waiting := map[int]result{} // finished, not yet in order
	next, done := 0, 0
	for r := range results {
		done++
		if opt.Progress != nil {
			opt.Progress(done, len(files))
		}
		waiting[r.i] = r
		for {
			r, ok := waiting[next]
			if !ok {
				break
			}
			delete(waiting, next)
			next++
			<-tokens
			if !r.processed {
				o.out.NotProcessed = append(o.out.NotProcessed, files[r.i])
				continue
			}
			if err := o.add(r.i, r.it); err != nil {
				cancelRun() // drain the workers, write nothing more
			}
		}
	}
	o.out.NotProcessed = append(o.out.NotProcessed, files[next:]...)
	o.finish()
	return o.out, o.err
}

// orderer hands items on in input order once their cross-report findings
// are known. Items that must wait are spooled, so it holds in memory only
// the digests and one small record per waiting item.
type orderer struct {
	opt   Options
	emit  func(Item) error
	queue []*queued // added, not yet handed on, in input order
	// pend are the queued items still looking for their predecessor, by
	// the year it must have (an item found its own is nil).
	pend map[int]*byIssuer[*queued]
	// known are the reports that may be another's predecessor, by year.
	known map[int]*byIssuer[*digest]
	spool *spool
	// pairs is set when a rule comparing a report with the year before
	// is on: only then do items wait for their predecessor.
	pairs bool
	// peerCheck is set when CONS-COPY-PEER is on.
	peerCheck bool
	// peers are the items CONS-COPY-PEER compares, in input order.
	peers []*queued
	out   Outcome
	err   error
	// handed counts the items handed on (Late.Index).
	handed int
}

type queued struct {
	item    *Item  // nil once spooled
	path    string // the item's, kept to name it when it cannot be read back
	at      spoolRef
	dig     *digest // nil: takes no part in the cross-report rules
	prev    *digest // the predecessor found
	settled bool    // prev is final
	// An item CONS-COPY-PEER compares waits for the whole batch
	// (peerWait); its document is in the spool (peerAt) and it then
	// carries its evidence (peerEv).
	peerMeta peerMeta
	peerAt   spoolRef
	peerWait bool
	peerEv   []rules.PeerEvidence
	// index is its position among the items handed on, once handed on
	// before its cross-report findings were known (Options.Late).
	index int
}

func newOrderer(opt Options, emit func(Item) error) *orderer {
	return &orderer{opt: opt, emit: emit, pairs: opt.Rules && yearPairRulesOn(opt.Profile),
		peerCheck: opt.Rules && rules.PeerCheckOn(opt.Profile), pend: map[int]*byIssuer[*queued]{}, known: map[int]*byIssuer[*digest]{}}
}

// byIssuer holds the values of one year in the order added, their issuers
// filed in an index (ids: positions in items), so that finding the same
// body's does not compare a report with every other of the year.
type byIssuer[T any] struct {
	index *rules.IssuerIndex
	items []T
}

// forYear returns m's entry for year, made when missing.
func forYear[T any](m map[int]*byIssuer[T], year int) *byIssuer[T] {
	b := m[year]
	if b == nil {
		b = &byIssuer[T]{index: rules.NewIssuerIndex()}
		m[year] = b
	}
	return b
}

func (b *byIssuer[T]) add(issuer string, v T) {
	b.index.Add(issuer)
	b.items = append(b.items, v)
}

// add takes the next item in input order.
func (o *orderer) add(_ int, it Item) error {
	if o.err != nil {
		return o.err
	}
	q := &queued{item: &it, settled: true}
	var woke []*queued // earlier items whose predecessor this is
	if o.pairs {
		q.dig = newDigest(it.Report)
	}
	if o.peerCheck {
		// CONS-COPY-PEER compares every two units of a year: the item waits
		// (spooled) for the end of the batch (peers.go).
		if d := rules.NewPeerDoc(it.Report); d != nil && o.openSpool() {
			at, err := o.spool.putValue(d)
			if err != nil {
				o.err = fmt.Errorf("%s: %w", it.Path, err)
				return o.err
			}
			q.peerWait, q.peerAt, q.peerMeta = true, at, peerMeta{d.Issuer, d.Year}
			o.peers = append(o.peers, q)
		}
	}
	if q.dig != nil {
		// Its predecessor, when one came earlier: the first in input order.
		year := q.dig.year
		q.settled = false
		if known := o.known[year-1]; known != nil {
			if i := known.index.First(q.dig.issuer); i >= 0 {
				q.prev, q.settled = known.items[i], true
			}
		}
		// Items still looking for theirs: every item between them and
		// this one was looked at, so this is the first.
		if pend := o.pend[year]; pend != nil {
			for _, i := range pend.index.Matches(q.dig.issuer) {
				if p := pend.items[i]; p != nil {
					p.prev, p.settled = q.dig, true
					woke = append(woke, p)
					pend.items[i] = nil
				}
			}
		}
		if !q.settled {
			forYear(o.pend, year-1).add(q.dig.issuer, q)
		}
		forYear(o.known, year).add(q.dig.issuer, q.dig)
		o.keepDigest(q.dig)
	}
	if o.opt.Late != nil {
		o.handOn(q)
		for _, p := range woke {
			o.latePair(p)
		}
		return o.err
	}
	o.queue = append(o.queue, q)
	o.flush()
	if o.err == nil && len(o.queue) > 0 && q.item != nil {
		o.store(q)
	}
	return o.err
}

// finish settles every waiting item (no predecessor came) and hands the
// rest on, or with Options.Late the batch rule's findings.
func (o *orderer) finish() {
	for _, pend := range o.pend {
		for _, p := range pend.items {
			if p != nil {
				p.settled = true
			}
		}
	}
	clear(o.pend)
	peers := o.peers
	o.settlePeers()
	if o.opt.Late == nil {
		o.flush()
		return
	}
	for _, q := range peers {
		if len(q.peerEv) == 0 || o.err != nil {
			continue
		}
		it, err := o.load(q)
		if err != nil {
			o.err = err
			return
		}
		o.handLate(q, it, rules.PeerFindings(it.Report, q.peerEv, o.opt.Profile))
	}
}

// handOn hands an item on at once (Options.Late) with the cross-report
// findings known now: the pair rules' when its year-before report came
// earlier. An item that may get more later is kept in the spool.
func (o *orderer) handOn(q *queued) {
	if o.err != nil {
		return
	}
	it := *q.item
	if q.prev != nil && it.Report != nil {
		if more := o.runPair(q.prev, it.Report); len(more) > 0 {
			it.Findings = append(slices.Clip(it.Findings), more...)
			rules.Sort(it.Findings)
		}
	}
	if o.opt.Baseline != nil {
		o.opt.Baseline.applyItem(&it)
	}
	o.count(it)
	q.index = o.handed
	o.handed++
	if err := o.emit(it); err != nil {
		o.err = err
		return
	}
	if (q.dig != nil && !q.settled) || q.peerWait {
		q.item.Findings = nil // only the report is read back
		o.store(q)
		return
	}
	q.item = nil
}

// latePair runs the pair rules for an item handed on before its year-
// before report came.
func (o *orderer) latePair(p *queued) {
	if o.err != nil || p.prev == nil {
		return
	}
	it, err := o.load(p)
	if err != nil {
		o.err = err
		return
	}
	if it.Report != nil {
		o.handLate(p, it, o.runPair(p.prev, it.Report))
	}
}

// handLate hands on findings made about q's item after it was handed on.
func (o *orderer) handLate(q *queued, it Item, findings []rules.Finding) {
	if len(findings) == 0 || o.err != nil {
		return
	}
	it.Findings, it.Waived = findings, 0
	if o.opt.Baseline != nil {
		o.opt.Baseline.applyItem(&it)
	}
	o.out.Summary.AddLate(it)
	for _, f := range it.Findings {
		o.out.MaxSeverity = max(o.out.MaxSeverity, f.Severity.Rank())
	}
	if len(it.Findings) == 0 {
		return
	}
	if err := o.opt.Late(Late{Index: q.index, Item: it}); err != nil {
		o.err = err
	}
}

// flush hands on the settled items at the head of the queue.
func (o *orderer) flush() {
	for len(o.queue) > 0 && o.queue[0].settled && !o.queue[0].peerWait {
		q := o.queue[0]
		o.queue[0] = nil
		o.queue = o.queue[1:]
		if o.err != nil {
			continue
		}
		it, err := o.load(q)
		if err != nil {
			o.err = err
			continue
		}
		if q.prev != nil && it.Report != nil {
			if more := o.runPair(q.prev, it.Report); len(more) > 0 {
				it.Findings = append(it.Findings, more...)
				rules.Sort(it.Findings)
			}
		}
		if len(q.peerEv) > 0 && it.Report != nil {
			it.Findings = append(it.Findings, rules.PeerFindings(it.Report, q.peerEv, o.opt.Profile)...)
			rules.Sort(it.Findings)
		}
		if o.opt.Baseline != nil {
			o.opt.Baseline.applyItem(&it)
		}
		o.count(it)
		if err := o.emit(it); err != nil {
			o.err = err
		}
	}
	if len(o.queue) == 0 {
		o.queue = nil
	}
}

func (o *orderer) count(it Item) {
	o.out.Summary.Add(it)
	for _, f := range it.Findings {
		o.out.MaxSeverity = max(o.out.MaxSeverity, f.Severity.Rank())
	}
}

// keepDigest moves a digest's report to the spool: the orderer keeps one
// digest per report of the batch, and in memory only its issuer and year.
func (o *orderer) keepDigest(d *digest) {
	if !o.openSpool() {
		return
	}
	at, err := o.spool.putValue(d.rep)
	if err != nil {
		o.err = err
		return
	}
	d.rep, d.at = nil, at
}

// runPair runs the pair rules on a report and its predecessor's digest.
func (o *orderer) runPair(prev *digest, cur *recognise.Report) []rules.Finding {
	rep := prev.rep
	if rep == nil {
		rep = &recognise.Report{}
		if err := o.spool.getValue(prev.at, rep); err != nil {
			if o.err == nil {
				o.err = err
			}
			return nil
		}
	}
	return rules.RunPair(rep, cur, o.opt.Profile)
}

// openSpool makes the spool on first use; false (and o.err) when it
// cannot.
func (o *orderer) openSpool() bool {
	if o.spool == nil && o.err == nil {
		s, err := newSpool()
		if err != nil {
			o.err = err
			return false
		}
		o.spool = s
	}
	return o.spool != nil
}

// store moves a waiting item out of memory.
func (o *orderer) store(q *queued) {
	if !o.openSpool() {
		return
	}
	at, err := o.spool.put(*q.item)
	if err != nil {
		o.err = err
		return
	}
	q.at, q.path, q.item = at, q.item.Path, nil
}

func (o *orderer) load(q *queued) (Item, error) {
	if q.item != nil {
		return *q.item, nil
	}
	it, err := o.spool.get(q.at)
	if err != nil {
		return Item{}, fmt.Errorf("%s: %w", q.path, err)
	}
	return it, nil
}

func (o *orderer) close() {
	if o.spool != nil {
		o.spool.close()
	}
}

// applyItem removes the findings of one item the baseline lists and counts
// them.
func (b *Baseline) applyItem(it *Item) {
	sum := ""
	if it.Report != nil {
		sum = it.Report.Source.SHA256
	}
	if it.Err == nil {
		b.seen(it.Path, sum)
	}
	kept := it.Findings[:0]
	for _, f := range it.Findings {
		if b.waived(it.Path, sum, f.Fingerprint) {
			it.Waived++
			continue
		}
		kept = append(kept, f)
	}
	it.Findings = kept
}

// yearPairRulesOn reports whether the profile leaves on a rule that
// compares a report with the same body's report of the year before
// (CONS-CARRYOVER, CONS-COPY-PREV). CONS-COPY-PEER, the batch rule, is
// handled apart (settlePeers).
func yearPairRulesOn(p rules.Profile) bool {
	for _, r := range rules.All() {
		if r.Pair && r.ID != "CONS-COPY-PEER" && !slices.Contains(p.Disabled, r.ID) {
			return true
		}
	}
	return false
}
