package crawl

import (
	"context"
	"net/url"
	"strings"
	"testing"

	nbhtml "github.com/nianbao/nianbao/extract/html"
)

func parse(t testing.TB, page string) *nbhtml.Page {
	p, err := nbhtml.ParsePage(context.Background(), []byte(page), "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPagerPages(t *testing.T) {
	base, _ := url.Parse("http://h/col/index.html")
	for src, want := range map[string]string{
		`createPageHTML(3, 0, "index", "html");`:                                                         "index.html index_1.html index_2.html",
		`createPageHTML('page_div', 2, 1, 'index', 'shtml', 25);`:                                        "index.shtml index_1.shtml",
		`var countPage = 2; var currentPage = 0; createPageHTML(countPage, currentPage, "list", "htm");`: "list.htm list_1.htm",
		`createPageHTML(100000, 0, "index", "html");`:                                                    "", // capped below
		`createPageHTML(2, 0, "../../etc", "html");`:                                                     "",
	} {
		p := parse(t, `<html><body><script>`+src+`</script></body></html>`)
		var got []string
		for _, u := range pagerPages(p, base, 5) {
			got = append(got, strings.TrimPrefix(u.String(), "http://h/col/"))
		}
		if strings.Contains(src, "100000") {
			if len(got) != 5 {
				t.Errorf("%s: %d pages, want the cap 5", src, len(got))
			}
			continue
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s: %q, want %q", src, strings.Join(got, " "), want)
		}
	}
}

func TestReportTitle(t *testing.T) {
	for s, want := range map[string]int{
		"平潭综合实验区2023年度政府信息公开工作年度报告": 2023,
		"河北省工业和信息化厅2019年政府信息公开报告":   2019,
		"2022年政务公开工作年度报告":           2022,
		"测试市2023年政府信息公开工作年...":      2023,
		"关于印发2023年政府信息公开工作年度报告的通知":  2023,
		"政府信息公开年报":                  0,
		"测试市政府信息公开指南":               0,
		"2024年政府工作报告":               0,
		"关于做好2024年政务公开工作的通知":        0,
		"2023年政府信息公开目录":             0,
	} {
		y, ok := reportTitle(s)
		if y != want || ok != (want > 0) {
			t.Errorf("reportTitle(%s) = %d %v, want %d", s, y, ok, want)
		}
	}
}

func TestDiscover(t *testing.T) {
	p := parse(t, `<html><head><base href="http://h/base/"></head><body>
<div class="nav"><img src="/logo.png" width="300"><a href="javascript:void(0)">x</a><a href="mailto:a@b">m</a></div>
<div class="TRS_Editor"><p>`+strings.Repeat("本年度政府信息公开工作情况良好。", 20)+`</p>
<p><img src="t.png" width="500"><img src="dot.gif" width="1" height="1"></p></div>
<a href="r.pdf#page=2">附件</a><a href="next.html"><img src="n.gif" alt="下一页"></a>
<iframe src="/viewer.html?file=/files/a.pdf"></iframe>
<script>var apps=[{url:"/files/b.docx"}];</script></body></html>`)
	page, _ := url.Parse("http://h/page.html")
	var got []string
	for _, l := range discover(p, page) {
		got = append(got, l.Tag+" "+l.URL.String()+" "+l.Text+" "+map[bool]string{true: "in", false: "out"}[l.InArticle])
	}
	want := []string{
		"img http://h/logo.png  out",
		"img http://h/base/t.png  in",
		"a http://h/base/r.pdf 附件 out",
		"a http://h/base/next.html 下一页 out",
		"img http://h/base/n.gif 下一页 out",
		"frame http://h/viewer.html?file=/files/a.pdf  out",
		"frame http://h/files/a.pdf  out",
		"script http://h/files/b.docx  out",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestHanwebDatastore: a Hanweb listing keeps its entries in a
// <script type="text/xml"> datastore; they are links like any other.
func TestHanwebDatastore(t *testing.T) {
	p := parse(t, `<html><body><div id="321"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1"></a>]]></nextgroup>
<recordset>
<record><![CDATA[<li><a href="/art/2024/1/25/art_1_100.html" title="某县2023年政府信息公开工作年度报告" target="_blank">某县2023年政府信息公开工作年度报告</a><span>2024-01-25</span></li>]]></record>
<record><![CDATA[<li><a href="/art/2023/1/20/art_1_90.html">某县2022年政府信息公开工作年度报告</a></li>]]></record>
</recordset></datastore></script></div></body></html>`)
	base, _ := url.Parse("http://h/col/col1/index.html")
	var got []string
	for _, l := range discover(p, base) {
		if _, ok := reportTitle(l.Text); ok && l.Tag == "a" {
			got = append(got, l.URL.String())
		}
	}
	want := "http://h/art/2024/1/25/art_1_100.html http://h/art/2023/1/20/art_1_90.html"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

func FuzzDiscover(f *testing.F) {
	f.Add(`<a href="index_1.html">下一页</a><script>createPageHTML(3,0,"index","html")</script>`)
	f.Add(`<base href="//x"><img src="a.png"><a href="?file=../b.pdf">b</a>`)
	base, _ := url.Parse("http://h/a/index.html")
	f.Fuzz(func(t *testing.T, page string) {
		p, err := nbhtml.ParsePage(context.Background(), []byte(page), "")
		if err != nil {
			return
		}
		for _, l := range discover(p, base) {
			documentLink(l)
			nextPageText(l.Text)
			reportTitle(l.Text)
			fileNameFor(l.URL, "application/pdf")
		}
		if n := len(pagerPages(p, base, 7)); n > 7*8 {
			t.Fatalf("%d pager pages", n)
		}
	})
}
