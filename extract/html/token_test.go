package html

import (
	"context"
	"runtime"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/hostile"
)

// TestHugeTokenCut: a page whose one token — an attribute value, a comment
// never closed, a script, a paragraph in ISO-2022-JP — is 64 MB is cut
// before that token, saying so, without holding it several times over
// (before: the token was counted once, let through, and copied: 100 MB
// took 400–530 MB and the batch's memory guard stopped the file).
func TestHugeTokenCut(t *testing.T) {
	for _, kind := range []string{"attribute", "comment", "script", "iso-2022-jp"} {
		data := hostile.HTMLHugeToken(kind, 64<<20)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		ctx := extract.WithBudget(context.Background(), extract.NewBudget(extract.DefaultBudget))
		doc, err := Extract(ctx, kind+".html", data, "")
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		n := after.TotalAlloc - before.TotalAlloc
		t.Logf("%s: allocated %d MB", kind, n>>20)
		if n > 96<<20 { // the tokenizer grows its buffer to a quarter of the budget, then stops
			t.Errorf("%s: allocated %d MB", kind, n>>20)
		}
		said := false
		for _, p := range doc.Problems {
			said = said || p.Code == extract.ProblemBudget && strings.Contains(p.Message, "内存预算")
		}
		if !said {
			t.Errorf("%s: problems %v", kind, doc.Problems)
		}
	}
}
