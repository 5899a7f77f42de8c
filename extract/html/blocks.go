package html

import (
	"context"
	"strings"

	xhtml "golang.org/x/net/html"

	"github.com/nianbao/nianbao/extract"
)

// blockWalker turns the article container into blocks in reading order.
type blockWalker struct {
	ctx      context.Context
	blocks   []extract.Block
	problems []extract.Problem
	cur      strings.Builder
	steps    int
	err      error
	imgs     []imgRef // <img> elements, for the OCR stage (images.go)
	info     infoTables
}

func (w *blockWalker) flush() {
	if w.cur.Len() == 0 {
		return
	}
	w.addLine(w.cur.String())
	w.cur.Reset()
}

func (w *blockWalker) addLine(raw string) {
	if s := extract.Normalize(cleanRaw(raw)); s != "" {
		w.blocks = append(w.blocks, extract.Block{Kind: extract.BlockText, Page: 1, Text: s})
	}
}

func (w *blockWalker) walkChildren(n *xhtml.Node, depth int) {
	for c := n.FirstChild; c != nil && w.err == nil; c = c.NextSibling {
		w.walk(c, depth+1)
	}
}

func (w *blockWalker) walk(n *xhtml.Node, depth int) {
	w.steps++
	if w.steps&1023 == 0 {
		if err := w.ctx.Err(); err != nil {
			w.err = err
			return
		}
	}
	switch n.Type {
	case xhtml.TextNode:
		w.cur.WriteString(n.Data)
	case xhtml.DocumentNode:
		w.walkChildren(n, depth)
	case xhtml.ElementNode:
		if hidden(n) {
			return
		}
		if depth > maxDepth {
			// Pathologically deep markup: read the rest flat.
			for _, l := range strings.Split(flatText(n), "\n") {
				w.cur.WriteString(l)
				w.flush()
			}
			return
		}
		switch n.Data {
		case "br", "hr":
			w.flush()
			return
		case "table":
			w.flush()
			w.table(n, depth)
			return
		case "img":
			w.flush()
			w.image(n)
			return
		}
		block := blockTags[n.Data]
		if block {
			w.flush()
		}
		w.walkChildren(n, depth)
		if block {
			w.flush()
		}
	}
}

// table emits a data table as a Table block, walks a layout table's cells as
// ordinary content, and drops a CMS information table (its fields are read
// into Meta separately).
func (w *blockWalker) table(n *xhtml.Node, depth int) {
	groups, captions := tableStructure(n)
	if w.info.is(n, groups) {
		return
	}
	for _, c := range captions {
		w.walkChildren(c, depth)
		w.flush()
	}
	if isLayoutTable(groups) {
		for _, g := range groups {
			for _, row := range g {
				for _, cell := range row {
					w.walkChildren(cell, depth)
					w.flush()
				}
			}
		}
		return
	}
	raw := make([]rawGroup, 0, len(groups))
	for _, g := range groups {
		rg := make(rawGroup, 0, len(g))
		for _, row := range g {
			rr := make([]rawCell, 0, len(row))
			for _, cell := range row {
				rr = append(rr, rawCell{
					rowSpan: parseSpan(attrVal(cell, "rowspan"), 1, 0, maxRowSpan),
					colSpan: parseSpan(attrVal(cell, "colspan"), 1, 1, maxColSpan),
					text:    cellText(cell),
				})
			}
			rg = append(rg, rr)
		}
		raw = append(raw, rg)
	}
	t := buildGrid(raw)
	if t == nil {
		return
	}
	if extract.TableTooLarge(t.Rows, t.Cols) {
		w.problems = append(w.problems, extract.TableTooLargeProblem(t.Rows, t.Cols))
		for _, c := range t.Cells {
			w.addLine(c.Text)
		}
		return
	}
	w.blocks = append(w.blocks, extract.Block{Kind: extract.BlockTable, Page: 1, Table: t})
}

// cellText is the normalised text of a cell: its lines (from <p>, <div>,
// <br>) joined, without a space between two CJK characters.
func cellText(td *xhtml.Node) string {
	return extract.Normalize(extract.JoinLines(nodeLines(td)))
}

