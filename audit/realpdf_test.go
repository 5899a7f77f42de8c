package audit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/recognise/template"
)

// realPDFs are the real WPS exports of the corpus. Their goldens in
// testdata/realpdf hold every template cell as printed in the PDF (checked
// against the rendered pages and pdftotext -layout, row by row).
var realPDFs = []string{
	"2023_jiangsu_huaian_hongze_district.pdf",
	"2024_jiangsu_huaian_hongze_district.pdf",
	"2024_jiangsu_huaian_city.pdf",
}

type pdfGolden struct {
	Title     string              `json:"title"`
	Issuer    string              `json:"issuer"`
	Year      int                 `json:"year"`
	Template  string              `json:"template"`
	Published string              `json:"published"`
	Sections  []int               `json:"sections_present"`
	Cells     map[string]*float64 `json:"cells"`
	Uncertain []string            `json:"uncertain,omitempty"`
	Pages     map[string]int      `json:"table_pages"`
}

// TestRealPDFCells reads each real PDF through the whole pipeline and
// compares its metadata and every cell with the golden file.
func TestRealPDFCells(t *testing.T) {
	var files []string
	for _, name := range realPDFs {
		files = append(files, testutil.Corpus(t, name))
	}
	res := audit.Run(context.Background(), files, audit.Options{Workers: 2})
	for i, it := range res.Items {
		name := realPDFs[i]
		t.Run(name, func(t *testing.T) {
			if it.Err != nil {
				t.Fatal(it.Err)
			}
			r := it.Report
			got := pdfGolden{Title: r.Title, Issuer: r.Issuer, Year: r.Year, Template: string(r.Template),
				Published: r.Published, Cells: map[string]*float64{},
				Pages: map[string]int{"t2": r.Tables.T2.Page, "t3": r.Tables.T3.Page, "t4": r.Tables.T4.Page}}
			for _, s := range r.Sections {
				if s.Present {
					got.Sections = append(got.Sections, s.N)
				}
			}
			for k, c := range r.Cells {
				if c.Value.Valid {
					v := c.Value.V
					got.Cells[k] = &v
				} else {
					got.Cells[k] = nil
				}
				if c.Uncertain {
					got.Uncertain = append(got.Uncertain, k)
				}
			}
			sort.Strings(got.Uncertain)
			data, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			data = append(data, '\n')
			path := filepath.Join("testdata", "realpdf", name+".json")
			if *update {
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it, then check it against the PDF)", err)
			}
			if !bytes.Equal(data, want) {
				var w pdfGolden
				if err := json.Unmarshal(want, &w); err != nil {
					t.Fatal(err)
				}
				diffGolden(t, w, got)
			}
			// The template's equalities are an accuracy oracle: where the
			// document prints consistent numbers they must hold on what we
			// read. Table 三's balance holds in all three reports.
			for _, c := range template.T3Columns {
				sum := func(rows ...string) float64 {
					s := 0.0
					for _, row := range rows {
						if v := got.Cells[template.T3Key(row, c.Key)]; v != nil {
							s += *v
						}
					}
					return s
				}
				if a, b := sum("new", "carried_over"), sum("total", "carried_forward"); a != b {
					t.Errorf("table 三 column %s: 一+二 = %v but （七）+四 = %v", c.Key, a, b)
				}
			}
		})
	}
}

func diffGolden(t *testing.T, want, got pdfGolden) {
	t.Helper()
	wm, _ := json.Marshal(pdfGolden{Title: want.Title, Issuer: want.Issuer, Year: want.Year, Template: want.Template, Published: want.Published, Sections: want.Sections, Pages: want.Pages})
	gm, _ := json.Marshal(pdfGolden{Title: got.Title, Issuer: got.Issuer, Year: got.Year, Template: got.Template, Published: got.Published, Sections: got.Sections, Pages: got.Pages})
	if !bytes.Equal(wm, gm) {
		t.Errorf("metadata differs:\n want %s\n got  %s", wm, gm)
	}
	for k, w := range want.Cells {
		g, ok := got.Cells[k]
		if !ok {
			t.Errorf("cell %s missing, want %s", k, show(w))
		} else if show(g) != show(w) {
			t.Errorf("cell %s = %s, want %s", k, show(g), show(w))
		}
	}
	for k, g := range got.Cells {
		if _, ok := want.Cells[k]; !ok {
			t.Errorf("extra cell %s = %s", k, show(g))
		}
	}
	if w, g := keysOf(want.Uncertain), keysOf(got.Uncertain); w != g {
		t.Errorf("uncertain cells = %s, want %s", g, w)
	}
}

func keysOf(s []string) string {
	m := map[string]bool{}
	for _, k := range s {
		m[k] = true
	}
	return keys(m)
}
