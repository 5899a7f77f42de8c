package html

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/testutil"
)

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func FuzzExtract(f *testing.F) {
	seeds := []string{
		"",
		"<p>正文</p>",
		`<table><tr><td rowspan=0 colspan=3>a</td><td>b</td></tr><tr><td colspan=2>c</td></tr></table>`,
		`<table><tr><td>a</td><td rowspan=2>b</td><td>c</td></tr><tr><td colspan=3>d</td><td>e</td></tr></table>`,
		`<table><thead><tr><td rowspan=65534>h</td></tr></thead><tfoot><tr><td colspan=1000>f</td></tr></tfoot></table>`,
		`<table><tr><td><table><tr><td>inner</td><td>2</td></tr></table></td><td>x</td></tr></table>`,
		`<meta charset="gbk"><p>` + "\xc6\xbd\xcc\xb6" + `</p>`,
		`<meta name="PubDate" content="2024-03-08 15:34"><div class=TRS_Editor><p>本报告</p></div>`,
		`<ucapcontent><p>正文</p></ucapcontent><publishtime>2024-01-17</publishtime>`,
		`<table class="table_content"><tr><td>索引号</td><td>1</td><td>发布机构</td><td>局</td></tr></table>`,
		"<div><p>一<b>二</p>三</div></span><p>四<table><tr><td>x<td>y</table>五",
		"\xef\xbb\xbf<p>bom</p>",
		"\xfe\xff\x00<\x00p\x00>",
	}
	for _, s := range seeds {
		f.Add([]byte(s), "")
	}
	f.Add([]byte("<p>x</p>"), "text/html; charset=gb2312")
	f.Add([]byte("<p>x</p>"), "text/html; charset=")
	// An excerpt of a real page (a Word-pasted table), when the shared corpus
	// is there. Whole pages make the fuzzer's minimisation crawl.
	{
		p := testutil.SharedPath(f, "corpus", "real", "2019_shanghai_municipal_gov_office_fragment.html")
		if data, err := os.ReadFile(p); err == nil {
			if i := bytes.Index(data, []byte("<table")); i >= 0 {
				f.Add(data[i:min(len(data), i+6000)], "")
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		doc, err := Extract(context.Background(), "fuzz.html", data, contentType)
		if err != nil {
			t.Fatalf("Extract: %v", err)
		}
		if doc.Meta.Published != "" && (!isoDate.MatchString(doc.Meta.Published) || doc.Meta.PublishedFrom == "") {
			t.Errorf("bad Meta.Published %q from %q", doc.Meta.Published, doc.Meta.PublishedFrom)
		}
		for i, b := range doc.Blocks {
			switch b.Kind {
			case extract.BlockText:
				if b.Text == "" || extract.Normalize(b.Text) != b.Text {
					t.Errorf("block %d: text not normalised: %q", i, b.Text)
				}
			case extract.BlockTable:
				checkTableInvariants(t, b.Table)
			default:
				t.Errorf("block %d: kind %d", i, b.Kind)
			}
		}
	})
}

// checkTableInvariants asserts what every emitted table guarantees: spans of
// at least 1, every cell inside the grid, no slot covered twice, a bounded
// size, normalised texts.
func checkTableInvariants(t *testing.T, tb *extract.Table) {
	t.Helper()
	if tb == nil || tb.Rows < 1 || tb.Cols < 1 || tb.Rows*tb.Cols > extract.MaxTableSlots || len(tb.Cells) == 0 {
		t.Fatalf("bad table %+v", tb)
	}
	seen := map[[2]int]bool{}
	for _, c := range tb.Cells {
		if c.RowSpan < 1 || c.ColSpan < 1 || c.Row < 0 || c.Col < 0 || c.Row+c.RowSpan > tb.Rows || c.Col+c.ColSpan > tb.Cols {
			t.Fatalf("cell %+v outside the %dx%d grid", c, tb.Rows, tb.Cols)
		}
		if extract.Normalize(c.Text) != c.Text {
			t.Errorf("cell text not normalised: %q", c.Text)
		}
		if c.RowSpan*c.ColSpan > 1<<16 {
			continue // large spans: checked by bounds only
		}
		for r := c.Row; r < c.Row+c.RowSpan; r++ {
			for k := c.Col; k < c.Col+c.ColSpan; k++ {
				if seen[[2]int{r, k}] {
					t.Fatalf("slot r%d c%d covered twice", r, k)
				}
				seen[[2]int{r, k}] = true
			}
		}
	}
}
