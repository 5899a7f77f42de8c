package audit

import (
	"slices"
	"strings"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/rules"
)

// The cross-report rules compare a report with the same body's report of
// the year before (carry-over, copied text). Reports are matched by issuer
// (sameIssuer) and year; when a run holds several copies of last year's
// report (the same report as HTML and as text), the first in input order is
// used, so the result does not depend on the worker count. The matching
// itself is done by the orderer (stream.go) as items come in input order;
// what it keeps of each report is a digest.

// digest is what the cross-report rules read of a report when it is the
// previous year's: its year and issuer, the parts they compare (with their
// text) and the cells of the carry-over relations. It is a few kilobytes
// where the report is a few hundred, so a run keeps one per report.
type digest struct {
	rep *recognise.Report
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
	return &digest{rep: d}
}

// precedes reports whether d is the same body's report of the year before
// cur's.
func (d *digest) precedes(cur *digest) bool {
	return d.rep.Year == cur.rep.Year-1 && sameIssuer(d.rep.Issuer, cur.rep.Issuer)
}

// Predecessors gives, for each item, the index of the same body's report
// of the year before in the batch, or -1. Bodies are matched by issuer
// (rules.SameIssuer) and year; when the batch holds several copies of last
// year's report (HTML and text), the first in input order is taken, so the
// pairing does not depend on the worker count. The year-over-year
// comparisons of the outputs use it on a whole result; the cross-report
// rules make the same match as items stream by (orderer.add, stream.go).
func (r *Result) Predecessors() []int {
	out := make([]int, len(r.Items))
	for i := range r.Items {
		out[i] = -1
		cur := r.Items[i].Report
		if cur == nil || cur.Year == 0 || cur.Issuer == "" {
			continue
		}
		for j := range r.Items {
			prev := r.Items[j].Report
			if prev != nil && prev.Year == cur.Year-1 && sameIssuer(prev.Issuer, cur.Issuer) {
				out[i] = j
				break
			}
		}
	}
	return out
}

// sameIssuer is rules.SameIssuer: one body under two spellings.
func sameIssuer(a, b string) bool { return rules.SameIssuer(a, b) }

// peerCommonUnits is the number of units whose reports share a phrase for
// it to count as the area's common wording rather than copying.
const peerCommonUnits = 3

// peerEvidence runs the comparison of CONS-COPY-PEER over a batch: for each
// report (docs[i], nil when it takes no part), what it shares with every
// other unit's report of the same year. Phrases found in the reports of
// peerCommonUnits or more units are common wording and never seed a shared
// passage. Only pairs that share a phrase nobody else uses are compared, so
// the work grows with the batch, not with its square. The result depends
// only on the order of docs.
func peerEvidence(docs []*rules.PeerDoc) [][]rules.PeerEvidence {
	out := make([][]rules.PeerEvidence, len(docs))
	// units: one id per body (a body's reports of several years, or the same
	// report as HTML and as text, are one unit)
	unit := make([]int, len(docs))
	var bodies []string
	for i, d := range docs {
		unit[i] = -1
		if d == nil {
			continue
		}
		for u, b := range bodies {
			if sameIssuer(b, d.Issuer) {
				unit[i] = u
				break
			}
		}
		if unit[i] < 0 {
			unit[i] = len(bodies)
			bodies = append(bodies, d.Issuer)
		}
	}
	// which units use each phrase (up to peerCommonUnits)
	users := map[uint64][]int{}
	shingles := make([]map[uint64]bool, len(docs))
	for i, d := range docs {
		if d == nil {
			continue
		}
		shingles[i] = d.Shingles()
		for s := range shingles[i] {
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
	for i, d := range docs {
		if d == nil {
			continue
		}
		// candidates: other units' reports of the year sharing an uncommon phrase
		cand := map[int]bool{}
		for s := range shingles[i] {
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
		for j, o := range docs {
			if o == nil || j == i || !cand[unit[j]] || o.Year != d.Year || unit[j] == unit[i] || seen[unit[j]] {
				continue
			}
			seen[unit[j]] = true
			if ev, ok := rules.ComparePeers(d, o, common); ok {
				out[i] = append(out[i], ev)
			}
		}
	}
	return out
}

// settlePeers runs CONS-COPY-PEER over the batch once every item is in
// and releases the items that waited for it.
func (o *orderer) settlePeers() {
	docs := make([]*rules.PeerDoc, len(o.peers))
	for i, q := range o.peers {
		docs[i] = q.peer
	}
	evs := peerEvidence(docs)
	for i, q := range o.peers {
		q.peerEv, q.peerWait, q.peer = evs[i], false, nil
	}
	o.peers = nil
}
