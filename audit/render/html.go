package render

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/compare"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/ownoutput"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
	"github.com/nianbao/nianbao/rules"
)

// htmlCSS is the whole style sheet of the HTML output: screen, then print
// (A4, one report per page).
const htmlCSS = `body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:1.5em auto;max-width:1200px;padding:0 1em;color:#111;line-height:1.5}
h1{font-size:20pt;margin:.2em 0}h2{font-size:15pt;border-bottom:2px solid #2f5597;padding-bottom:2px;margin-top:2em}h3{font-size:12pt;margin:1.2em 0 .3em}h4{font-size:11pt;margin:.8em 0 .2em}
table{border-collapse:collapse;margin:.3em 0 .8em}
th,td{border:1px solid #888;padding:2px 6px;font-size:10.5pt;vertical-align:middle}
th{background:#eef3fa;font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums;min-width:2.5em}
td.blank{color:#888}
td.nw,td.verdict,td.n{white-space:nowrap}
td.unsure{font-style:italic}
td.hl-fail{background:#f8cbad;outline:2px solid #c00;outline-offset:-2px;font-weight:bold}
td.hl-unsure{background:#ffe699;outline:2px dashed #b8860b;outline-offset:-2px}
td.hl-fail a,td.hl-unsure a{color:inherit;text-decoration:none}
td.ocr{color:#1f4e9a}td.ocr-weak{text-decoration:underline dotted #b8860b}
p.legend{font-size:9.5pt;color:#444;margin:.2em 0}p.legend span.ocr{color:#1f4e9a;font-weight:600}
.totals{font-weight:bold}
div.copies{background:#fff8e1;border-left:4px solid #b8860b;padding:.2em .8em;margin:.5em 0}div.copies p{margin:.3em 0}div.copies ul{margin:.2em 0 .4em}
table.sortable th{cursor:pointer;user-select:none;white-space:nowrap}
table.sortable th[aria-sort=ascending]::after{content:" ▲"}table.sortable th[aria-sort=descending]::after{content:" ▼"}
tr.v-error td.verdict{color:#c00;font-weight:bold}tr.v-warning td.verdict{color:#b35c00;font-weight:bold}tr.v-pass td.verdict{color:#2e7d32}
dl.meta{display:grid;grid-template-columns:max-content auto;gap:0 1em;margin:.3em 0}dl.meta dt{color:#555}dl.meta dd{margin:0}
ol.findings li{margin:.25em 0}
.sev{display:inline-block;min-width:5.5em;font-weight:bold}.sev-error .sev{color:#c00}.sev-warning .sev{color:#b35c00}.sev-info .sev{color:#2f5597}
code{font-size:9.5pt;background:#f3f3f3;padding:0 3px}
ul.parts{list-style:none;padding-left:0;columns:2}ul.parts li.missing{color:#c00;font-weight:bold}
.none{color:#2e7d32}
.t3 td.label,.t2 td.label,.t4 td.label{text-align:left}
.t3 thead th,.t4 thead th{white-space:nowrap}.t3 thead th.note{white-space:normal}
#overview-table td.file{overflow-wrap:anywhere;min-width:11em;max-width:16em}#overview-table td.issuer{min-width:9em}#overview-table td.top{min-width:20em}
:target{scroll-margin-top:1em}li:target{background:#fff2cc}
` + compare.CSS + `@media print{
@page{size:A4;margin:14mm 12mm}
body{margin:0;max-width:none;padding:0;font-size:10pt}
article.report{break-before:page}
h2{margin-top:0}
table{break-inside:auto}tr{break-inside:avoid}
table.t2,table.t3,table.t4{break-inside:avoid}h3{break-after:avoid}
th,td{font-size:8.5pt;padding:1px 3px}
a{color:inherit;text-decoration:none}
table.sortable th::after{content:""!important}
.noprint{display:none}
}
`

