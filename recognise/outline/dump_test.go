package outline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDumpOutlines(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip("DUMP not set")
	}
	dir := filepath.Join(sharedDir(t), "corpus", "real")
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		n := e.Name()
		if !(strings.HasSuffix(n, ".txt") || strings.HasSuffix(n, ".md") || strings.HasSuffix(n, ".html")) {
			continue
		}
		doc := loadCorpus(t, n)
		o := Find(LinesOf(doc), doc.Meta)
		fmt.Printf("=== %s\n title=%q(%s) issuer=%q(%s) year=%d(%s) period=%s..%s pub=%s(%s) sig=%q hints=%+v\n", n, o.Title, o.TitleFrom, o.Issuer, o.IssuerFrom, o.Year, o.YearFrom, o.PeriodStart, o.PeriodEnd, o.Published, o.PublishedFrom, o.Signature, o.Hints)
		for _, s := range o.Sections {
			if s.Present {
				fmt.Printf("  %d %q num=%d std=%v sim=%.2f start=%v body=%v len=%d\n", s.N, s.Heading, s.Numeral, s.Standard, s.Similarity, s.Start, s.BodyStart, len([]rune(s.Text)))
			} else {
				fmt.Printf("  %d ABSENT\n", s.N)
			}
		}
		var ys []string
		for _, y := range o.Years {
			if y.Where != "body" {
				ys = append(ys, fmt.Sprintf("%d/%s", y.Year, y.Where))
			}
		}
		fmt.Println("  years:", ys)
	}
}
