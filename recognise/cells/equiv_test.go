package cells

import (
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/recognise/template"
)

// randomText draws n runes (or bytes, for broken UTF-8) from pieces.
func randomText(rng *rand.Rand, pieces []string, n int) string {
	return testutil.RandomText(rng.IntN, pieces, n)
}

// textPieces mix what report text holds with what the fast paths must
// leave to the normaliser: full-width forms, compatibility ideographs and
// circled numbers, combining marks, Hangul, Angstrom, bad bytes, U+FFFD.
var textPieces = []string{"一", "、", "本年", "新收", "申请", "数量", "（", "）", "(", ")", "1", "2", "0", "9", ".", "+", "-", " ", "\t", "\n", "\r", "\f",
	"\u3000", "\u00a0", "\u200b", "１", "２", "．", "：", "，", "“", "”", "【", "】", "\uf900", "\u2460", "\u2474", "\u0301", "e", "\u212b",
	"\uac00", "\u1100", "\u1161", "ﬁ", "\ufb01", "\xff", "\xe4\xb8", "\ufffd", "万元", "元", "%", "其他", "总计", "\u2f00", "\u337f", "\U0002f800"}

// Compact with its fast paths equals folding every rune with the
// normaliser (the definition).
func TestCompactEqualsNFKCPerRune(t *testing.T) {
	ref := func(s string) ([]rune, []int) {
		rs := []rune(s)
		var out []rune
		var idx []int
		for i, r0 := range rs {
			for _, r := range norm.NFKC.String(string(r0)) {
				c := compactRune(r)
				if c < 0 {
					continue
				}
				if c == '、' && len(out) > 0 && out[len(out)-1] >= '0' && out[len(out)-1] <= '9' {
					c = '.'
				}
				out = append(out, c)
				idx = append(idx, i)
			}
		}
		return out, idx
	}
	rng := rand.New(rand.NewPCG(8, 2))
	for n := 0; n < 5000; n++ {
		s := randomText(rng, textPieces, rng.IntN(40))
		got, gotIdx := compactWithMap(s)
		want, wantIdx := ref(s)
		if !slices.Equal(got, want) || !slices.Equal(gotIdx, wantIdx) {
			t.Fatalf("compactWithMap(%q) = %q %v, want %q %v", s, string(got), gotIdx, string(want), wantIdx)
		}
		if c := Compact(s); c != string(want) {
			t.Fatalf("Compact(%q) = %q, want %q", s, c, string(want))
		}
	}
	// every rune of the Basic Multilingual Plane on its own
	for r := rune(0); r < 0x10000; r++ {
		s := string(r)
		got, _ := compactWithMap(s)
		if want, _ := ref(s); !slices.Equal(got, want) {
			t.Fatalf("compactWithMap(%U) = %q, want %q", r, string(got), string(want))
		}
	}
}

// cutLabelRun equals the regular expression it stands for.
func TestCutLabelRunEqualsRegexp(t *testing.T) {
	re := regexp.MustCompile(`^(.*[^0-9\s.+\-])\s*([0-9][0-9\s.+\-]*)$`)
	rng := rand.New(rand.NewPCG(8, 3))
	matched := 0
	for n := 0; n < 20000; n++ {
		s := randomText(rng, textPieces, rng.IntN(16))
		if !utf8.ValidString(s) && n%2 == 0 {
			s = strings.ToValidUTF8(s, "")
		}
		m := re.FindStringSubmatch(s)
		l, run, ok := cutLabelRun(s)
		if ok != (m != nil) || ok && (l != m[1] || run != m[2]) {
			t.Fatalf("cutLabelRun(%q) = %q, %q, %v; regexp %q", s, l, run, ok, m)
		}
		if ok {
			matched++
		}
	}
	if matched < 1000 {
		t.Errorf("only %d of 20000 texts matched: the test does not exercise the match", matched)
	}
}

