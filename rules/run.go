package rules

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/recognise"
)

// Run checks a report with every rule of All() that the profile does not
// disable and returns the findings sorted deterministically. Passing checks
// produce nothing. When the report has no readable content at all, only
// the extraction rules run: every other finding would be the extractor's
// fault, not the report's. A report on a year before 2019 gets only the
// rules that do not require the current regulation (FORMAT-SCOPE says why).
//
// Run never panics: a rule that panics becomes a not_assessable finding
// of that rule with responsibility extraction. Its only error is ctx's: when
// ctx is cancelled, Run stops before the next rule and returns ctx.Err().
func Run(ctx context.Context, r *recognise.Report, p Profile) ([]Finding, error) {
	return RunRules(ctx, r, p, All())
}

// RunRules is Run over an explicit rule list (the CLI's selection, tests).
func RunRules(ctx context.Context, r *recognise.Report, p Profile, rs []Rule) ([]Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if r == nil {
		return nil, nil
	}
	p = p.compiled()
	content := readable(r)
	report := looksLikeReport(r)
	var out []Finding
	for i := range rs {
		rule := &rs[i]
		needs := rule.Needs()
		if rule.Pair || p.disabled(rule.ID) {
			continue
		}
		if needs&RequiresContent != 0 && !content {
			continue // nothing to judge: EXTR-UNREADABLE says so
		}
		if needs&RequiresAnnualReport != 0 && content && !report {
			continue // not an annual report: FORMAT-NOT-REPORT says so, nothing else runs
		}
		if needs&RequiresCurrentRegulation != 0 && preFormat(r) {
			continue // a year before the revised 条例: FORMAT-SCOPE says so
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out = append(out, runOne(&Pass{Report: r, Profile: p, rule: rule})...)
	}
	Sort(out)
	return out, nil
}

func runOne(pass *Pass) (out []Finding) {
	defer func() {
		if v := recover(); v != nil {
			pass.out = nil
			pass.report(issue{
				status:  StatusNotAssessable,
				message: fmt.Sprintf("规则执行出错，无法判断：%v", v),
				resp:    ResponsibilityExtraction,
				detail:  "panic",
			})
			out = pass.out
		}
	}()
	pass.rule.Check(pass)
	return pass.out
}

// preFormat: the report is on a year before the revised 条例 (in force
// 2019-05-15) and its report format; only rules without
// RequiresCurrentRegulation apply.
func preFormat(r *recognise.Report) bool { return r.Year > 0 && r.Year < 2019 }

// readable says whether the report has any content the rules can judge.
func readable(r *recognise.Report) bool {
	if len(r.Cells) > 0 || strings.TrimSpace(r.Title) != "" {
		return true
	}
	for _, l := range r.Lines {
		if strings.TrimSpace(l.Text) != "" {
			return true
		}
	}
	for _, s := range r.Sections {
		if s.Present {
			return true
		}
	}
	return false
}

// hasProblem reports whether extraction recorded a problem of one of the
// codes.
func hasProblem(r *recognise.Report, codes ...string) bool {
	for _, pr := range r.Problems {
		if slices.Contains(codes, pr.Code) {
			return true
		}
	}
	return false
}

// lostProblems are extraction problems after which some content of the
// document is missing: a page not interpreted, a scanned page, a font not
// decoded, a budget or time-out cut, a damaged file read in part.
var lostProblems = []string{extract.ProblemPage, extract.ProblemScanned, extract.ProblemFont, extract.ProblemBudget,
	extract.ProblemCanceled, extract.ProblemCorrupt}

// pictureProblems are extraction problems after which what the document's
// pictures hold may be missing or misread: a finding that something is
// absent may be wrong, one on numbers read is judged by their confidence.
var pictureProblems = []string{extract.ProblemOCR, extract.ProblemNoOCR, extract.ProblemPicture}

// lostContent says why a finding may be due to content the extraction
// lost, or "": a finding about something absent when any page (or the
// document) was not fully read; a finding on cells when a page of their
// table was not fully read (a table's columns are placed by its header, its
// rows may run on from the page before); a finding at a location on a page
// that was not fully read; a finding placed only in a part (no cell, no
// page) when a page of that part was not fully read.
func lostContent(r *recognise.Report, is issue) string {
	if r == nil || !slices.ContainsFunc(r.Problems, func(pr extract.Problem) bool {
		return slices.Contains(lostProblems, pr.Code) || slices.Contains(pictureProblems, pr.Code)
	}) {
		return "" // most reports: nothing was lost, no pages to work out
	}
	var spans [][2]int // page ranges the finding depends on; 0 as end: to the last page
	for _, t := range tablesOfCells(is.cells) {
		if from, to := tablePages(r, t); from > 0 {
			spans = append(spans, [2]int{from, to})
		}
	}
	if is.loc.Page > 0 {
		spans = append(spans, [2]int{is.loc.Page, is.loc.Page})
	}
	if len(spans) == 0 {
		if from, to := sectionPages(r, is.loc.Section); from > 0 {
			spans = append(spans, [2]int{from, to})
		}
	}
	within := func(page int) bool {
		return slices.ContainsFunc(spans, func(s [2]int) bool { return page >= s[0] && (s[1] == 0 || page <= s[1]) })
	}
	for _, pr := range r.Problems {
		// a page read by OCR may have lost a heading or a line, and
		// pictures no OCR engine read, or that could not be read at all,
		// may hold anything (absence findings); numbers read by OCR are
		// judged cell by cell by their confidence (relation.go)
		pictureAbsence := is.absence && slices.Contains(pictureProblems, pr.Code)
		if (!slices.Contains(lostProblems, pr.Code) && !pictureAbsence) || slices.Contains(is.accounted, pr.Code) {
			continue
		}
		where := "文件"
		if pr.Page > 0 {
			where = fmt.Sprintf("第%d页", pr.Page)
		}
		msg := strings.TrimSpace(pr.Message)
		if msg == "" {
			msg = pr.Code
		}
		switch {
		case is.absence:
			return fmt.Sprintf("%s未能完整读取（%s），所缺内容可能在其中", where, msg)
		case pr.Page == 0 || within(pr.Page):
			return fmt.Sprintf("%s未能完整读取（%s），相关内容可能有误", where, msg)
		}
	}
	return ""
}

// tablesOfCells is the tables ("t2", "t3", "t4") the cell keys belong to,
// in order of first appearance.
func tablesOfCells(keys []string) []string {
	var out []string
	for _, k := range keys {
		if t, _, ok := strings.Cut(k, "."); ok && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// tablePages is the pages table t ("t3") lies on: from its first page (its
// heading's or its first cell's) to the last page holding one of its cells;
// 0, 0 when nothing of it has a page.
func tablePages(r *recognise.Report, t string) (from, to int) {
	widen := func(p int) {
		if p > 0 && (from == 0 || p < from) {
			from = p
		}
		to = max(to, p)
	}
	switch t {
	case "t2":
		widen(r.Tables.T2.Page)
	case "t3":
		widen(r.Tables.T3.Page)
	case "t4":
		widen(r.Tables.T4.Page)
	}
	prefix := t + "."
	for k, c := range r.Cells {
		if strings.HasPrefix(k, prefix) {
			widen(c.Page)
		}
	}
	return from, to
}

// sectionPages is the pages part n of the report lies on: from its
// heading's page to the page where the next part found begins (0: to the
// end); 0, 0 when the part was not found or n is no part.
func sectionPages(r *recognise.Report, n int) (from, to int) {
	if n < 1 || n > len(r.Sections) || !r.Sections[n-1].Present || r.Sections[n-1].Page <= 0 {
		return 0, 0
	}
	from = r.Sections[n-1].Page
	for _, s := range r.Sections[n:] {
		if s.Present && s.Page >= from {
			return from, s.Page
		}
	}
	return from, 0
}

var fatalProblems = []string{extract.ProblemEncrypted, extract.ProblemCorrupt, extract.ProblemEmpty, extract.ProblemUnsupported, extract.ProblemCharset}

// fingerprint is stable across runs for the same problem in the same report:
// a hash of the rule ID, the cells compared and a detail that depends on
// neither pages nor values.
func fingerprint(rule string, cells []string, detail string) string {
	h := sha256.New()
	h.Write([]byte(rule))
	h.Write([]byte{0})
	for _, c := range cells {
		h.Write([]byte(c))
		h.Write([]byte{0})
	}
	h.Write([]byte{1})
	h.Write([]byte(detail))
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Sort orders findings by section, page, rule ID, cells, message and
// fingerprint, so output never depends on map order or worker count.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if c := a.Location.Section - b.Location.Section; c != 0 {
			return c
		}
		if c := a.Location.Page - b.Location.Page; c != 0 {
			return c
		}
		if c := strings.Compare(a.Rule, b.Rule); c != 0 {
			return c
		}
		if c := slices.Compare(a.Cells, b.Cells); c != 0 {
			return c
		}
		if c := strings.Compare(a.Message, b.Message); c != 0 {
			return c
		}
		return strings.Compare(a.Fingerprint, b.Fingerprint)
	})
}
