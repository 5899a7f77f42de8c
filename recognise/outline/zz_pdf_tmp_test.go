package outline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/extract/pdf"
)

func TestZZPDF(t *testing.T) {
	for _, n := range []string{"2023_jiangsu_huaian_hongze_district.pdf", "2024_jiangsu_huaian_hongze_district.pdf", "2024_jiangsu_huaian_city.pdf"} {
		p := filepath.Join(sharedDir(t), "corpus", "real", n)
		data, _ := os.ReadFile(p)
		doc, err := pdf.Extract(context.Background(), p, data)
		if err != nil {
			t.Fatal(err)
		}
		o := Find(LinesOf(doc), doc.Meta)
		fmt.Printf("%s title=%q issuer=%q year=%d pub=%s(%s) hints=%v/%v\n", n, o.Title, o.Issuer, o.Year, o.Published, o.PublishedFrom, o.Hints.Cites2021, o.Hints.Cites2019)
		for _, s := range o.Sections {
			fmt.Printf("  %d %v %q p%d\n", s.N, s.Present, s.Heading, s.Page)
		}
	}
}