// sellersFind is approxFind without the filter: Sellers' algorithm over
// the whole of text[from:to] (the reference the filtered search must
// equal).
func sellersFind(text, pat []rune, from, to, k int) (int, int, int) {
	from, to = max(from, 0), min(to, len(text))
	if from >= to || len(pat) == 0 {
		return -1, -1, -1
	}
	if i := indexRunes(text[from:to], pat); i >= 0 {
		return from + i, from + i + len(pat), 0
	}
	if k <= 0 {
		return -1, -1, -1
	}
	m := len(pat)
	prev, cur := make([]int, m+1), make([]int, m+1)
	for i := range prev {
		prev[i] = i
	}
	bestEnd, bestD := -1, k+1
	for j := from; j < to; j++ {
		cur[0] = 0
		for i := 1; i <= m; i++ {
			cost := 1
			if pat[i-1] == text[j] {
				cost = 0
			}
			cur[i] = min(prev[i]+1, cur[i-1]+1, prev[i-1]+cost)
		}
		if cur[m] < bestD {
			bestD, bestEnd = cur[m], j+1
		}
		prev, cur = cur, prev
	}
	if bestEnd < 0 {
		return -1, -1, -1
	}
	for s := max(from, bestEnd-m-k); s <= bestEnd-m+k && s < bestEnd; s++ {
		if editDistance(pat, text[s:bestEnd]) == bestD {
			return s, bestEnd, bestD
		}
	}
	return max(from, bestEnd-m), bestEnd, bestD
}

