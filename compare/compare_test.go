package compare_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/compare"
	"github.com/nianbao/nianbao/internal/testutil"
)

func pair(t *testing.T, old, cur string) *compare.Comparison {
	t.Helper()
	res := audit.Run(context.Background(), []string{testutil.Corpus(t, old), testutil.Corpus(t, cur)}, audit.Options{Workers: 2})
	for _, it := range res.Items {
		if it.Err != nil {
			t.Fatal(it.Err)
		}
	}
	return compare.Reports(res.Items[0].Report, res.Items[1].Report)
}

func cell(t *testing.T, c *compare.Comparison, key string) compare.Cell {
	t.Helper()
	for _, x := range c.Cells {
		if x.Key == key {
			return x
		}
	}
	t.Fatalf("no cell %s", key)
	return compare.Cell{}
}

func wantChange(t *testing.T, c *compare.Comparison, key string, old, cur float64) {
	t.Helper()
	x := cell(t, c, key)
	if x.Old == nil || x.New == nil || *x.Old != old || *x.New != cur || math.Abs(*x.Change-(cur-old)) > 1e-6 {
		t.Errorf("%s: %+v, want %v → %v", key, x, old, cur)
	}
}

// TestPingtan2024to2025 checks the comparison of 平潭's 2024 and 2025 reports
// against the documents: 行政规范性文件 本年制发 62 → 58, 本年新收 218 → 154
// (自然人 217 → 151), 2024 carries nothing forward and 2025 nothing over;
// part 一 opens with the same sentence both years (坚持以习近平新时代中国特色
// 社会主义思想为指导，全面学习贯彻党的二十大和二十届…) but is otherwise new,
// and part 五 is rewritten. The HTML page and the text capture of the same
// reports give the same comparison.
func TestPingtan2024to2025(t *testing.T) {
	for _, files := range [][2]string{
		{"2024_fujian_pingtan_zone_pagetxt.txt", "2025_fujian_pingtan_zone_pagetxt.txt"},
		{"2024_fujian_pingtan_zone_page.html", "2025_fujian_pingtan_zone_page.html"},
	} {
		c := pair(t, files[0], files[1])
		if !c.SameBody || !c.Consecutive || len(c.Warnings) != 0 {
			t.Errorf("%s: same body %v, consecutive %v, warnings %v", files[1], c.SameBody, c.Consecutive, c.Warnings)
		}
		wantChange(t, c, "t2.normative.issued", 62, 58)
		wantChange(t, c, "t3.new.total", 218, 154)
		wantChange(t, c, "t3.new.natural", 217, 151)
		wantChange(t, c, "t2.fees.amount", 18651.06, 4166.241619)
		if n := c.CarryMismatches(); n != 0 || len(c.Carry) != 7 || c.Carry[0].OK == nil {
			t.Errorf("%s: carry-over %+v", files[1], c.Carry)
		}
		p1, p5 := c.Parts[0], c.Parts[4]
		if p1.Share <= 0 || p1.Share > 0.2 || len(p1.Passages) == 0 || !strings.Contains(p1.Passages[0].Text, "坚持以习近平新时代中国特色社会主义思想为指导") {
			t.Errorf("%s: part 一 share %.2f, passages %v", files[1], p1.Share, p1.Passages)
		}
		if p5.Share > 0.1 || p5.Runes < 150 {
			t.Errorf("%s: part 五 share %.2f of %d", files[1], p5.Share, p5.Runes)
		}
	}
}

// TestPingtan2023to2024 is the carry-over and table 四 delta of the HTML pages.
func TestPingtan2023to2024(t *testing.T) {
	c := pair(t, "2023_fujian_pingtan_zone_page.html", "2024_fujian_pingtan_zone_page.html")
	wantChange(t, c, "t3.new.total", 81, 218)
	wantChange(t, c, "t4.suit_after_review.total", 2, 19)
	if c.CarryMismatches() != 0 {
		t.Errorf("carry-over %+v", c.Carry)
	}
}

// TestHebei: 河北省教育厅 2022 → 2023 (本年新收 自然人 41 → 18, 总计 44 → 19), a
// gap year for 人社厅 (2020 → 2022 is not consecutive) and two bodies.
func TestHebei(t *testing.T) {
	c := pair(t, "2022_hebei_education_dept_csvcell.txt", "2023_hebei_education_dept_csvcell.txt")
	wantChange(t, c, "t3.new.natural", 41, 18)
	wantChange(t, c, "t3.new.total", 44, 19)
	if len(c.Warnings) != 0 || c.CarryMismatches() != 0 {
		t.Errorf("warnings %v, carry %+v", c.Warnings, c.Carry)
	}
	c = pair(t, "2020_hebei_hrss_dept_csvcell.txt", "2022_hebei_hrss_dept_csvcell.txt")
	if !c.SameBody || c.Consecutive || len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "不是相邻两年") {
		t.Errorf("gap year: same body %v, consecutive %v, warnings %v", c.SameBody, c.Consecutive, c.Warnings)
	}
	c = pair(t, "2022_hebei_education_dept_csvcell.txt", "2023_hebei_hrss_dept_csvcell.txt")
	if c.SameBody || len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "发布机关不同") {
		t.Errorf("two bodies: same body %v, warnings %v", c.SameBody, c.Warnings)
	}
}

