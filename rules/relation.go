package rules

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

// Relation is a declared equality between two sums of template cells:
// sum(Parts) = sum(Stated). Stated is what the report states as the
// whole (a 总计, or 第三项加第四项); Parts are what it should add up to.
// A finding reports Expected = sum(Parts), Actual = sum(Stated).
type Relation struct {
	// Name identifies the relation inside its rule ("t3.balance.natural");
	// it feeds the fingerprint, so it must never change.
	Name string
	// Where says in Chinese where it is: 表三“自然人”列.
	Where string
	// PartsLabel and StatedLabel name the two sides in Chinese:
	// 第一项加第二项之和, 第三项加第四项之和.
	PartsLabel, StatedLabel string
	Parts, Stated           []string
	Section                 int // 3 or 4
}

// Sum starts a relation: Sum(parts…).Equals(stated…).
func Sum(parts ...string) Terms { return Terms(parts) }

// Terms are the cells of one side of a relation.
type Terms []string

// Equals completes a relation with the stated side.
func (s Terms) Equals(stated ...string) Relation {
	return Relation{Parts: []string(s), Stated: stated}
}

// In names the relation.
func (r Relation) In(name, where, partsLabel, statedLabel string, section int) Relation {
	r.Name, r.Where, r.PartsLabel, r.StatedLabel, r.Section = name, where, partsLabel, statedLabel, section
	return r
}

// Cells lists the relation's cells, parts first.
func (r Relation) Cells() []string {
	return append(append([]string(nil), r.Parts...), r.Stated...)
}

// t3 column and row helpers, so relations read like the template.
func t3(row, col string) string { return template.T3Key(row, col) }

func t3ColumnName(c template.Column) string {
	return "表三“" + c.Label + "”列"
}

// T3BalanceRelations: for every column of table 三, 第一项加第二项之和 =
// 第三项加第四项之和, i.e. new + carried_over = total + carried_forward (the
// relation written into the template itself).
func T3BalanceRelations() []Relation {
	var out []Relation
	for _, c := range template.T3Columns {
		out = append(out, Sum(t3("new", c.Key), t3("carried_over", c.Key)).
			Equals(t3("total", c.Key), t3("carried_forward", c.Key)).
			In("t3.balance."+c.Key, t3ColumnName(c), "第一项加第二项之和", "第三项加第四项之和", 3))
	}
	return out
}

// T3LeafRows returns the result rows that （七）总计 adds up for this report:
// the 2019 format and 2021 reports that kept the single （六）其他处理 row use
// other.all, others the three 2021 sub-rows.
func T3LeafRows(r *recognise.Report) []template.Row {
	useAll := r.Template == template.V2019
	if _, ok := r.Cells[t3("other.all", "total")]; ok {
		useAll = true
		for _, k := range []string{"other.no_correction", "other.no_fee", "other.other"} {
			if _, ok := r.Cells[t3(k, "total")]; ok {
				useAll = false // both kinds present: the detailed rows count
			}
		}
	}
	var rows []template.Row
	for _, row := range template.T3Rows {
		if !row.Leaf {
			continue
		}
		if row.Only == template.V2019 && !useAll || row.Only == template.V2021 && useAll {
			continue
		}
		rows = append(rows, row)
	}
	return rows
}

// T3TotalRelations: for every column, （七）总计 = the sum of the result rows
// (rows 3–23 of the 2021 table; other.all replaces the three 其他处理 rows).
func T3TotalRelations(r *recognise.Report) []Relation {
	leaves := T3LeafRows(r)
	var out []Relation
	for _, c := range template.T3Columns {
		parts := make([]string, 0, len(leaves))
		for _, row := range leaves {
			parts = append(parts, t3(row.Key, c.Key))
		}
		out = append(out, Sum(parts...).Equals(t3("total", c.Key)).
			In("t3.total."+c.Key, t3ColumnName(c), "各项办理结果之和", "（七）总计", 3))
	}
	return out
}

