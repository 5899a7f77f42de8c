package docx

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"runtime"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/hostile"
	"github.com/nianbao/nianbao/internal/testutil"
)

// TestSamePictureReadOnce: a 20 MB picture shown 64 times under part 二
// is read once (it was read 64 times: 1.3 GB), and its bytes are spent
// from the document's budget.
func TestSamePictureReadOnce(t *testing.T) {
	data := hostile.DOCXSamePicture(64, 20<<20-1)
	budget := extract.NewBudget(extract.DefaultBudget)
	ctx := extract.WithBudget(context.Background(), budget)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	doc, err := Extract(ctx, "same.docx", data)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Images) != 64 {
		t.Fatalf("%d pictures, want 64", len(doc.Images))
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 100<<20 {
		t.Errorf("allocated %d MB for one 20 MB picture", n>>20)
	}
	if budget.Used() < 19<<20 {
		t.Errorf("the picture's bytes were not spent: %d", budget.Used())
	}
}

// TestPicturesOverBudget: pictures past the budget are left out with a
// problem, and the budget is not exhausted by them.
func TestPicturesOverBudget(t *testing.T) {
	budget := extract.NewBudget(10 << 20)
	ctx := extract.WithBudget(context.Background(), budget)
	doc, err := Extract(ctx, "same.docx", hostile.DOCXSamePicture(3, 15<<20))
	if err != nil {
		t.Fatal(err)
	}
	budgetProblems := 0
	for _, p := range doc.Problems {
		if p.Code == extract.ProblemBudget {
			budgetProblems++
		}
	}
	// one picture shown three times: left out, and said once
	if len(doc.Images) != 0 || budgetProblems != 1 {
		t.Errorf("%d pictures, problems %v", len(doc.Images), doc.Problems)
	}
	if budget.Err() != nil {
		t.Errorf("a picture left out exhausted the budget: %v", budget.Err())
	}
}

// A table nested in a cell becomes that cell's lines, one per row, in
// time linear in its rows (before: each row looked through every cell).
func TestNestedTableRowsScaling(t *testing.T) {
	testutil.Linear(t, "nested table", func(k int) func() {
		data := hostile.DOCXNestedTableRows(500 * k)
		return func() {
			doc, err := Extract(context.Background(), "nested.docx", data)
			if err != nil || len(doc.Blocks) != 1 || doc.Blocks[0].Table == nil {
				t.Fatalf("err %v, blocks %d", err, len(doc.Blocks))
			}
		}
	})
}

func TestNestedTableRowLines(t *testing.T) {
	data := makeDocx(t, `<w:tbl><w:tr><w:tc><w:tbl>`+
		`<w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>`+
		`<w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>`+
		`<w:tr><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>`+
		`</w:tbl><w:p/></w:tc></w:tr></w:tbl>`, nil)
	doc, err := Extract(context.Background(), "nested.docx", data)
	if err != nil || len(doc.Blocks) != 1 || doc.Blocks[0].Table == nil {
		t.Fatalf("err %v, blocks %+v", err, doc.Blocks)
	}
	if got := doc.Blocks[0].Table.Cells[0].Text; got != "甲 1\n乙 2" && got != "甲 1 乙 2" {
		t.Errorf("cell %q", got)
	}
}

// allocated is what f allocates, in bytes.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestLongRunCut: one w:t run of 64 MB (a small file) is cut where it
// passes recognition's share of the budget, without being held whole
// (before: held and copied three times over, 480 MB of a 200 MB run).
func TestLongRunCut(t *testing.T) {
	data := hostile.DOCXLongRun(64 << 20)
	var doc *extract.Document
	var err error
	n := allocated(func() {
		ctx := extract.WithBudget(context.Background(), extract.NewBudget(extract.DefaultBudget))
		doc, err = Extract(ctx, "long-run.docx", data)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n > 32<<20 {
		t.Errorf("allocated %d MB for a run cut at 2 MB", n>>20)
	}
	said := false
	for _, p := range doc.Problems {
		said = said || p.Code == extract.ProblemBudget && strings.HasPrefix(p.Message, "正文过长")
	}
	if !said {
		t.Errorf("problems %v", doc.Problems)
	}
}

// TestHugeMetaParts: package relationships and core properties that
// inflate to 64 MB are not read whole past the budget (before: read and
// unmarshalled, 545 MB and 890 MB at 200 MB); the body is read.
func TestHugeMetaParts(t *testing.T) {
	for name, data := range map[string][]byte{
		"rels": hostile.DOCXManyRels(64 << 20),
		"core": hostile.DOCXHugeCore(64 << 20),
	} {
		var doc *extract.Document
		var err error
		budget := extract.NewBudget(extract.DefaultBudget)
		n := allocated(func() {
			doc, err = Extract(extract.WithBudget(context.Background(), budget), name+".docx", data)
		})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if n > 32<<20 {
			t.Errorf("%s: allocated %d MB", name, n>>20)
		}
		if len(doc.Blocks) != 1 || !strings.Contains(doc.Blocks[0].Text, "12件") {
			t.Errorf("%s: blocks %+v", name, doc.Blocks)
		}
		if budget.Err() != nil {
			t.Errorf("%s: budget exhausted: %v", name, budget.Err())
		}
	}
}

// TestPicturesArePages: a Word file of a title and scanned pages reads its
// page-sized pictures as whole pages; one linked from outside the file
// (r:link, as LibreOffice keeps the pictures of a web page it converts) is a
// page not read, said as page_error, where it was passed over in silence.
func TestPicturesArePages(t *testing.T) {
	big := image.NewGray(image.Rect(0, 0, 600, 800))
	var b bytes.Buffer
	if err := jpeg.Encode(&b, big, nil); err != nil {
		t.Fatal(err)
	}
	data := hostile.DOCXPictures([]string{"某镇2023年政府信息公开工作年度报告"}, [][]byte{b.Bytes(), b.Bytes()})
	doc, err := Extract(context.Background(), "scan.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Images) != 2 || !doc.Images[0].WholePage || !doc.Images[1].WholePage {
		t.Errorf("pictures %+v, want two whole pages", doc.Images)
	}
	linked := hostile.DOCXPictures([]string{"某镇2023年政府信息公开工作年度报告"}, [][]byte{b.Bytes(), nil})
	doc, err = Extract(context.Background(), "linked.docx", linked)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Images) != 1 || len(doc.Problems) != 1 || doc.Problems[0].Code != extract.ProblemPage || !strings.Contains(doc.Problems[0].Message, "rId11") {
		t.Errorf("pictures %d, problems %+v: want one read and one page_error naming rId11", len(doc.Images), doc.Problems)
	}
	// in a report with its parts, a table's picture not in the file: what
	// it holds is missing (picture_unread), not a feature left out
	table := hostile.DOCXPictures([]string{"三、收到和处理政府信息公开申请情况"}, [][]byte{nil})
	doc, err = Extract(context.Background(), "table.docx", table)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Images) != 0 || len(doc.Problems) != 1 || doc.Problems[0].Code != extract.ProblemPicture || !strings.Contains(doc.Problems[0].Message, "第三部分的图片") {
		t.Errorf("pictures %d, problems %+v: want one picture_unread in part 三", len(doc.Images), doc.Problems)
	}
}
