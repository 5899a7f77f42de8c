package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

// A fixture is a small report written as a patch on a clean base report,
// so that each case states only its defect:
//
//	{
//	  "comment": "…",                      // free text, ignored
//	  "base": "clean2021",                 // clean2021, clean2019 or empty
//	  "report": {"Year": 2024, "Tables": {"T4": {"Found": false}}},
//	                                        // merged into the base with encoding/json;
//	                                        // Figures, Enumerations, Negations, Lines,
//	                                        // Problems and Fees given here replace the base's
//	  "drop": ["t4."],                     // delete the cells with these key prefixes
//	  "set": {"t3.new.natural": 31, "t3.new.research": null},
//	                                        // null: a blank cell (no text)
//	  "text": {"t3.new.legal": "贰"},       // set a cell's source text (with "set": null → unreadable)
//	  "uncertain": {"t3.new.total": [319]}, // mark a cell as an uncertain reading
//	  "previous": {…}                      // for pair rules: the previous year's report,
//	                                        // itself a fixture
//	}
type fixture struct {
	Comment   string               `json:"comment"` // free text: what the case is, where its text came from
	Base      string               `json:"base"`
	Report    json.RawMessage      `json:"report"`
	Drop      []string             `json:"drop"`
	Set       map[string]*float64  `json:"set"`
	Text      map[string]string    `json:"text"`
	Uncertain map[string][]float64 `json:"uncertain"`
	Previous  json.RawMessage      `json:"previous"`
}

// loadFixture reads a fixture file; prev is nil unless it has "previous".
func loadFixture(path string) (cur, prev *recognise.Report, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read fixture: %w", err)
	}
	return buildFixture(path, data)
}

func buildFixture(path string, data []byte) (*recognise.Report, *recognise.Report, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var fx fixture
	if err := dec.Decode(&fx); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	var prev *recognise.Report
	if len(fx.Previous) > 0 {
		var err error
		if prev, _, err = buildFixture(path+"#previous", fx.Previous); err != nil {
			return nil, nil, err
		}
	}
	r, err := applyFixture(path, fx)
	return r, prev, err
}

func applyFixture(path string, fx fixture) (*recognise.Report, error) {
	var r *recognise.Report
	switch fx.Base {
	case "clean2021", "":
		r = cleanReport(template.V2021)
	case "clean2019":
		r = cleanReport(template.V2019)
	case "empty":
		r = &recognise.Report{Cells: map[string]recognise.Cell{}}
	default:
		return nil, fmt.Errorf("%s: unknown base %q", path, fx.Base)
	}
	if len(fx.Report) > 0 {
		var top map[string]json.RawMessage
		if err := json.Unmarshal(fx.Report, &top); err != nil {
			return nil, fmt.Errorf("%s: report: %w", path, err)
		}
		// Lists are replaced, not merged element by element.
		for k := range top {
			switch k {
			case "Figures":
				r.Figures = nil
			case "Enumerations":
				r.Enumerations = nil
			case "Negations":
				r.Negations = nil
			case "Lines":
				r.Lines = nil
			case "Problems":
				r.Problems = nil
			case "Fees":
				r.Fees = nil
			}
		}
		dec := json.NewDecoder(bytes.NewReader(fx.Report))
		dec.DisallowUnknownFields()
		if err := dec.Decode(r); err != nil {
			return nil, fmt.Errorf("%s: report: %w", path, err)
		}
		// the year statements are what the recogniser finds in the text
		// the fixture gives
		_, title := top["Title"]
		_, lines := top["Lines"]
		_, sections := top["Sections"]
		if title || lines || sections {
			recognise.TextFacts(r)
		}
		// what the figures and negations state is what the recogniser
		// reads in their words (unless the fixture says it with About)
		_, figs := top["Figures"]
		_, negs := top["Negations"]
		_, issuer := top["Issuer"]
		if (figs || negs || issuer) && !bytes.Contains(fx.Report, []byte(`"About"`)) {
			recognise.Topics(r)
		}
	}
	for _, prefix := range fx.Drop {
		for k := range r.Cells {
			if strings.HasPrefix(k, prefix) {
				delete(r.Cells, k)
			}
		}
	}
	for k, v := range fx.Set {
		c, ok := r.Cells[k]
		if !ok {
			c = recognise.Cell{Key: k, Page: pageOfKey(k)}
		}
		if v == nil {
			c.Value, c.Text = recognise.Value{}, ""
		} else {
			c.Value, c.Text = recognise.Num(*v), fmt.Sprint(*v)
		}
		r.Cells[k] = c
	}
	for k, t := range fx.Text {
		c := r.Cells[k]
		c.Key, c.Text = k, t
		r.Cells[k] = c
	}
	for k, alts := range fx.Uncertain {
		c, ok := r.Cells[k]
		if !ok {
			return nil, fmt.Errorf("%s: uncertain cell %s does not exist", path, k)
		}
		c.Uncertain, c.Alternatives = true, alts
		r.Cells[k] = c
	}
	return r, nil
}