// T3RowsOf returns the table 三 rows of this report in template order: the
// non-result rows and the result rows of T3LeafRows.
func T3RowsOf(r *recognise.Report) []template.Row {
	leaf := make(map[string]bool)
	for _, row := range T3LeafRows(r) {
		leaf[row.Key] = true
	}
	var rows []template.Row
	for _, row := range template.T3Rows {
		if !row.Leaf || leaf[row.Key] {
			rows = append(rows, row)
		}
	}
	return rows
}

// T3RowSumRelations: for every row, 总计 = 自然人 + the five 法人或其他组织
// columns.
func T3RowSumRelations(r *recognise.Report) []Relation {
	var out []Relation
	for _, row := range T3RowsOf(r) {
		var parts []string
		for _, c := range template.T3Columns {
			if c.Key != "total" {
				parts = append(parts, t3(row.Key, c.Key))
			}
		}
		out = append(out, Sum(parts...).Equals(t3(row.Key, "total")).
			In("t3.rowsum."+row.Key, "表三“"+rowName(row)+"”行", "六类申请人之和", "总计", 3))
	}
	return out
}

// rowName is a short Chinese name of a table 三 row: numbered sub-rows get
// their group in front ("（三）不予公开1.属于国家秘密").
func rowName(row template.Row) string {
	label := shortLabel(row.Label)
	if label != "" && label[0] >= '0' && label[0] <= '9' {
		label = row.Group + label
	}
	return label
}

// shortLabel cuts a long row label at its first bracketed note or comma.
func shortLabel(s string) string {
	for _, sep := range []string{"（区分", "、行政机关"} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return s
}

// T4TotalRelations: for each group of table 四, 总计 = 结果维持 + 结果纠正 +
// 其他结果 + 尚未审结.
func T4TotalRelations() []Relation {
	var out []Relation
	for _, g := range template.T4Groups {
		var parts []string
		for _, c := range template.T4Columns {
			if c.Key != "total" {
				parts = append(parts, template.T4Key(g.Key, c.Key))
			}
		}
		where := "表四“" + g.Label + "”"
		if g.Key != "review" {
			where = "表四行政诉讼“" + g.Label + "”"
		}
		out = append(out, Sum(parts...).Equals(template.T4Key(g.Key, "total")).
			In("t4.total."+g.Key, where, "维持、纠正、其他、尚未审结之和", "总计", 4))
	}
	return out
}

// outcome of evaluating a relation.
type outcome int

const (
	holds     outcome = iota // true, or nothing to check
	fails                    // false under every reading of the blanks
	blankDep                 // false if blanks are 0, true for some non-negative values
	uncertain                // false, but an operand was read uncertainly
	ocrUnsure                // false, but an operand read by OCR is not confirmed
)

const tolerance = 1e-6

// eval evaluates a relation on a report.
//
// Blanks (null cells) follow one rule, documented in the arithmetic rules'
// explanations:
//   - if every cell of either side is blank, nothing is asserted and the
//     relation is not checked (COMPL-CELLS reports the blanks);
//   - otherwise blanks count as 0; if the relation holds, it passes;
//   - if it does not hold but could for some non-negative value of the
//     blank cells (the blanks are on the short side), the result depends on
//     what the blanks mean: uncertain — unless the table evidently writes
//     blanks for zeros (it has blanks and no explicit 0), then it fails;
//   - if no value of the blanks can make it hold, it fails.
//
// If it does not hold and any operand was read uncertainly (a glued digit
// run with several splits), the result is uncertain and the fault may be
// ours.
func eval(r *recognise.Report, rel Relation, blanksAreZero bool) (o outcome, parts, stated float64) {
	partsBlank, partsAll := sideSum(r, rel.Parts, &parts)
	statedBlank, statedAll := sideSum(r, rel.Stated, &stated)
	if partsAll || statedAll {
		return holds, parts, stated
	}
	if math.Abs(parts-stated) <= tolerance {
		return holds, parts, stated
	}
	for _, k := range rel.Cells() {
		if c, ok := r.Cells[k]; ok && c.Uncertain {
			if failsEveryReading(r, rel) {
				break // whichever split of the glued digits is meant, it fails
			}
			return uncertain, parts, stated
		}
	}
	// A number read from a picture may be an OCR slip: the relation fails
	// with confidence only when every number read by OCR in it was
	// confirmed (two independent readings agree, with high confidence).
	if len(unconfirmedOCR(r, rel.Cells())) > 0 {
		return ocrUnsure, parts, stated
	}
	short := (parts < stated && partsBlank) || (stated < parts && statedBlank)
	if short && !blanksAreZero {
		return blankDep, parts, stated
	}
	return fails, parts, stated
}

