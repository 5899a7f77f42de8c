package layout_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/testutil"
)

// TestFixturePDFs runs the generated PDFs of fixtures/pdf (LibreOffice and
// Chromium renderings) and checks table 三 against the facts their
// generator recorded: one table on the stated pages, and the 一、 and 四、
// rows holding the generated numbers.
func TestFixturePDFs(t *testing.T) {
	metas, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(t), "fixtures", "pdf", "*.json"))
	if len(metas) == 0 {
		t.Skip("no fixtures/pdf/*.json")
	}
	cols := []string{"natural", "commercial", "research", "social", "legal", "other_org", "total"}
	for _, meta := range metas {
		var fx struct {
			PDF        string         `json:"pdf"`
			Borderless bool           `json:"borderless"`
			Cells      map[string]any `json:"cells"`
			Facts      struct {
				T3Pages []int `json:"t3_pages"`
			} `json:"pdf_facts"`
		}
		data, err := os.ReadFile(meta)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &fx); err != nil {
			t.Fatalf("%s: %v", meta, err)
		}
		t.Run(filepath.Base(fx.PDF), func(t *testing.T) {
			blocks := realBlocks(t, filepath.Join(testutil.RepoRoot(t), fx.PDF))
			// the table of each checked row: table 三 itself when ruled
			var tableOf func(string) *extract.Table
			if fx.Borderless {
				// Without rules table 三 is found by alignment, without its
				// header rows (and table 四, a single data row, and the
				// table 二 blocks of one to three numbers are no tables);
				// every cell is checked end to end in audit/fixtures_test.go.
				tableOf = func(label string) *extract.Table {
					ts := findTable(blocks, label)
					if len(ts) != 1 {
						t.Errorf("%d tables with %s, want 1", len(ts), label)
						return nil
					}
					if ts[0].Page != fx.Facts.T3Pages[0] || ts[0].LastPage != fx.Facts.T3Pages[1] {
						t.Errorf("%s: table on pages %d–%d, want %v", label, ts[0].Page, ts[0].LastPage, fx.Facts.T3Pages)
					}
					return ts[0]
				}
			} else {
				if n := len(tables(blocks)); n != 3 {
					t.Errorf("%d tables, want 3 (二, 三, 四)", n)
				}
				ts := findTable(blocks, "申请人情况")
				if len(ts) != 1 {
					t.Fatalf("%d tables with 申请人情况, want 1", len(ts))
				}
				t3 := ts[0]
				if t3.Page != fx.Facts.T3Pages[0] || t3.LastPage != fx.Facts.T3Pages[1] {
					t.Errorf("table 三 on pages %d–%d, want %v", t3.Page, t3.LastPage, fx.Facts.T3Pages)
				}
				for _, c := range t3.Cells {
					if c.Text != "" && (c.Page < fx.Facts.T3Pages[0] || c.Page > fx.Facts.T3Pages[1]) {
						t.Errorf("cell %d,%d %q on page %d, outside %v", c.Row, c.Col, c.Text, c.Page, fx.Facts.T3Pages)
					}
				}
				tableOf = func(string) *extract.Table { return t3 }
			}
			for label, key := range map[string]string{"一、本年新收政府信息公开申请数量": "new", "四、结转下年度继续办理": "carried_forward"} {
				var want []string
				for _, c := range cols {
					v, ok := fx.Cells["t3."+key+"."+c].(float64)
					if !ok {
						t.Skipf("no generated value for t3.%s.%s", key, c)
					}
					want = append(want, strconv.FormatFloat(v, 'f', -1, 64))
				}
				t3 := tableOf(label)
				if t3 == nil {
					continue
				}
				row := -1
				for _, c := range t3.Cells {
					if c.Col == 0 && c.Text == label {
						row = c.Row
					}
				}
				if row < 0 {
					t.Errorf("no row %s", label)
					continue
				}
				if got := rowText(t3, row, t3.Cols-len(cols)); got != strings.Join(want, " ") {
					t.Errorf("%s: %q, want %q", label, got, strings.Join(want, " "))
				}
			}
		})
	}
}
