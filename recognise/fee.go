package recognise

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/lazyre"
	"github.com/nianbao/nianbao/recognise/outline"
	"github.com/nianbao/nianbao/recognise/prose"
)

// FeeStatement is something the report says about the 信息处理费 (the fee
// for handling disclosure requests, 国办函〔2020〕109号): in a sentence, in a
// short line under a fee heading, or in a small table of its own.
type FeeStatement struct {
	// Stated: the statement says whether a fee was charged — an amount
	// (Amount, Unit) or none (None). A mere mention (a heading, the
	// measures' title 《政府信息公开信息处理费管理办法》) is not stated.
	Stated    bool
	None      bool
	HasAmount bool
	Amount    float64
	Unit      string // 元, 万元; empty for a bare number in a fee table
	Text      string // the sentence, line or table row
	Page      int
	Section   int
	From      string // "text" or "table"
}

var (
	// the fee by its names: 信息处理费, 信息公开处理费, 信息公开费用, and a
	// charge for disclosure (政府信息公开未发生收费情况, 信息公开收费)
	feeNameRe = lazyre.New(`处理费|信息公开[^。；，,]{0,6}(?:收费|费用)|依申请公开[^。；，,]{0,6}(?:收费|费用)`)
	// the title of the measures or a notice about the fee is not a statement
	feeTitleRe    = lazyre.New(`《[^》]*》|“[^”]*(?:办法|通知)”`)
	feeAmountRe   = lazyre.New(`([0-9]+(?:\.[0-9]+)?)\s*(万元|元)`)
	feeNoneRe     = lazyre.New(`(?:未|没有|无|不|免)[^，,。]{0,8}(?:收取|收费|产生|发生|涉及|征收)|免收|免费|零收费|[:：]\s*(?:无|0|零)\s*(?:元|万元)?\s*(?:$|[。；;，,])`)
	sentenceSplit = lazyre.New(`[^。；;！!？?\n]+`)
	// a line that is only an answer: 无, 0, 0元, 未收取
	feeAnswerRe = lazyre.New(`^\s*(?:无|没有|零|0|0\.0+|未收取|未产生|不涉及)\s*(?:元|万元)?\s*[。.]?\s*$|^\s*([0-9]+(?:\.[0-9]+)?)\s*(万元|元)\s*[。.]?\s*$`)
	// 表二's 行政事业性收费 row counts administrative fees, not this one
	adminFeeRe = lazyre.New(`行政事业性收费|收费金额`)
)

// feeNamed is feeNameRe.MatchString(s); every match holds 费, looked for
// first (most lines of a report do not name the fee).
func feeNamed(s string) bool {
	return strings.Contains(s, "费") && feeNameRe.MatchString(s)
}

// feeStatements finds the fee statements of the body lines and of the
// tables outside the template's tables.
func feeStatements(r *Report, doc *extract.Document, o outline.Outline) []FeeStatement {
	var out []FeeStatement
	lines := r.Lines
	done := 0 // lines before done belong to a statement already read
	for k := range lines {
		if k < done || !strings.Contains(lines[k].Text, "费") {
			continue // no sentence of it names the fee (feeNamed)
		}
		// the line as written: with the lines it was wrapped from and into
		from, to := k, k+1
		for from > done && wrapped(lines[from-1], lines[from]) {
			from--
		}
		for to < len(lines) && wrapped(lines[to-1], lines[to]) {
			to++
		}
		done = to
		l := lines[from]
		for _, m := range lines[from+1 : to] {
			l.Text = prose.Join(l.Text, m.Text)
		}
		for _, s := range sentenceSplit.FindAllString(l.Text, -1) {
			if f, ok := feeSentence(s); ok {
				f.Page, f.Section = l.Page, l.Section
				if !f.Stated && to < len(lines) && lines[to].Section == l.Section && strings.TrimSpace(s) == strings.TrimSpace(l.Text) {
					// "信息处理费收取情况" on a line of its own, answered by
					// the next line: "无。", "0元"
					if a, ok := feeAnswer(lines[to].Text); ok {
						a.Text = strings.TrimSpace(s) + " " + strings.TrimSpace(lines[to].Text)
						a.Page, a.Section, a.From = l.Page, l.Section, "text"
						f = a
					}
				}
				out = append(out, f)
			}
		}
	}
	if doc == nil {
		return out
	}
	textLine := -1
	for _, b := range doc.Blocks {
		if b.Kind == extract.BlockText {
			textLine++
			continue
		}
		if b.Table == nil {
			continue
		}
		sec := o.SectionAt(outline.Pos{Line: max(textLine, 0), Rune: 1 << 30})
		out = append(out, feeTable(b.Table, sec)...)
	}
	return out
}

