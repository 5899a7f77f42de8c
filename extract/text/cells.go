package text

import (
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/lazyre"
)

// para is a run of non-blank lines and the number of blank lines before it.
type para struct {
	lines []string
	gap   int
}

// Section headings never belong to a table, even when the one-cell-per-line
// layout surrounds them with blank lines.
var headingRe = lazyre.New(`^\s*[一二三四五六]、.*(总体情况|主动公开政府信息|收到和处理政府信息公开申请|行政复议|行政诉讼|存在的主要问题|其他需要报告|政府信息管理|平台建设)`)

func isHeading(s string) bool { return headingRe.MatchString(s) }

// cellLike reports whether a paragraph can be one table cell of the
// one-cell-per-line layout: at most three short lines and no section heading.
func cellLike(p para) bool {
	if len(p.lines) > 3 {
		return false
	}
	for _, l := range p.lines {
		if utf8.RuneCountInString(strings.TrimSpace(l)) > 80 || isHeading(l) {
			return false
		}
	}
	return true
}

// plain handles lines that are neither tab nor pipe rows: text lines, and
// the one-cell-per-line layout of CSV cells (河北省教育厅): each cell on its
// own line followed by two blank lines, an empty cell as an empty line in
// its place, and two more blank lines at the end of a table row.
func (b *builder) plain(lines []string) {
	var paras []para
	gap := 0
	for _, l := range lines {
		if isBlank(l) {
			gap++
			continue
		}
		if b.markdown && strings.HasPrefix(strings.TrimSpace(l), "#") {
			l = strings.TrimLeft(strings.TrimSpace(l), "# ")
		}
		if gap > 0 || len(paras) == 0 {
			paras = append(paras, para{gap: gap})
		}
		paras[len(paras)-1].lines = append(paras[len(paras)-1].lines, l)
		gap = 0
	}
	i := 0
	for i < len(paras) && b.live() {
		// a region of cell-like paragraphs separated by at least two blank lines
		j := i
		if cellLike(paras[i]) {
			j = i + 1
			for j < len(paras) && paras[j].gap >= 2 && cellLike(paras[j]) {
				j++
			}
		}
		if j-i >= 8 && regularGaps(paras[i+1:j]) && numericShare(paras[i:j]) {
			b.table(rowsOf(cellRows(paras[i:j])))
			i = j
			continue
		}
		for _, l := range paras[i].lines {
			b.text(l)
		}
		i++
	}
}

// numericShare reports whether the region looks like a statistics table
// rather than prose written with double blank lines: some cells are numbers,
// and either many are or the gaps mark both cells and row ends.
func numericShare(ps []para) bool {
	n, same, rows := 0, 0, 0
	for i, p := range ps {
		if len(p.lines) == 1 && isNumericText(p.lines[0]) && len(strings.TrimSpace(p.lines[0])) < 20 {
			n++
		}
		if i > 0 {
			switch p.gap % 3 {
			case 2:
				same++
			case 1:
				rows++
			}
		}
	}
	return n >= 1 && (n*5 >= len(ps) || same >= 2 && rows >= 2)
}

// regularGaps reports whether most gaps follow the 2-blank-lines-per-cell
// pattern.
func regularGaps(ps []para) bool {
	n := 0
	for _, p := range ps {
		if p.gap%3 == 2 || p.gap%3 == 1 {
			n++
		}
	}
	return n*10 >= len(ps)*8
}

var numericCell = lazyre.New(`^[+\-]?[0-9][0-9.,]*`)

func isNumericText(s string) bool { return numericCell.MatchString(strings.TrimSpace(s)) }

// cellRows turns a region of cell paragraphs into table rows. The number of
// blank lines g between two cells says where the second one goes:
// g = 2+3k: same row, after k empty cells; g = 4+3k: a new row, with k empty
// cells either at the end of the previous row or at the start of the new one
// (at the start when the new row begins with a number and the previous row
// ended with a label, as in a table 四 data row under its header).
func cellRows(ps []para) [][]string {
	var rows [][]string
	cur := []string{joinCell(ps[0].lines)}
	for _, p := range ps[1:] {
		cell := joinCell(p.lines)
		g := p.gap
		switch g % 3 {
		case 2:
			for k := 0; k < (g-2)/3; k++ {
				cur = append(cur, "")
			}
			cur = append(cur, cell)
		default:
			k := 0
			if g%3 == 1 && g >= 4 {
				k = (g - 4) / 3
			} else if g%3 == 0 && g >= 3 {
				k = (g - 3) / 3
			}
			next := []string{}
			if k > 0 {
				last := cur[len(cur)-1]
				if isNumericText(cell) && !isNumericText(last) {
					for ; k > 0; k-- {
						next = append(next, "")
					}
				} else {
					for ; k > 0; k-- {
						cur = append(cur, "")
					}
				}
			}
			rows = append(rows, cur)
			cur = append(next, cell)
		}
	}
	rows = append(rows, cur)
	return rows
}

// joinCell joins the lines of one cell ("商业" / "企业" → "商业企业").
func joinCell(lines []string) string {
	var sb strings.Builder
	for _, l := range lines {
		sb.WriteString(strings.TrimSpace(l))
	}
	return sb.String()
}
