package html

import (
	"context"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/testutil"
)

// TestAgainstCrawlerText compares each raw Pingtan page with the crawler's
// page.txt of the same report (an independent text dump of the same article
// body): with all white space removed, our text blocks and table cells in
// reading order must spell exactly the crawler's body text — nothing
// missing, nothing extra.
func TestAgainstCrawlerText(t *testing.T) {
	for _, year := range []string{"2023", "2024", "2025"} {
		t.Run(year, func(t *testing.T) {
			htmlPath := testutil.Corpus(t, year+"_fujian_pingtan_zone_page.html")
			txtPath := testutil.Corpus(t, year+"_fujian_pingtan_zone_pagetxt.txt")
			data, err := os.ReadFile(htmlPath)
			if err != nil {
				t.Fatal(err)
			}
			txt, err := os.ReadFile(txtPath)
			if err != nil {
				t.Fatal(err)
			}
			const marker = "==================== 正文 ===================="
			i := strings.Index(string(txt), marker)
			if i < 0 {
				t.Fatalf("test premise: no body marker in %s", txtPath)
			}
			want := squeeze(string(txt[i+len(marker):]))

			doc, err := Extract(context.Background(), htmlPath, data, "")
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, bl := range doc.Blocks {
				if bl.Kind == extract.BlockText {
					b.WriteString(bl.Text)
					continue
				}
				for _, c := range bl.Table.Cells {
					b.WriteString(c.Text)
				}
			}
			got := squeeze(b.String())
			if got != want {
				g, w := []rune(got), []rune(want)
				k := 0
				for k < len(g) && k < len(w) && g[k] == w[k] {
					k++
				}
				t.Errorf("differs at rune %d (got %d runes, want %d):\n got  …%s…\n want …%s…", k, len(g), len(w),
					string(g[max(0, k-20):min(len(g), k+30)]), string(w[max(0, k-20):min(len(w), k+30)]))
			}
		})
	}
}

// squeeze normalises text and removes all white space.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, extract.Normalize(s))
}
