package render_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/internal/testutil"
)

func writeHTML(t *testing.T, res *audit.Result) string {
	t.Helper()
	var b bytes.Buffer
	if err := render.AuditHTML(&b, res, render.Options{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// external finds anything that would make the page depend on another file
// or the network.
var external = regexp.MustCompile(`(?i)<link\b|<img\b|<iframe\b|\bsrc\s*=|@import|url\(|href\s*=\s*"(https?:|//|file:)`)

// cellClasses parses the page and returns the class attribute of every
// element with an id.
func idClasses(t *testing.T, page string) map[string]string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			var id, class string
			for _, a := range n.Attr {
				switch a.Key {
				case "id":
					id = a.Val
				case "class":
					class = a.Val
				}
			}
			if id != "" {
				out[id] = class
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// checkHighlights: in defect-t3-balance (the third input, r3) the four
// cells of each failing 自然人/总计 balance are highlighted as failing, a
// cell of no finding is not, and the blank cell of defect-blank-cell (r2)
// is highlighted as it takes part in a finding.
func checkHighlights(t *testing.T, ids map[string]string) {
	t.Helper()
	for _, key := range []string{"t3.new.natural", "t3.carried_over.natural", "t3.total.natural", "t3.carried_forward.natural", "t3.new.total", "t3.carried_forward.total"} {
		if c := ids["r3-c-"+key]; !strings.Contains(c, "hl-fail") {
			t.Errorf("r3 cell %s has class %q, want hl-fail", key, c)
		}
	}
	for _, key := range []string{"t3.new.commercial", "t3.granted.natural", "t4.review.total"} {
		c, ok := ids["r3-c-"+key]
		if !ok || strings.Contains(c, "hl-") {
			t.Errorf("r3 cell %s has class %q (present %v), want no highlight", key, c, ok)
		}
	}
	if c := ids["r2-c-t3.denied.three_safety.social"]; !strings.Contains(c, "hl-") || !strings.Contains(c, "blank") {
		t.Errorf("blank cell of defect-blank-cell has class %q", c)
	}
	if _, ok := ids["r3-f1"]; !ok {
		t.Errorf("finding r3-f1 has no anchor")
	}
}

func TestHTML(t *testing.T) {
	page := writeHTML(t, run(t, 2))
	if m := external.FindString(page); m != "" {
		t.Errorf("the page is not self-contained: %q", m)
	}
	for _, want := range []string{"@media print", "size:A4", "break-before:page", "<table class=\"sortable\"", `href="#r3-f1"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	checkHighlights(t, idClasses(t, page))
}

func chromium(t *testing.T) string {
	return testutil.NeedTool(t, "chromium", "chromium")
}

func chromiumArgs(dir string, more ...string) []string {
	return testutil.ChromiumArgs(filepath.Join(dir, "chrome"), more...)
}

// TestHTMLChromium loads the page in headless Chromium: the DOM after the
// script ran has the highlights, clicking the 发布机关 header sorts the
// overview by issuer, and a screenshot renders.
func TestHTMLChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	page := writeHTML(t, run(t, 2))
	// click the 发布机关 column once (ascending) before the DOM is dumped
	clicked := strings.Replace(page, "</body>", `<script>document.querySelectorAll("#overview-table th")[2].click()</script></body>`, 1)
	file := filepath.Join(dir, "audit.html")
	if err := os.WriteFile(file, []byte(clicked), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, chromiumArgs(dir, "--dump-dom", "file://"+file)...).Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom: %v", err)
	}
	dom := string(out)
	checkHighlights(t, idClasses(t, dom))
	// issuer order after the click: rows of the overview body in order
	body := dom[strings.Index(dom, "<tbody>"):strings.Index(dom, "</tbody>")]
	var issuers []string
	for _, m := range regexp.MustCompile(`</a></td><td class="issuer">([^<]*)</td>`).FindAllStringSubmatch(body, -1) {
		issuers = append(issuers, m[1])
	}
	// Chinese collation: by pinyin (bái, qīng, yún jiào, yún wèi)
	want := []string{"白沙区农业农村局", "青禾县柳溪镇人民政府", "云岭市教育局", "云岭市卫生健康委员会"}
	if strings.Join(issuers, " ") != strings.Join(want, " ") {
		t.Errorf("overview after sorting by 发布机关: %v, want %v", issuers, want)
	}
	png := filepath.Join(dir, "audit.png")
	if err := exec.Command(bin, chromiumArgs(dir, "--window-size=1200,1600", "--screenshot="+png, "file://"+file)...).Run(); err != nil {
		t.Fatalf("chromium --screenshot: %v", err)
	}
	if st, err := os.Stat(png); err != nil || st.Size() < 20000 {
		t.Errorf("screenshot missing or empty: %v", err)
	}
}

// TestHTMLLinksResolve: every link inside the handout (overview rows, the
// list of copies, findings and their cells) leads to an element of the page,
// and the files of a copy lead to their own reports.
func TestHTMLLinksResolve(t *testing.T) {
	var b bytes.Buffer // sorted, so that a report's place is not its index
	if err := render.AuditHTML(&b, handmadeResult(), render.Options{Sort: render.SortSeverity}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	ids := idClasses(t, page)
	links := regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(links) == 0 {
		t.Fatal("no links in the page")
	}
	for _, m := range links {
		if _, ok := ids[m[1]]; !ok {
			t.Errorf("link to #%s: no element has that id", m[1])
		}
	}
	copyLink := regexp.MustCompile(`<a href="#(r\d+)">([^<]+)</a>`)
	box := page[strings.Index(page, `<div class="copies">`):strings.Index(page, `</div>`)]
	found := copyLink.FindAllStringSubmatch(box, -1)
	if len(found) != 2 || found[0][2] != "city.html" || found[1][2] != "2023/city.pdf" {
		t.Fatalf("copies box links %q, want city.html and 2023/city.pdf: %s", found, box)
	}
	for _, m := range found {
		if !strings.Contains(page, `<article class="report" id="`+m[1]+`">`+"\n<h2>"+strings.TrimPrefix(m[1], "r")+". "+m[2]+"</h2>") {
			t.Errorf("copy link %s (%s) does not lead to that file's report", m[1], m[2])
		}
	}
}
