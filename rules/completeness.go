package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

var completenessRules = []Rule{
	{
		ID:       "COMPL-SECTIONS",
		Title:    "年度报告应包含模板规定的六个部分",
		Severity: SeverityError,
		Category: CategoryCompleteness,
		Basis:    "《中华人民共和国政府信息公开条例》第五十条；国办公开办函〔2021〕30号（内容“不能遗漏，也不宜泛化”）",
		Explanation: `年度报告应依次包含：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。
缺少的每一部分各报一条。若提取时发现扫描页（页面只有图片），缺少的部分可能在图片里，结论记为 uncertain，责任方为 extraction。`,
		Example: "缺少第五部分“五、存在的主要问题及改进情况”",
		Check:   checkSections,
	},
	{
		ID:       "COMPL-TABLES",
		Title:    "报告应包含表二、表三、表四",
		Severity: SeverityError,
		Category: CategoryCompleteness,
		Basis:    "国办公开办函〔2021〕30号《政府信息公开工作年度报告格式》第二、三、四部分的表格",
		Explanation: `第二、三、四部分应以模板表格填报。表格缺失判定为 fail（error）。
表格被一句话代替（如“2020年未收到政府信息公开申请。”）也不符合模板，但内容可能属实，判定为 fail（info）。
只有标题没有数字的表格（通常以图片发布）以及扫描页上的表格不在此报告，由 FORMAT-TABLE-IMAGE 统一记为 not_assessable，以免对每条勾稽规则重复报错。`,
		Example: "未找到表四（政府信息公开行政复议、行政诉讼情况）",
		Check:   checkTables,
	},
	{
		ID:       "COMPL-CELLS",
		Title:    "表格每个单元格都应填写数字",
		Severity: SeverityWarning,
		Category: CategoryCompleteness,
		Basis:    "国办公开办函〔2021〕30号表二、表三、表四（每一栏都是应填报的数字）",
		Explanation: `已识别的表格中，模板的每个单元格都应有数字；没有发生的事项通常填0。nianbao 从不把空白当作0。
每张表报一条，列出全部空白单元格（不是每格一条）。若该表没有任何明确填写的0，说明报告以空白表示0，消息中会注明。
单元格有文字却读不出数字、在表格中找不到模板的某格，或识别器标为不确定的空白格（未能定位），是提取的问题：另报一条 uncertain，责任方为 extraction。
报告根本没有列出模板的某一行（表格中和该部分正文中都找不到这一行的行名，如表二没有“规章”行），每行报一条“缺少……行”，判定为 fail（warning）；表四没有列出模板的某一组（表头只有其余各组的名称，如没有“复议后起诉”，数据行也恰好只有其余各组的数字），每组报一条“缺少……一组”，同样判定；表四把“行政诉讼”印成不分“未经复议直接起诉”“复议后起诉”的一组（表头有“行政诉讼”而没有这两组的名称，数据行恰好10个数字），报一条“未按模板分为两组”，同样判定。但该表另有未能对应到模板行的数字行、读不出的数字，或有页面未能完整读取时，所缺的行或组可能在其中，记为 uncertain，责任方为 extraction。`,
		Example: "表三有3个空白单元格（模板每栏都应填数，没有发生的填0）：“二、上年结转政府信息公开申请数量”的科研机构、社会公益组织、法律服务机构",
		Check:   checkCells,
	},
	{
		ID:       "COMPL-FEE",
		Title:    "第六部分应报告信息处理费收取情况",
		Severity: SeverityWarning,
		Category: CategoryCompleteness,
		Basis:    "国办公开办函〔2021〕30号第六部分“收取信息处理费情况在此处报告”；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
		Explanation: `第六部分“其他需要报告的事项”应说明本年度收取信息处理费的情况：收取的金额，或未收取。
只提到信息处理费而没有说明是否收取、收取多少，判定为 fail（warning）；在其他部分说明而第六部分未说明，判定为 fail（info）；全文都没有说明，判定为 fail（warning）。
本规则只用于2021年及以后年度、按2021年格式编写的报告（收费办法国办函〔2020〕109号与第六部分的这一要求都在其后）。
识别依据（识别阶段的“信息处理费说明”）：说到信息处理费（“处理费”“信息公开处理费”“信息公开费用”“信息公开…收费”，如“政府信息公开未发生收费情况”；《…管理办法》一类的文件名不算）的句子带有金额（如“120元”“0元”）或“未收取”“无…收取”“没有产生”“免收”一类的否定说法；或单独一行的“信息处理费收取情况”下一行只写“无”“0元”；或一张说明信息处理费的小表格中该行填了数字或“无”。表二“行政事业性收费”一行不是信息处理费。`,
		Example: "全文未说明信息处理费的收取情况（应在第六部分报告）",
		Check:   checkFee,
	},
	{
		ID:       "COMPL-PART5",
		Title:    "第五部分应写明具体问题和改进措施",
		Severity: SeverityWarning,
		Category: CategoryCompleteness,
		Basis:    "《中华人民共和国政府信息公开条例》第五十条第（四）项；国办公开办函〔2021〕30号",
		Explanation: `第五部分“存在的主要问题及改进情况”应写明存在的问题和改进措施，不能空缺或只写套话。
判定为 fail 的情形：正文字数（不计空白）少于配置的下限（默认60字）；或没有任何表示问题的词（问题、不足、差距、短板、薄弱、欠缺、有待）；或没有任何表示措施的词（加强、改进、完善、提升、提高、推进、落实、整改、优化、健全、规范、强化、加大）。
第五部分缺失时由 COMPL-SECTIONS 报告，本规则不再报告。`,
		Example: "第五部分“存在的主要问题及改进情况”内容过短（12字），未写明具体问题和改进措施",
		Check:   checkPart5,
	},
}