// TestJSONSchema: the JSON names its schema, lists every cell with old,
// new and change, and its summary agrees with the cells.
func TestJSONSchema(t *testing.T) {
	c := pair(t, "2024_fujian_pingtan_zone_page.html", "2025_fujian_pingtan_zone_page.html")
	var b bytes.Buffer
	if err := compare.JSON(&b, c); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema string `json:"schema"`
		Cells  []struct {
			Key     string   `json:"key"`
			Old     *float64 `json:"old"`
			New     *float64 `json:"new"`
			Change  *float64 `json:"change"`
			Changed bool     `json:"changed"`
		} `json:"cells"`
		Parts   []json.RawMessage `json:"parts"`
		Summary struct {
			Changed   int `json:"changed_cells"`
			Unchanged int `json:"unchanged_cells"`
		} `json:"summary"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != compare.Schema || len(doc.Parts) != 6 || len(doc.Cells) != doc.Summary.Changed+doc.Summary.Unchanged {
		t.Fatalf("schema %s, %d parts, %d cells, summary %+v", doc.Schema, len(doc.Parts), len(doc.Cells), doc.Summary)
	}
	changed := 0
	for _, x := range doc.Cells {
		if x.Changed {
			changed++
		}
	}
	if changed != doc.Summary.Changed {
		t.Errorf("changed cells %d, summary says %d", changed, doc.Summary.Changed)
	}
	for _, f := range []func(*bytes.Buffer) error{
		func(w *bytes.Buffer) error { return compare.Text(w, c) },
		func(w *bytes.Buffer) error { return compare.Markdown(w, c) },
		func(w *bytes.Buffer) error { return compare.HTML(w, c) },
	} {
		var o bytes.Buffer
		if err := f(&o); err != nil || !strings.Contains(o.String(), "62") {
			t.Errorf("render: %v", err)
		}
	}
}

// TestNoTextSimilarity: a part with no text to compare (平潭 2025's part 六
// is two characters once the template's wording is gone; parts 二–四 are
// tables) shows no similarity in the Markdown and HTML tables — a similarity
// of two near-empty texts (it was 1.00) says nothing — while a part with
// text keeps its number.
func TestNoTextSimilarity(t *testing.T) {
	c := pair(t, "2024_fujian_pingtan_zone_page.html", "2025_fujian_pingtan_zone_page.html")
	var md, page bytes.Buffer
	if err := compare.Markdown(&md, c); err != nil {
		t.Fatal(err)
	}
	if err := compare.HTML(&page, c); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(md.String(), "\n") {
		if strings.HasPrefix(line, "| 二、主动公开政府信息情况 |") && !strings.Contains(line, "没有可比较的正文（只有表格或模板用语） | — |") {
			t.Errorf("Markdown part 二: %s", line)
		}
		if strings.HasPrefix(line, "| 一、总体情况 |") && strings.Contains(line, "| — |") {
			t.Errorf("Markdown part 一 lost its similarity: %s", line)
		}
	}
	if !strings.Contains(page.String(), `<td>没有可比较的正文（只有表格或模板用语）</td><td class="n">—</td>`) {
		t.Errorf("HTML: a part without text should show — as its similarity")
	}
}

// TestUncertainMarked: a reading that is uncertain (平潭's text capture runs
// table 二's 行政规范性文件 row together, "62…", so its split is a guess; the
// HTML page has the cells apart) is marked "?" in the year it belongs to,
// the text, Markdown and HTML say what the mark means, and a comparison
// with no uncertain reading has neither marks nor the legend.
func TestUncertainMarked(t *testing.T) {
	c := pair(t, "2024_fujian_pingtan_zone_pagetxt.txt", "2025_fujian_pingtan_zone_page.html")
	x := cell(t, c, "t2.normative.issued")
	if !x.OldUncertain || x.NewUncertain || !x.Uncertain {
		t.Fatalf("t2.normative.issued: old uncertain %v, new uncertain %v", x.OldUncertain, x.NewUncertain)
	}
	outputs := map[string]func(*bytes.Buffer) error{
		"text":     func(b *bytes.Buffer) error { return compare.Text(b, c) },
		"markdown": func(b *bytes.Buffer) error { return compare.Markdown(b, c) },
		"html":     func(b *bytes.Buffer) error { return compare.HTML(b, c) },
	}
	want := map[string]string{
		"text":     "表二“行政规范性文件”行“本年制发件数”栏：62? → 58（-4）",
		"markdown": "| 表二“行政规范性文件”行“本年制发件数”栏 | 62? | 58 | -4 |",
		"html":     `<td class="n unsure">62?</td><td class="n">58</td>`,
	}
	for name, write := range outputs {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), want[name]) {
			t.Errorf("%s: no %q", name, want[name])
		}
		if !strings.Contains(b.String(), "带“?”的数字读数存疑") {
			t.Errorf("%s: no legend", name)
		}
	}
	c = pair(t, "2024_fujian_pingtan_zone_page.html", "2025_fujian_pingtan_zone_page.html")
	for name, write := range outputs {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "读数存疑") {
			t.Errorf("%s: legend without uncertain readings", name)
		}
		if strings.Contains(b.String(), "62?") || strings.Contains(b.String(), `class="n unsure"`) {
			t.Errorf("%s: a certain reading marked", name)
		}
	}
}
