package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"

	"github.com/nianbao/nianbao/internal/lazyre"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

// CarryRelation is a declared equality between a cell of the previous
// year's report and a cell of this year's report of the same body.
type CarryRelation struct {
	Name     string // stable, feeds the fingerprint
	Where    string // 表三“自然人”列
	Previous string // key in the previous year's report
	Current  string // key in this year's report
}

// T3CarryRelations: for every column of table 三, 四、结转下年度继续办理 of
// year y = 二、上年结转政府信息公开申请数量 of year y+1.
func T3CarryRelations() []CarryRelation {
	var out []CarryRelation
	for _, c := range template.T3Columns {
		out = append(out, CarryRelation{
			Name:     "t3.carry." + c.Key,
			Where:    t3ColumnName(c),
			Previous: t3("carried_forward", c.Key),
			Current:  t3("carried_over", c.Key),
		})
	}
	return out
}

var crossReportRules = []Rule{
	copyRule,
	peerCopyRule,
	enumPrevRule,
	{
		ID:       "CONS-CARRYOVER",
		Title:    "上年报告结转下年度的申请数应等于本年报告上年结转数",
		Severity: SeverityError,
		Category: CategoryConsistency,
		Pair:     true,
		Basis:    "国办公开办函〔2021〕30号表三“二、上年结转政府信息公开申请数量”与“四、结转下年度继续办理”的定义",
		Explanation: `同一机关相邻两年的报告：上年报告表三“四、结转下年度继续办理”的每一列，应等于本年报告表三“二、上年结转政府信息公开申请数量”的同一列。
本规则跨报告运行（nianbao audit 对同一机关连续年度的报告配对），单份报告审核时不运行。两份报告年度不相邻、任一份的表三未识别、或比较的单元格任一空白时不核对；任一单元格识别不确定时不相等记为 uncertain，责任方为 extraction。`,
		Example: "表三“自然人”列：上年（2022年度）报告“四、结转下年度继续办理”为1，本年报告“二、上年结转政府信息公开申请数量”为2",
		Check:   checkCarryOver,
	},
}

// copyParts are the parts compared by CONS-COPY-PREV: 五 (problems and
// improvements) above all, and 一 (the overview).
var copyParts = []int{5, 1}

var copyRule = Rule{
	ID:       "CONS-COPY-PREV",
	Title:    "正文不应照搬上年报告",
	Severity: SeverityWarning,
	Category: CategoryConsistency,
	Pair:     true,
	Basis:    "《中华人民共和国政府信息公开条例》第五十条（报告本年度的情况）；国办公开办函〔2021〕30号（内容“不能遗漏，也不宜泛化”）",
	Explanation: `同一机关相邻两年的报告中，第五部分“存在的主要问题及改进情况”或第一部分“总体情况”的正文与上年报告基本相同（去掉空白、标点并把所有数字（年份、件数）视为相同后，按相邻两字计算的相似度达到配置的阈值，默认0.8），说明该部分照搬了上年报告，没有写本年度的情况。
两部分中任一部分的正文少于60字时不比较。本规则跨报告运行，单份报告审核时不运行。`,
	Example: "第五部分“五、存在的主要问题及改进情况”与上年（2022年度）报告的相应部分基本相同（相似度1.00）",
	Check:   checkCopyPrev,
}

var digitRun = lazyre.New(`[0-9]+(\.[0-9]+)?`)

// CopyText is a text prepared the way CONS-COPY-PREV compares texts: only
// letters and digits are kept (no white space, no punctuation) and every
// number is one symbol '#', so a copied text with this year's figures
// filled in still matches. Start and End give, for each kept rune, its
// byte span in Src, so a passage found in Norm can be shown as written.
type CopyText struct {
	Src        string
	Norm       []rune
	Start, End []int
}

