package recognise

import (
	"slices"
	"strings"

	"github.com/nianbao/nianbao/recognise/template"
)

// Topics gives every prose figure and negation of r the template quantities
// it states (Figure.About, Negation.About), from its subject, text, clause
// and unit, with the wordings of recognise/template (template.Topic): the
// unit says what is counted (件 applications, 条 documents), the verb
// (收到/受理 vs 办结, 制发 vs 公开) and the clause's own subject say which
// quantity. Recognise calls it after the figures; rule fixtures that give
// figures call it too, so that their facts agree with their words. It
// replaces what was there.
func Topics(r *Report) {
	for i := range r.Figures {
		r.Figures[i].About = figureTopics(r.Figures[i], r.Issuer)
	}
	for i := range r.Negations {
		r.Negations[i].About = negationTopics(r.Negations[i])
	}
}

func figureTopics(f Figure, issuer string) []About {
	var out []About
	// 本年新收: the clause's verb counts too (全年共收到…申请132件)
	nw := template.NewApplications
	if nw.Words.Match(f.Subject+f.Text+f.Clause) && slices.Contains(nw.Units, f.Unit) &&
		!template.ContainsAny(f.Subject, template.NotNewWords) && !subUnitClause(f.Clause, issuer) {
		out = append(out, About{Topic: nw.Name,
			Loose:       template.ContainsAny(f.Text, template.NotNewWords),
			PlusCarried: template.ContainsAny(f.Text+f.Clause, template.CarriedWords)})
	}
	// table 四: the subject says which cases; a figure without a subject
	// of its own ("复议后起诉1件") by its clause
	cs := f.Subject
	if cs == "" {
		cs = f.Clause
	}
	if k := caseTopic(cs); k != "" && !template.ContainsAny(cs, template.CaseParts) {
		out = append(out, About{Topic: k})
	}
	for _, t := range template.TableTopics {
		if tableTopic(t, f) {
			out = append(out, About{Topic: t.Name})
		}
	}
	return out
}

// tableTopic: f states t (template.TableTopics): the words of its subject
// and text, its unit, and nothing in its clause that makes it about
// something else.
func tableTopic(t template.Topic, f Figure) bool {
	if len(t.Units) > 0 && !slices.Contains(t.Units, f.Unit) {
		return false
	}
	if template.ContainsAny(f.Clause, t.NotClause) {
		return false
	}
	subj := f.Subject
	if subj == "" {
		subj = f.Clause
	}
	if !t.Subject.Match(subj) {
		return false
	}
	if t.InClause {
		return t.Words.Match(f.Subject + f.Text + f.Clause)
	}
	return t.Words.Match(f.Subject + f.Text)
}

// caseTopic names the first table 四 topic whose words s has, or "".
func caseTopic(s string) string {
	for _, k := range template.CaseTopics {
		if k.Words.Match(s) {
			return k.Name
		}
	}
	return ""
}

// subUnitClause: the clause gives the count of one office of the issuer,
// not the issuer's total ("区政府办代表区政府受理政府信息公开申请17件" in a
// district government's report whose table 三 counts the whole district).
func subUnitClause(clause, issuer string) bool {
	if template.ContainsAny(clause, template.SubUnitWords) {
		return true
	}
	for _, w := range template.SubUnitOffices {
		if strings.Contains(clause, w) && !strings.Contains(issuer, w) {
			return true
		}
	}
	return false
}

func negationTopics(n Negation) []string {
	s := n.Subject
	if s == "" {
		s = n.Text
	}
	var out []string
	// "未发生…被行政复议纠错或行政诉讼败诉情形" denies an outcome, not the
	// cases themselves
	if k := caseTopic(s); k != "" && !template.ContainsAny(s+n.Text, template.CaseParts) {
		out = append(out, k)
	}
	if strings.Contains(s, "申请") && !template.ContainsAny(s, template.NoApplicationsNot) &&
		template.ContainsAny(n.Cue+n.Text, template.NewApplications.Words.Any) {
		out = append(out, template.TopicNewApplications)
	}
	return out
}
