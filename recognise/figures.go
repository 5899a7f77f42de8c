package recognise

import (
	"context"
	"strings"

	"github.com/nianbao/nianbao/recognise/prose"
)

// figures fills the prose figures, the enumerations and the negations from
// the body lines (already split at section headings). A negation without a
// number (未收到政府信息公开申请) is kept as a Negation only, not as a zero
// figure, so that rules count it once. A zero figure stated as a negation
// (无行政复议案件0件) stays a figure (Negated set) and is a Negation as well,
// unless a negation of the same text is already there: every negative
// statement is in Negations exactly once.
func figures(ctx context.Context, r *Report) error {
	lines := make([]prose.Line, len(r.Lines))
	for i, l := range r.Lines {
		lines[i] = prose.Line{Text: l.Text, Page: l.Page}
	}
	figs, enums, err := prose.FiguresContext(ctx, lines, func(i int) int { return r.Lines[i].Section })
	if err != nil {
		return err
	}
	var zeros []Figure
	for _, f := range figs {
		switch {
		case f.Negated && f.Unit == "":
			r.Negations = append(r.Negations, Negation{Cue: f.Cue, Subject: f.Subject, Text: f.Text, Page: f.Page, Section: f.Section})
			continue
		case f.Negated:
			zeros = append(zeros, f)
		}
		r.Figures = append(r.Figures, f)
	}
	stated := len(r.Negations)
	for _, f := range zeros {
		covered := false
		for _, n := range r.Negations[:stated] {
			covered = covered || (n.Page == f.Page && n.Section == f.Section &&
				(strings.Contains(n.Text, f.Text) || strings.Contains(f.Text, n.Text)))
		}
		if !covered {
			r.Negations = append(r.Negations, Negation{Cue: f.Cue, Subject: f.Subject, Text: f.Text, Page: f.Page, Section: f.Section})
		}
	}
	r.Enumerations = enums
	return nil
}
