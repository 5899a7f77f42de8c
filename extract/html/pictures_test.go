package html

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/hostile"
)

// TestSamePictureFileReadOnce: a page that shows a 20 MB picture file 64
// times under part 二 reads the file once (it read it 64 times: 1.3 GB
// from a page of 2 KB), and spends its bytes from the budget.
func TestSamePictureFileReadOnce(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.png"), hostile.PaddedPNG(20<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "page.html")
	budget := extract.NewBudget(extract.DefaultBudget)
	ctx := extract.WithBudget(context.Background(), budget)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	doc, err := Extract(ctx, page, hostile.HTMLSameFile(64, "t.png"), "")
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
	if budget.Used() < 20<<20 {
		t.Errorf("the picture's bytes were not spent: %d", budget.Used())
	}
}

// TestPicturesOverBudget: a picture past the budget is not read, the page
// says why, and the budget is not exhausted by it.
func TestPicturesOverBudget(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.png"), hostile.PaddedPNG(15<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	budget := extract.NewBudget(10 << 20)
	ctx := extract.WithBudget(context.Background(), budget)
	doc, err := Extract(ctx, filepath.Join(dir, "page.html"), hostile.HTMLSameFile(2, "t.png"), "")
	if err != nil {
		t.Fatal(err)
	}
	said := false
	for _, p := range doc.Problems {
		said = said || strings.Contains(p.Message, "内存预算")
	}
	if len(doc.Images) != 0 || !said {
		t.Errorf("%d pictures, problems %v", len(doc.Images), doc.Problems)
	}
	if budget.Err() != nil {
		t.Errorf("a picture left out exhausted the budget: %v", budget.Err())
	}
}

// TestPicturesArePages: an article that names none of the six parts reads
// its page-sized pictures as whole pages, leaves out the small ones, and
// says that pictures it could not read are pages not read (page_error,
// which the rules do not hold against the report); a page that has the
// parts reads only the pictures under 二–四, as tables.
func TestPicturesArePages(t *testing.T) {
	dir := t.TempDir()
	big := image.NewGray(image.Rect(0, 0, 600, 800))
	var b bytes.Buffer
	if err := png.Encode(&b, big); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"p1.png": b.Bytes(), "p2.png": b.Bytes(), "logo.png": hostile.PaddedPNG(100)} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page := `<html><body><div><h1>某镇2023年政府信息公开工作年度报告</h1><img src="logo.png"><img src="p1.png"><img src="p2.png">%s</div></body></html>`
	read := func(more string) *extract.Document {
		doc, err := Extract(context.Background(), filepath.Join(dir, "page.html"), []byte(fmt.Sprintf(page, more)), "")
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	doc := read("")
	if len(doc.Images) != 2 || !doc.Images[0].WholePage || doc.Images[0].Name != "p1.png" || doc.Images[1].Name != "p2.png" {
		t.Errorf("pictures %+v, want p1 and p2 as whole pages", doc.Images)
	}
	doc = read(`<img src="http://example.org/p3.png">`)
	if len(doc.Problems) != 1 || doc.Problems[0].Code != extract.ProblemPage || !strings.Contains(doc.Problems[0].Message, "p3.png") {
		t.Errorf("problems %+v, want one page_error naming p3.png", doc.Problems)
	}
	doc = read(`<p>一、总体情况</p><p>三、收到和处理政府信息公开申请情况</p><img src="p2.png">`)
	if len(doc.Images) != 1 || doc.Images[0].WholePage || doc.Images[0].Section != 3 {
		t.Errorf("pictures %+v, want p2 under part 三 as a table", doc.Images)
	}
}

// TestLazyPictures: a page that loads its pictures as they are scrolled to
// names each in data-src or data-original, with a placeholder in src; the
// picture named there is read (and left to the page by a folder walk), and
// a page a browser saved after its script ran, whose src is the picture
// beside it, is read from src.
func TestLazyPictures(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 300, 200))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "W0203.png"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ img, want string }{
		{`<img src="/images/loading.gif" data-src="W0203.png">`, "W0203.png"},
		{`<img data-original="W0203.png">`, "W0203.png"},
		{`<img src="W0203.png" data-src="http://www.example.gov.cn/up/W0203.png">`, "W0203.png"},
	} {
		page := filepath.Join(dir, "page.html")
		body := `<html><body><p>三、收到和处理政府信息公开申请情况</p>` + c.img + `</body></html>`
		if err := os.WriteFile(page, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		doc, err := Extract(context.Background(), page, []byte(body), "")
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Images) != 1 || doc.Images[0].Name != c.want || doc.Images[0].Section != 3 || len(doc.Problems) != 0 {
			t.Errorf("%s: pictures %+v, problems %+v; want %s read under part 三", c.img, doc.Images, doc.Problems, c.want)
		}
		if _, files := companions(page, true); !slices.Contains(files, filepath.Join(dir, "W0203.png")) {
			t.Errorf("%s: companions %q, want the picture", c.img, files)
		}
	}
}

// downloadsFunc is an extract.Downloads from a function.
type downloadsFunc func(path, ref string) (string, bool)

func (f downloadsFunc) Local(path, ref string) (string, bool) { return f(path, ref) }

// TestDownloadedPictures: a crawled page's picture is read from where the
// crawler saved it, asked for by the address the page gives it — resolved
// against the page's <base href> when it has one — and not looked for
// beside the page.
func TestDownloadedPictures(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 300, 200))); err != nil {
		t.Fatal(err)
	}
	saved := filepath.Join(dir, "W0203.png")
	if err := os.WriteFile(saved, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ head, src, asked string }{
		{"", "/uploads/t3.png", "/uploads/t3.png"},
		{`<base href="http://www.example.gov.cn/nb/2024/">`, "t3.png", "http://www.example.gov.cn/nb/2024/t3.png"},
	} {
		var asked []string
		ctx := extract.WithDownloads(context.Background(), downloadsFunc(func(path, ref string) (string, bool) {
			asked = append(asked, ref)
			return saved, ref == c.asked
		}))
		page := `<html><head>` + c.head + `</head><body><p>三、收到和处理政府信息公开申请情况</p><img src="` + c.src + `"></body></html>`
		doc, err := Extract(ctx, filepath.Join(dir, "page.html"), []byte(page), "")
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Images) != 1 || len(doc.Problems) != 0 || len(asked) != 1 || asked[0] != c.asked {
			t.Errorf("%s %s: pictures %d, problems %+v, asked %q; want the picture read, asked as %q", c.head, c.src, len(doc.Images), doc.Problems, asked, c.asked)
		}
	}
}