// maxReadings bounds the distinct sums tried over the readings of
// uncertain cells.
const maxReadings = 4096

// failsEveryReading: every uncertain operand is a choice among readings
// (its value and Alternatives: a glued digit run split several ways), and
// no combination of readings makes the relation hold. Readings are taken
// per cell, independently — a superset of the joint splits of a row — so
// "no combination" is sound. A cell that could not be placed (no
// alternatives) leaves the relation uncertain.
func failsEveryReading(r *recognise.Report, rel Relation) bool {
	// diffs: reachable values of sum(Parts) - sum(Stated)
	diffs := map[float64]bool{0: true}
	add := func(k string, sign float64) bool {
		c, ok := r.Cells[k]
		switch {
		case ok && c.Uncertain && (!c.Value.Valid || len(c.Alternatives) == 0):
			return false // not placed, or no other reading: any value is possible
		case !ok || !c.Value.Valid:
			return true // blanks count as 0, as in eval
		}
		vals := []float64{c.Value.V}
		if c.Uncertain {
			vals = append(vals, c.Alternatives...)
		}
		next := map[float64]bool{}
		for d := range diffs {
			for _, v := range vals {
				next[math.Round((d+sign*v)*1e6)/1e6] = true
			}
		}
		if len(next) > maxReadings {
			return false
		}
		diffs = next
		return true
	}
	for _, k := range rel.Parts {
		if !add(k, 1) {
			return false
		}
	}
	for _, k := range rel.Stated {
		if !add(k, -1) {
			return false
		}
	}
	for d := range diffs {
		if math.Abs(d) <= tolerance {
			return false
		}
	}
	return true
}

// sideSum adds the valid cells of keys into *sum; it says whether some and
// whether all of them are blank (missing or null).
func sideSum(r *recognise.Report, keys []string, sum *float64) (someBlank, allBlank bool) {
	allBlank = true
	for _, k := range keys {
		c, ok := r.Cells[k]
		if !ok || !c.Value.Valid {
			someBlank = true
			continue
		}
		allBlank = false
		*sum += c.Value.V
	}
	return someBlank, allBlank
}

// blanksMeanZero reports whether the cells with the prefix evidently use
// blanks for zeros: at least one blank (not an uncertain one) and no
// explicit 0.
func blanksMeanZero(r *recognise.Report, prefix string) bool {
	blank, zero := false, false
	for k, c := range r.Cells {
		if !strings.HasPrefix(k, prefix) {
			continue
		}
		if !c.Value.Valid {
			// An uncertain blank is our failure to place the cell, not
			// evidence of how the report writes zeros.
			blank = blank || !c.Uncertain
		} else if c.Value.V == 0 {
			zero = true
		}
	}
	return blank && !zero
}

