package pdf_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/pdf/pdftest"
)

func TestZZDiff(t *testing.T) {
	ps := os.Getenv("DIFF")
	if ps == "" {
		t.Skip()
	}
	for _, p := range strings.Fields(ps) {
		res, err := pdftest.Compare(p)
		if err != nil {
			fmt.Println(p, "ERR", err)
			continue
		}
		worst := 1.0
		tot, com := 0, 0
		for _, m := range res {
			worst = min(worst, m.Ratio())
			tot += max(m.Ours, m.Theirs)
			com += m.Common
		}
		fmt.Printf("%-70s pages %3d worst %.4f all %.4f\n", p, len(res), worst, float64(com)/float64(max(tot, 1)))
		for _, m := range res {
			if m.Ratio() < 1 {
				fmt.Printf("   p%d %.4f ours %d theirs %d missing[%.300s] extra[%.300s]\n", m.Page, m.Ratio(), m.Ours, m.Theirs, m.Missing, m.Extra)
			}
		}
	}
}
