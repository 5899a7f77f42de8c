package prose

import (
	"fmt"
	"os"
	"testing"

	"github.com/nianbao/nianbao/recognise/outline"
)

func TestDumpFigures(t *testing.T) {
	name := os.Getenv("DUMP")
	if name == "" {
		t.Skip("DUMP not set")
	}
	doc := loadCorpus(t, name)
	lines := outline.LinesOf(doc)
	o := outline.Find(lines, doc.Meta)
	ls, secs := outline.Split(lines, o)
	figs, enums := Figures(ls, func(i int) int { return secs[i] })
	for _, f := range figs {
		fmt.Printf("%d L%d:%d %v %s %q neg=%v cue=%s approx=%v  | %q\n", f.Section, f.Line, f.Rune, f.Value, f.Unit, f.Subject, f.Negated, f.Cue, f.Approx, f.Text)
	}
	for _, e := range enums {
		fmt.Printf("ENUM s%d %s %v%s %q =", e.Section, e.Cue, e.Total.Value, e.Total.Unit, e.Total.Subject)
		for _, p := range e.Parts {
			fmt.Printf(" + %v(%s)", p.Value, p.Subject)
		}
		fmt.Printf("   | %q\n", e.Text)
	}
}