// NormalizeCopy prepares s for comparison (see CopyText).
func NormalizeCopy(s string) CopyText {
	t := CopyText{Src: s}
	nums := digitRun.FindAllStringIndex(s, -1)
	for i, r := range s {
		if len(nums) > 0 && i >= nums[0][0] {
			if i == nums[0][0] {
				t.Norm = append(t.Norm, '#')
				t.Start, t.End = append(t.Start, nums[0][0]), append(t.End, nums[0][1])
			}
			if i+utf8.RuneLen(r) >= nums[0][1] {
				nums = nums[1:]
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			t.Norm = append(t.Norm, r)
			t.Start, t.End = append(t.Start, i), append(t.End, i+utf8.RuneLen(r))
		}
	}
	return t
}

// Span is the source text of Norm[i:j], as written.
func (t CopyText) Span(i, j int) string {
	if i >= j || j > len(t.Norm) {
		return ""
	}
	return t.Src[t.Start[i]:t.End[j-1]]
}

// bigrams of the text's letters and digits, every number made equal (a
// copied text with this year's figures filled in is still a copy).
func bigrams(s string) map[string]bool {
	rs := NormalizeCopy(s).Norm
	out := make(map[string]bool, len(rs))
	for i := 0; i+1 < len(rs); i++ {
		out[string(rs[i:i+2])] = true
	}
	return out
}

// Similarity is the measure of CONS-COPY-PREV: the Jaccard index of the two
// texts' bigrams after NormalizeCopy (0 when either is empty).
func Similarity(a, b string) float64 { return similarity(a, b) }

// similarity is the Jaccard index of the two texts' bigrams.
func similarity(a, b string) float64 {
	x, y := bigrams(a), bigrams(b)
	if len(x) == 0 || len(y) == 0 {
		return 0
	}
	inter := 0
	for k := range x {
		if y[k] {
			inter++
		}
	}
	return float64(inter) / float64(len(x)+len(y)-inter)
}

// Passage is a stretch of a text that also occurs in another text.
type Passage struct {
	Start, End int    // in the new text's Norm
	Text       string // as written in the new text
}

// Runes is the passage's length in compared characters.
func (p Passage) Runes() int { return p.End - p.Start }

// Repeats finds the passages of cur that repeat old: maximal common
// stretches of at least minRunes compared characters (after
// NormalizeCopy), taken greedily left to right, each stretch of cur counted
// once. common, when set, says that the minRunes-long window of cur
// starting at i is common wording (phrases many reports use): a stretch made
// only of such windows is not a passage. It returns the passages in text
// order and the number of cur's characters they cover.
func Repeats(old, cur CopyText, minRunes int, common func(i int) bool) (passages []Passage, covered int) {
	if minRunes < 2 || len(cur.Norm) < minRunes || len(old.Norm) < minRunes {
		return nil, 0
	}
	index := map[string][]int{}
	for i := 0; i+minRunes <= len(old.Norm); i++ {
		k := string(old.Norm[i : i+minRunes])
		if len(index[k]) < 16 { // enough candidates; stops blow-up on repetitive text
			index[k] = append(index[k], i)
		}
	}
	a, b := old.Norm, cur.Norm
	for i := 0; i+minRunes <= len(b); {
		cands := index[string(b[i:i+minRunes])]
		if len(cands) == 0 {
			i++
			continue
		}
		best := 0
		for _, j := range cands {
			n := minRunes
			for i+n < len(b) && j+n < len(a) && a[j+n] == b[i+n] {
				n++
			}
			best = max(best, n)
		}
		own := common == nil
		for k := i; !own && k+minRunes <= i+best; k++ {
			own = !common(k)
		}
		if own {
			passages = append(passages, Passage{Start: i, End: i + best, Text: cur.Span(i, i+best)})
			covered += best
		}
		i += best
	}
	return passages, covered
}

// Longest returns up to n passages, longest first (ties in text order).
func Longest(ps []Passage, n int) []Passage {
	out := append([]Passage(nil), ps...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Runes() > out[j].Runes() })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// SameIssuer reports whether two issuer names name one body: equal after
// folding, or equal but for the name of the enclosing place that one of them
// puts in front (洪泽区人民政府 and 淮安市洪泽区人民政府).
func SameIssuer(a, b string) bool {
	a, b = issuerKey(a), issuerKey(b)
	if a == b {
		return true
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	if !strings.HasSuffix(a, b) || !namesPlace(b) {
		return false
	}
	prefix := strings.TrimSuffix(a, b)
	last, _ := utf8.DecodeLastRuneInString(prefix)
	return strings.ContainsRune("省市州盟县区旗", last)
}

// namesPlace reports whether an issuer name starts with a place of its own
// (洪泽区…, 柳溪镇…) rather than being a bare office name (人民政府).
func namesPlace(s string) bool {
	rs := []rune(s)
	for i := 1; i < len(rs)-2; i++ {
		if strings.ContainsRune("省市州盟县区旗镇乡", rs[i]) {
			return true
		}
	}
	return false
}

// issuerKey folds layout differences of one spelling: full-width forms and
// white space.
func issuerKey(s string) string {
	return strings.ReplaceAll(extract.Normalize(s), " ", "")
}

const minCopyRunes = 60

func checkCopyPrev(p *Pass) {
	prev, cur := p.Previous, p.Report
	if prev == nil || (prev.Year != 0 && cur.Year != 0 && prev.Year != cur.Year-1) {
		return
	}
	threshold := p.Profile.CopySimilarity
	if threshold <= 0 {
		return
	}
	for _, n := range copyParts {
		a, b := prev.Sections[n-1], cur.Sections[n-1]
		if !a.Present || !b.Present || len([]rune(a.Text)) < minCopyRunes || len([]rune(b.Text)) < minCopyRunes {
			continue
		}
		sim := similarity(a.Text, b.Text)
		if sim < threshold {
			continue
		}
		prevYear := "上年"
		if prev.Year != 0 {
			prevYear = fmt.Sprintf("上年（%d年度）", prev.Year)
		}
		p.report(issue{
			status:   StatusFail,
			expected: ptr(threshold),
			actual:   ptr(float64(int(sim*100)) / 100),
			loc:      Location{Page: b.Page, Section: n},
			message: fmt.Sprintf("第%s部分“%s”与%s报告的相应部分基本相同（相似度%.2f）",
				cnNum(n), template.Sections[n-1].Heading, prevYear, float64(int(sim*100))/100),
			detail: fmt.Sprintf("copy-%d", n),
		})
	}
}

func checkCarryOver(p *Pass) {
	prev, cur := p.Previous, p.Report
	if prev == nil || !prev.Tables.T3.Found || !cur.Tables.T3.Found {
		return
	}
	if prev.Year != 0 && cur.Year != 0 && prev.Year != cur.Year-1 {
		return
	}
	prevYear := "上年"
	if prev.Year != 0 {
		prevYear = fmt.Sprintf("上年（%d年度）", prev.Year)
	}
	for _, rel := range T3CarryRelations() {
		a, okA := cellValue(prev, rel.Previous)
		b, okB := cellValue(cur, rel.Current)
		if !okA || !okB || a.Value.V == b.Value.V {
			continue
		}
		is := issue{
			status:   StatusFail,
			cells:    []string{rel.Previous, rel.Current},
			expected: ptr(a.Value.V),
			actual:   ptr(b.Value.V),
			loc:      Location{Page: b.Page, Section: 3},
			message: fmt.Sprintf("%s：%s报告“四、结转下年度继续办理”为%s，本年报告“二、上年结转政府信息公开申请数量”为%s",
				rel.Where, prevYear, num(a.Value.V), num(b.Value.V)),
			detail: rel.Name,
		}
		if a.Uncertain || b.Uncertain {
			is.status, is.resp = StatusUncertain, ResponsibilityExtraction
			is.message += "；其中有单元格识别不确定"
		}
		p.report(is)
	}
}

// RunPair runs the cross-report rules of All() on a report and the same
// body's report of the previous year, sorted like Run. The caller (audit)
// decides which reports belong to one body.
func RunPair(prev, cur *recognise.Report, p Profile) []Finding {
	return RunPairRules(prev, cur, p, All())
}

// RunPairRules is RunPair over an explicit rule list; rules that are not
// pair rules are skipped.
func RunPairRules(prev, cur *recognise.Report, p Profile, rs []Rule) []Finding {
	if prev == nil || cur == nil {
		return nil
	}
	p = p.compiled()
	var out []Finding
	for i := range rs {
		rule := &rs[i]
		if !rule.Pair || p.disabled(rule.ID) {
			continue
		}
		out = append(out, runOne(&Pass{Report: cur, Previous: prev, Profile: p, rule: rule})...)
	}
	Sort(out)
	return out
}

// standardPhrases are sentences of the template's notes and of the
// wording every report uses (the legal basis of the report, the data
// period, the fee statement). Like headings and table labels they never
// count as repeated or copied text.
var standardPhrases = []string{
	"本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
	"申请人情况", "法人或其他组织", "信息内容", "单位：万元", "单位：件",
	"政府信息公开工作年度报告", "中华人民共和国政府信息公开条例", "以下简称《条例》",
	"国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知",
	"国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号",
	"本报告根据", "要求编制", "编制本报告", "本报告中所列数据的统计期限自", "年1月1日起至", "年12月31日止",
	"本报告电子版可在", "如对本报告有任何疑问", "政府信息公开工作", "未收取信息处理费", "无收取信息处理费情况",
	"没有收取信息处理费", "主动公开政府信息", "政府信息公开申请", "行政复议", "行政诉讼",
}

// templateWording are the compared forms (NormalizeCopy) of the template's
// own words: the six headings (with and without their numerals), every row,
// group, column and block label of tables 二, 三, 四 and their aliases, and
// standardPhrases. Longest first. Made on first use (only the cross-report
// comparisons need it, not a one-file audit).
var templateWording = sync.OnceValue(func() [][]rune {
	var words []string
	for _, s := range template.Sections {
		words = append(words, s.Heading, strings.TrimLeft(s.Heading, "一二三四五六、"))
	}
	for _, rows := range [][]template.T2Row{template.T2Rows2021, template.T2Rows2019} {
		for _, r := range rows {
			words = append(words, r.Label, r.Block)
			words = append(words, r.Alias...)
			for _, c := range r.Columns {
				words = append(words, c.Label)
				words = append(words, c.Alias...)
			}
		}
	}
	for _, r := range template.T3Rows {
		words = append(words, r.Label, r.Group)
		words = append(words, r.Alias...)
	}
	for _, cs := range [][]template.Column{template.T3Columns, template.T4Groups, template.T4Columns} {
		for _, c := range cs {
			words = append(words, c.Label)
			words = append(words, c.Alias...)
		}
	}
	words = append(words, standardPhrases...)
	return phrases(words...)
})

// phrases turns texts into their compared forms, longest first, without
// duplicates and without forms shorter than two characters.
func phrases(texts ...string) [][]rune {
	seen := map[string]bool{}
	var out [][]rune
	for _, w := range texts {
		n := NormalizeCopy(w).Norm
		if len(n) < 2 || seen[string(n)] {
			continue
		}
		seen[string(n)] = true
		out = append(out, n)
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// Without returns t with every occurrence of the given phrases (compared
// forms, longest first) removed and runs of numbers collapsed into one, so
// that the template's wording and the figures of a table never make two
// texts look alike. Spans still point into Src.
func (t CopyText) Without(ps [][]rune) CopyText {
	out := CopyText{Src: t.Src}
	for i := 0; i < len(t.Norm); {
		skip := 0
		for _, p := range ps {
			// the first rune first: most phrases differ there (a rune
			// comparison, no string made per phrase and position)
			if len(p) == 0 {
				break
			}
			if p[0] == t.Norm[i] && len(p) <= len(t.Norm)-i && slices.Equal(t.Norm[i:i+len(p)], p) {
				skip = len(p)
				break
			}
		}
		if skip > 0 {
			i += skip
			continue
		}
		if t.Norm[i] == '#' && len(out.Norm) > 0 && out.Norm[len(out.Norm)-1] == '#' {
			out.End[len(out.End)-1] = t.End[i]
			i++
			continue
		}
		out.Norm = append(out.Norm, t.Norm[i])
		out.Start, out.End = append(out.Start, t.Start[i]), append(out.End, t.End[i])
		i++
	}
	return out
}

// ContentText is s in compared form without the template's own wording
// and without the given names (issuers), the form in which reports are
// compared for repeated and copied text.
func ContentText(s string, names ...string) CopyText {
	ps := templateWording()
	if len(names) > 0 {
		ps = append(append([][]rune{}, phrases(names...)...), templateWording()...)
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i]) > len(ps[j]) })
	}
	return NormalizeCopy(s).Without(ps)
}

