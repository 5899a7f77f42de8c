package compare

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/internal/ownoutput"
	"github.com/nianbao/nianbao/internal/utf8out"
	"github.com/nianbao/nianbao/recognise/template"
)

// Num formats a value for people: "空" for a blank cell, "无" for an
// absent one.
func num(v *float64, st string) string {
	switch {
	case v != nil:
		return strconv.FormatFloat(*v, 'f', -1, 64)
	case st == "blank":
		return "空"
	}
	return "无"
}

// oldNum and newNum format a cell's value in each year, with "?" after a
// reading that is uncertain (UncertainLegend says what it means).
func oldNum(x Cell) string { return marked(num(x.Old, x.OldState), x.OldUncertain) }
func newNum(x Cell) string { return marked(num(x.New, x.NewState), x.NewUncertain) }

func marked(s string, unsure bool) string {
	if unsure {
		return s + "?"
	}
	return s
}

// UncertainLegend explains the "?" after a cell's value.
const UncertainLegend = "带“?”的数字读数存疑（几栏数字连在一起、可有几种分法，或 OCR 识别的置信度低），其变化未必属实；" +
	"各种可能的读数见 nianbao extract --format json 的 cell_sources。"

// anyUncertain reports whether a listed cell (changed ones, or all when
// all is set) has an uncertain reading.
func anyUncertain(c *Comparison, all bool) bool {
	for _, x := range c.Cells {
		if (all || x.Changed()) && x.Uncertain {
			return true
		}
	}
	return false
}

func signed(v *float64) string {
	if v == nil {
		return ""
	}
	s := strconv.FormatFloat(*v, 'f', -1, 64)
	if *v > 0 {
		s = "+" + s
	}
	return s
}