func checkSections(p *Pass) {
	r := p.Report
	for i, s := range r.Sections {
		sec := template.Sections[i]
		if s.Present && s.Implicit {
			p.report(issue{
				status:   StatusFail,
				severity: SeverityInfo,
				loc:      Location{Page: s.Page, Section: sec.N},
				message:  fmt.Sprintf("第%s部分没有模板标题“%s”，其内容以小标题“%s”开始", cnNum(sec.N), sec.Heading, s.Heading),
				detail:   fmt.Sprintf("section-%d-implicit", sec.N),
			})
			continue
		}
		if s.Present {
			continue
		}
		is := issue{
			status:  StatusFail,
			loc:     Location{Section: sec.N},
			message: fmt.Sprintf("缺少第%s部分“%s”", cnNum(sec.N), sec.Heading),
			detail:  fmt.Sprintf("section-%d", sec.N),
			absence: true,
		}
		if n := imageTableBefore(r, sec.N); n > 0 {
			is.status = StatusUncertain
			is.resp = ResponsibilityExtraction
			is.message += fmt.Sprintf("；表%s以图片发布，该部分的标题可能在图片中", cnNum(n))
		}
		p.report(is)
	}
}

// imageTableBefore returns the table (2…4) published as an image in the
// nearest present part before part n, when every part between is missing
// too: a missing heading there may be inside the picture. 0 when none.
func imageTableBefore(r *recognise.Report, n int) int {
	for m := n - 1; m >= 2; m-- {
		if m <= 4 && tableAsImage(r, tableState(r, m)) {
			return m
		}
		if r.Sections[m-1].Present {
			return 0
		}
	}
	return 0
}

// tableState is table n's state (2…4).
func tableState(r *recognise.Report, n int) recognise.TableState {
	switch n {
	case 2:
		return r.Tables.T2
	case 3:
		return r.Tables.T3
	default:
		return r.Tables.T4
	}
}

func cnNum(n int) string {
	return [...]string{"零", "一", "二", "三", "四", "五", "六"}[n]
}

type tableRef struct {
	n     int
	name  string
	state recognise.TableState
}

func tablesOf(r *recognise.Report) []tableRef {
	return []tableRef{
		{2, "表二（主动公开政府信息情况）", r.Tables.T2},
		{3, "表三（收到和处理政府信息公开申请情况）", r.Tables.T3},
		{4, "表四（政府信息公开行政复议、行政诉讼情况）", r.Tables.T4},
	}
}

// tableAsImage: the table's heading is there but no numbers, or it is
// missing from a document with scanned pages.
func tableAsImage(r *recognise.Report, ts recognise.TableState) bool {
	if ts.Found {
		return false
	}
	return ts.HeadingOnly || (ts.Sentence == "" && hasProblem(r, extract.ProblemScanned))
}