// htmlJS sorts a table.sortable by the clicked column: numbers as
// numbers, other text by the Chinese collation of the browser.
const htmlJS = `document.querySelectorAll("table.sortable").forEach(function(t){
var ths=t.tHead.rows[0].cells;
Array.prototype.forEach.call(ths,function(th,col){th.addEventListener("click",function(){
var asc=th.getAttribute("aria-sort")!=="ascending";
Array.prototype.forEach.call(ths,function(h){h.removeAttribute("aria-sort")});
th.setAttribute("aria-sort",asc?"ascending":"descending");
var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);
function key(r){var c=r.cells[col];return c?(c.getAttribute("data-v")||c.textContent.trim()):""}
rows.sort(function(a,b){var x=key(a),y=key(b),nx=parseFloat(x),ny=parseFloat(y),d;
if(!isNaN(nx)&&!isNaN(ny)&&String(nx)===x&&String(ny)===y)d=nx-ny;else d=x.localeCompare(y,"zh-CN");
return asc?d:-d});
rows.forEach(function(r){body.appendChild(r)})})})});
`

// topChars is how much of a report's most important finding the overview
// shows (cutRunes); the whole message is in the report's own section.
const topChars = 120

// cellMarks says, per cell key, how a report's findings touch it: the
// worst status (fail over uncertain) and the findings, for links.
type cellMark struct {
	fail     bool
	findings []int // indexes into the item's findings
}

func marksOf(fs []rules.Finding) map[string]*cellMark {
	m := map[string]*cellMark{}
	// CONS-CARRYOVER names last year's 结转下年度 and this year's 上年结转:
	// only the second is a cell of this report.
	lastYears := map[string]bool{}
	for _, rel := range rules.T3CarryRelations() {
		lastYears[rel.Previous] = true
	}
	for i, f := range fs {
		if f.Status != rules.StatusFail && f.Status != rules.StatusUncertain {
			continue
		}
		for _, k := range f.Cells {
			if f.Rule == "CONS-CARRYOVER" && lastYears[k] {
				continue
			}
			cm := m[k]
			if cm == nil {
				cm = &cellMark{}
				m[k] = cm
			}
			cm.fail = cm.fail || f.Status == rules.StatusFail
			cm.findings = append(cm.findings, i)
		}
	}
	return m
}

type htmlWriter struct {
	*bufio.Writer
}

func (w htmlWriter) f(format string, args ...any) { fmt.Fprintf(w, format, args...) }

var esc = html.EscapeString

