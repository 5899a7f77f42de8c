package prose

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/recognise/outline"
)

func TestZZTmp(t *testing.T) {
	for _, name := range strings.Fields(os.Getenv("DUMP")) {
		doc := loadCorpus(t, name)
		lines := outline.LinesOf(doc)
		o := outline.Find(lines, doc.Meta)
		ls, secs := outline.Split(lines, o)
		figs, _ := Figures(ls, func(i int) int { return secs[i] })
		for _, f := range figs {
			fmt.Printf("%s s%d %g%s [%s] neg=%v | %s\n", name[:12], f.Section, f.Value, f.Unit, f.Subject, f.Negated, f.Text)
		}
	}
}
