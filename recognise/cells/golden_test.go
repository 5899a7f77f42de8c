package cells

import (
	"encoding/json"
	"flag"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/testdoc"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/recognise/template"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenExts are the corpus reports with cell goldens: text, Markdown, HTML.
var goldenExts = []string{".txt", ".md", ".html"}

// golden is the stored form of a Result.
type golden struct {
	Version   template.Version       `json:"version"`
	Tables    map[string]goldTable   `json:"tables"`
	Cells     map[string]*float64    `json:"cells"`
	Uncertain map[string][]float64   `json:"uncertain"`
	Notes     []string               `json:"notes,omitempty"`
	Extra     map[string]interface{} `json:"-"`
}

type goldTable struct {
	Found       bool   `json:"found"`
	Reader      string `json:"reader,omitempty"`
	HeadingOnly bool   `json:"heading_only,omitempty"`
	Sentence    string `json:"sentence,omitempty"`
}

func toGolden(r Result) golden {
	g := golden{Version: r.Version, Tables: map[string]goldTable{}, Cells: map[string]*float64{}, Uncertain: map[string][]float64{}, Notes: r.Notes}
	g.Tables["t2"] = goldTable{r.Tables.T2.Found, r.Reader.T2, r.Tables.T2.HeadingOnly, r.Tables.T2.Sentence}
	g.Tables["t3"] = goldTable{r.Tables.T3.Found, r.Reader.T3, r.Tables.T3.HeadingOnly, r.Tables.T3.Sentence}
	g.Tables["t4"] = goldTable{r.Tables.T4.Found, r.Reader.T4, r.Tables.T4.HeadingOnly, r.Tables.T4.Sentence}
	for k, c := range r.Cells {
		if c.Value.Valid {
			v := c.Value.V
			g.Cells[k] = &v
		} else {
			g.Cells[k] = nil
		}
		if c.Uncertain {
			alts := c.Alternatives
			if alts == nil {
				alts = []float64{}
			}
			g.Uncertain[k] = alts
		}
	}
	return g
}

func TestGolden(t *testing.T) {
	for _, path := range testutil.CorpusFiles(t, goldenExts...) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			doc := testdoc.Load(t, path)
			res := Recognise(doc, template.VUnknown)
			got, err := json.MarshalIndent(toGolden(res), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			testutil.Golden(t, filepath.Join("testdata", "golden", name+".json"), string(got), *update)
		})
	}
}

// TestOracle: on every document whose printed numbers are consistent, the
// template equalities hold on the extracted cells. The documents whose
// printed tables break an equality are listed with the equality they break
// (checked by reading the document), so that a new failure is a reading
// error.
func TestOracle(t *testing.T) {
	// printed inconsistencies, verified by reading each document
	known := map[string][]string{}
	for k, v := range knownInconsistent {
		known[k] = v
	}
	for _, path := range testutil.CorpusFiles(t, goldenExts...) {
		name := filepath.Base(path)
		doc := testdoc.Load(t, path)
		res := Recognise(doc, template.VUnknown)
		fails := checkEqualities(res)
		want := known[name]
		sort.Strings(fails)
		sort.Strings(want)
		if strings.Join(fails, ";") != strings.Join(want, ";") {
			t.Errorf("%s: equalities failing %v, want %v", name, fails, want)
		}
	}
}

// checkEqualities returns the names of the template equalities that fail on
// the valid, certain cells of res.
func checkEqualities(res Result) []string {
	get := func(k string) (float64, bool) {
		c, ok := res.Cells[k]
		if !ok || !c.Value.Valid || c.Uncertain {
			return 0, false
		}
		return c.Value.V, true
	}
	// sum adds the cells of keys; ok is false when one of them is not usable.
	sum := func(keys []string) (s float64, ok bool) {
		for _, k := range keys {
			v, ok := get(k)
			if !ok {
				return 0, false
			}
			s += v
		}
		return s, true
	}
	var fails []string
	rows := template.T3RowsFor(res.Version)
	if _, ok := res.Cells["t3.other.all.total"]; ok {
		rows = template.T3RowsFor(template.V2019)
	}
	for _, col := range template.T3Columns {
		c := col.Key
		// balance
		a, ok1 := get(template.T3Key("new", c))
		b, ok2 := get(template.T3Key("carried_over", c))
		tt, ok3 := get(template.T3Key("total", c))
		f, ok4 := get(template.T3Key("carried_forward", c))
		if ok1 && ok2 && ok3 && ok4 && math.Abs(a+b-tt-f) > 1e-6 {
			fails = append(fails, "balance."+c)
		}
		// total = sum of leaves
		var leaves []string
		for _, r := range rows {
			if r.Leaf {
				leaves = append(leaves, template.T3Key(r.Key, c))
			}
		}
		if s, all := sum(leaves); all && ok3 && math.Abs(s-tt) > 1e-6 {
			fails = append(fails, "leaves."+c)
		}
	}
	for _, r := range rows {
		var keys []string
		for _, col := range template.T3Columns[:6] {
			keys = append(keys, template.T3Key(r.Key, col.Key))
		}
		s, all := sum(keys)
		tt, ok := get(template.T3Key(r.Key, "total"))
		if all && ok && math.Abs(s-tt) > 1e-6 {
			fails = append(fails, "row."+r.Key)
		}
	}
	for _, g := range template.T4Groups {
		var keys []string
		for _, col := range template.T4Columns[:4] {
			keys = append(keys, template.T4Key(g.Key, col.Key))
		}
		s, all := sum(keys)
		tt, ok := get(template.T4Key(g.Key, "total"))
		if all && ok && math.Abs(s-tt) > 1e-6 {
			fails = append(fails, "t4."+g.Key)
		}
	}
	return fails
}

// knownInconsistent lists, per document, the equalities its printed tables
// break (each checked against the document text).
var knownInconsistent = map[string][]string{
	// （七）总计 20|0|0|0|0|1|21, but the result rows add up to 26 and 27:
	// 予以公开 6…7, 部分公开 6…6, 不掌握 4…4, 补正后仍不明确 3…3, 重复申请 3…3,
	// （六）其他处理 4…4.
	"2020_fujian_pingtan_zone_pagetxt.txt": {"leaves.natural", "leaves.total"},
}
