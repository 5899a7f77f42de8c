package audit

import (
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

// templateKeys numbers every cell key of every template version (tables
// 二, 三 and 四 of 2019 and 2021), so that a report's numbers can be kept
// as bits and a slice instead of a map: keys[i] is key i, index the other
// way round.
var templateKeys = sync.OnceValue(func() (k struct {
	keys  []string
	index map[string]int
}) {
	k.index = map[string]int{}
	add := func(keys []string) {
		for _, key := range keys {
			if _, ok := k.index[key]; !ok {
				k.index[key] = len(k.keys)
				k.keys = append(k.keys, key)
			}
		}
	}
	for _, v := range []template.Version{template.V2021, template.V2019} {
		add(template.T2Keys(v))
		add(template.T3Keys(template.T3RowsFor(v)))
	}
	add(template.T4Keys())
	return k
})

// cellNumbers is what the copy index keeps of a report's cells: which
// template cells it has, which of them hold a number, and the numbers in
// key order — under 2 KB where the cells map takes ~40 KB.
type cellNumbers struct {
	has, valid []uint64
	vals       []float64                  // the numbers of the valid keys, in key order
	other      map[string]recognise.Value // cells outside the templates (none in practice)
}

// compactNumbers keeps the numbers of cells.
func compactNumbers(cells map[string]recognise.Cell) cellNumbers {
	tk := templateKeys()
	words := (len(tk.keys) + 63) / 64
	n := cellNumbers{has: make([]uint64, words), valid: make([]uint64, words)}
	for k, c := range cells {
		i, ok := tk.index[k]
		if !ok {
			if n.other == nil {
				n.other = map[string]recognise.Value{}
			}
			n.other[k] = c.Value
			continue
		}
		n.has[i/64] |= 1 << (i % 64)
		if c.Value.Valid {
			n.valid[i/64] |= 1 << (i % 64)
		}
	}
	count := 0
	for _, w := range n.valid {
		count += bits.OnesCount64(w)
	}
	n.vals = make([]float64, 0, count)
	for i := range len(tk.keys) { // in key order, as get reads them
		if n.valid[i/64]&(1<<(i%64)) != 0 {
			n.vals = append(n.vals, cells[tk.keys[i]].Value.V)
		}
	}
	return n
}

// get is the value of cell key and whether the report has the cell.
func (n cellNumbers) get(key string) (recognise.Value, bool) {
	i, ok := templateKeys().index[key]
	if !ok {
		v, ok := n.other[key]
		return v, ok
	}
	w, bit := i/64, uint64(1)<<(i%64)
	if n.has[w]&bit == 0 {
		return recognise.Value{}, false
	}
	if n.valid[w]&bit == 0 {
		return recognise.Value{}, true
	}
	at := bits.OnesCount64(n.valid[w] & (bit - 1))
	for _, x := range n.valid[:w] {
		at += bits.OnesCount64(x)
	}
	return recognise.Value{V: n.vals[at], Valid: true}, true
}

// keys lists the cells the report has: template keys in key order, then
// the others by name.
func (n cellNumbers) keys() []string {
	tk := templateKeys()
	var out []string
	for i, key := range tk.keys {
		if n.has[i/64]&(1<<(i%64)) != 0 {
			out = append(out, key)
		}
	}
	var other []string
	for k := range n.other {
		other = append(other, k)
	}
	slices.Sort(other)
	return append(out, other...)
}

// CellChange is a cell two reports of the same body and year read
// differently (Copy.Changes): a number against another or a blank. A cell
// one report does not have counts as blank.
type CellChange struct {
	Key      string
	Was, Now recognise.Value // the earlier report's, the later one's
}

// changes are the cells whose numbers differ between first and cells, by
// key (template keys in key order, then the others by name), and whether
// both have the same cells.
func (n cellNumbers) changes(cells map[string]recognise.Cell) (out []CellChange, sameCells bool) {
	sameCells = true
	for _, k := range n.keys() {
		was, _ := n.get(k)
		c, ok := cells[k]
		sameCells = sameCells && ok
		if now := c.Value; was.Valid != now.Valid || (was.Valid && was.V != now.V) {
			out = append(out, CellChange{Key: k, Was: was, Now: now})
		}
	}
	tk := templateKeys()
	var extra []CellChange // cells only the later report has
	for k, c := range cells {
		if _, ok := n.get(k); ok {
			continue
		}
		sameCells = false
		if c.Value.Valid {
			extra = append(extra, CellChange{Key: k, Now: c.Value})
		}
	}
	slices.SortFunc(extra, func(a, b CellChange) int {
		ia, oka := tk.index[a.Key]
		ib, okb := tk.index[b.Key]
		switch {
		case oka && okb:
			return ia - ib
		case oka != okb:
			if oka {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Key, b.Key)
	})
	return append(out, extra...), sameCells
}