// peerParts are the parts CONS-COPY-PEER compares between units: 一 (the
// overview), 五 (problems and improvements) and 六 (other matters), the
// parts a unit writes in its own words; 二–四 are tables.
var peerParts = []int{1, 5, 6}

// minPeerRunes is the least content (compared characters of the parts in
// peerParts, template wording and names removed) a report must have for
// CONS-COPY-PEER to compare it.
const minPeerRunes = 80

// PeerPassageRunes is the shortest stretch that counts as shared between
// two units' reports.
const PeerPassageRunes = 12

var peerCopyRule = Rule{
	ID:       "CONS-COPY-PEER",
	Title:    "不同机关的报告正文不应雷同",
	Severity: SeverityWarning,
	Category: CategoryConsistency,
	Pair:     true,
	Scope:    "同一批次中同一年度、不同机关的报告",
	Basis:    "《中华人民共和国政府信息公开条例》第五十条（各机关报告本机关的情况）；国办公开办函〔2021〕30号（内容“不能遗漏，也不宜泛化”）",
	Explanation: `同一批审核的报告中，两个不同机关的报告第一部分“总体情况”、第五部分“存在的主要问题及改进情况”、第六部分“其他需要报告的事项”的正文基本相同，说明一个机关照抄了另一个机关的报告。
比较前去掉空白、标点，所有数字视为相同，并去掉模板本身的文字（六个部分的标题、表格的行列名称、报告依据等通用语句）和两个机关的名称；同批次中三个及以上机关都使用的语句视为通用表述，不算雷同。两份报告中连续相同至少12个字的段落计为相同文字；本报告相同文字占上述三个部分正文的比例达到配置的阈值（默认0.6）时，两份报告各报告一条，写明对方机关、比例和最长的相同段落。
正文少于80字的报告不比较。本规则跨报告运行（nianbao audit 对同一批次中同一年度、不同机关的报告两两比较），单份报告审核时不运行。`,
	Example: "第一、五、六部分与同批次中青禾县柳溪镇人民政府的报告雷同：去掉模板用语和机关名称后，本报告正文的100%与之相同；最长的相同段落（102字）：“2023年，石门乡人民政府坚持以公开为常态、不公开为例外，围绕乡村振兴、农村人居环境整治和惠民补贴发放，主动公开政府信息…”",
	Check:   checkCopyPeer,
}

