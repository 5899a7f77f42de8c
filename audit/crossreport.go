package audit

import (
	"slices"
	"strings"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/rules"
)

// The cross-report rules compare a report with the same body's report of
// the year before (carry-over, copied text). Reports are matched by issuer
// (rules.SameIssuer) and year; when a run holds several copies of last year's
// report (the same report as HTML and as text), the first in input order is
// used, so the result does not depend on the worker count. The matching
// itself is done by the orderer (stream.go) as items come in input order;
// what it keeps of each report is a digest.

// digest is what the cross-report rules read of a report when it is the
// previous year's: its year and issuer, the parts they compare (with their
// text) and the cells of the carry-over relations. It is a few kilobytes
// where the report is a few hundred, so a run keeps one per report.
type digest struct {
	issuer string
	year   int
	// rep is the compact report; the orderer moves it to the spool (at)
	// and reads it back when a report of the year after comes.
	rep *recognise.Report
	at  spoolRef
}

// copiedParts are the parts whose text a digest keeps (CONS-COPY-PREV
// compares 五 and 一); TestDigestFaithful checks that the pair rules find
// the same with a digest as with the whole report.
var copiedParts = []int{1, 5}

// newDigest returns the digest of r, or nil when r cannot take part in the
// cross-report rules (no year or no issuer).
func newDigest(r *recognise.Report) *digest {
	if r == nil || r.Year == 0 || r.Issuer == "" {
		return nil
	}
	d := &recognise.Report{
		Source:    recognise.Source{Path: r.Source.Path, Format: r.Source.Format, SHA256: r.Source.SHA256, Pages: r.Source.Pages, Paged: r.Source.Paged},
		Title:     r.Title,
		Issuer:    r.Issuer,
		Year:      r.Year,
		Template:  r.Template,
		Published: r.Published,
		Tables:    r.Tables,
		Cells:     map[string]recognise.Cell{},
	}
	for i, s := range r.Sections {
		s.Text = ""
		d.Sections[i] = s
	}
	for _, n := range copiedParts {
		d.Sections[n-1].Text = strings.Clone(r.Sections[n-1].Text)
	}
	for _, rel := range rules.T3CarryRelations() {
		for _, k := range []string{rel.Previous, rel.Current} {
			if c, ok := r.Cells[k]; ok {
				c.Text = strings.Clone(c.Text)
				d.Cells[k] = c
			}
		}
	}
	// ARITH-PROSE-ENUM-PREV compares this year's lists with last year's
	for _, e := range r.Enumerations {
		d.Enumerations = append(d.Enumerations, cloneEnumeration(e))
	}
	return &digest{issuer: r.Issuer, year: r.Year, rep: d}
}

// Predecessors gives, for each item, the index of the same body's report
// of the year before in the batch, or -1. Bodies are matched by issuer
// (rules.SameIssuer) and year; when the batch holds several copies of last
// year's report (HTML and text), the first in input order is taken, so the
// pairing does not depend on the worker count. The year-over-year
// comparisons of the outputs use it on a whole result; the cross-report
// rules make the same match as items stream by (orderer.add, stream.go).
func (r *Result) Predecessors() []int {
	byYear := map[int]*byIssuer[int]{} // item indices by year
	for j, it := range r.Items {
		if it.Report != nil {
			forYear(byYear, it.Report.Year).add(it.Report.Issuer, j)
		}
	}
	out := make([]int, len(r.Items))
	for i := range r.Items {
		out[i] = -1
		cur := r.Items[i].Report
		if cur == nil || cur.Year == 0 || cur.Issuer == "" {
			continue
		}
		if prev := byYear[cur.Year-1]; prev != nil {
			if k := prev.index.First(cur.Issuer); k >= 0 {
				out[i] = prev.items[k]
			}
		}
	}
	return out
}

// peerCommonUnits is the number of units whose reports share a phrase for
// it to count as the area's common wording rather than copying.
const peerCommonUnits = 3

// peerMeta is what the orderer keeps in memory of a report CONS-COPY-PEER
// compares; the document itself (the normalised text of its parts, tens of
// kilobytes) waits in the spool, so a batch of thousands of reports does
// not hold them all.
type peerMeta struct {
	issuer string
	year   int
}

// peerCacheSize is how many documents peerEvidence keeps read back: the
// reports others are compared with are each unit's first of the year, so
// a batch of many reports of few units reads each from the spool once.
const peerCacheSize = 128