// The filtered search finds exactly what Sellers' algorithm over the whole
// range finds: random texts over small alphabets (many near matches, many
// piece occurrences), labels planted with random edits, random ranges.
func TestApproxFindEqualsSellers(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 1))
	alphabets := [][]rune{[]rune("ab"), []rune("abc"), []rune("行政复议诉讼公开申请"), []rune("一二三四五六七八九十（）予以不处理其他")}
	differ, filtered := 0, 0
	for n := 0; n < 20000; n++ {
		al := alphabets[n%len(alphabets)]
		m := 2 + rng.IntN(24)
		pat := make([]rune, m)
		for i := range pat {
			pat[i] = al[rng.IntN(len(al))]
		}
		text := make([]rune, rng.IntN(600))
		for i := range text {
			text[i] = al[rng.IntN(len(al))]
		}
		// plant copies of pat with a few edits
		for c := rng.IntN(4); c > 0 && len(text) > m; c-- {
			at := rng.IntN(len(text) - m)
			cp := append([]rune{}, pat...)
			for e := rng.IntN(m/3 + 1); e > 0; e-- {
				i := rng.IntN(len(cp))
				switch rng.IntN(3) {
				case 0:
					cp[i] = al[rng.IntN(len(al))]
				case 1:
					cp = append(cp[:i], cp[i+1:]...)
				default:
					cp = append(cp[:i], append([]rune{al[rng.IntN(len(al))]}, cp[i:]...)...)
				}
			}
			copy(text[at:], cp)
		}
		k := rng.IntN(m/3 + 2)
		from, to := rng.IntN(len(text)+1)-5, len(text)+5-rng.IntN(len(text)+10)
		if rng.IntN(2) == 0 {
			from, to = 0, len(text)
		}
		if n%5 == 0 { // a rune the text may lack
			pat[rng.IntN(m)] = alphabets[(n+1)%len(alphabets)][0]
		}
		if _, ok := approxRegions(text, nil, pat, max(from, 0), min(to, len(text)), k); ok && k > 0 {
			filtered++
		}
		s1, e1, d1 := approxFind(text, pat, from, to, k)
		s2, e2, d2 := sellersFind(text, pat, from, to, k)
		s3, e3, d3 := approxFindIn(text, newRuneSet(text), pat, from, to, k)
		if s1 != s2 || e1 != e2 || d1 != d2 || s3 != s2 || e3 != e2 || d3 != d2 {
			differ++
			if differ <= 5 {
				t.Errorf("approxFind(%q, %q, %d, %d, %d) = %d,%d,%d, with the rune set %d,%d,%d; Sellers %d,%d,%d", string(text), string(pat), from, to, k, s1, e1, d1, s3, e3, d3, s2, e2, d2)
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of 20000 searches differ", differ)
	}
	if filtered < 2000 {
		t.Errorf("only %d searches went through the filter: the test does not exercise it", filtered)
	}
}

// The expressions parseNumber used before scanNumber and isMulti replaced them.
var (
	numberRe = regexp.MustCompile(`^([+\-])?\s*([0-9]+(?:[,，][0-9]{3})*(?:\.[0-9]+)?)\s*(万元|元|件|个|项|条|次|%)?\s*(?:[(（][^()（）]*[)）])?\s*(万元|元)?$`)
	multiRe  = regexp.MustCompile(`^[+\-]?[0-9][0-9.]*(\s+[+\-]?[0-9][0-9.]*)+$`)
)

// parseNumber (shortcuts, scanNumber, isMulti) reads every text as the two
// expressions do.
func TestParseNumberEqualsRegexp(t *testing.T) {
	ref := func(t string) (CellKind, Number) {
		m := numberRe.FindStringSubmatch(t)
		if m == nil {
			if multiRe.MatchString(t) {
				return KindMulti, Number{}
			}
			return KindText, Number{}
		}
		digits := strings.NewReplacer(",", "", "，", "").Replace(m[2])
		v, err := strconv.ParseFloat(digits, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return KindText, Number{}
		}
		n := Number{V: v, Sign: m[1] != ""}
		if m[1] == "-" {
			n.V = -v
		}
		n.Unit = m[3]
		if m[4] != "" {
			n.Unit = m[4]
		}
		return KindNumber, n
	}
	pieces := []string{"0", "1", "7", "12", "999", "00", ",", "，", ".", " ", "+", "-", "元", "万元", "件", "%", "（", "）", "(", ")", "其中", "申请", "a", "\xff", "一",
		"000", "123", "\t", "\n", "项", "条", "次", "个", "万", "元元", "（注）", "(1)", "\u3000"}
	rng := rand.New(rand.NewPCG(8, 7))
	numbers := 0
	for n := 0; n < 200000; n++ {
		var sb strings.Builder
		for k := 1 + rng.IntN(8); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := sb.String()
		if n%10 == 0 {
			s = strings.Repeat("9", 300+rng.IntN(100)) // beyond float64
		}
		k1, n1 := parseNumber(s)
		k2, n2 := ref(s)
		if k1 != k2 || n1 != n2 {
			t.Fatalf("parseNumber(%q) = %v %+v, expressions %v %+v", s, k1, n1, k2, n2)
		}
		if k1 == KindNumber {
			numbers++
		}
	}
	if numbers < 1000 {
		t.Errorf("only %d numbers read: the test does not exercise them", numbers)
	}
}

// labelDistanceRef is labelDistance before the length filter.
func labelDistanceRef(found, tmpl string) int {
	if found == tmpl {
		return 0
	}
	nf, fc := splitNumbering(found)
	nt, tc := splitNumbering(tmpl)
	if fc == tc && fc != "" {
		if nf == "" || nt == "" || nf == nt {
			return 0
		}
		return -1
	}
	if utf8.RuneCountInString(fc) < 4 || utf8.RuneCountInString(tc) < 4 || nf != "" && nt != "" && nf != nt {
		return -1
	}
	d := editDistance([]rune(fc), []rune(tc))
	if d <= tolerance(utf8.RuneCountInString(tc)) {
		return d
	}
	return -1
}

// labelDistance with the length filter equals the plain edit distance on
// template labels and their mutations (runes dropped, added, changed, the
// numbering changed or removed, invalid UTF-8).
func TestLabelDistanceEqualsReference(t *testing.T) {
	labels := t2LabelTexts()
	for _, l := range t3Labels {
		labels = append(labels, l.Label)
	}
	extra := []rune("一二三四五六七八九十0123456789.、（）申请信息公开其他\xff")
	rng := rand.New(rand.NewPCG(3, 9))
	matched, filtered := 0, 0
	for n := 0; n < 60000; n++ {
		tmpl := labels[rng.IntN(len(labels))]
		rs := []rune(labels[rng.IntN(len(labels))])
		if rng.IntN(3) == 0 {
			rs = []rune(tmpl)
		}
		for k := rng.IntN(8); k > 0 && len(rs) > 0; k-- {
			i := rng.IntN(len(rs))
			switch rng.IntN(4) {
			case 0:
				rs = slices.Delete(rs, i, i+1)
			case 1:
				rs = slices.Insert(rs, i, extra[rng.IntN(len(extra))])
			case 2:
				rs[i] = extra[rng.IntN(len(extra))]
			default:
				rs = rs[min(i, 3):]
			}
		}
		found := string(rs)
		if rng.IntN(20) == 0 {
			found += "\xff"
		}
		got, want := labelDistance(found, tmpl), labelDistanceRef(found, tmpl)
		if got != want {
			t.Fatalf("labelDistance(%q, %q) = %d, reference %d", found, tmpl, got, want)
		}
		if want >= 0 {
			matched++
		}
		_, fc := splitNumbering(found)
		_, tc := splitNumbering(tmpl)
		lf, lt := utf8.RuneCountInString(fc), utf8.RuneCountInString(tc)
		if want < 0 && max(lf-lt, lt-lf) > tolerance(lt) {
			filtered++
		}
	}
	if matched < 5000 || filtered < 5000 {
		t.Errorf("matched %d, filtered by length %d: the test does not exercise both", matched, filtered)
	}
}

// matchT3 and isT2Label with the test of the label's runes (mayMatchLabel)
// equal the full matching on mutated template labels, their fragments and
// labels of other tables.
func TestMayMatchLabelKeepsEveryMatch(t *testing.T) {
	var labels []string
	for _, l := range t3Labels {
		labels = append(labels, l.Label)
	}
	for _, v := range []template.Version{template.V2021, template.V2019} {
		for _, s := range t2Specs(v) {
			labels = append(labels, s.Labels...)
		}
	}
	// runes of the labels, runes of no label, numbering
	extra := []rune("一二三四五六七八九十0123456789.、()申请信息公开其他预算支出合计RCxyz年度单位\xff")
	rng := rand.New(rand.NewPCG(8, 8))
	filtered, matched := 0, 0
	for n := 0; n < 60000; n++ {
		rs := []rune(labels[rng.IntN(len(labels))])
		switch rng.IntN(4) {
		case 0: // a piece of a label
			i := rng.IntN(len(rs))
			rs = rs[i:min(len(rs), i+1+rng.IntN(7))]
		case 1: // a label of another table
			rs = rs[:0]
			for k := rng.IntN(9); k >= 0; k-- {
				rs = append(rs, extra[rng.IntN(len(extra))])
			}
		}
		rs = testutil.EditRunes(rng, rs, extra, rng.IntN(5))
		label := string(rs)
		if rng.IntN(5) == 0 {
			label = "(" + string(extra[rng.IntN(10)]) + ")" + label
		}
		k, c := matchT3(label)
		wk, wc := matchT3All(label)
		if k != wk || !slices.Equal(c, wc) {
			t.Fatalf("matchT3(%q) = %q %q, without the rune test %q %q", label, k, c, wk, wc)
		}
		if got, want := isT2Label(label), isT2LabelAll(label); got != want {
			t.Fatalf("isT2Label(%q) = %v, without the rune test %v", label, got, want)
		}
		if !mayMatchLabel(label) {
			filtered++
		} else if wk != "" || len(wc) > 0 || isT2LabelAll(label) {
			matched++
		}
	}
	if filtered < 3000 || matched < 3000 {
		t.Errorf("%d labels filtered, %d matched: the test does not exercise both", filtered, matched)
	}
}

// Compact with its copy-free path and compactHead equal compactInto on
// every BMP rune after a digit, alone and before 、; sectionOfText equals
// sectionOf(Compact).
func TestCompactPathsEqualCompactInto(t *testing.T) {
	ref := func(s string) string { r, _ := compactInto(s, false, -1); return string(r) }
	check := func(s string) {
		want := ref(s)
		if got := Compact(s); got != want {
			t.Fatalf("Compact(%q) = %q, want %q", s, got, want)
		}
		for n := 0; n < 4; n++ {
			w := []rune(want)
			if got := compactHead(s, n); !slices.Equal(got, w[:min(n, len(w))]) {
				t.Fatalf("compactHead(%q, %d) = %q, want %q", s, n, string(got), string(w[:min(n, len(w))]))
			}
		}
		if got, want := sectionOfText(s), sectionOf(Compact(s)); got != want {
			t.Fatalf("sectionOfText(%q) = %d, want %d", s, got, want)
		}
	}
	for r := rune(0); r < 0x10000; r++ {
		check("1" + string(r) + "、二")
		check(string(r) + "、总体情况")
	}
	heads := []string{"一、", "二 、", "表", " 表三", "三、", "七、", "（一）", "1、", "\u3000四\u3000、"}
	rng := rand.New(rand.NewPCG(8, 9))
	for n := 0; n < 20000; n++ {
		s := randomText(rng, textPieces, rng.IntN(30))
		if n%2 == 0 {
			s = heads[rng.IntN(len(heads))] + s + []string{"政府信息公开行政复议、行政诉讼情况", "收到和处理政府信息公开申请情况", "主动公开政府信息情况", ""}[rng.IntN(4)]
		}
		check(s)
	}
}

// detectT2VersionReference is detectT2Version as it was: the words looked
// for in one string of the compact stream and every compact cell.
func detectT2VersionReference(doc *extract.Document, st *stream) template.Version {
	var sb strings.Builder
	sb.WriteString(string(st.cs))
	for _, b := range doc.Blocks {
		if b.Table != nil {
			for _, c := range b.Table.Cells {
				sb.WriteString(Compact(c.Text))
				sb.WriteByte('|')
			}
		}
	}
	all := sb.String()
	switch {
	case hasAny(all, []string{"本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"}):
		return template.V2021
	case hasAny(all, []string{"新制作数量", "对外公开总数量", "上一年项目数量", "采购项目数量", "其他对外管理服务事项"}):
		return template.V2019
	}
	return template.VUnknown
}

func TestDetectT2VersionEqualsReference(t *testing.T) {
	// pieces of the words, so that they are also made across blocks, cells
	// and the join of the text and the cells
	pieces := []string{"本年", "制发", "件数", "废止", "现行有效", "收费金额", "新制作", "数量", "对外公开", "总数量", "上一年项目",
		"采购项目", "其他对外管理服务事项", "本年制发件数", "新制作数量", " ", "\n", "|", "1", "R1C1", "\xff", "（", "）"}
	rng := rand.New(rand.NewPCG(8, 10))
	text := func() string { return randomText(rng, pieces, rng.IntN(5)) }
	counts := map[template.Version]int{}
	for range 5000 {
		doc := &extract.Document{}
		for range rng.IntN(5) {
			if rng.IntN(2) == 0 {
				doc.Blocks = append(doc.Blocks, extract.Block{Kind: extract.BlockText, Text: text()})
				continue
			}
			tb := &extract.Table{Rows: 1, Cols: 2}
			for c := range rng.IntN(3) {
				tb.Cells = append(tb.Cells, extract.Cell{Col: c, RowSpan: 1, ColSpan: 1, Text: text()})
			}
			doc.Blocks = append(doc.Blocks, extract.Block{Kind: extract.BlockTable, Table: tb})
		}
		st := newStream(doc)
		got, want := detectT2Version(doc, st), detectT2VersionReference(doc, st)
		if got != want {
			t.Fatalf("detectT2Version(%+v) = %s, want %s", doc.Blocks, got, want)
		}
		counts[want]++
	}
	if counts[template.V2021] < 300 || counts[template.V2019] < 300 || counts[template.VUnknown] < 300 {
		t.Errorf("versions found %v: the test does not exercise all three", counts)
	}
}

// oneEditApart equals editDistance ≤ 1 on table 二's labels with up to two
// runes replaced, added or left out (bad bytes among them), and on random
// text.
func TestOneEditApartEqualsEditDistance(t *testing.T) {
	labels := t2LabelTexts()
	extra := []rune("一二三四五六七八九十0123456789.、（）申请信息公开其他\ufffd")
	rng := rand.New(rand.NewPCG(5, 11))
	near, far := 0, 0
	for n := 0; n < 100000; n++ {
		a := labels[rng.IntN(len(labels))]
		b := string(testutil.EditRunes(rng, []rune(a), extra, rng.IntN(3)))
		switch rng.IntN(10) {
		case 0:
			b = randomText(rng, textPieces, rng.IntN(12))
		case 1:
			b += "\xff"
		case 2:
			a, b = a+"\xfe", b+"\xff" // two bad bytes are the same rune, U+FFFD
		}
		na, nb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
		want := editDistance([]rune(a), []rune(b)) <= 1
		if got := oneEditApart(a, b, na, nb); got != want {
			t.Fatalf("oneEditApart(%q, %q) = %v, editDistance ≤ 1 is %v", a, b, got, want)
		}
		if want {
			near++
		} else {
			far++
		}
	}
	if near < 20000 || far < 20000 {
		t.Errorf("%d near, %d far: the test does not exercise both", near, far)
	}
}

// t2LabelTexts are table 二's compact labels and aliases (2021 template).
func t2LabelTexts() []string {
	var labels []string
	for _, s := range t2Specs(template.V2021) {
		labels = append(labels, s.Labels...)
	}
	return labels
}