// wrapped reports whether next goes on the sentence of prev: PDF and
// Markdown wrap lines in the middle of sentences ("共收取信息处理费570" /
// "元。"). prev must not end a sentence (prose.BreaksAfter) and be a full line
// of text (wrappedRunes or more: a short line without a stop is a heading,
// "本年度信息公开处理费收费情况"), in the same part; a bare answer ("无。",
// "0元") stays on its own line: it answers the line before (feeStatements).
func wrapped(prev, next Line) bool {
	return next.Section == prev.Section && utf8.RuneCountInString(strings.TrimSpace(prev.Text)) >= wrappedRunes &&
		!prose.BreaksAfter(prev.Text) && !feeAnswerRe.MatchString(next.Text)
}

// wrappedRunes is the shortest line taken for one wrapped in a sentence: a
// printed line of body text holds 25–40 characters (三号 to 小四 on A4).
const wrappedRunes = 20

// feeSentence reads one sentence; ok is false when it does not speak of the
// fee.
func feeSentence(s string) (FeeStatement, bool) {
	if !feeNamed(s) {
		return FeeStatement{}, false
	}
	// a title (《…信息处理费管理办法》) mentions the fee but states nothing
	bare := feeTitleRe.ReplaceAllString(s, "")
	if adminFeeRe.MatchString(bare) {
		return FeeStatement{}, false
	}
	f := FeeStatement{Text: strings.TrimSpace(s), From: "text"}
	if !feeNameRe.MatchString(bare) {
		return f, true
	}
	if m := feeAmountRe.FindStringSubmatch(bare); m != nil {
		f.Stated, f.HasAmount, f.Unit = true, true, m[2]
		f.Amount, _ = strconv.ParseFloat(m[1], 64)
		f.None = f.Amount == 0
	} else if feeNoneRe.MatchString(bare) {
		f.Stated, f.None = true, true
	}
	return f, true
}

// feeAnswer reads a line that answers a fee heading.
func feeAnswer(s string) (FeeStatement, bool) {
	m := feeAnswerRe.FindStringSubmatch(s)
	if m == nil {
		return FeeStatement{}, false
	}
	f := FeeStatement{Stated: true}
	if m[1] != "" {
		f.HasAmount, f.Unit = true, m[2]
		f.Amount, _ = strconv.ParseFloat(m[1], 64)
		f.None = f.Amount == 0
		return f, true
	}
	f.None = true
	return f, true
}

// feeTable reads a small table about the fee: a row (or the table's
// header) names the fee and a cell of the row holds a number or 无.
func feeTable(t *extract.Table, section int) []FeeStatement {
	// a row is read only when it or the header names the fee (feeNamed:
	// 费 in one of its cells)
	if !slices.ContainsFunc(t.Cells, func(c extract.Cell) bool { return strings.Contains(c.Text, "费") }) {
		return nil
	}
	g := t.Grid()
	var out []FeeStatement
	header := ""
	for r := 0; r < t.Rows; r++ {
		var cells []string
		for c := 0; c < t.Cols; c++ {
			if i := g[r][c]; i >= 0 && (c == 0 || g[r][c-1] != i) {
				cells = append(cells, strings.TrimSpace(t.Cells[i].Text))
			}
		}
		row := strings.Join(cells, " ")
		if r == 0 {
			header = row
		}
		named := feeNamed(row) || r > 0 && feeNamed(header)
		if !named || adminFeeRe.MatchString(row+header) {
			continue
		}
		for _, c := range cells[min(1, len(cells)):] {
			if a, ok := feeAnswer(c); ok {
				a.Text, a.Page, a.Section, a.From = row, t.Page, section, "table"
				if !a.HasAmount || a.Unit == "" {
					if strings.Contains(row+header, "万元") {
						a.Unit = "万元"
					} else if strings.Contains(row+header, "元") {
						a.Unit = "元"
					}
				}
				out = append(out, a)
				break
			}
			if v, err := strconv.ParseFloat(c, 64); err == nil {
				a := FeeStatement{Stated: true, HasAmount: true, Amount: v, None: v == 0, Text: row, Page: t.Page, Section: section, From: "table"}
				if strings.Contains(row+header, "万元") {
					a.Unit = "万元"
				} else if strings.Contains(row+header, "元") {
					a.Unit = "元"
				}
				out = append(out, a)
				break
			}
		}
	}
	return out
}