// tableInImage: table n is an image (tableAsImage), or it is missing with
// its part's heading right after a part whose table is an image (人社厅
// 2022: 表二 and 表三 are pictures, and neither 四、 nor 表四 is in the text).
func tableInImage(r *recognise.Report, n int) bool {
	ts := tableState(r, n)
	if tableAsImage(r, ts) {
		return true
	}
	return !ts.Found && ts.Sentence == "" && !r.Sections[n-1].Present && imageTableBefore(r, n) > 0
}

func checkTables(p *Pass) {
	r := p.Report
	for _, t := range tablesOf(r) {
		switch {
		case t.state.Found || tableInImage(r, t.n):
			continue
		case t.state.Sentence != "":
			p.report(issue{
				status:   StatusFail,
				severity: SeverityInfo,
				loc:      Location{Page: t.state.Page, Section: t.n},
				message:  fmt.Sprintf("%s以文字代替：“%s”", t.name, t.state.Sentence),
				detail:   fmt.Sprintf("t%d-sentence", t.n),
			})
		default:
			p.report(issue{
				status:  StatusFail,
				loc:     Location{Page: t.state.Page, Section: t.n},
				message: fmt.Sprintf("未找到%s", t.name),
				detail:  fmt.Sprintf("t%d-missing", t.n),
				absence: true,
			})
		}
	}
}

// TemplateKeys lists the cell keys the report's template requires for
// table n (2, 3 or 4), in template order.
func TemplateKeys(r *recognise.Report, n int) []string {
	switch n {
	case 2:
		return template.T2Keys(r.Template)
	case 3:
		return template.T3Keys(T3RowsOf(r))
	case 4:
		return template.T4Keys()
	}
	return nil
}

func checkCells(p *Pass) {
	r := p.Report
	for _, t := range tablesOf(r) {
		if !t.state.Found {
			continue
		}
		var blank, unread []string
		page := t.state.Page
		missing := map[string][]string{} // row key → its cells, rows not printed
		for _, row := range append(slices.Clone(t.state.MissingRows), t.state.MissingGroups...) {
			missing[row] = nil
		}
		for _, k := range TemplateKeys(r, t.n) {
			c, ok := r.Cells[k]
			if row := rowOfKey(k); row != "" {
				if _, out := missing[row]; out {
					missing[row] = append(missing[row], k)
					continue
				}
			}
			switch {
			case !ok:
				unread = append(unread, k)
			case c.Value.Valid:
				if page == 0 {
					page = c.Page
				}
			case strings.TrimSpace(c.Text) == "" && !c.Uncertain:
				blank = append(blank, k)
			default:
				unread = append(unread, k)
			}
		}
		tname := fmt.Sprintf("表%s", cnNum(t.n))
		if len(blank) > 0 {
			var msg string
			if len(blank) == len(TemplateKeys(r, t.n)) {
				msg = fmt.Sprintf("%s没有填写任何数字（%d个单元格全部空白）", tname, len(blank))
			} else {
				msg = fmt.Sprintf("%s有%d个空白单元格（模板每栏都应填数，没有发生的填0）：%s", tname, len(blank), listKeys(blank))
				if blanksMeanZero(r, fmt.Sprintf("t%d.", t.n)) {
					msg += "；该表没有填写任何0，空白应是代替0"
				}
			}
			p.report(issue{
				status:  StatusFail,
				cells:   blank,
				loc:     Location{Page: page, Section: t.n},
				message: msg,
				detail:  "blank",
				absence: true,
			})
		}
		reportMissingRows(p, t, page, missing, unread)
		if len(unread) > 0 {
			p.report(issue{
				status:  StatusUncertain,
				cells:   unread,
				loc:     Location{Page: page, Section: t.n},
				message: fmt.Sprintf("%s有%d个单元格未能识别出数字：%s", tname, len(unread), listKeys(unread)) + unreadRuns(r, unread),
				resp:    ResponsibilityExtraction,
				detail:  "unread",
			})
		}
	}
}

