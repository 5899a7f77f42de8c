package pdf_test

import (
	"os"
	"path/filepath"
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