// PeerDoc is what CONS-COPY-PEER compares of a report: its issuer, year
// and the content of parts 一, 五, 六 (ContentText without its own name).
type PeerDoc struct {
	Issuer string
	Year   int
	Parts  map[int]CopyText
}

// NewPeerDoc prepares r for CONS-COPY-PEER; nil when r has no issuer or
// year.
func NewPeerDoc(r *recognise.Report) *PeerDoc {
	if r == nil || r.Issuer == "" || r.Year == 0 {
		return nil
	}
	d := &PeerDoc{Issuer: r.Issuer, Year: r.Year, Parts: map[int]CopyText{}}
	names := issuerNames(r.Issuer)
	for _, n := range peerParts {
		if s := r.Sections[n-1]; s.Present {
			d.Parts[n] = ContentText(strings.Clone(s.Text), names...)
		}
	}
	return d
}

// issuerNames are the ways a report names its own body: the issuer, and
// the issuer without its office suffix (青禾县柳溪镇人民政府 → 青禾县柳溪镇,
// 柳溪镇).
func issuerNames(issuer string) []string {
	names := []string{issuer}
	for _, suf := range []string{"人民政府办公室", "人民政府", "办事处", "管理委员会", "管委会"} {
		if base, ok := strings.CutSuffix(issuer, suf); ok && base != "" {
			names = append(names, base)
			break
		}
	}
	// the last place of the name (镇, 乡, 街道 …) on its own
	rs := []rune(names[len(names)-1])
	for i := len(rs) - 2; i > 0; i-- {
		if strings.ContainsRune("省市州盟县区旗", rs[i]) {
			if tail := string(rs[i+1:]); len([]rune(tail)) >= 2 {
				names = append(names, tail)
			}
			break
		}
	}
	return names
}

