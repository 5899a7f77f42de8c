package crawl

import (
	"context"
	"os"
	"testing"

	"github.com/nianbao/nianbao/crawl/manifest"
	"github.com/nianbao/nianbao/internal/testutil"
)

// TestRealReportPages serves the real report pages of the shared corpus and
// crawls each from its URL: each is taken as a report page (not a listing),
// saved once, with the title, year and publication date the page states
// (<meta ArticleTitle>/<meta PubDate> on TRS, <publishtime> on ucap, the
// text's date line on a fragment).
func TestRealReportPages(t *testing.T) {
	cases := []struct {
		file, title, published, from string
		year                         int
	}{
		{"2023_fujian_pingtan_zone_page.html", "平潭综合实验区2023年度政府信息公开工作年度报告", "2024-03-08", "meta", 2023},
		{"2025_fujian_pingtan_zone_page.html", "平潭综合实验区2025年度政府信息公开工作年度报告", "2026-03-10", "meta", 2025},
		{"2023_jiangsu_shuyang_county_drc_capture.html", "沭阳县发展和改革局2023年政府信息公开年度报告", "2024-01-17", "page", 2023},
		{"2019_shanghai_municipal_gov_office_fragment.html", "2019年上海市人民政府办公厅政府信息公开工作年度报告", "2020-01-31", "page", 2019},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			body, err := os.ReadFile(testutil.Shared(t, "corpus", "real", c.file))
			if err != nil {
				t.Fatal(err)
			}
			clock := newFakeClock()
			p := newPortal(t, clock.Now)
			p.put("/robots.txt", "text/plain", []byte("User-agent: *\nDisallow:\n"))
			p.put("/zfxxgknb/t1.htm", "text/html", body)
			dir := t.TempDir()
			cr, err := New(Options{Dir: dir, UserAgent: UserAgent("test"), Limits: testLimits(), Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			if err := cr.Crawl(context.Background(), []string{p.srv.URL + "/zfxxgknb/t1.htm"}); err != nil {
				t.Fatal(err)
			}
			m, _ := manifest.Read(dir)
			es := m.Entries()
			if len(es) != 1 {
				t.Fatalf("%d entries: %+v", len(es), es)
			}
			e := es[0]
			if e.Kind != manifest.KindPage || e.Title != c.title || e.Year != c.year || e.Published != c.published ||
				e.PublishedFrom != c.from || e.ArticleChars < 1000 || e.Size != int64(len(body)) {
				t.Errorf("entry %+v", e)
			}
			// Only the robots.txt and the page: the site chrome's links
			// (navigation, share buttons, the logo) are not followed.
			if hits := p.hitsCopy(); len(hits) != 2 {
				t.Errorf("%d requests", len(hits))
			}
		})
	}
}
