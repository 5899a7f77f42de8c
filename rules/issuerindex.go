package rules

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// IssuerIndex finds, among many issuer names, the ones SameIssuer matches
// with a name, by a few map lookups instead of a comparison with each: a
// batch of reports from n different bodies, each report compared with every
// other, took time growing with n² (a researcher's 4,000 reports spent a
// third of their CPU in SameIssuer).
//
// SameIssuer holds for two folded names (issuerKey) when they are equal, or
// when the shorter names a place and is the end of the longer right after
// a place's name (…省, …市, …区 …). So each name is filed under its folded
// form (exact) and under every such end of it (ends); a name matches the
// names filed under it in both, and the names equal to one of its own ends.
type IssuerIndex struct {
	exact map[string][]int // folded name → ids of the names folding to it
	ends  map[string][]int // folded name → ids of longer names ending in it after a place
	n     int
}

// NewIssuerIndex returns an empty index.
func NewIssuerIndex() *IssuerIndex {
	return &IssuerIndex{exact: map[string][]int{}, ends: map[string][]int{}}
}

// Add files an issuer name and returns its id: 0, 1, 2 … in the order
// added.
func (x *IssuerIndex) Add(issuer string) int {
	id := x.n
	x.n++
	k := issuerKey(issuer)
	x.exact[k] = append(x.exact[k], id)
	placeEnds(k, func(end string) { x.ends[end] = append(x.ends[end], id) })
	return id
}

// Matches returns the ids of the names added for which SameIssuer(issuer,
// name) holds, in ascending order.
func (x *IssuerIndex) Matches(issuer string) []int {
	k := issuerKey(issuer)
	ids := append(slices.Clone(x.exact[k]), x.ends[k]...)
	placeEnds(k, func(end string) { ids = append(ids, x.exact[end]...) })
	slices.Sort(ids)
	return slices.Compact(ids)
}

// First returns the smallest id Matches would return, or -1.
func (x *IssuerIndex) First(issuer string) int {
	if ids := x.Matches(issuer); len(ids) > 0 {
		return ids[0]
	}
	return -1
}

// placeEnds calls f with every proper end of the folded name k that
// SameIssuer accepts as the same body: one that names a place and follows
// a place's name (the rune before it is one of 省市州盟县区旗).
func placeEnds(k string, f func(end string)) {
	for i := 0; i < len(k); {
		r, size := utf8.DecodeRuneInString(k[i:])
		i += size
		if i < len(k) && strings.ContainsRune("省市州盟县区旗", r) && namesPlace(k[i:]) {
			f(k[i:])
		}
	}
}