// AuditHTML writes one self-contained HTML file (no external style sheet,
// script, font or image) for the review meeting: the batch overview,
// sortable by any column, then per report its metadata, its findings, the
// six parts found, tables 二/三/四 in the template's layout with every cell
// of a failing or uncertain finding highlighted and linked to the finding,
// and the comparison with its predecessor in the batch. Printed, it is an
// A4 handout with one report per page.
func AuditHTML(w io.Writer, res *audit.Result, opt Options) error {
	hw := htmlWriter{bufio.NewWriter(w)}
	srows := summaryRows(res, opt.Sort)
	prev := res.Predecessors()
	sum := res.Summary()
	hw.f("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n%s\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", ownoutput.HTMLMarker)
	hw.f("<title>政府信息公开工作年度报告审核结果</title>\n<style>\n%s</style>\n</head>\n<body>\n", htmlCSS)
	hw.f("<header>\n<h1>政府信息公开工作年度报告审核结果</h1>\n<p class=\"totals\">%s</p>\n", esc(totalsLine(res, sum)))
	if copies := sum.Copies; len(copies) > 0 {
		// each file linked to its report below
		at := make([]int, len(res.Items))
		for i, r := range srows {
			at[r.Index] = i + 1
		}
		name := overviewName(res)
		link := func(i int, path string) string {
			return fmt.Sprintf("<a href=\"#r%d\">%s</a>", at[i], esc(name(i, path)))
		}
		hw.f("<div class=\"copies\">\n<p>%s：</p>\n<ul>\n", esc(copiesIntro))
		for _, c := range copies {
			hw.f("<li>%s%s 与 %s%s</li>\n", esc(copyWhose(c)), link(c.Of, c.OfPath), link(c.Index, c.Path), esc(copyVerdict(c)+copyDifferences(res, c)))
		}
		hw.f("</ul>\n</div>\n")
	}
	if lines := unreadLines(sum.Unread); len(lines) > 0 {
		hw.f("<div class=\"copies unread\">\n<p>%s：</p>\n<ul>\n", esc(unreadIntro))
		for _, l := range lines {
			hw.f("<li>%s</li>\n", esc(l))
		}
		hw.f("</ul>\n</div>\n")
	}
	hw.f("</header>\n")
	hw.f("<section id=\"overview\">\n<h2>汇总</h2>\n<p class=\"noprint\">点击表头可按该列排序；点击文件名跳到该报告。</p>\n")
	hw.f("<table class=\"sortable\" id=\"overview-table\">\n<thead><tr><th>序号</th><th>文件</th><th>发布机关</th><th>年度</th><th>模板</th><th>发布日期</th><th>是否按期</th><th>错误</th><th>警告</th><th>提示</th><th>结论</th><th>最主要的问题</th></tr></thead>\n<tbody>\n")
	for i, r := range srows {
		class := map[string]string{"有错误": "v-error", "有警告": "v-warning", "有提示": "v-info", "通过": "v-pass", "无法读取": "v-error"}[r.Verdict]
		hw.f("<tr class=\"%s\"><td class=\"n\">%d</td><td class=\"file\"><a href=\"#r%d\">%s</a></td>", class, i+1, i+1, esc(r.Name))
		if r.Err != nil {
			hw.f("<td></td><td></td><td></td><td></td><td></td><td></td><td></td><td></td><td class=\"verdict\">%s</td><td class=\"top\">%s</td></tr>\n", r.Verdict, esc(failText(r.Path, r.Err)))
			continue
		}
		hw.f("<td class=\"issuer\">%s</td><td class=\"n\">%s</td><td class=\"nw\">%s</td><td class=\"nw\">%s</td><td class=\"nw\">%s</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"verdict\">%s</td><td class=\"top\">%s</td></tr>\n",
			esc(orDash(r.Issuer)), yearText(r.Year), esc(r.Template), esc(orDash(r.Published)), r.OnTime, r.Counts[3], r.Counts[2], r.Counts[1], r.Verdict, esc(cutRunes(r.Top, topChars)))
	}
	hw.f("</tbody>\n</table>\n</section>\n")
	for i, r := range srows {
		it := res.Items[r.Index]
		id := "r" + strconv.Itoa(i+1)
		hw.f("<article class=\"report\" id=\"%s\">\n<h2>%d. %s</h2>\n", id, i+1, esc(r.Name))
		if it.Err != nil {
			hw.f("<p class=\"sev-error\">%s</p>\n</article>\n", esc(unreadable(it.Path, it.Err)))
			continue
		}
		htmlReport(hw, it, r, id)
		if j := prev[r.Index]; j >= 0 {
			c := compare.Reports(res.Items[j].Report, it.Report)
			if err := compare.HTMLSection(hw, c, id+"-cmp", false); err != nil {
				return err
			}
		}
		hw.f("</article>\n")
	}
	hw.f("<script>\n%s</script>\n</body>\n</html>\n", htmlJS)
	return hw.Flush()
}

