package audit

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/recognise"
)

// TestCellNumbersEqualsMap: the compact numbers answer every key as the
// cells map does (a number, a blank, absent), and their changes against
// another map are what comparing the two maps cell by cell gives — on
// random reports over every template's keys and a few keys outside them.
func TestCellNumbersEqualsMap(t *testing.T) {
	keys := append(slices.Clone(templateKeys().keys), "t9.made.up", "t3.unknown.row")
	rng := rand.New(rand.NewPCG(1, 2))
	randomCells := func() map[string]recognise.Cell {
		cells := map[string]recognise.Cell{}
		for _, k := range keys {
			switch rng.IntN(4) {
			case 0: // absent
			case 1:
				cells[k] = recognise.Cell{Key: k} // blank
			default:
				// whole numbers (packed short), halves, negatives, big ones
				x := []float64{float64(rng.IntN(300)), float64(rng.IntN(5)) / 2, -float64(rng.IntN(3)), 1 << 60, 13575394432.52}[rng.IntN(5)]
				cells[k] = recognise.Cell{Key: k, Value: recognise.Value{V: x, Valid: true}}
			}
		}
		return cells
	}
	for range 300 {
		a, b := randomCells(), randomCells()
		if rng.IntN(3) == 0 {
			b = a // the same numbers
		}
		n := compactNumbers(a)
		v := n.view()
		for _, k := range keys {
			got, ok := v.get(k)
			c, want := a[k]
			if ok != want || got != c.Value {
				t.Fatalf("get(%s) = %v %v, want %v %v", k, got, ok, c.Value, want)
			}
		}
		var want []CellChange
		same := len(a) == len(b)
		for _, k := range keys {
			x, inA := a[k]
			y, inB := b[k]
			same = same && inA == inB
			if x.Value.Valid != y.Value.Valid || (x.Value.Valid && x.Value.V != y.Value.V) {
				want = append(want, CellChange{Key: k, Was: x.Value, Now: y.Value})
			}
		}
		got, gotSame := n.changes(b)
		sortChanges := func(cs []CellChange) {
			slices.SortFunc(cs, func(p, q CellChange) int { return strings.Compare(p.Key, q.Key) })
		}
		sortChanges(got)
		sortChanges(want)
		if !reflect.DeepEqual(got, want) || gotSame != same {
			t.Fatalf("changes = %v (same %v), want %v (same %v)", got, gotSame, want, same)
		}
	}
}
