package recognise

import (
	"context"
	"sort"
	"testing"

	"github.com/nianbao/nianbao/internal/testdoc"
)

// TestGridAgreesWithStream reads the same report twice — its HTML page,
// where the tables are grids, and the crawler's text dump of the same page,
// where they are flattened digit runs read by the stream reader — and
// requires every cell that both read with certainty to hold the same value
// (issue 10: tests that cannot agree with themselves by construction).
func TestGridAgreesWithStream(t *testing.T) {
	for _, year := range []string{"2023", "2024", "2025"} {
		t.Run(year, func(t *testing.T) {
			grid := recogniseCorpus(t, year+"_fujian_pingtan_zone_page.html")
			stream := recogniseCorpus(t, year+"_fujian_pingtan_zone_pagetxt.txt")
			if !grid.Tables.T3.Found || !stream.Tables.T3.Found {
				t.Fatalf("table 三 found: grid %v, stream %v", grid.Tables.T3.Found, stream.Tables.T3.Found)
			}
			var keys []string
			for k := range grid.Cells {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			compared := 0
			for _, k := range keys {
				g, s := grid.Cells[k], stream.Cells[k]
				if g.Value.Valid && !g.Uncertain && s.Uncertain && len(s.Alternatives) > 0 {
					// a glued run read several ways: the grid's value must be
					// one of the readings
					ok := s.Value.Valid && s.Value.V == g.Value.V
					for _, a := range s.Alternatives {
						ok = ok || a == g.Value.V
					}
					if !ok {
						t.Errorf("%s: grid %v is none of the stream's readings %v %v", k, g.Value.V, s.Value.V, s.Alternatives)
					}
					continue
				}
				if !g.Value.Valid || !s.Value.Valid || g.Uncertain || s.Uncertain {
					continue
				}
				compared++
				if g.Value.V != s.Value.V {
					t.Errorf("%s: grid %v, stream %v", k, g.Value.V, s.Value.V)
				}
			}
			if compared < 100 {
				t.Errorf("only %d cells compared", compared)
			}
			t.Logf("%d cells agree", compared)
		})
	}
}

func recogniseCorpus(t *testing.T, name string) *Report {
	t.Helper()
	doc := testdoc.Corpus(t, name)
	r, err := Recognise(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
