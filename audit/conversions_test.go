package audit_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/rules"
)

// TestRealPagesConverted: the real report pages of the corpus, as users keep
// them — printed to PDF by a browser (its header and footer included),
// saved by it as one file (.mhtml), saved as Word by LibreOffice — read as
// the page itself: the same title,
// body, year and publication date (the page's own information line,
// "来源：… 时间：2024-03-08", not the date the copy was made), every cell the
// same, the same findings. Needs chromium and LibreOffice
// (scripts/setup-test-deps.sh).
func TestRealPagesConverted(t *testing.T) {
	if testing.Short() {
		t.Skip("converts the corpus pages with chromium and LibreOffice")
	}
	t.Parallel() // mostly waiting for the browser: other tests run meanwhile
	pages := testutil.CorpusFiles(t, ".html")
	chromium := testutil.NeedTool(t, "chromium", "chromium")
	soffice := testutil.NeedTool(t, "soffice", "libreoffice-writer")
	dir := t.TempDir()

	// Each conversion is its own process; they wait more than they compute
	// (a browser's start), so they run side by side.
	type copyOf struct{ page, path, how string }
	var (
		copies []copyOf
		jobs   []func() error
	)
	run := func(cmd *exec.Cmd) func() error {
		return func() error {
			if msg, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, msg)
			}
			return nil
		}
	}
	for i, page := range pages {
		base := strings.TrimSuffix(filepath.Base(page), ".html")
		out := filepath.Join(dir, base+".pdf")
		// chromium's default print, with the date and title above each page
		// and the address and page number below it
		jobs = append(jobs, run(exec.Command(chromium, testutil.ChromiumArgs(fmt.Sprintf("%s/chrome%d", dir, i),
			"--print-to-pdf="+out, "file://"+page)...)))
		copies = append(copies, copyOf{page, out, "chromium 打印"})
		// the page saved as one file (网页，单个文件: MHTML)
		mht := filepath.Join(dir, base+".mhtml")
		profile := fmt.Sprintf("%s/chrome-mhtml%d", dir, i)
		jobs = append(jobs, func() error { return testutil.ChromiumMHTML(chromium, profile, "file://"+page, mht) })
		copies = append(copies, copyOf{page, mht, "chromium 保存为单个文件网页"})
	}
	// (an old .doc is read through LibreOffice into this same .docx:
	// extract/legacy's tests)
	jobs = append(jobs, run(exec.Command(soffice, append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", dir}, pages...)...)))
	for _, page := range pages {
		out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(page), ".html")+".docx")
		copies = append(copies, copyOf{page, out, "LibreOffice 另存为 .docx"})
	}
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, job := range jobs {
		wg.Go(func() { errs[i] = job() })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range copies {
		if _, err := os.Stat(c.path); err != nil {
			t.Fatalf("%s wrote no %s: %v", c.how, c.path, err)
		}
	}

	opt := audit.Options{Workers: 1, Profile: rules.DefaultProfile(), Rules: true}
	read := func(path string) audit.Item {
		t.Helper()
		res := audit.Run(context.Background(), []string{path}, opt)
		it := res.Items[0]
		if it.Err != nil {
			t.Fatalf("%s: %v", path, it.Err)
		}
		return it
	}
	summary := func(it audit.Item) []string {
		r := it.Report
		lines := []string{fmt.Sprintf("title=%s issuer=%s year=%d published=%s", r.Title, r.Issuer, r.Year, r.Published)}
		for k, c := range r.Cells {
			lines = append(lines, fmt.Sprintf("cell %s=%v uncertain=%v", k, c.Value, c.Uncertain))
		}
		for _, f := range it.Findings {
			lines = append(lines, "finding "+findingLine(f))
		}
		sort.Strings(lines)
		return lines
	}
	want := map[string][]string{}
	for _, page := range pages {
		want[page] = summary(read(page))
		if len(want[page]) < 150 {
			t.Fatalf("%s: only %d cells and findings read from the page itself", page, len(want[page]))
		}
	}
	for _, c := range copies {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			got := summary(read(c.path))
			missing, extra := diffLines(want[c.page], got)
			if len(missing)+len(extra) > 0 {
				t.Errorf("%s of %s reads differently from the page:\n  - %s\n  + %s", c.how, filepath.Base(c.page),
					strings.Join(missing, "\n  - "), strings.Join(extra, "\n  + "))
			}
		})
	}
}