func htmlReport(hw htmlWriter, it audit.Item, r summaryRow, id string) {
	rep := it.Report
	hw.f("<dl class=\"meta\">\n<dt>文件</dt><dd>%s</dd>\n<dt>标题</dt><dd>%s</dd>\n<dt>发布机关</dt><dd>%s</dd>\n<dt>年度</dt><dd>%s</dd>\n<dt>模板</dt><dd>%s</dd>\n",
		esc(it.Path), esc(orDash(rep.Title)), esc(orDash(rep.Issuer)), yearText(rep.Year), esc(r.Template))
	pub := orDash(rep.Published)
	if rep.Published != "" && publishedFrom[rep.PublishedFrom] != "" {
		pub += "（" + publishedFrom[rep.PublishedFrom] + "）"
	}
	format := orDash(formatNames[string(rep.Source.Format)])
	if rep.Source.HasPages() {
		format += fmt.Sprintf("，%d 页", rep.Source.Pages)
	}
	hw.f("<dt>发布日期</dt><dd>%s；%s</dd>\n<dt>格式</dt><dd>%s</dd>\n", esc(pub), r.OnTime, esc(format))
	if u := sourceURL(it); u != "" { // as text: the page links nothing outside itself
		hw.f("<dt>来源网址</dt><dd>%s</dd>\n", esc(u))
	}
	hw.f("<dt>结论</dt><dd>%s（错误 %d，警告 %d，提示 %d）</dd>\n</dl>\n", r.Verdict, r.Counts[3], r.Counts[2], r.Counts[1])
	hw.f("<h3>问题</h3>\n")
	if len(it.Findings) == 0 {
		hw.f("<p class=\"none\">未发现问题。</p>\n")
	} else {
		hw.f("<ol class=\"findings\">\n")
		for j, f := range it.Findings {
			var where []string
			if f.Location.Page > 0 && rep.Source.HasPages() {
				where = append(where, fmt.Sprintf("第%d页", f.Location.Page))
			}
			if f.Location.Section > 0 {
				where = append(where, partName(f.Location.Section))
			}
			hw.f("<li id=\"%s-f%d\" class=\"sev-%s st-%s\"><span class=\"sev\">%s/%s</span> <code>%s</code> ", id, j+1, f.Severity, f.Status,
				severityNames[f.Severity], statusNames[f.Status], esc(f.Rule))
			if len(where) > 0 {
				hw.f("%s：", strings.Join(where, " "))
			}
			hw.f("%s", esc(f.Message))
			hw.f("%s", extractionNote(f))
			if len(f.Cells) > 0 {
				var links []string
				for _, k := range f.Cells {
					if _, ok := rep.Cells[k]; ok {
						links = append(links, fmt.Sprintf("<a href=\"#%s-c-%s\">%s</a>", id, esc(k), esc(template.Describe(k))))
					} else {
						links = append(links, esc(template.Describe(k)))
					}
				}
				hw.f("<br><small>单元格：%s</small>", strings.Join(links, "；"))
			}
			hw.f("</li>\n")
		}
		hw.f("</ol>\n")
		if it.Waived > 0 {
			hw.f("<p>另有 %d 条已在基线中接受。</p>\n", it.Waived)
		}
	}
	if len(rep.Problems) > 0 {
		hw.f("<h3>提取问题</h3>\n<ul>\n")
		for _, p := range extract.Summarize(rep.Problems, rep.Source.HasPages()) {
			hw.f("<li>%s</li>\n", esc(p))
		}
		hw.f("</ul>\n")
	}
	hw.f("<h3>六个部分</h3>\n<ul class=\"parts\">\n")
	for i, s := range rep.Sections {
		if s.Present {
			page := ""
			if rep.Source.HasPages() && s.Page > 0 {
				page = fmt.Sprintf("（第%d页）", s.Page)
			}
			hw.f("<li>✓ %s%s</li>\n", esc(s.Heading), page)
		} else {
			hw.f("<li class=\"missing\">✗ 缺少：%s</li>\n", esc(template.Sections[i].Heading))
		}
	}
	hw.f("</ul>\n")
	if t := ocrCounts(rep); t.N > 0 {
		hw.f("<p class=\"legend\"><span class=\"ocr\">蓝色带“~”</span>的数字由OCR从图片识别，共%d格：%d格两次独立识别结果一致；%d格未经第二次识别确认（下划虚线）；%d格置信度低或未能识别（带“?”，下划虚线）。鼠标停在数字上可看到置信度。</p>\n",
			t.N, t.Confirmed, t.Unchecked, t.Unsure)
	}
	marks := marksOf(it.Findings)
	htmlT2(hw, rep, id, marks)
	htmlT3(hw, rep, id, marks)
	htmlT4(hw, rep, id, marks)
}

