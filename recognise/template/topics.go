package template

import "strings"

// Words tests a text: it has every word of All, at least one of Any (when
// Any is not empty) and none of Not.
type Words struct {
	All, Any, Not []string
}

// Match reports whether s passes the test.
func (w Words) Match(s string) bool {
	for _, x := range w.All {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return (len(w.Any) == 0 || ContainsAny(s, w.Any)) && !ContainsAny(s, w.Not)
}

// ContainsAny reports whether s contains any of words.
func ContainsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// ReportTitleWords in a title say the document is (meant to be) an annual
// report on government information disclosure.
var ReportTitleWords = []string{"政府信息公开", "年度报告"}

// Topic is a quantity of the template that the prose of a report restates
// (上年结转的申请数, 行政复议件数, 本年制发的行政规范性文件数 …) with the
// cells that hold it and the wording that says a prose figure states it.
// recognise gives each prose figure the topics it states (Figure.About);
// rules compare the figure with the topic's cells and never read the
// figure's words.
type Topic struct {
	Name  string // stable, feeds fingerprints: "t3.carried_over"
	Label string // Chinese, for messages: 上年结转的申请数
	// Words are tested on the figure's subject and text, and on its
	// clause as well when InClause is set: the verb that says which
	// quantity of the noun is meant often comes before the subject
	// ("本年度废止行政规范性文件2件": 废止 is only in the clause).
	Words    Words
	InClause bool
	// Subject is tested on the figure's own subject (its clause when it
	// has none): the noun right before the number must name the quantity
	// ("上年结转3件", not "收到申请（含上年结转）45件").
	Subject Words
	// Units are the units the figure may have: 件 for applications, not 条
	// (documents); empty: any count unit.
	Units []string
	// NotClause are words whose presence in the figure's clause (its verb
	// and subject: "主动公开…不予公开的信息3条" is about documents) means it
	// is about something else.
	NotClause []string
	// Cells are summed; Cells2019 replaces them for reports on the 2019
	// format when the columns differ.
	Cells, Cells2019 []string
}

// CellsFor returns the cells of the topic in a report of version v.
func (t Topic) CellsFor(v Version) []string {
	if v == V2019 && len(t.Cells2019) > 0 {
		return t.Cells2019
	}
	return t.Cells
}

// Topic names of the quantities with their own rules: 本年新收 (table 三)
// and the three column groups of table 四 and their sums.
const (
	TopicNewApplications = "t3.new"
	TopicSuitAfterReview = "t4.suit_after_review"
	TopicSuitDirect      = "t4.suit_direct"
	TopicReviewAndSuit   = "t4.review_and_suit"
	TopicReview          = "t4.review"
	TopicSuit            = "t4.suit"
)

// Applications received (本年新收政府信息公开申请数量): a figure in 件/个
// (or without unit) whose subject, text or clause speaks of 申请 and one of
// ReceiptWords, whose subject has none of NotNewWords, and whose clause
// does not give the count of one office of the issuer (SubUnitWords, or an
// office named in SubUnitOffices that the issuer's own name does not
// contain: "区政府办代表区政府受理政府信息公开申请17件" in a district's
// report whose table 三 counts the whole district).
var (
	NewApplications = Topic{Name: TopicNewApplications, Label: "收到政府信息公开申请",
		Words: Words{All: []string{"申请"}, Any: []string{"收到", "受理", "新收", "接收", "接到", "共收"}},
		Units: []string{"件", "个", ""}, Cells: []string{"t3.new.total"}}
	// NotNewWords in the subject: another quantity of applications; in the
	// figure's text only: the figure may count new applications together
	// with another (it can agree with the table, a different value does
	// not contradict it). 结转 in the text or clause: the figure may
	// include the applications carried over ("受理含上年结转在内的…申请45件").
	NotNewWords    = []string{"结转", "办结", "答复", "复议", "诉讼", "办理完毕", "已办结", "按时"}
	CarriedWords   = []string{"结转"}
	SubUnitWords   = []string{"代表"}
	SubUnitOffices = []string{"政府办公室", "政府办"}
	// NoApplicationsNot are words of a negation's subject that make "未收到
	// …申请" about something else than applications for information
	// (行政复议申请, 结转, 信息处理费).
	NoApplicationsNot = []string{"复议", "诉讼", "结转", "处理费"}
)

// CaseTopics are the statements about table 四 in matching order: the first
// whose words match the subject of a figure (or of a negation) decides what
// it counts. CaseParts in the subject (or a negation's text) mark figures
// that count an outcome of the cases, not the cases ("未发生…被行政复议纠错或
// 行政诉讼败诉情形").
var (
	suitWords  = []string{"诉讼", "起诉"}
	CaseTopics = []Topic{
		{Name: TopicSuitAfterReview, Label: "复议后起诉的行政诉讼", Words: Words{All: []string{"复议后起诉"}},
			Cells: []string{"t4.suit_after_review.total"}},
		{Name: TopicSuitDirect, Label: "未经复议直接起诉的行政诉讼", Words: Words{All: []string{"直接起诉"}},
			Cells: []string{"t4.suit_direct.total"}},
		{Name: TopicReviewAndSuit, Label: "行政复议、行政诉讼", Words: Words{All: []string{"复议"}, Any: suitWords},
			Cells: []string{"t4.review.total", "t4.suit_direct.total", "t4.suit_after_review.total"}},
		{Name: TopicReview, Label: "行政复议", Words: Words{All: []string{"复议"}, Not: suitWords},
			Cells: []string{"t4.review.total"}},
		{Name: TopicSuit, Label: "行政诉讼", Words: Words{Any: suitWords, Not: []string{"复议"}},
			Cells: []string{"t4.suit_direct.total", "t4.suit_after_review.total"}},
	}
	CaseParts = []string{"维持", "纠正", "纠错", "其他结果", "尚未审结", "审结", "败诉", "胜诉", "撤回", "驳回"}
)

// applicationUnits and documentWords keep a table 三 topic to figures about
// applications: documents the body produced or published (条, 制发, 主动公开)
// are another subject.
var (
	applicationUnits = []string{"件", ""}
	documentWords    = []string{"制发", "制作", "主动公开", "发布", "印发", "文件", "信息数"}
)

// TableTopics are the other prose restatements of table cells (checked by
// CONS-PROSE-TABLE): table 三's results and carried-over applications in 件,
// table 二's documents and decisions.
var TableTopics = tableTopics()

func tableTopics() []Topic {
	t3 := []Topic{
		{Name: "t3.carried_over", Label: "上年结转的申请数",
			Words: Words{All: []string{"结转"}, Any: []string{"上年", "上一年", "去年"}, Not: []string{"下年", "下一年", "次年"}},
			Cells: []string{"t3.carried_over.total"}},
		{Name: "t3.carried_forward", Label: "结转下年度继续办理的申请数",
			Words: Words{All: []string{"结转"}, Any: []string{"下年", "下一年", "次年"}},
			Cells: []string{"t3.carried_forward.total"}},
		{Name: "t3.total", Label: "办结的申请数", Words: Words{All: []string{"办结"}, Not: []string{"结转", "按时", "率"}},
			Cells: []string{"t3.total.total"}},
		{Name: "t3.granted", Label: "予以公开的申请数", Words: Words{All: []string{"予以公开"}, Not: []string{"部分", "不予"}},
			Cells: []string{"t3.granted.total"}},
		{Name: "t3.partial", Label: "部分公开的申请数", Words: Words{All: []string{"部分公开"}, Not: []string{"予以公开", "同意公开", "全部公开"}},
			Cells: []string{"t3.partial.total"}},
		// "予以公开及部分公开258件" restates the two rows together.
		{Name: "t3.granted_partial", Label: "予以公开和部分公开的申请数",
			Words: Words{All: []string{"部分公开"}, Any: []string{"予以公开", "同意公开", "全部公开"}, Not: []string{"不予"}},
			Cells: []string{"t3.granted.total", "t3.partial.total"}},
		{Name: "t3.denied", Label: "不予公开的申请数", Words: Words{All: []string{"不予公开"}, Not: []string{"部分", "率"}},
			Cells: groupTotals("denied", "state_secret", "law_forbidden", "three_safety", "third_party", "internal", "process", "enforcement_file", "query")},
		{Name: "t3.unable", Label: "无法提供的申请数", Words: Words{All: []string{"无法提供"}, Not: []string{"率"}},
			Cells: groupTotals("unable", "not_held", "needs_creation", "unclear")},
		{Name: "t3.rejected", Label: "不予处理的申请数", Words: Words{All: []string{"不予处理"}, Not: []string{"率"}},
			Cells: groupTotals("rejected", "complaint", "duplicate", "publication", "excessive", "confirm")},
	}
	for i := range t3 {
		t3[i].Units, t3[i].NotClause = applicationUnits, documentWords
	}
	// "含上年度结转申请18件", "结转下年度继续办理2件": the year is in the
	// clause, and the figure's own subject is 结转 or empty; "受理含上年结转
	// 在内的政府信息公开申请45件" counts applications, not those carried over
	for i := range t3[:2] {
		t3[i].InClause, t3[i].Subject = true, Words{All: []string{"结转"}}
	}
	// table 二: 制发 of 规章 and 行政规范性文件 (both formats), then (2021
	// format) 废止/现行有效 of 行政规范性文件, decisions on 行政许可/行政处罚/
	// 行政强制, and 行政事业性收费 in 万元
	decided := []string{"决定", "办结", "作出"}
	notDecision := []string{"信息", "公示", "公开", "事项", "清单"}
	t2 := []Topic{
		{Name: "t2.regulations.issued", Label: "本年制发的规章数",
			Words: Words{All: []string{"规章"}, Any: []string{"制发", "制定", "出台", "印发"}, Not: []string{"废止", "现行有效", "规范性文件", "清理"}},
			Cells: []string{"t2.regulations.issued"}, Cells2019: []string{"t2.regulations.new_made"}},
		{Name: "t2.normative.issued", Label: "本年制发的行政规范性文件数",
			Words: Words{All: []string{"规范性文件"}, Any: []string{"制发", "制定", "出台", "印发"}, Not: []string{"废止", "现行有效", "规章", "清理", "解读"}},
			Cells: []string{"t2.normative.issued"}, Cells2019: []string{"t2.normative.new_made"}},
		{Name: "t2.normative.repealed", Label: "本年废止的行政规范性文件数",
			Words: Words{All: []string{"规范性文件", "废止"}, Not: []string{"规章", "清理", "修改", "保留", "宣布失效"}}, Units: []string{"件", "个"},
			Cells: []string{"t2.normative.repealed"}, Cells2019: []string{"t2.normative.repealed"}},
		{Name: "t2.normative.in_force", Label: "现行有效的行政规范性文件数",
			Words: Words{All: []string{"规范性文件", "现行有效"}, Not: []string{"规章", "清理"}}, Units: []string{"件", "个"},
			Cells: []string{"t2.normative.in_force"}, Cells2019: []string{"t2.normative.in_force"}},
		{Name: "t2.licensing.decisions", Label: "本年行政许可处理决定数",
			Words: Words{All: []string{"行政许可"}, Any: decided, Not: append(notDecision[:len(notDecision):len(notDecision)], "行政处罚", "行政强制")}, Units: []string{"件", "个"},
			Cells: []string{"t2.licensing.decisions"}},
		{Name: "t2.penalty.decisions", Label: "本年行政处罚处理决定数",
			Words: Words{All: []string{"行政处罚"}, Any: decided, Not: append(notDecision[:len(notDecision):len(notDecision)], "行政许可", "行政强制")}, Units: []string{"件", "个"},
			Cells: []string{"t2.penalty.decisions"}},
		{Name: "t2.coercion.decisions", Label: "本年行政强制处理决定数",
			Words: Words{All: []string{"行政强制"}, Any: decided, Not: append(notDecision[:len(notDecision):len(notDecision)], "行政许可", "行政处罚")}, Units: []string{"件", "个"},
			Cells: []string{"t2.coercion.decisions"}},
		{Name: "t2.fees.amount", Label: "本年行政事业性收费金额（万元）",
			Words: Words{All: []string{"行政事业性收费"}, Not: []string{"信息处理费"}}, Units: []string{"万元"},
			Cells: []string{"t2.fees.amount"}},
	}
	for i := range t2 {
		t2[i].InClause = true
		if i < 2 {
			continue // 制发: the clause is not tested (as before the 2021 links)
		}
		// the clause, too: "清理并集中发布现行有效行政规范性文件393件" is a
		// clean-up's library, not the table's count
		t2[i].NotClause = append(append([]string(nil), t2[i].Words.Not...), "清理", "集中发布", "文件库")
	}
	return append(t3, t2...)
}

// groupTotals lists the 总计 cells of the rows of one group of table 三.
func groupTotals(group string, rows ...string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = "t3." + group + "." + r + ".total"
	}
	return out
}
