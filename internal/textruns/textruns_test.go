package textruns

import (
	"math/rand"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/testutil"
)

// The runs of a text and the matches found in them, offsets in the whole
// text; Need skips runs; Find stops at the first match.
func TestRuns(t *testing.T) {
	digits := Runs{In: Digit}
	s := "ab12c345d6\xff78"
	var runs []string
	digits.Each(s, func(at int, run string) bool {
		if s[at:at+len(run)] != run {
			t.Errorf("run %q not at %d", run, at)
		}
		runs = append(runs, run)
		return true
	})
	if want := []string{"12", "345", "6", "78"}; !reflect.DeepEqual(runs, want) {
		t.Errorf("runs %q, want %q", runs, want)
	}
	re := regexp.MustCompile(`[0-9]{2}`)
	if got, want := digits.FindAll(re, s), re.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
		t.Errorf("FindAll %v, want %v", got, want)
	}
	if got, want := digits.Find(re, s), re.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
		t.Errorf("Find %v, want %v", got, want)
	}
	three := Runs{In: Digit, Need: func(run string) bool { return strings.Contains(run, "3") }}
	if got := three.FindAll(re, s); !reflect.DeepEqual(got, [][]int{{5, 7}}) {
		t.Errorf("with Need: %v, want [[5 7]]", got)
	}
	if got := digits.FindAll(re, "abc"); got != nil {
		t.Errorf("no runs: %v", got)
	}
}

// byteToRuneReference is the table RuneIndex stands for: for every byte,
// the index of the rune it starts or continues; at len(s) the number of
// runes.
func byteToRuneReference(s string) []int {
	m := make([]int, len(s)+1)
	r := 0
	for b := range s {
		m[b] = r
		r++
	}
	last := 0
	for b := 0; b <= len(s); b++ {
		if b == len(s) {
			m[b] = r
			break
		}
		if b > 0 && m[b] == 0 {
			m[b] = last
		}
		last = m[b]
	}
	return m
}

// pieces of report text and of broken text (invalid UTF-8, a surrogate
// written as bytes, lone continuation bytes)
var pieces = []string{"收到政府信息公开申请", "共", "19", "件", "，", "。", "一、", "（二）", " ", "\u3000", "\t", "\n", "a", "Z",
	"年", "月", "号", "2023", "\xff", "\xe4\xb8", "\x80", "\xed\xa0\x80", "€", "😀", "〔", "国办公开办函"}

func randomText(rng *rand.Rand, n int) string {
	return testutil.RandomText(rng.Intn, pieces, rng.Intn(n))
}

func TestRuneIndexEqualsTable(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	for range 3000 {
		s := randomText(rng, 40)
		want := byteToRuneReference(s)
		x := NewRuneIndex(s)
		for b := 0; b <= len(s); b++ { // in order
			if got := x.At(b); got != want[b] {
				t.Fatalf("%q: At(%d) = %d in order, want %d", s, b, got, want[b])
			}
		}
		for range 50 { // both ways
			b := rng.Intn(len(s) + 1)
			if got := x.At(b); got != want[b] {
				t.Fatalf("%q: At(%d) = %d, want %d", s, b, got, want[b])
			}
		}
	}
}

// eachReference is Each as it was, asking In for every rune.
func eachReference(c Runs, s string, f func(at int, run string) bool) {
	start := -1
	for i := 0; i <= len(s); {
		r, w := rune(-1), 0
		if i < len(s) {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if i < len(s) && c.In(r) {
			if start < 0 {
				start = i
			}
			i += w
			continue
		}
		if start >= 0 {
			if run := s[start:i]; (c.Need == nil || c.Need(run)) && !f(start, run) {
				return
			}
			start = -1
		}
		if i == len(s) {
			return
		}
		i += w
	}
}

func TestEachEqualsReference(t *testing.T) {
	runs := []Runs{
		{In: Digit},
		{In: func(r rune) bool { return Digit(r) || Space(r) || r == '年' }, Need: func(run string) bool { return strings.Contains(run, "年") }},
		{In: func(r rune) bool {
			return Digit(r) || Space(r) || strings.ContainsRune("国办公开函〔〕号Z\ufffd", r)
		}},
		{In: func(r rune) bool { return r >= 0x80 }},
	}
	rng := rand.New(rand.NewSource(9))
	for n := range 5000 {
		s := randomText(rng, 30)
		if n%50 == 0 { // long enough for the memo of In
			var b strings.Builder
			for b.Len() < memoFrom {
				b.WriteString(randomText(rng, 30))
			}
			s = b.String()
		}
		c := runs[n%len(runs)]
		stopAt := rng.Intn(4) // f stops after stopAt runs when > 0
		collect := func(each func(Runs, string, func(int, string) bool)) []string {
			var out []string
			each(c, s, func(at int, run string) bool {
				out = append(out, strconv.Itoa(at)+":"+run)
				return stopAt == 0 || len(out) < stopAt
			})
			return out
		}
		got := collect(Runs.Each)
		want := collect(eachReference)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: runs %q, want %q", s, got, want)
		}
	}
}

// BenchmarkEachChinese walks a long report-like Chinese text with a Runs
// whose In looks runes up in a string (as recognition's are).
func BenchmarkEachChinese(b *testing.B) {
	s := strings.Repeat("本机关全年主动公开政府信息1820条，其中规范性文件12件。收到政府信息公开申请19件，办结18件。\n", 2000)
	c := Runs{In: func(r rune) bool {
		return Digit(r) || Space(r) || strings.ContainsRune(",，.零〇一二两三四五六七八九十百千余多万亿条件次篇个", r)
	}}
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		c.Each(s, func(int, string) bool { return true })
	}
}