// peerEvidence runs the comparison of CONS-COPY-PEER over a batch: for each
// report (meta[i], its document read by load), what it shares with every
// other unit's report of the same year. Phrases found in the reports of
// peerCommonUnits or more units are common wording and never seed a shared
// passage. Only pairs that share a phrase nobody else uses are compared, so
// the work grows with the batch, not with its square. The documents are
// read twice (the phrases, then the comparisons) rather than held. The
// result depends only on the order of the reports.
func peerEvidence(meta []peerMeta, load func(i int) (*rules.PeerDoc, error)) ([][]rules.PeerEvidence, error) {
	out := make([][]rules.PeerEvidence, len(meta))
	// units: one id per body (a body's reports of several years, or the same
	// report as HTML and as text, are one unit)
	unit := make([]int, len(meta))
	bodies := rules.NewIssuerIndex() // ids are units: the first issuer of each body
	for i, d := range meta {
		if unit[i] = bodies.First(d.issuer); unit[i] < 0 {
			unit[i] = bodies.Add(d.issuer)
		}
	}
	// which units use each phrase (up to peerCommonUnits)
	users := map[uint64][]int{}
	for i := range meta {
		d, err := load(i)
		if err != nil {
			return nil, err
		}
		for s := range d.Shingles() {
			us := users[s]
			if len(us) < peerCommonUnits && !slices.Contains(us, unit[i]) {
				users[s] = append(us, unit[i])
			}
		}
	}
	common := map[uint64]bool{}
	for s, us := range users {
		if len(us) >= peerCommonUnits {
			common[s] = true
		}
	}
	cache := map[int]*rules.PeerDoc{}
	var cached []int // in the order read, for eviction
	other := func(j int) (*rules.PeerDoc, error) {
		if d, ok := cache[j]; ok {
			return d, nil
		}
		d, err := load(j)
		if err != nil {
			return nil, err
		}
		if len(cached) == peerCacheSize {
			delete(cache, cached[0])
			cached = cached[1:]
		}
		cache[j] = d
		cached = append(cached, j)
		return d, nil
	}
	for i, m := range meta {
		d, err := load(i)
		if err != nil {
			return nil, err
		}
		// candidates: other units' reports of the year sharing an uncommon phrase
		cand := map[int]bool{}
		for s := range d.Shingles() {
			if common[s] {
				continue
			}
			for _, u := range users[s] {
				if u != unit[i] {
					cand[u] = true
				}
			}
		}
		if len(cand) == 0 {
			continue
		}
		seen := map[int]bool{} // one finding per other unit: its first report of the year
		for j, o := range meta {
			if j == i || !cand[unit[j]] || o.year != m.year || unit[j] == unit[i] || seen[unit[j]] {
				continue
			}
			seen[unit[j]] = true
			od, err := other(j)
			if err != nil {
				return nil, err
			}
			if ev, ok := rules.ComparePeers(d, od, common); ok {
				out[i] = append(out[i], ev)
			}
		}
	}
	return out, nil
}

// settlePeers runs CONS-COPY-PEER over the batch once every item is in
// and releases the items that waited for it.
func (o *orderer) settlePeers() {
	if len(o.peers) == 0 {
		return
	}
	meta := make([]peerMeta, len(o.peers))
	for i, q := range o.peers {
		meta[i] = q.peerMeta
	}
	evs, err := peerEvidence(meta, func(i int) (*rules.PeerDoc, error) {
		d := &rules.PeerDoc{}
		return d, o.spool.getValue(o.peers[i].peerAt, d)
	})
	if err != nil && o.err == nil {
		o.err = err
	}
	for i, q := range o.peers {
		if evs != nil {
			q.peerEv = evs[i]
		}
		q.peerWait = false
	}
	o.peers = nil
}

// cloneEnumeration copies the texts of a list so that a digest does not
// keep the whole report's text alive.
func cloneEnumeration(e recognise.Enumeration) recognise.Enumeration {
	fig := func(f recognise.Figure) recognise.Figure {
		return recognise.Figure{Value: f.Value, Unit: f.Unit, Subject: strings.Clone(f.Subject), Page: f.Page, Section: f.Section}
	}
	c := recognise.Enumeration{Total: fig(e.Total), Text: strings.Clone(e.Text), Page: e.Page, Section: e.Section,
		Cue: e.Cue, Partial: e.Partial, Complete: e.Complete}
	for _, p := range e.Parts {
		c.Parts = append(c.Parts, fig(p))
	}
	return c
}