// htmlCell writes the <td> of one template cell: its value as read ("空"
// blank, "?" uncertain), highlighted and linked to the first finding when
// findings touch it.
func htmlCell(hw htmlWriter, rep *recognise.Report, id, key string, marks map[string]*cellMark, colspan int) {
	c, ok := rep.Cells[key]
	class := []string{"n"}
	text := Number(c, ok)
	switch {
	case !ok:
		class = append(class, "blank")
		text = ""
	case !c.Value.Valid:
		class = append(class, "blank")
	}
	if ok && c.Uncertain {
		class = append(class, "unsure")
	}
	title := template.Describe(key)
	if ok && c.Source != "" {
		class = append(class, "ocr")
		if !ocrConfirmed(c) {
			class = append(class, "ocr-weak")
		}
		title += "：" + ocrNote(c)
	}
	m := marks[key]
	if m != nil {
		if m.fail {
			class = append(class, "hl-fail")
		} else {
			class = append(class, "hl-unsure")
		}
		text = fmt.Sprintf("<a href=\"#%s-f%d\">%s</a>", id, m.findings[0]+1, esc(text))
	} else {
		text = esc(text)
	}
	span := ""
	if colspan > 1 {
		span = fmt.Sprintf(" colspan=\"%d\"", colspan)
	}
	hw.f("<td id=\"%s-c-%s\" class=\"%s\" title=\"%s\"%s>%s</td>", id, esc(key), strings.Join(class, " "), esc(title), span, text)
}

func htmlTableState(hw htmlWriter, title string, t recognise.TableState, paged bool) bool {
	where := ""
	if t.Found && t.Page > 0 && paged {
		where = fmt.Sprintf("（第%d页）", t.Page)
	}
	hw.f("<h3>%s%s</h3>\n", esc(title), where)
	switch {
	case t.Found:
		return true
	case t.Sentence != "":
		hw.f("<p>以文字代替表格：“%s”</p>\n", esc(t.Sentence))
	case t.HeadingOnly:
		hw.f("<p>只有标题，没有表格数字（可能以图片发布）</p>\n")
	default:
		hw.f("<p class=\"sev-error\">未找到</p>\n")
	}
	return false
}

func htmlT2(hw htmlWriter, rep *recognise.Report, id string, marks map[string]*cellMark) {
	if !htmlTableState(hw, "二、主动公开政府信息情况", rep.Tables.T2, rep.Source.HasPages()) {
		return
	}
	rows := template.T2RowsFor(rep.Template)
	width := 0
	for _, r := range rows {
		width = max(width, len(r.Columns))
	}
	hw.f("<table class=\"t2\">\n")
	block := ""
	for i, r := range rows {
		if r.Block != block || (i > 0 && len(r.Columns) != len(rows[i-1].Columns)) {
			if r.Block != block {
				hw.f("<tr><th colspan=\"%d\">%s</th></tr>\n", width+1, esc(r.Block))
			}
			block = r.Block
			hw.f("<tr><th>信息内容</th>")
			for j, c := range r.Columns {
				hw.f("<th%s>%s</th>", t2Span(width, len(r.Columns), j), esc(c.Label))
			}
			hw.f("</tr>\n")
		}
		hw.f("<tr><td class=\"label\">%s</td>", esc(r.Label))
		for j, c := range r.Columns {
			span := 1
			if j == len(r.Columns)-1 {
				span = width - len(r.Columns) + 1
			}
			htmlCell(hw, rep, id, "t2."+r.Key+"."+c.Key, marks, span)
		}
		hw.f("</tr>\n")
	}
	hw.f("</table>\n")
}

