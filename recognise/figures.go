package recognise

import (
	"context"

	"github.com/nianbao/nianbao/recognise/prose"
)

// figures fills the prose figures, the enumerations and the negations from
// the body lines (already split at section headings). A negation
// (未收到政府信息公开申请) is kept as a Negation only, not as a zero figure,
// so that rules count it once.
func figures(ctx context.Context, r *Report) error {
	lines := make([]prose.Line, len(r.Lines))
	for i, l := range r.Lines {
		lines[i] = prose.Line{Text: l.Text, Page: l.Page}
	}
	figs, enums, err := prose.FiguresContext(ctx, lines, func(i int) int { return r.Lines[i].Section })
	if err != nil {
		return err
	}
	for _, f := range figs {
		if f.Negated {
			r.Negations = append(r.Negations, Negation{Cue: f.Cue, Subject: f.Subject, Text: f.Text, Page: f.Page, Section: f.Section})
			continue
		}
		r.Figures = append(r.Figures, f)
	}
	r.Enumerations = enums
	return nil
}
