package load

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/hostile"
)

// A document that needs more than its budget is cut with a budget
// problem (or refused with ErrBudget), never read whole.
func TestBudgetCutsHostileMarkup(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"bomb.docx", hostile.DOCXBomb(60 << 20)},
		{"table.html", hostile.HTMLTable(24 << 20)},
		{"text.txt", hostile.Text(8 << 20)},
		{"bomb.pdf", hostile.PDFFlateBomb(64 << 20)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := extract.NewBudget(16 << 20)
			ctx := extract.WithBudget(context.Background(), b)
			var doc *extract.Document
			var err error
			doc, err = Bytes(ctx, tc.name, tc.data)
			if err != nil {
				if !errors.Is(err, extract.ErrBudget) {
					t.Fatalf("error %v", err)
				}
				return
			}
			found := false
			for _, p := range doc.Problems {
				if p.Code == extract.ProblemBudget && strings.Contains(p.Message, "内存预算") {
					found = true
				}
			}
			if !found {
				t.Errorf("no budget problem: %v", doc.Problems)
			}
			if b.Peak() > 16<<20 || len(doc.Blocks) == 0 {
				t.Errorf("peak %d, %d blocks", b.Peak(), len(doc.Blocks))
			}
		})
	}
}

// Within its budget a document is read whole and says nothing about it.
func TestBudgetLeavesOrdinaryFilesAlone(t *testing.T) {
	for name, data := range map[string][]byte{
		"small.docx": hostile.DOCX("一、总体情况", "本机关收到申请12件。"),
		"small.html": hostile.HTMLTable(64 << 10),
		"pages.pdf":  hostile.PDFPages(20),
	} {
		doc, err := Bytes(context.Background(), name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, p := range doc.Problems {
			if p.Code == extract.ProblemBudget {
				t.Errorf("%s: %v", name, p)
			}
		}
	}
}