// unreadRuns says, for each row whose unread cells share one text with
// digits (the row's numbers, which the recogniser could not cut into its
// cells: fewer or more numbers than cells, or digits run together), what
// was read there, so that the reader sees the row as printed:
// "；“规章”行读作“22 235”（2个数，该行3栏），无法确定各数属于哪一栏". Table 四's
// data row is one row across its three groups. Three rows are named, then
// how many more there are.
func unreadRuns(r *recognise.Report, unread []string) string {
	type run struct {
		row, label, text string // label: the row's template label ("" for table 四)
		cells            int
	}
	var runs []*run
	for _, k := range unread {
		text := strings.TrimSpace(r.Cells[k].Text)
		if !strings.ContainsAny(text, "0123456789") {
			continue
		}
		row, label := rowOfKey(k), ""
		if strings.HasPrefix(k, "t4.") {
			row = "t4"
		} else {
			_, label, _, _ = template.Locate(k)
		}
		i := slices.IndexFunc(runs, func(x *run) bool { return x.row == row && x.text == text })
		if i < 0 {
			runs = append(runs, &run{row: row, label: label, text: text})
			i = len(runs) - 1
		}
		runs[i].cells++
	}
	runs = slices.DeleteFunc(runs, func(x *run) bool { return x.cells < 2 })
	var b strings.Builder
	for n, x := range runs {
		if n == 3 {
			fmt.Fprintf(&b, "；另有%d行也是这样", len(runs)-n)
			break
		}
		where := "表四的数据行"
		if x.label != "" {
			where = template.Quote(x.label) + "行"
		}
		count := fmt.Sprintf("该行%d栏", x.cells)
		if f := strings.Fields(x.text); len(f) > 1 {
			count = fmt.Sprintf("%d个数，%s", len(f), count)
		}
		fmt.Fprintf(&b, "；%s读作“%s”（%s），无法确定各数属于哪一栏", where, x.text, count)
	}
	return b.String()
}

// rowOfKey is the row key of a table cell key ("t3.denied.query.total" →
// "denied.query"), or "".
func rowOfKey(k string) string {
	_, rest, ok := strings.Cut(k, ".")
	i := strings.LastIndex(rest, ".")
	if !ok || i < 0 {
		return ""
	}
	return rest[:i]
}

// reportMissingRows reports each template row that table t does not print
// at all (recognise.TableState.MissingRows), one finding per row naming the
// row. It is a fail of the report unless the table was not read fully: rows
// with numbers the recogniser could not place, or cells whose digits could
// not be read, may be the missing row (uncertain, extraction); Pass.report
// turns it into uncertain as well when a page was not fully read.
func reportMissingRows(p *Pass, t tableRef, page int, missing map[string][]string, unread []string) {
	var rows []string
	for _, row := range append(slices.Clone(t.state.MissingRows), t.state.MissingGroups...) {
		if len(missing[row]) > 0 {
			rows = append(rows, row)
		}
	}
	unreadDigits := 0
	for _, k := range unread {
		if c, ok := p.Report.Cells[k]; ok && strings.ContainsAny(c.Text, "0123456789") {
			unreadDigits++
		}
	}
	tname := fmt.Sprintf("表%s", cnNum(t.n))
	if t.state.SuitUndivided && len(missing["suit_direct"]) > 0 && len(missing["suit_after_review"]) > 0 {
		// one finding: 行政诉讼 is printed, but as one group
		rows = slices.DeleteFunc(rows, func(r string) bool { return r == "suit_after_review" })
		missing["suit_direct"] = append(missing["suit_direct"], missing["suit_after_review"]...)
	}
	for _, row := range rows {
		keys := missing[row]
		_, label, _, _ := template.Locate(keys[0])
		is := issue{
			status:  StatusFail,
			cells:   keys,
			loc:     Location{Page: page, Section: t.n},
			message: fmt.Sprintf("%s缺少模板规定的%s行（报告未列出这一行，不是数字未能识别）", tname, template.Quote(label)),
			detail:  "missing-row|" + row,
			absence: true,
		}
		what := "行"
		if slices.Contains(t.state.MissingGroups, row) {
			// table 四 has column groups, not rows
			what = "组"
			is.message = fmt.Sprintf("%s缺少模板规定的“%s”一组（报告未列出这一组的%d栏，不是数字未能识别）", tname, label, len(keys))
			is.detail = "missing-group|" + row
			if t.state.SuitUndivided && row == "suit_direct" {
				is.message = fmt.Sprintf("%s的“行政诉讼”未按模板分为“未经复议直接起诉”“复议后起诉”两组（报告只列出行政诉讼一组5栏，模板的这%d栏无法对应）", tname, len(keys))
				is.detail = "suit-undivided"
			}
		}
		switch {
		case t.state.Unplaced > 0:
			is.status, is.resp = StatusUncertain, ResponsibilityExtraction
			is.message += fmt.Sprintf("；该表另有%d行数字未能对应到模板行，所缺的%s可能在其中", t.state.Unplaced, what)
		case unreadDigits > 0:
			is.status, is.resp = StatusUncertain, ResponsibilityExtraction
			is.message += fmt.Sprintf("；该表有读不出的数字，所缺的%s可能混在其中", what)
		}
		p.report(is)
	}
}