// tableStructure returns the row groups of a table (thead/tbody/rows written
// directly in the table, tfoot moved to the end as the HTML algorithm does),
// each row as its <td>/<th> elements, and the table's captions.
func tableStructure(t *xhtml.Node) (groups [][][]*xhtml.Node, captions []*xhtml.Node) {
	var feet [][][]*xhtml.Node
	var loose [][]*xhtml.Node // rows directly in <table>
	endLoose := func() {
		if len(loose) > 0 {
			groups = append(groups, loose)
			loose = nil
		}
	}
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xhtml.ElementNode {
			continue
		}
		switch c.Data {
		case "caption":
			captions = append(captions, c)
		case "tr":
			loose = append(loose, rowCells(c))
		case "thead", "tbody", "tfoot":
			endLoose()
			var g [][]*xhtml.Node
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.Type == xhtml.ElementNode && r.Data == "tr" {
					g = append(g, rowCells(r))
				}
			}
			if c.Data == "tfoot" {
				feet = append(feet, g)
			} else {
				groups = append(groups, g)
			}
		}
	}
	endLoose()
	groups = append(groups, feet...)
	return groups, captions
}

func rowCells(tr *xhtml.Node) []*xhtml.Node {
	var cells []*xhtml.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.ElementNode && (c.Data == "td" || c.Data == "th") {
			cells = append(cells, c)
		}
	}
	return cells
}

// isLayoutTable reports whether a table is page layout rather than data: one
// of its cells holds another table, or it has a single cell.
func isLayoutTable(groups [][][]*xhtml.Node) bool {
	n := 0
	for _, g := range groups {
		for _, row := range g {
			for _, cell := range row {
				n++
				if containsTag(cell, "table") {
					return true
				}
			}
		}
	}
	return n == 1
}

// containsTag reports whether an element named tag is inside n.
func containsTag(n *xhtml.Node, tag string) bool {
	return hasDescendant(n, func(c *xhtml.Node) bool { return c.Data == tag })
}

// infoLabels are the field names of the information table that government
// CMSs (ucap, TRS, 政府信息公开目录) put above an article.
var infoLabels = map[string]bool{
	"索引号": true, "发布机构": true, "公开日期": true, "发布日期": true, "成文日期": true,
	"发文机关": true, "发文字号": true, "文号": true, "主题分类": true, "分类": true,
	"关键词": true, "主题词": true, "名称": true, "标题": true, "生成日期": true,
	"信息来源": true, "时效": true, "文件下载": true, "公开方式": true, "公开范围": true,
	"发布时间": true, "所属机构": true, "组配分类": true, "体裁分类": true, "有效性": true,
	"信息分类": true, "内容概述": true, "文件编号": true, "发文单位": true, "公开时限": true,
}

// infoLabel returns the field name when s is an information-table label.
func infoLabel(s string) (string, bool) {
	s = strings.TrimRight(strings.ReplaceAll(extract.Normalize(s), " ", ""), ":：")
	return s, infoLabels[s]
}

// infoTables remembers which tables are CMS information tables: the
// container search, the metadata and the block walk each ask about every
// table of the page, and the answer reads the text of every cell.
type infoTables map[*xhtml.Node]bool

// is reports isInfoTable for the table n (groups: its structure).
func (m infoTables) is(n *xhtml.Node, groups [][][]*xhtml.Node) bool {
	v, ok := m[n]
	if !ok {
		v = isInfoTable(groups)
		m[n] = v
	}
	return v
}

// isInfoTable reports whether a table is a CMS information table (索引号,
// 发布机构, 公开日期 …) rather than part of the report: it pairs such labels
// with values (a label cell followed by a cell that is not a label). A list
// whose header row reads 名称|文号|发布日期 pairs nothing and stays a table.
func isInfoTable(groups [][][]*xhtml.Node) bool {
	pairs := 0
	index := false
	for _, g := range groups {
		for _, row := range g {
			labels := make([]string, len(row))
			isLabel := make([]bool, len(row))
			for i, cell := range row {
				if containsTag(cell, "table") {
					return false
				}
				labels[i], isLabel[i] = infoLabel(extract.JoinLines(nodeLines(cell)))
			}
			for i := 0; i+1 < len(row); i++ {
				if isLabel[i] && !isLabel[i+1] {
					pairs++
					index = index || labels[i] == "索引号"
					i++
				}
			}
		}
	}
	return pairs >= 3 || (pairs >= 2 && index)
}