// shingleSample keeps one window in about this many for counting in how
// many units a phrase occurs (a sketch: a batch of thousands of reports
// keeps a few hundred hashes per report, not every window).
const shingleSample = 8

// shingle hashes the PeerPassageRunes-long window of t at i; ok is false
// when the window is not in the sample.
func shingle(t []rune, i int) (h uint64, ok bool) {
	h = 14695981039346656037 // FNV-1a
	for _, r := range t[i : i+PeerPassageRunes] {
		h ^= uint64(r)
		h *= 1099511628211
	}
	return h, h%shingleSample == 0
}

// Shingles are the sampled PeerPassageRunes-long windows of the document's
// parts (hashes), for counting in how many units' reports a phrase occurs.
func (d *PeerDoc) Shingles() map[uint64]bool {
	out := map[uint64]bool{}
	for _, t := range d.Parts {
		for i := 0; i+PeerPassageRunes <= len(t.Norm); i++ {
			if h, ok := shingle(t.Norm, i); ok {
				out[h] = true
			}
		}
	}
	return out
}

// PeerEvidence is what CONS-COPY-PEER found between a report and another
// unit's.
type PeerEvidence struct {
	Other   string  // the other unit
	Share   float64 // of this report's content, two decimals (rounded down)
	Longest Passage // the longest shared passage, as written in this report
	Part    int     // the part the longest passage is in
}

