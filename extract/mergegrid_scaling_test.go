package extract_test

import (
	"math/rand/v2"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/testutil"
)

// A cell continued over many rows gets its texts joined once: the same
// text as joining them at every continuation, as MergeGrid did, on random
// texts (wide and narrow runes at the joins, full-width forms, combining
// marks, kana and their voicing marks).
func TestMergeGridJoinsOnceAsIncrementally(t *testing.T) {
	pieces := []string{"一", "申请", "A", "1", " ", "\u3000", "（", "）", "１", "\u0301", "か", "\u3099", "e", "、", "\t", "\ufffd"}
	rng := rand.New(rand.NewPCG(2, 7))
	for n := 0; n < 3000; n++ {
		texts := make([]string, 1+rng.IntN(6))
		for i := range texts {
			texts[i] = extract.Normalize(testutil.RandomText(rng.IntN, pieces, rng.IntN(5)))
		}
		want := texts[0]
		g := extract.NewMergeGrid()
		for i, s := range texts {
			g.StartRow(0)
			g.Cell(s, 1, false, i > 0)
			g.EndRow(0)
			if i > 0 && s != "" {
				want = extract.Normalize(extract.JoinLines([]string{want, s}))
			}
		}
		tb := g.Table(1)
		if tb == nil || tb.Cells[0].Text != want {
			t.Fatalf("texts %q: cell %+v, want %q", texts, tb, want)
		}
	}
}

// Merging a cell over 1×, 10×, 100× the rows costs about as many times the
// work (before: every continuation copied the text so far).
func TestMergeGridScaling(t *testing.T) {
	testutil.Linear(t, "MergeGrid", func(k int) func() {
		rows := 5000 * k
		text := "政府信息公开"
		return func() {
			g := extract.NewMergeGrid()
			for i := range rows {
				g.StartRow(0)
				g.Cell(text, 1, false, i > 0)
				g.EndRow(0)
			}
			g.Table(1)
		}
	})
}
