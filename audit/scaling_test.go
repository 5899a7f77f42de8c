package audit

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"

	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/rules"
)

// TestPredecessorsScaling: pairing each report with the same body's of the
// year before grows linearly with the number of bodies; it compared every
// report with every other (50,000 reports of different bodies: 4 minutes
// before, 0.1 s now). The orderer and CONS-COPY-PEER's grouping into bodies
// use the same index (rules.IssuerIndex, whose own scaling test is in
// rules); the orderer's other work per report (its digest written to the
// spool) is too large for a test of this size to see a scan there.
func TestPredecessorsScaling(t *testing.T) {
	testutil.Linear(t, "Predecessors", func(k int) func() {
		res := &Result{Items: make([]Item, 500*k)}
		for i := range res.Items { // only what the pairing reads
			res.Items[i].Report = &recognise.Report{Issuer: fmt.Sprintf("江苏省第%d县人民政府", i), Year: 2022 + i%2}
		}
		return func() { res.Predecessors() }
	})
}

// TestPredecessorsEqualsScan: the indexed pairing gives what comparing each
// report with every other gives: the first report, in input order, of the
// same body (under either spelling) and the year before.
func TestPredecessorsEqualsScan(t *testing.T) {
	issuers := []string{"淮安市洪泽区人民政府", "洪泽区人民政府", "洪泽区 人民政府", "淮安市清江浦区人民政府", "清江浦区人民政府", "人民政府", "", " "}
	r := rand.New(rand.NewSource(3))
	for round := range 200 {
		res := &Result{Items: make([]Item, r.Intn(30))}
		for i := range res.Items {
			if r.Intn(8) > 0 {
				res.Items[i].Report = &recognise.Report{Issuer: issuers[r.Intn(len(issuers))], Year: 2021 + r.Intn(4)}
			}
		}
		want := make([]int, len(res.Items))
		for i, it := range res.Items {
			want[i] = -1
			cur := it.Report
			if cur == nil || cur.Year == 0 || cur.Issuer == "" {
				continue
			}
			for j, p := range res.Items {
				if p.Report != nil && p.Report.Year == cur.Year-1 && rules.SameIssuer(p.Report.Issuer, cur.Issuer) {
					want[i] = j
					break
				}
			}
		}
		if got := res.Predecessors(); !slices.Equal(got, want) {
			t.Fatalf("round %d: %v, want %v", round, got, want)
		}
	}
}