// ComparePeers measures how much of cur's content is shared with other's,
// part by part. common, when set, names the sampled phrases (Shingles) used
// by many units: a shared stretch counts only when it holds a sampled phrase
// that is not common, so wording the area's reports all use never does. ok is false when cur has too
// little content to judge.
func ComparePeers(cur, other *PeerDoc, common map[uint64]bool) (ev PeerEvidence, ok bool) {
	total, covered := 0, 0
	ev.Other = other.Issuer
	for _, n := range peerParts {
		a, okA := other.Parts[n]
		b, okB := cur.Parts[n]
		if !okB {
			continue
		}
		total += len(b.Norm)
		if !okA {
			continue
		}
		var isCommon func(int) bool
		if common != nil {
			isCommon = func(i int) bool {
				h, sampled := shingle(b.Norm, i)
				return !sampled || common[h]
			}
		}
		ps, c := Repeats(a, b, PeerPassageRunes, isCommon)
		covered += c
		for _, p := range ps {
			if p.Runes() > ev.Longest.Runes() {
				ev.Longest, ev.Part = p, n
			}
		}
	}
	if total < minPeerRunes {
		return ev, false
	}
	ev.Share = float64(int(float64(covered)/float64(total)*100)) / 100
	return ev, true
}

func peerIssue(ev PeerEvidence, threshold float64) issue {
	passage := []rune(strings.Join(strings.Fields(ev.Longest.Text), ""))
	shown := string(passage)
	if len(passage) > 60 {
		shown = string(passage[:60]) + "…"
	}
	return issue{
		status:   StatusFail,
		expected: ptr(threshold),
		actual:   ptr(ev.Share),
		loc:      Location{Section: ev.Part},
		message: fmt.Sprintf("第一、五、六部分与同批次中%s的报告雷同：去掉模板用语和机关名称后，本报告正文的%d%%与之相同；最长的相同段落（%d字）：“%s”",
			ev.Other, int(ev.Share*100+0.5), ev.Longest.Runes(), shown),
		detail: "peer:" + issuerKey(ev.Other),
	}
}

// checkCopyPeer compares two units' reports when it is run on a pair of
// different issuers (RunPeer; audit pairs every two units of a year in a
// batch). Pairs of one body (the year-over-year pairs of RunPair) are left
// to CONS-COPY-PREV.
func checkCopyPeer(p *Pass) {
	prev, cur := p.Previous, p.Report
	if prev == nil || prev.Issuer == "" || SameIssuer(prev.Issuer, cur.Issuer) || prev.Year != cur.Year {
		return
	}
	threshold := p.Profile.PeerCopyShare
	a, b := NewPeerDoc(prev), NewPeerDoc(cur)
	if threshold <= 0 || a == nil || b == nil {
		return
	}
	if ev, ok := ComparePeers(b, a, nil); ok && ev.Share >= threshold {
		p.report(peerIssue(ev, threshold))
	}
}

// PeerFindings turns evidence found by the batch (audit) into the
// CONS-COPY-PEER findings of the report cur: one per other unit at or above
// the profile's threshold, sorted.
func PeerFindings(cur *recognise.Report, evs []PeerEvidence, p Profile) []Finding {
	p = p.compiled()
	if p.disabled(peerCopyRule.ID) || p.PeerCopyShare <= 0 {
		return nil
	}
	pass := &Pass{Report: cur, Profile: p, rule: &peerCopyRule}
	for _, ev := range evs {
		if ev.Share >= p.PeerCopyShare {
			pass.report(peerIssue(ev, p.PeerCopyShare))
		}
	}
	Sort(pass.out)
	return pass.out
}

// PeerCheckOn reports whether the profile runs CONS-COPY-PEER.
func PeerCheckOn(p Profile) bool {
	return p.PeerCopyShare > 0 && !p.disabled(peerCopyRule.ID)
}