func yearOf(y int) string {
	if y == 0 {
		return "年度未知"
	}
	return strconv.Itoa(y) + "年度"
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func pct(x float64) string { return strconv.Itoa(int(x*100+0.5)) + "%" }

// cut shortens a passage for one-line displays.
func cut(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if rs := []rune(s); len(rs) > n {
		return string(rs[:n]) + "…"
	}
	return s
}

// classAttr is ` class="…"` for the classes in class, or nothing.
func classAttr(class string) string {
	if class = strings.TrimSpace(class); class == "" {
		return ""
	}
	return ` class="` + class + `"`
}

// similarityText is a part's CONS-COPY-PREV similarity for a table, or "—"
// where the part has no text to compare (missing in either year, or only
// tables and template wording): a similarity of two near-empty texts says
// nothing.
func similarityText(p Part) string {
	if !p.Present || !p.OldPresent || p.Runes < MinPassageRunes {
		return "—"
	}
	return fmt.Sprintf("%.2f", p.Similarity)
}

// noText says that a part has (almost) nothing but tables and the
// template's wording, so there is no text to compare.
const noText = "没有可比较的正文（只有表格或模板用语）"

// Text prints the comparison for a terminal: the two reports, warnings,
// the reuse of each part, the carry-over check, and the cells that changed
// (the unchanged ones are counted).
func Text(w io.Writer, c *Comparison) error {
	fmt.Fprintf(w, "上年：%s（%s，%s）\n", c.Old.Path, dash(c.Old.Issuer), yearOf(c.Old.Year))
	fmt.Fprintf(w, "本年：%s（%s，%s）\n", c.New.Path, dash(c.New.Issuer), yearOf(c.New.Year))
	for _, m := range c.Warnings {
		fmt.Fprintf(w, "注意：%s\n", m)
	}
	fmt.Fprintln(w, "\n正文与上年重复的比例（去掉空白和标点、数字视为相同）：")
	for _, p := range c.Parts {
		switch {
		case !p.Present:
			fmt.Fprintf(w, "  %s：本年缺少\n", p.Heading)
		case p.Runes < MinPassageRunes:
			fmt.Fprintf(w, "  %s：%s\n", p.Heading, noText)
		case !p.OldPresent:
			fmt.Fprintf(w, "  %s：上年缺少（本年 %d 字）\n", p.Heading, p.Runes)
		default:
			fmt.Fprintf(w, "  %s：%s（本年 %d 字，其中 %d 字与上年相同；相似度 %.2f）\n", p.Heading, pct(p.Share), p.Runes, p.Repeated, p.Similarity)
			for _, ps := range p.Passages {
				fmt.Fprintf(w, "      %d 字：“%s”\n", ps.Runes(), cut(ps.Text, 60))
			}
		}
	}
	fmt.Fprintln(w, "\n结转核对（上年表三“四、结转下年度继续办理” → 本年表三“二、上年结转政府信息公开申请数量”）：")
	for _, x := range c.Carry {
		verdict := "无法核对"
		if x.OK != nil {
			verdict = "一致"
			if !*x.OK {
				verdict = "不一致"
			}
		}
		fmt.Fprintf(w, "  %s：上年 %s，本年 %s　%s\n", x.Column, num(x.Old, "absent"), num(x.New, "absent"), verdict)
	}
	changed := c.Changed()
	fmt.Fprintf(w, "\n单元格变化（%d 个有变化，%d 个相同）：\n", changed, len(c.Cells)-changed)
	for _, x := range c.Cells {
		if !x.Changed() {
			continue
		}
		d := signed(x.Change)
		if d != "" {
			d = "（" + d + "）"
		}
		fmt.Fprintf(w, "  %s：%s → %s%s\n", x.Label, oldNum(x), newNum(x), d)
	}
	if anyUncertain(c, false) {
		fmt.Fprintf(w, "\n%s\n", UncertainLegend)
	}
	return nil
}

type jsonSide struct {
	Path      string  `json:"path"`
	Issuer    *string `json:"issuer"`
	Year      *int    `json:"year"`
	Published *string `json:"published"`
	Template  string  `json:"template"`
}

type jsonPassage struct {
	Text  string `json:"text"`
	Chars int    `json:"chars"`
}

type jsonPart struct {
	N             int           `json:"n"`
	Heading       string        `json:"heading"`
	OldPresent    bool          `json:"old_present"`
	NewPresent    bool          `json:"new_present"`
	NewChars      int           `json:"new_chars"`
	RepeatedChars int           `json:"repeated_chars"`
	Share         float64       `json:"share"`
	Similarity    float64       `json:"similarity"`
	Passages      []jsonPassage `json:"passages"`
}

type jsonCell struct {
	Key       string   `json:"key"`
	Label     string   `json:"label"`
	Old       *float64 `json:"old"`
	New       *float64 `json:"new"`
	OldState  string   `json:"old_state"`
	NewState  string   `json:"new_state"`
	Change    *float64 `json:"change"`
	Changed   bool     `json:"changed"`
	Uncertain bool     `json:"uncertain,omitempty"`
}

type jsonCarry struct {
	Column string   `json:"column"`
	OldKey string   `json:"old_key"`
	NewKey string   `json:"new_key"`
	Old    *float64 `json:"old"`
	New    *float64 `json:"new"`
	OK     *bool    `json:"ok"`
}

type jsonComparison struct {
	Schema string   `json:"schema"`
	Old    jsonSide `json:"old"`
	New    jsonSide `json:"new"`
	Checks struct {
		SameBody    bool     `json:"same_body"`
		Consecutive bool     `json:"consecutive_years"`
		Warnings    []string `json:"warnings"`
	} `json:"checks"`
	Parts     []jsonPart  `json:"parts"`
	CarryOver []jsonCarry `json:"carry_over"`
	Cells     []jsonCell  `json:"cells"`
	Summary   struct {
		ChangedCells        int `json:"changed_cells"`
		UnchangedCells      int `json:"unchanged_cells"`
		CarryOverMismatches int `json:"carry_over_mismatches"`
	} `json:"summary"`
}

func strp(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func jside(s Side) jsonSide {
	out := jsonSide{Path: utf8out.Show(s.Path), Issuer: strp(s.Issuer), Published: strp(s.Published), Template: string(s.Template)}
	if out.Template == "" {
		out.Template = string(template.VUnknown)
	}
	if s.Year > 0 {
		y := s.Year
		out.Year = &y
	}
	return out
}

// JSON writes the nianbao/compare/v1 document (README).
func JSON(w io.Writer, c *Comparison) error {
	out := jsonComparison{Schema: Schema, Old: jside(c.Old), New: jside(c.New), Parts: []jsonPart{}, CarryOver: []jsonCarry{}, Cells: []jsonCell{}}
	out.Checks.SameBody, out.Checks.Consecutive, out.Checks.Warnings = c.SameBody, c.Consecutive, append([]string{}, c.Warnings...)
	for _, p := range c.Parts {
		jp := jsonPart{N: p.N, Heading: p.Heading, OldPresent: p.OldPresent, NewPresent: p.Present, NewChars: p.Runes,
			RepeatedChars: p.Repeated, Share: p.Share, Similarity: p.Similarity, Passages: []jsonPassage{}}
		for _, ps := range p.Passages {
			jp.Passages = append(jp.Passages, jsonPassage{Text: ps.Text, Chars: ps.Runes()})
		}
		out.Parts = append(out.Parts, jp)
	}
	for _, x := range c.Carry {
		out.CarryOver = append(out.CarryOver, jsonCarry(x))
	}
	for _, x := range c.Cells {
		out.Cells = append(out.Cells, jsonCell{Key: x.Key, Label: x.Label, Old: x.Old, New: x.New, OldState: x.OldState, NewState: x.NewState,
			Change: x.Change, Changed: x.Changed(), Uncertain: x.Uncertain})
	}
	out.Summary.ChangedCells = c.Changed()
	out.Summary.UnchangedCells = len(c.Cells) - out.Summary.ChangedCells
	out.Summary.CarryOverMismatches = c.CarryMismatches()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func mdEsc(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|#!~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Markdown writes the comparison as Markdown (GFM tables).
func Markdown(w io.Writer, c *Comparison) error {
	fmt.Fprintf(w, "# 年度对比：%s %s → %s\n\n", mdEsc(dash(c.New.Issuer)), yearOf(c.Old.Year), yearOf(c.New.Year))
	fmt.Fprintf(w, "- 上年：%s（%s，%s）\n- 本年：%s（%s，%s）\n", mdEsc(c.Old.Path), mdEsc(dash(c.Old.Issuer)), yearOf(c.Old.Year),
		mdEsc(c.New.Path), mdEsc(dash(c.New.Issuer)), yearOf(c.New.Year))
	for _, m := range c.Warnings {
		fmt.Fprintf(w, "- **注意**：%s\n", mdEsc(m))
	}
	fmt.Fprint(w, "\n## 正文与上年重复\n\n| 部分 | 本年字数 | 与上年相同 | 比例 | 相似度 | 最长的重复片段 |\n|---|---:|---:|---:|---:|---|\n")
	for _, p := range c.Parts {
		longest := ""
		if len(p.Passages) > 0 {
			longest = fmt.Sprintf("%d 字：“%s”", p.Passages[0].Runes(), cut(p.Passages[0].Text, 40))
		}
		state := pct(p.Share)
		if !p.Present {
			state = "本年缺少"
		} else if p.Runes < MinPassageRunes {
			state = noText
		} else if !p.OldPresent {
			state = "上年缺少"
		}
		fmt.Fprintf(w, "| %s | %d | %d | %s | %s | %s |\n", mdEsc(p.Heading), p.Runes, p.Repeated, state, similarityText(p), mdEsc(longest))
	}
	fmt.Fprint(w, "\n## 结转核对\n\n| 列 | 上年“四、结转下年度继续办理” | 本年“二、上年结转” | 结论 |\n|---|---:|---:|---|\n")
	for _, x := range c.Carry {
		v := "无法核对"
		if x.OK != nil {
			v = map[bool]string{true: "一致", false: "**不一致**"}[*x.OK]
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", mdEsc(x.Column), num(x.Old, "absent"), num(x.New, "absent"), v)
	}
	changed := c.Changed()
	fmt.Fprintf(w, "\n## 单元格变化\n\n%d 个单元格有变化，%d 个相同。\n\n| 单元格 | 上年 | 本年 | 变化 |\n|---|---:|---:|---:|\n", changed, len(c.Cells)-changed)
	for _, x := range c.Cells {
		if x.Changed() {
			fmt.Fprintf(w, "| %s | %s | %s | %s |\n", mdEsc(x.Label), oldNum(x), newNum(x), signed(x.Change))
		}
	}
	if anyUncertain(c, false) {
		fmt.Fprintf(w, "\n%s\n", UncertainLegend)
	}
	return nil
}

// CSS styles the HTML of a comparison; HTMLSection's markup uses it.
const CSS = `.cmp table{border-collapse:collapse;margin:.4em 0 1em}
.cmp th,.cmp td{border:1px solid #999;padding:2px 6px;font-size:10.5pt;vertical-align:top}
.cmp td.n{text-align:right;font-variant-numeric:tabular-nums}
.cmp tr.chg td{background:#fff7d6}
.cmp td.bad{background:#f8cbad;font-weight:bold}
.cmp td.unsure{text-decoration:underline dotted}
.cmp .warn{color:#a00;font-weight:bold}
.cmp .share-high{background:#f8cbad}
.cmp q{quotes:"“" "”"}
`

// HTMLSection writes the comparison as an HTML fragment (a <section
// class="cmp">) with the given id, for a page that includes CSS.
// allCells lists unchanged cells too.
func HTMLSection(w io.Writer, c *Comparison, id string, allCells bool) error {
	e := html.EscapeString
	fmt.Fprintf(w, "<section class=\"cmp\" id=\"%s\">\n<h3>与上年报告对比</h3>\n", e(id))
	fmt.Fprintf(w, "<p>上年：%s（%s，%s）<br>本年：%s（%s，%s）</p>\n", e(c.Old.Path), e(dash(c.Old.Issuer)), yearOf(c.Old.Year),
		e(c.New.Path), e(dash(c.New.Issuer)), yearOf(c.New.Year))
	for _, m := range c.Warnings {
		fmt.Fprintf(w, "<p class=\"warn\">注意：%s</p>\n", e(m))
	}
	fmt.Fprint(w, "<h4>正文与上年重复</h4>\n<table><thead><tr><th>部分</th><th>本年字数</th><th>与上年相同</th><th>比例</th><th>相似度</th><th>最长的重复片段</th></tr></thead><tbody>\n")
	for _, p := range c.Parts {
		state, class := pct(p.Share), " n"
		if !p.Present {
			state, class = "本年缺少", ""
		} else if p.Runes < MinPassageRunes {
			state, class = noText, ""
		} else if !p.OldPresent {
			state, class = "上年缺少", ""
		} else if p.Share >= 0.5 {
			class = " n share-high"
		}
		var longest []string
		for _, ps := range p.Passages {
			longest = append(longest, fmt.Sprintf("%d 字：<q>%s</q>", ps.Runes(), e(cut(ps.Text, 80))))
		}
		fmt.Fprintf(w, "<tr><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td%s>%s</td><td class=\"n\">%s</td><td>%s</td></tr>\n",
			e(p.Heading), p.Runes, p.Repeated, classAttr(class), state, similarityText(p), strings.Join(longest, "<br>"))
	}
	fmt.Fprint(w, "</tbody></table>\n<h4>结转核对（上年表三“四、结转下年度继续办理” → 本年表三“二、上年结转政府信息公开申请数量”）</h4>\n<table><thead><tr><th>列</th><th>上年</th><th>本年</th><th>结论</th></tr></thead><tbody>\n")
	for _, x := range c.Carry {
		v, class := "无法核对", ""
		if x.OK != nil {
			v = "一致"
			if !*x.OK {
				v, class = "不一致", " bad"
			}
		}
		fmt.Fprintf(w, "<tr><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"%s\">%s</td></tr>\n", e(x.Column), num(x.Old, "absent"), num(x.New, "absent"), strings.TrimSpace(class), v)
	}
	changed := c.Changed()
	fmt.Fprintf(w, "</tbody></table>\n<h4>单元格变化（%d 个有变化，%d 个相同）</h4>\n<table><thead><tr><th>单元格</th><th>上年</th><th>本年</th><th>变化</th></tr></thead><tbody>\n", changed, len(c.Cells)-changed)
	for _, x := range c.Cells {
		if !x.Changed() && !allCells {
			continue
		}
		class := ""
		if x.Changed() {
			class = " class=\"chg\""
		}
		fmt.Fprintf(w, "<tr%s><td>%s</td><td class=\"%s\">%s</td><td class=\"%s\">%s</td><td class=\"n\">%s</td></tr>\n", class, e(x.Label),
			numClass(x.OldUncertain), oldNum(x), numClass(x.NewUncertain), newNum(x), signed(x.Change))
	}
	fmt.Fprint(w, "</tbody></table>\n")
	if anyUncertain(c, allCells) {
		fmt.Fprintf(w, "<p class=\"legend\">%s</p>\n", e(UncertainLegend))
	}
	_, err := fmt.Fprint(w, "</section>\n")
	return err
}

// numClass is the class of a value's cell: numbers, dotted when uncertain.
func numClass(unsure bool) string {
	if unsure {
		return "n unsure"
	}
	return "n"
}

// HTML writes a self-contained page with the comparison (every cell).
func HTML(w io.Writer, c *Comparison) error {
	e := html.EscapeString
	fmt.Fprintf(w, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"+ownoutput.HTMLMarker+"\n<title>年度对比：%s %s → %s</title>\n<style>\nbody{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;margin:1.5em;color:#111}\n%s@media print{@page{size:A4;margin:15mm}body{margin:0}}\n</style>\n</head>\n<body>\n",
		e(dash(c.New.Issuer)), yearOf(c.Old.Year), yearOf(c.New.Year), CSS)
	fmt.Fprintf(w, "<h1>年度对比：%s</h1>\n", e(dash(c.New.Issuer)))
	if err := HTMLSection(w, c, "compare", true); err != nil {
		return err
	}
	_, err := fmt.Fprint(w, "</body>\n</html>\n")
	return err
}