func t2Span(width, n, j int) string {
	if j == n-1 && width-n+1 > 1 {
		return fmt.Sprintf(" colspan=\"%d\"", width-n+1)
	}
	return ""
}

func htmlT3(hw htmlWriter, rep *recognise.Report, id string, marks map[string]*cellMark) {
	if !htmlTableState(hw, "三、收到和处理政府信息公开申请情况", rep.Tables.T3, rep.Source.HasPages()) {
		return
	}
	rows := rules.T3RowsOf(rep)
	hw.f("<table class=\"t3\">\n<thead>\n")
	hw.f("<tr><th class=\"note\" colspan=\"3\" rowspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th><th colspan=\"7\">申请人情况</th></tr>\n")
	hw.f("<tr><th rowspan=\"2\">自然人</th><th colspan=\"5\">法人或其他组织</th><th rowspan=\"2\">总计</th></tr>\n<tr>")
	for _, c := range template.T3Columns[1:6] {
		hw.f("<th>%s</th>", esc(c.Label))
	}
	hw.f("</tr>\n</thead>\n<tbody>\n")
	// rowspans of 三、本年度办理结果 and of the (三)…(六) groups
	outer, groups := 0, map[string]int{}
	for _, r := range rows {
		if r.Group != "" {
			outer++
			if strings.HasPrefix(r.Group, "（") {
				groups[r.Group]++
			}
		}
	}
	openedOuter, openedGroup := false, map[string]bool{}
	for _, r := range rows {
		hw.f("<tr>")
		switch {
		case r.Group == "":
			hw.f("<td class=\"label\" colspan=\"3\">%s</td>", esc(r.Label))
		default:
			if !openedOuter {
				hw.f("<td class=\"label\" rowspan=\"%d\">三、本年度办理结果</td>", outer)
				openedOuter = true
			}
			if strings.HasPrefix(r.Group, "（") {
				if !openedGroup[r.Group] {
					hw.f("<td class=\"label\" rowspan=\"%d\">%s</td>", groups[r.Group], esc(r.Group))
					openedGroup[r.Group] = true
				}
				hw.f("<td class=\"label\">%s</td>", esc(r.Label))
			} else {
				hw.f("<td class=\"label\" colspan=\"2\">%s</td>", esc(r.Label))
			}
		}
		for _, c := range template.T3Columns {
			htmlCell(hw, rep, id, template.T3Key(r.Key, c.Key), marks, 1)
		}
		hw.f("</tr>\n")
	}
	hw.f("</tbody>\n</table>\n")
}

func htmlT4(hw htmlWriter, rep *recognise.Report, id string, marks map[string]*cellMark) {
	if !htmlTableState(hw, "四、政府信息公开行政复议、行政诉讼情况", rep.Tables.T4, rep.Source.HasPages()) {
		return
	}
	hw.f("<table class=\"t4\">\n<thead>\n<tr><th colspan=\"5\" rowspan=\"2\">行政复议</th><th colspan=\"10\">行政诉讼</th></tr>\n")
	hw.f("<tr><th colspan=\"5\">未经复议直接起诉</th><th colspan=\"5\">复议后起诉</th></tr>\n<tr>")
	for range template.T4Groups {
		for _, c := range template.T4Columns {
			hw.f("<th>%s</th>", esc(c.Label))
		}
	}
	hw.f("</tr>\n</thead>\n<tbody>\n<tr>")
	for _, g := range template.T4Groups {
		for _, c := range template.T4Columns {
			htmlCell(hw, rep, id, template.T4Key(g.Key, c.Key), marks, 1)
		}
	}
	hw.f("</tr>\n</tbody>\n</table>\n")
}