// checkRelations evaluates relations and reports each that does not hold.
func checkRelations(p *Pass, rels []Relation, prefix string) {
	zeroBlanks := blanksMeanZero(p.Report, prefix)
	// relations over numbers read by OCR that hold are evidence that the
	// reading is right
	ocrHolds := 0
	for _, rel := range rels {
		if o, _, _ := eval(p.Report, rel, zeroBlanks); o == holds && len(ocrCells(p.Report, rel.Cells())) > 0 {
			ocrHolds++
		}
	}
	for _, rel := range rels {
		o, parts, stated := eval(p.Report, rel, zeroBlanks)
		if o == holds {
			continue
		}
		is := issue{
			status:   StatusFail,
			cells:    rel.Cells(),
			expected: ptr(parts),
			actual:   ptr(stated),
			loc:      Location{Page: relationPage(p.Report, rel), Section: rel.Section},
			detail:   rel.Name,
			message: fmt.Sprintf("%s：%s（%s）不等于%s（%s）", rel.Where, rel.PartsLabel, num(parts),
				rel.StatedLabel, num(stated)),
		}
		if o == fails {
			if us := uncertainCells(p.Report, rel.Cells()); len(us) > 0 {
				is.message += "；其中" + joinSome(us, 4) + "有多种读法，但无论哪种读法都不成立"
			}
		}
		switch o {
		case blankDep:
			is.status = StatusUncertain
			is.message += "；空白单元格按0计，只有空白处实为非零数时才成立：" + joinSome(describeAll(blankCells(p.Report, rel.Cells())), 6)
		case uncertain:
			is.status = StatusUncertain
			is.resp = ResponsibilityExtraction
			is.message += "；其中" + joinSome(uncertainCells(p.Report, rel.Cells()), 4) + "的数字识别不确定（有多种读法或未能定位）"
		case ocrUnsure:
			is.status = StatusUncertain
			is.resp = ResponsibilityExtraction
			is.message += "；可能是提取问题：其中" + joinSome(describeAll(unconfirmedOCR(p.Report, rel.Cells())), 4) +
				"由OCR从图片识别，未经两次独立识别确认，可能是识别错误，请对照原件核对"
		}
		if o == fails && len(ocrCells(p.Report, rel.Cells())) > 0 {
			is.message += "；相关数字由OCR从图片识别，每个数字两次独立识别结果一致且置信度高"
			if ocrHolds > 0 {
				is.message += fmt.Sprintf("，同表另有%d条勾稽关系用OCR读数核对成立，说明识别可信", ocrHolds)
			}
		}
		p.report(is)
	}
}

// describeAll names cells in the template's words (template.Describe).
func describeAll(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = template.Describe(k)
	}
	return out
}

// joinSome joins at most n items for a message, then 等N个.
func joinSome(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, "、")
	}
	return strings.Join(items[:n], "、") + fmt.Sprintf("等%d个", len(items))
}

func relationPage(r *recognise.Report, rel Relation) int {
	for _, k := range rel.Stated {
		if c, ok := r.Cells[k]; ok && c.Page > 0 {
			return c.Page
		}
	}
	for _, k := range rel.Parts {
		if c, ok := r.Cells[k]; ok && c.Page > 0 {
			return c.Page
		}
	}
	return 0
}

func blankCells(r *recognise.Report, keys []string) []string {
	var out []string
	for _, k := range keys {
		if c, ok := r.Cells[k]; !ok || !c.Value.Valid {
			out = append(out, k)
		}
	}
	return out
}

// uncertainCells names the uncertain cells with their readings:
// 表三“一、本年新收政府信息公开申请数量”行“总计”列（读作319，也可读作39）.
func uncertainCells(r *recognise.Report, keys []string) []string {
	var out []string
	for _, k := range keys {
		c, ok := r.Cells[k]
		if !ok || !c.Uncertain {
			continue
		}
		s := template.Describe(k)
		if c.Value.Valid {
			s += "（读作" + num(c.Value.V)
			for i, a := range c.Alternatives {
				if i == 0 {
					s += "，也可读作"
				} else {
					s += "或"
				}
				s += num(a)
			}
			s += "）"
		}
		out = append(out, s)
	}
	return out
}

// ocrCells lists the keys whose numbers were read from a picture by OCR.
func ocrCells(r *recognise.Report, keys []string) []string {
	var out []string
	for _, k := range keys {
		if c, ok := r.Cells[k]; ok && c.Source == extract.SourceOCR && c.Value.Valid {
			out = append(out, k)
		}
	}
	return out
}

// unconfirmedOCR lists the keys read by OCR whose reading was not
// confirmed by a second independent reading with high confidence.
func unconfirmedOCR(r *recognise.Report, keys []string) []string {
	var out []string
	for _, k := range ocrCells(r, keys) {
		if c := r.Cells[k]; !c.Agreed || c.Confidence < extract.OCRHighConfidence {
			out = append(out, k)
		}
	}
	return out
}

func ptr(v float64) *float64 { return &v }

// num formats a number without a spurious fraction.
func num(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
