package cells

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// SplitSpec describes how a glued run of digits is to be cut into cells.
type SplitSpec struct {
	Parts int // number of cells
	// Groups are consecutive group sizes summing to Parts (nil: one group).
	Groups []int
	// Check is called for each completed group with its values; a split is
	// kept only when every group passes. Nil accepts every group.
	Check func(group int, vals []float64) bool
	// Signed says whether a part may start with + or -; nil: no part.
	Signed func(part int) bool
	// Decimal says whether a part may have a decimal point; nil: no part.
	Decimal func(part int) bool
	// Limit caps the number of splits returned (default 5000).
	Limit int
}

// Split is one way to cut a run: the text and value of each part.
type Split struct {
	Text []string
	Vals []float64
}

// maxSteps bounds the work of one enumeration.
const maxSteps = 2_000_000

// SplitRun enumerates the ways to cut run into spec.Parts numbers. White
// space in run is a boundary that every split respects; a part never has a
// leading zero (except "0" itself and "0.x"); a sign may only start a part
// that spec.Signed allows, and always starts one. truncated is set when the
// limit or the step budget was reached.
func SplitRun(run string, spec SplitSpec) (out []Split, truncated bool) {
	toks := runTokens(run)
	if spec.Parts <= 0 || len(toks) == 0 {
		return nil, false
	}
	total := 0
	for _, t := range toks {
		total += len(t)
	}
	if total < spec.Parts || len(toks) > spec.Parts {
		return nil, false
	}
	groups := spec.Groups
	if len(groups) == 0 {
		groups = []int{spec.Parts}
	}
	groupEnd := map[int]int{} // part index (exclusive end) → group index
	n := 0
	for g, sz := range groups {
		n += sz
		groupEnd[n] = g
	}
	if n != spec.Parts {
		return nil, false
	}
	limit := spec.Limit
	if limit <= 0 {
		limit = 5000
	}
	steps := 0
	texts := make([]string, 0, spec.Parts)
	vals := make([]float64, 0, spec.Parts)
	// remaining characters after token ti offset off
	suffix := make([]int, len(toks)+1)
	for i := len(toks) - 1; i >= 0; i-- {
		suffix[i] = suffix[i+1] + len(toks[i])
	}
	var rec func(ti, off int) bool
	rec = func(ti, off int) bool {
		steps++
		if steps > maxSteps {
			truncated = true
			return false
		}
		k := len(vals)
		if ti == len(toks) {
			if k == spec.Parts {
				out = append(out, Split{Text: append([]string(nil), texts...), Vals: append([]float64(nil), vals...)})
				if len(out) >= limit {
					truncated = true
					return false
				}
			}
			return true
		}
		if k == spec.Parts {
			return true
		}
		tok := toks[ti]
		remChars := suffix[ti] - off
		remParts := spec.Parts - k
		remToks := len(toks) - ti
		if remChars < remParts || remParts < remToks {
			return true
		}
		for e := off + 1; e <= len(tok); e++ {
			piece := tok[off:e]
			// leave at least one char per remaining part
			if remChars-(e-off) < remParts-1 {
				break
			}
			v, ok := pieceValue(piece, k, spec)
			if !ok {
				// longer pieces with a bad prefix (leading zero) stay bad,
				// except a lone sign that needs digits after it
				if piece == "+" || piece == "-" {
					continue
				}
				if strings.HasPrefix(piece, "0") && len(piece) > 1 && !strings.HasPrefix(piece, "0.") {
					break
				}
				continue
			}
			// the next part must not start with '.'
			if e < len(tok) && tok[e] == '.' {
				continue
			}
			// a sign always starts a new part
			if e < len(tok) && (tok[e] == '+' || tok[e] == '-') {
				// fine: the sign begins the next part
			} else if strings.ContainsAny(tok[off+1:e], "+-") {
				continue
			}
			texts = append(texts, piece)
			vals = append(vals, v)
			okGroup := true
			if g, end := groupEnd[k+1]; end && spec.Check != nil {
				start := k + 1 - groups[g]
				okGroup = spec.Check(g, vals[start:k+1])
			}
			cont := true
			if okGroup {
				if e == len(tok) {
					cont = rec(ti+1, 0)
				} else {
					cont = rec(ti, e)
				}
			}
			texts = texts[:len(texts)-1]
			vals = vals[:len(vals)-1]
			if !cont {
				return false
			}
		}
		return true
	}
	rec(0, 0)
	return out, truncated
}

// runTokens splits a run at white space and drops thousands separators.
func runTokens(run string) []string {
	var toks []string
	for _, f := range strings.Fields(run) {
		f = thousandsSep.Replace(f)
		if f != "" {
			toks = append(toks, f)
		}
	}
	return toks
}

func pieceValue(p string, part int, spec SplitSpec) (float64, bool) {
	s := p
	sign := 1.0
	if s[0] == '+' || s[0] == '-' {
		if spec.Signed == nil || !spec.Signed(part) || len(s) == 1 {
			return 0, false
		}
		if s[0] == '-' {
			sign = -1
		}
		s = s[1:]
	}
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' {
		return 0, false
	}
	if strings.Count(s, ".") > 1 || strings.ContainsAny(s, "+-") {
		return 0, false
	}
	if strings.Contains(s, ".") && (spec.Decimal == nil || !spec.Decimal(part)) {
		return 0, false
	}
	if len(s) > 1 && s[0] == '0' && s[1] != '.' {
		return 0, false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, false
	}
	return sign * v, true
}

// embeddedZeros counts zeros inside multi-digit parts: a blank-free table
// prints many single 0 cells, so a reading that hides zeros inside longer
// numbers is less likely.
func embeddedZeros(s Split) int {
	n := 0
	for _, t := range s.Text {
		if len(t) > 1 {
			n += strings.Count(strings.TrimLeft(t, "+-"), "0")
		}
	}
	return n
}

// spread is the sum of the squared lengths of the integer parts: the
// smaller, the more even the digits are spread over the cells.
func spread(s Split) int {
	m := 0
	for _, t := range s.Text {
		if i := strings.IndexByte(t, '.'); i >= 0 {
			t = t[:i]
		}
		n := len(strings.TrimLeft(t, "+-"))
		m += n * n
	}
	return m
}

// rankSplits orders splits from most to least plausible: the soft
// preference pref first (lower first, may be nil), then the fewest zeros
// hidden in multi-digit numbers, then the most even spread of digits, then
// the text order.
func rankSplits(ss []Split, pref func(Split) int) {
	sort.SliceStable(ss, func(i, j int) bool {
		a, b := ss[i], ss[j]
		if pref != nil {
			if pa, pb := pref(a), pref(b); pa != pb {
				return pa < pb
			}
		}
		if za, zb := embeddedZeros(a), embeddedZeros(b); za != zb {
			return za < zb
		}
		if la, lb := spread(a), spread(b); la != lb {
			return la < lb
		}
		return strings.Join(a.Text, "|") < strings.Join(b.Text, "|")
	})
}

func sumEq(vals []float64) bool {
	s := 0.0
	for _, v := range vals[:len(vals)-1] {
		s += v
	}
	return math.Abs(s-vals[len(vals)-1]) < 1e-6
}
