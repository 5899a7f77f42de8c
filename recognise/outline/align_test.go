package outline

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/recognise/template"
)

// alignPrefixRef is the full alignment (no bound).
func alignPrefixRef(v []rune, rs []rune, start int) (dist, end int) {
	limit := len(v) + 6
	idx := make([]int, 0, limit)
	w := make([]rune, 0, limit)
	for i := start; i < len(rs) && len(w) < limit; i++ {
		if isSpace(rs[i]) {
			continue
		}
		w = append(w, fold(rs[i]))
		idx = append(idx, i)
	}
	prev := make([]int, len(w)+1)
	cur := make([]int, len(w)+1)
	for k := range prev {
		prev[k] = k
	}
	for i := 1; i <= len(v); i++ {
		cur[0] = i
		for k := 1; k <= len(w); k++ {
			c := prev[k-1]
			if v[i-1] != w[k-1] {
				c++
			}
			cur[k] = min(c, prev[k]+1, cur[k-1]+1)
		}
		prev, cur = cur, prev
	}
	dist, best := prev[0], 0
	for k := 1; k <= len(w); k++ {
		if prev[k] <= dist {
			dist, best = prev[k], k
		}
	}
	if best == 0 {
		return dist, start
	}
	return dist, idx[best-1] + 1
}

// matchSectionRef aligns every wording fully.
func matchSectionRef(rs []rune, start, n int) (sim float64, end int, standard bool) {
	end = start
	for vi, v := range sectionVariants[n-1] {
		d, e := alignPrefixRef(v.text, rs, start)
		s := v.weight * (1 - float64(d)/float64(len(v.text)))
		if s > sim {
			sim, end, standard = s, e, vi == 0 && d == 0
		}
	}
	return sim, end, standard
}

// matchSection with bounded alignments returns what the full alignment
// returns whenever that reaches minSimilarity, and something below
// minSimilarity otherwise; alignPrefixWithin with a bound at least the
// distance equals the full alignment.
func TestMatchSectionEqualsFullAlignment(t *testing.T) {
	var words [][]rune
	for _, s := range template.Sections {
		words = append(words, []rune(s.Heading))
		for _, e := range s.Variants {
			words = append(words, []rune(e.Text))
		}
	}
	extra := []rune("一二三四五六七八九十、．. （）()\u3000\n政府信息公开主动依申请情况其他")
	rng := rand.New(rand.NewPCG(5, 11))
	accepted, rejected := 0, 0
	for n := 0; n < 20000; n++ {
		rs := slices.Clone(words[rng.IntN(len(words))])
		if rng.IntN(2) == 0 {
			rs = append(rs, words[rng.IntN(len(words))]...)
		}
		rs = testutil.EditRunes(rng, rs, extra, rng.IntN(10))
		start := rng.IntN(min(len(rs), 4) + 1)
		win := fillWindow(window{}, rs, start)
		for sec := 1; sec <= 6; sec++ {
			s1, e1, std1 := matchSection(win, sec)
			s2, e2, std2 := matchSectionRef(rs, start, sec)
			if s2 >= minSimilarity {
				accepted++
				if s1 != s2 || e1 != e2 || std1 != std2 {
					t.Fatalf("matchSection(%q, %d, %d) = %v %d %v, full alignment %v %d %v", string(rs), start, sec, s1, e1, std1, s2, e2, std2)
				}
			} else {
				rejected++
				if s1 >= minSimilarity {
					t.Fatalf("matchSection(%q, %d, %d) = %v, full alignment %v (below %v)", string(rs), start, sec, s1, s2, minSimilarity)
				}
			}
			for _, v := range sectionVariants[sec-1] {
				d, e := alignPrefixRef(v.text, rs, start)
				for _, maxD := range []int{d, d + 1, len(v.text) + 1} {
					if d2, e2, ok := alignPrefixWithin(v.text, win, maxD); !ok || d2 != d || e2 != e {
						t.Fatalf("alignPrefixWithin(%q, %q, %d, %d) = %d %d %v, full %d %d", string(v.text), string(rs), start, maxD, d2, e2, ok, d, e)
					}
				}
				if d > 0 {
					if _, _, ok := alignPrefixWithin(v.text, win, d-1); ok {
						t.Fatalf("alignPrefixWithin(%q, %q, %d, %d) ok; distance %d", string(v.text), string(rs), start, d-1, d)
					}
				}
			}
		}
	}
	if accepted < 5000 || rejected < 5000 {
		t.Errorf("accepted %d, rejected %d: the test does not exercise both", accepted, rejected)
	}
}

// A wording longer than alignPrefixWithin's rows on the stack (none of the
// template's is) aligns as the full alignment does.
func TestAlignPrefixLongWording(t *testing.T) {
	defer func(n int) { windowLen = n }(windowLen)
	windowLen = 200
	alphabet := []rune("政府信息公开主动依申请情况其他年度报告工作一二三、（）")
	rng := rand.New(rand.NewPCG(7, 3))
	long := 0
	for n := 0; n < 300; n++ {
		v := make([]rune, 50+rng.IntN(100))
		for i := range v {
			v[i] = alphabet[rng.IntN(len(alphabet))]
		}
		rs := testutil.EditRunes(rng, slices.Clone(v), alphabet, rng.IntN(8))
		win := fillWindow(window{}, rs, 0)
		if min(len(v)+windowSlack, len(win.w))+1 > 64 {
			long++
		}
		d, e := alignPrefixRef(v, rs, 0)
		if d2, e2, ok := alignPrefixWithin(v, win, d); !ok || d2 != d || e2 != e {
			t.Fatalf("alignPrefixWithin(%q, %q, %d) = %d %d %v, full %d %d", string(v), string(rs), d, d2, e2, ok, d, e)
		}
	}
	if long < 200 {
		t.Errorf("only %d of 300 windows were longer than the stack rows", long)
	}
}