// listKeys names cells for a message in the template's words, grouped by
// row: “二、上年结转政府信息公开申请数量”行的科研机构、社会公益组织列. At most 6
// rows are named, then 等N行.
func listKeys(keys []string) string {
	type row struct {
		name string
		cols []string
	}
	var rows []*row
	byName := map[string]*row{}
	for _, k := range keys {
		_, name, col, ok := template.Locate(k)
		if !ok {
			name, col = k, ""
		}
		r := byName[name]
		if r == nil {
			r = &row{name: name}
			byName[name] = r
			rows = append(rows, r)
		}
		if col != "" {
			r.cols = append(r.cols, col)
		}
	}
	var parts []string
	for i, r := range rows {
		if i == 6 {
			parts = append(parts, fmt.Sprintf("等%d行", len(rows)))
			break
		}
		switch {
		case len(r.cols) == 0:
			parts = append(parts, r.name)
		case len(r.cols) == len(template.T3Columns) && strings.HasSuffix(r.cols[len(r.cols)-1], "总计") && r.cols[0] == template.T3Columns[0].Label:
			parts = append(parts, template.Quote(r.name)+"整行")
		default:
			parts = append(parts, template.Quote(r.name)+"的"+strings.Join(r.cols, "、"))
		}
	}
	return strings.Join(parts, "；")
}

func checkFee(p *Pass) {
	r := p.Report
	// The fee (国办函〔2020〕109号) and its place in part 六 come with the
	// 2021 format; earlier reports are not asked for it.
	if r.Template == template.V2019 || (r.Year > 0 && r.Year < 2021) {
		return
	}
	var mention6, stated6, statedElsewhere bool
	for _, f := range r.Fees {
		switch {
		case f.Section == 6 && f.Stated:
			stated6 = true
		case f.Section == 6:
			mention6 = true
		case f.Stated:
			statedElsewhere = true
		}
	}
	if stated6 {
		return
	}
	s6 := r.Sections[5]
	loc := Location{Page: s6.Page, Section: 6}
	switch {
	case mention6 && !statedElsewhere:
		p.report(issue{
			status:  StatusFail,
			loc:     loc,
			message: "第六部分提及信息处理费，但未说明是否收取及收取金额",
			detail:  "fee-vague",
			absence: true, // the statement may be on a page not read
		})
	case statedElsewhere:
		p.report(issue{
			status:   StatusFail,
			severity: SeverityInfo,
			loc:      loc,
			message:  "信息处理费的收取情况写在其他部分，模板要求在第六部分“其他需要报告的事项”中报告",
			detail:   "fee-elsewhere",
			// which part the statement is in depends on headings that
			// may be on a page not read
			absence: true,
		})
	default:
		p.report(issue{
			status:  StatusFail,
			loc:     loc,
			message: "全文未说明信息处理费的收取情况（应在第六部分报告）",
			detail:  "fee-missing",
			absence: true,
		})
	}
}

func checkPart5(p *Pass) {
	s := p.Report.Sections[4]
	if !s.Present {
		return
	}
	n := s.Substance.Runes
	loc := Location{Page: s.Page, Section: 5}
	var why string
	switch {
	case n < p.Profile.MinPart5Runes:
		why = fmt.Sprintf("内容过短（%d字），未写明具体问题和改进措施", n)
	case len(s.Substance.Problems) == 0:
		why = "没有写明存在的问题（未见“问题”“不足”“差距”一类的词）"
	case len(s.Substance.Measures) == 0:
		why = "没有写明改进措施（未见“加强”“完善”“改进”一类的词）"
	default:
		return
	}
	p.report(issue{
		status:  StatusFail,
		loc:     loc,
		message: "第五部分“存在的主要问题及改进情况”" + why,
		detail:  "part5",
		absence: true,
	})
}
