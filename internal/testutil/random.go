package testutil

import (
	"math/rand/v2"
	"slices"
	"strings"
)

// EditRunes applies up to edits random one-rune edits to rs — delete a
// rune, insert one of extra, or replace a rune by one of extra — as the
// equivalence tests do to template labels and headings before comparing a
// fast routine with the one it replaced. It stops early when rs is empty.
func EditRunes(rng *rand.Rand, rs, extra []rune, edits int) []rune {
	for k := edits; k > 0 && len(rs) > 0; k-- {
		i := rng.IntN(len(rs))
		switch rng.IntN(3) {
		case 0:
			rs = slices.Delete(rs, i, i+1)
		case 1:
			rs = slices.Insert(rs, i, extra[rng.IntN(len(extra))])
		default:
			rs[i] = extra[rng.IntN(len(extra))]
		}
	}
	return rs
}

// RandomText joins n pieces drawn with intn (rand.Rand's Intn or IntN): the
// random text of the equivalence tests, mixing what reports hold with broken
// UTF-8 and other runes the fast paths must get right.
func RandomText(intn func(int) int, pieces []string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(pieces[intn(len(pieces))])
	}
	return b.String()
}
