package audit

import (
	"encoding/binary"
	"math"
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
// key order, packed (numbers) — a few hundred bytes where the cells map
// takes ~40 KB, so that it may be kept for every report of a batch of a
// hundred thousand.
type cellNumbers struct {
	has, valid []uint64
	// packed holds the numbers of the valid keys in key order: a whole
	// number from 0 to 2^53 as the varint of twice it, any other as the
	// varint 1 and its 8 bytes (IEEE 754, little-endian).
	packed []byte
	other  map[string]recognise.Value // cells outside the templates (none in practice)
}

// pack appends v to b as cellNumbers.packed holds it.
func pack(b []byte, v float64) []byte {
	if v >= 0 && v <= 1<<53 && v == math.Trunc(v) && !math.Signbit(v) {
		return binary.AppendUvarint(b, uint64(v)<<1)
	}
	b = binary.AppendUvarint(b, 1)
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
}

// unpack reads the numbers pack wrote.
func unpack(b []byte) []float64 {
	var out []float64
	for len(b) > 0 {
		x, n := binary.Uvarint(b)
		if n <= 0 {
			break // cannot happen: pack wrote b
		}
		b = b[n:]
		if x&1 == 0 {
			out = append(out, float64(x>>1))
			continue
		}
		if len(b) < 8 {
			break
		}
		out = append(out, math.Float64frombits(binary.LittleEndian.Uint64(b)))
		b = b[8:]
	}
	return out
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
	var packed []byte
	for i := range len(tk.keys) { // in key order, as numbersView.get reads them
		if n.valid[i/64]&(1<<(i%64)) != 0 {
			packed = pack(packed, cells[tk.keys[i]].Value.V)
		}
	}
	n.packed = slices.Clip(packed)
	return n
}

// numbersView is a cellNumbers with its numbers unpacked, for reading.
type numbersView struct {
	cellNumbers
	vals []float64
}

func (n cellNumbers) view() numbersView {
	return numbersView{n, unpack(n.packed)}
}

// get is the value of cell key and whether the report has the cell.
func (v numbersView) get(key string) (recognise.Value, bool) {
	i, ok := templateKeys().index[key]
	if !ok {
		x, ok := v.other[key]
		return x, ok
	}
	w, bit := i/64, uint64(1)<<(i%64)
	if v.has[w]&bit == 0 {
		return recognise.Value{}, false
	}
	if v.valid[w]&bit == 0 {
		return recognise.Value{}, true
	}
	at := bits.OnesCount64(v.valid[w] & (bit - 1))
	for _, x := range v.valid[:w] {
		at += bits.OnesCount64(x)
	}
	return recognise.Value{V: v.vals[at], Valid: true}, true
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
	v := n.view()
	for _, k := range n.keys() {
		was, _ := v.get(k)
		c, ok := cells[k]
		sameCells = sameCells && ok
		if now := c.Value; was.Valid != now.Valid || (was.Valid && was.V != now.V) {
			out = append(out, CellChange{Key: k, Was: was, Now: now})
		}
	}
	tk := templateKeys()
	var extra []CellChange // cells only the later report has
	for k, c := range cells {
		if _, ok := v.get(k); ok {
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
