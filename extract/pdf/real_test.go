package pdf_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/pdf"
	"github.com/nianbao/nianbao/extract/pdf/pdftest"
)

var realPDFs = []struct {
	name  string
	pages int
}{
	{"2023_jiangsu_huaian_hongze_district.pdf", 5},
	{"2024_jiangsu_huaian_hongze_district.pdf", 5},
	{"2024_jiangsu_huaian_city.pdf", 6},
}

func realPath(t testing.TB, name string) string {
	p := filepath.Join(pdf.SharedDir(t), "corpus", "real", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not found", p)
	}
	return p
}

func TestDifferentialPdftotext(t *testing.T) {
	for _, f := range realPDFs {
		t.Run(f.name, func(t *testing.T) {
			res := pdftest.Check(t, realPath(t, f.name), 0.995)
			for _, m := range res {
				t.Logf("page %d: %.3f%% (ours %d, pdftotext %d) missing[%s] extra[%s]", m.Page, 100*m.Ratio(), m.Ours, m.Theirs, m.Missing, m.Extra)
			}
		})
	}
}

func TestRealFiles(t *testing.T) {
	// pages that hold ruled tables, read off the rendered pages
	tablePages := map[string][]int{
		"2023_jiangsu_huaian_hongze_district.pdf": {2, 3, 4},
		"2024_jiangsu_huaian_hongze_district.pdf": {2, 3, 4},
		"2024_jiangsu_huaian_city.pdf":            {3, 4, 5},
	}
	// files whose table 三 has the vertical (Identity-V) row label
	vertical := map[string]bool{
		"2023_jiangsu_huaian_hongze_district.pdf": true,
		"2024_jiangsu_huaian_hongze_district.pdf": true,
	}
	for _, f := range realPDFs {
		t.Run(f.name, func(t *testing.T) {
			data, err := os.ReadFile(realPath(t, f.name))
			if err != nil {
				t.Fatal(err)
			}
			pages, probs, info, err := pdf.Pages(bytes.NewReader(data), int64(len(data)), pdf.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != f.pages {
				t.Errorf("%d pages, want %d", len(pages), f.pages)
			}
			if len(probs) != 0 {
				t.Errorf("problems: %v", probs)
			}
			if !strings.Contains(info.Title, "政府信息公开工作年度报告") || info.Author != "王守强" || len(info.CreationDate) != 10 {
				t.Errorf("info %+v", info)
			}
			isTable := map[int]bool{}
			for _, n := range tablePages[f.name] {
				isTable[n] = true
			}
			var vert []rune
			for _, p := range pages {
				if p.Width != 595 || p.Height != 842 {
					t.Errorf("page %d: size %vx%v", p.Number, p.Width, p.Height)
				}
				for _, g := range p.Glyphs {
					if g.R == 0xFFFD || strings.ContainsRune(g.Text, 0xFFFD) {
						t.Errorf("page %d: U+FFFD at (%.1f, %.1f)", p.Number, g.X0, g.Y0)
					}
					if g.Vertical {
						vert = append(vert, g.R)
					}
				}
				// tables are ruled with stroked lines; text pages have none
				if isTable[p.Number] && len(p.Segments) < 10 {
					t.Errorf("table page %d: only %d segments", p.Number, len(p.Segments))
				}
				if !isTable[p.Number] && len(p.Segments) != 0 {
					t.Errorf("text page %d: %d segments", p.Number, len(p.Segments))
				}
			}
			want := ""
			if vertical[f.name] {
				want = "三、本年度办理结果"
			}
			if string(vert) != want {
				t.Errorf("vertical glyphs %q, want %q", string(vert), want)
			}
		})
	}
}

// The fixture generator's PDFs (LibreOffice and Chromium renderings of
// reports) must agree with pdftotext too.
func TestDifferentialFixtures(t *testing.T) {
	pdftest.CheckGlob(t, filepath.Join(pdf.RepoRoot(t), "fixtures", "pdf", "*.pdf"), 0.995)
}
