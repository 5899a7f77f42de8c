package rules

import (
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/testutil"
)

// SameIssuer: one body under two spellings, and the near names that are not.
func TestSameIssuer(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"洪泽区人民政府", "淮安市洪泽区人民政府", true},
		{"平潭综合实验区", "平潭综合实验区", true},
		{"河北省教育厅", "河北省 教育厅", true},
		{"平潭综合实验区", "平潭综合实验区财政金融局", false},
		{"人民政府", "淮安市人民政府", false},
		{"洪泽区人民政府", "淮安市清江浦区人民政府", false},
	} {
		if got := SameIssuer(c.a, c.b); got != c.want {
			t.Errorf("SameIssuer(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

// randomIssuer joins place names, place runes, office names, spaces,
// full-width forms and a bad byte, so that names often share ends.
func randomIssuer(r *rand.Rand) string {
	pieces := []string{"淮安市", "洪泽区", "江苏省", "柳溪镇", "高良涧街道", "人民政府", "办公室", "财政局", "政府", "市", "区", "省",
		"县", "旗", "盟", "州", "乡", "镇", "淮安", " ", "\u3000", "（", "Ａ", "\xff", "局"}
	var b strings.Builder
	for range r.Intn(6) {
		b.WriteString(pieces[r.Intn(len(pieces))])
	}
	return b.String()
}

// IssuerIndex.Matches gives exactly the names SameIssuer matches (none
// missing, none extra), in the order added.
func TestIssuerIndexEqualsSameIssuer(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	found := 0
	for round := range 40 {
		x := NewIssuerIndex()
		var names []string
		for range 150 {
			n := randomIssuer(r)
			if id := x.Add(n); id != len(names) {
				t.Fatalf("Add gave id %d, want %d", id, len(names))
			}
			names = append(names, n)
		}
		for range 150 {
			q := randomIssuer(r)
			if r.Intn(3) == 0 {
				q = names[r.Intn(len(names))]
			}
			var want []int
			for i, n := range names {
				if SameIssuer(q, n) {
					want = append(want, i)
				}
			}
			got := x.Matches(q)
			if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
				t.Fatalf("round %d: Matches(%q) = %v, want %v (%q)", round, q, got, want, pick(names, want))
			}
			first := -1
			if len(want) > 0 {
				first = want[0]
			}
			if x.First(q) != first {
				t.Fatalf("First(%q) = %d, want %d", q, x.First(q), first)
			}
			found += len(want)
		}
	}
	if found < 1000 {
		t.Errorf("only %d matches in all: the random names rarely match", found)
	}
	// the pairs SameIssuer is written for
	x := NewIssuerIndex()
	x.Add("淮安市洪泽区人民政府")
	x.Add("洪泽区 人民政府")
	x.Add("人民政府")
	if got := x.Matches("洪泽区人民政府"); !slices.Equal(got, []int{0, 1}) {
		t.Errorf("洪泽区人民政府 matches %v, want [0 1]", got)
	}
}

func pick(names []string, ids []int) []string {
	var out []string
	for _, i := range ids {
		out = append(out, names[i])
	}
	return out
}

// Filing n names and looking each up grows linearly with n.
func TestIssuerIndexScaling(t *testing.T) {
	testutil.Linear(t, "IssuerIndex", func(k int) func() {
		names := make([]string, 200*k)
		for i := range names {
			names[i] = "江苏省" + strings.Repeat("东南西北中", i%7) + string(rune(0x4e00+i%20000)) + string(rune(0x4e00+i/20000)) + "县人民政府"
		}
		return func() {
			x := NewIssuerIndex()
			for _, n := range names {
				x.First(n)
				x.Add(n)
			}
		}
	})
}