func pageOfKey(k string) int {
	return tableSection(k)
}

// cleanReport builds a complete, consistent report of the given template
// version: every section present, every cell filled, every relation true,
// published on time by a department. Every rule must pass on it.
func cleanReport(v template.Version) *recognise.Report {
	r := &recognise.Report{
		Title:     "某市市场监督管理局2023年政府信息公开工作年度报告",
		Issuer:    "某市市场监督管理局",
		Year:      2023,
		Template:  v,
		Published: "2024-01-20",
		Cells:     map[string]recognise.Cell{},
	}
	if v == template.V2019 {
		r.Title = "某市市场监督管理局2020年政府信息公开工作年度报告"
		r.Year = 2020
		r.Published = "2021-01-20"
	}
	y := fmt.Sprint(r.Year)
	next := fmt.Sprint(r.Year + 1)
	texts := [6]string{
		"（一）主动公开\n本年度主动公开政府信息1820条。\n（二）依申请公开\n本年度共收到政府信息公开申请39件，均按时答复。",
		"",
		"",
		"",
		"一是政策解读形式较为单一，图解、视频解读数量不足；二是依申请公开办理的规范化水平有待提高。" +
			"下一步，我局将加强政策解读，丰富解读形式；完善依申请公开办理流程，提升答复质量，强化业务培训。",
		"本年度未收取信息处理费。",
	}
	for i, s := range template.Sections {
		r.Sections[i] = recognise.Section{N: s.N, Heading: s.Heading, Present: true, Page: s.N, Text: texts[i]}
		if s.N == 6 {
			r.Sections[i].Page = 5
		}
	}
	r.Lines = []recognise.Line{
		{Text: r.Title, Page: 1},
		{Text: "本报告中所列数据的统计期限自" + y + "年1月1日起至" + y + "年12月31日止。", Page: 1},
		{Text: "一、总体情况", Page: 1, Section: 1},
		{Text: "（一）主动公开", Page: 1, Section: 1},
		{Text: "本年度主动公开政府信息1820条。", Page: 1, Section: 1},
		{Text: "（二）依申请公开", Page: 1, Section: 1},
		{Text: "本年度共收到政府信息公开申请39件，均按时答复。", Page: 1, Section: 1},
		{Text: "二、主动公开政府信息情况", Page: 2, Section: 2},
		{Text: "三、收到和处理政府信息公开申请情况", Page: 3, Section: 3},
		{Text: "四、政府信息公开行政复议、行政诉讼情况", Page: 4, Section: 4},
		{Text: "五、存在的主要问题及改进情况", Page: 5, Section: 5},
		{Text: texts[4], Page: 5, Section: 5},
		{Text: "六、其他需要报告的事项", Page: 5, Section: 6},
		{Text: "本年度未收取信息处理费。", Page: 5, Section: 6},
		{Text: "某市市场监督管理局", Page: 5, Section: 6},
		{Text: next + "年1月20日", Page: 5, Section: 6},
	}
	recognise.TextFacts(r)
	r.Figures = []recognise.Figure{
		{Value: 1820, Unit: "条", Subject: "主动公开政府信息", Text: "主动公开政府信息1820条", Page: 1, Section: 1},
		{Value: 39, Unit: "件", Subject: "收到政府信息公开申请", Text: "共收到政府信息公开申请39件", Page: 1, Section: 1},
		{Value: 3, Unit: "件", Subject: "政府信息公开行政复议", Text: "发生政府信息公开行政复议3件", Page: 4, Section: 4},
		{Value: 1, Unit: "件", Subject: "政府信息公开行政诉讼", Text: "行政诉讼1件", Page: 4, Section: 4},
	}
	r.Negations = []recognise.Negation{
		{Cue: "未收取", Subject: "信息处理费", Text: "本年度未收取信息处理费", Page: 5, Section: 6},
	}
	recognise.Topics(r)
	r.Fees = []recognise.FeeStatement{
		{Stated: true, None: true, Text: "本年度未收取信息处理费", Page: 5, Section: 6, From: "text"},
	}
	for _, t := range []*recognise.TableState{&r.Tables.T2, &r.Tables.T3, &r.Tables.T4} {
		t.Found = true
	}
	r.Tables.T2.Page, r.Tables.T3.Page, r.Tables.T4.Page = 2, 3, 4

	set := func(key string, v float64) {
		r.Cells[key] = recognise.Cell{Key: key, Value: recognise.Num(v), Page: pageOfKey(key), Text: fmt.Sprint(v)}
	}
	// Table 二.
	t2 := map[string]float64{
		"t2.regulations.issued": 0, "t2.regulations.repealed": 0, "t2.regulations.in_force": 0,
		"t2.normative.issued": 3, "t2.normative.repealed": 1, "t2.normative.in_force": 20,
		"t2.licensing.decisions": 120, "t2.penalty.decisions": 15, "t2.coercion.decisions": 2,
		"t2.fees.amount": 1.5,
	}
	if v == template.V2019 {
		t2 = map[string]float64{}
		for i, k := range template.T2Keys(v) {
			t2[k] = float64(i % 4)
		}
		t2["t2.licensing.change"] = -2
		t2["t2.procurement.amount"] = 102339.45
	}
	for k, x := range t2 {
		set(k, x)
	}
	// Table 三: columns natural, commercial, research, social, legal,
	// other_org, total.
	rows := map[string][7]float64{
		"new":                 {30, 5, 1, 0, 2, 1, 39},
		"carried_over":        {2, 1, 0, 0, 0, 0, 3},
		"granted":             {15, 2, 0, 0, 1, 0, 18},
		"partial":             {5, 1, 0, 0, 0, 0, 6},
		"denied.state_secret": {1, 0, 0, 0, 0, 0, 1},
		"unable.not_held":     {6, 1, 1, 0, 1, 1, 10},
		"rejected.duplicate":  {1, 0, 0, 0, 0, 0, 1},
		"other.no_correction": {1, 0, 0, 0, 0, 0, 1},
		"total":               {29, 4, 1, 0, 2, 1, 37},
		"carried_forward":     {3, 2, 0, 0, 0, 0, 5},
	}
	if v == template.V2019 {
		rows["other.all"] = rows["other.no_correction"]
		delete(rows, "other.no_correction")
	}
	for _, row := range template.T3RowsFor(v) {
		vals := rows[row.Key]
		for i, c := range template.T3Columns {
			set(template.T3Key(row.Key, c.Key), vals[i])
		}
	}
	// Table 四.
	t4 := map[string][5]float64{
		"review":            {1, 1, 0, 1, 3},
		"suit_direct":       {1, 0, 0, 0, 1},
		"suit_after_review": {0, 0, 0, 0, 0},
	}
	for _, g := range template.T4Groups {
		for i, c := range template.T4Columns {
			set(template.T4Key(g.Key, c.Key), t4[g.Key][i])
		}
	}
	return r
}
