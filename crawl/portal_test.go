package crawl

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/nianbao/nianbao/crawl/manifest"
	"github.com/nianbao/nianbao/internal/testutil"
)

// fakeClock advances only when the crawler sleeps, so spacing, back-off and
// Retry-After cost no real time and are measured exactly.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
}

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if d > 0 {
		f.t = f.t.Add(d)
	}
	return nil
}

// hit is one request the portal received.
type hit struct {
	path   string
	at     time.Time // the portal's clock (the shared fake clock, or the wall clock)
	ua     string
	status int
	cond   bool // sent If-None-Match or If-Modified-Since
}

// resource is a file the portal serves with ETag and Last-Modified.
type resource struct {
	body []byte
	ct   string
}

// portal is a test government portal on 127.0.0.1.
type portal struct {
	t     *testing.T
	srv   *httptest.Server
	now   func() time.Time
	mu    sync.Mutex
	hits  []hit
	files map[string]*resource
	// special handlers by path, run before files.
	special map[string]http.HandlerFunc
	// counters for handlers that fail a number of times first.
	tries map[string]int
}

// listen127 is a listener on 127.0.0.1 only: the tests never serve on or
// contact any other address.
func listen127(t *testing.T) net.Listener {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen on 127.0.0.1: %v", err)
	}
	return l
}

func newPortal(t *testing.T, now func() time.Time) *portal {
	p := &portal{t: t, now: now, files: map[string]*resource{}, special: map[string]http.HandlerFunc{}, tries: map[string]int{}}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(p.serve))
	srv.Listener.Close()
	srv.Listener = listen127(t)
	srv.Start()
	t.Cleanup(srv.Close)
	p.srv = srv
	return p
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (p *portal) serve(w http.ResponseWriter, r *http.Request) {
	// Requests are recorded in the order they arrive, with the portal's
	// clock; the status is filled in when the answer is done.
	p.mu.Lock()
	i := len(p.hits)
	p.hits = append(p.hits, hit{path: r.URL.Path, at: p.now(), ua: r.UserAgent(),
		cond: r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != ""})
	p.mu.Unlock()
	rec := &statusRecorder{ResponseWriter: w}
	defer func() {
		p.mu.Lock()
		if i < len(p.hits) {
			p.hits[i].status = rec.status
		}
		p.mu.Unlock()
	}()
	if h, ok := p.special[r.URL.Path]; ok {
		h(rec, r)
		return
	}
	p.mu.Lock()
	res, ok := p.files[r.URL.Path]
	p.mu.Unlock()
	if !ok {
		http.NotFound(rec, r)
		return
	}
	sum := sha256.Sum256(res.body)
	rec.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
	rec.Header().Set("Content-Type", res.ct)
	http.ServeContent(rec, r, "", time.Date(2025, 1, 20, 8, 0, 0, 0, time.UTC), bytes.NewReader(res.body))
}

func (p *portal) put(path, ct string, body []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.files[path] = &resource{body: body, ct: ct}
}

func (p *portal) hitsCopy() []hit {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]hit(nil), p.hits...)
}

func (p *portal) resetHits() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hits = nil
}

func gbk(t *testing.T, s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// tablePNG is a picture of a small table (a report that publishes its
// tables as images).
func tablePNG(t *testing.T) []byte {
	img := image.NewGray(image.Rect(0, 0, 240, 120))
	for y := 0; y < 120; y++ {
		for x := 0; x < 240; x++ {
			c := uint8(255)
			if x%60 == 0 || y%30 == 0 {
				c = 0
			}
			img.SetGray(x, y, color.Gray{Y: c})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// articleText is enough report prose for the page's article to stand out
// from the site chrome.
const articleText = `<p>一、总体情况</p><p>本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，主动公开政府信息，依法办理政府信息公开申请，持续加强政策解读和回应关切，政府信息公开工作取得新进展。</p><p>二、主动公开政府信息情况</p><p>全年主动公开政府信息一千余条，其中政策文件、规划计划、财政预决算等重点领域信息均按要求及时公开，公开平台运行平稳。</p><p>三、收到和处理政府信息公开申请情况</p><p>本年度共收到政府信息公开申请若干件，均在法定期限内答复。</p>`

// reportPage is a TRS-style report page: <meta ArticleTitle>/<meta
// PubDate> (or a visible 发布日期 line), site chrome with a logo, the article
// in <div class=TRS_Editor>, attachments listed after it.
func reportPage(title, pubMeta, pubLine, inArticle, after string) string {
	meta := ""
	if title != "" {
		meta += `<meta name="ArticleTitle" content="` + title + `">`
	}
	if pubMeta != "" {
		meta += `<meta name="PubDate" content="` + pubMeta + `">`
	}
	line := ""
	if pubLine != "" {
		line = `<div class="info">发布日期：` + pubLine + `　来源：测试市人民政府办公室</div>`
	}
	return `<!DOCTYPE html><html><head><meta charset="utf-8">` + meta + `<title>` + title + `_政府信息公开年报_测试市人民政府</title></head><body>
<div class="header"><img src="/images/logo.png" width="300" height="80" alt="测试市人民政府"><a href="/">首页</a><a href="/nb/index.html">政府信息公开年报</a></div>
<h1>` + title + `</h1>` + line + `
<div class="TRS_Editor">` + articleText + inArticle + `</div>
<div class="fj">` + after + `</div>
<div class="footer"><img src="/images/ga.png" width="20" height="20"><a href="/about.html">关于我们</a></div>
</body></html>`
}

// site fills the portal with the test site and returns the second host's
// hit counter.
type site struct {
	p, other      *portal
	pdf, docx     []byte
	doc, png      []byte
	host          string // the manifest folder of the portal's host
	base          string
	hostileReport string
}

func newSite(t *testing.T, now func() time.Time) *site {
	root := testutil.RepoRoot(t)
	read := func(rel string) []byte {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	s := &site{
		p:     newPortal(t, now),
		other: newPortal(t, now),
		pdf:   read("fixtures/pdf/clean-chromium-sans-dept.pdf"),
		docx:  read("fixtures/docx/clean-lo-serif-city.docx"),
		png:   tablePNG(t),
	}
	// A Word 97 compound file: the OLE2 signature and some bytes (the
	// crawler stores it untouched; reading .doc is the dataset helper's).
	s.doc = append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, bytes.Repeat([]byte{0}, 504)...)
	s.base = s.p.srv.URL
	s.host = strings.ReplaceAll(strings.TrimPrefix(s.base, "http://"), ":", "_")
	p := s.p
	html := "text/html; charset=utf-8"

	p.put("/robots.txt", "text/plain", []byte("# test portal\nUser-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow: /private/\nAllow: /private/open.html\n"))
	p.put("/images/logo.png", "image/png", s.png)
	p.put("/images/ga.png", "image/png", s.png)

	// Listing page 1 (UTF-8), with a TRS createPageHTML pager.
	p.put("/nb/index.html", html, []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报_测试市人民政府</title></head><body>
<div class="nav"><a href="/">首页</a><a href="../">政务公开</a><a href="./zn.html">测试市政府信息公开指南</a></div>
<ul class="list">
<li><a href="./202402/t20240201_1.html" title="测试市2023年政府信息公开工作年度报告">测试市2023年政府信息公开工作年...</a><span>2024-02-01</span></li>
<li><a href="./202302/t20230205_2.html">测试市2022年度政府信息公开工作年度报告</a><span>2023-02-05</span></li>
<li><a href="/private/t3.html">测试市2021年政府信息公开工作年度报告（内部稿）</a></li>
<li><a href="./2020/report2020.pdf">测试市2020年政府信息公开工作年度报告.pdf</a></li>
<li><a href="./tz.html">关于做好2024年政务公开工作的通知</a></li>
</ul>
<div class="page"><script>createPageHTML(3, 0, "index", "html");</script></div>
</body></html>`))
	// Listing page 2 (GBK, declared in <meta http-equiv>, not in the header).
	p.put("/nb/index_1.html", "text/html", gbk(t, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>政府信息公开年报</title></head><body>
<ul><li><a href="./202201/t20220125_4.html">测试市2021年政府信息公开工作年度报告</a></li>
<li><a href="./gone.html">测试市2019年政府信息公开工作年度报告</a></li></ul>
<a href="index.html">上一页</a> <a href="index_2.html">下一页</a>
<script>createPageHTML(3, 1, "index", "html");</script></body></html>`))
	// Listing page 3: the hostile report.
	p.put("/nb/index_2.html", html, []byte(`<html><head><meta charset="utf-8"></head><body>
<ul><li><a href="./202101/t20210120_5.html">测试局2020年政府信息公开工作年度报告</a></li>
<li><a href="./t6.html">测试区2018年政府信息公开工作年度报告</a></li></ul>
<a href="index_1.html">上一页</a><script>var countPage = 3; createPageHTML(countPage, 2, "index", "html");</script></body></html>`))

	// 2023: PDF linked after the article, DOCX only in the page's script
	// (TRS lists attachments in JavaScript).
	p.put("/nb/202402/t20240201_1.html", html, []byte(reportPage("测试市2023年政府信息公开工作年度报告", "2024-02-01 09:30", "", "",
		`附件：<a href="./P020240201_report2023.pdf">测试市2023年政府信息公开工作年度报告.pdf</a>
<a href="./P020240201_report2023.ofd">OFD 版</a>
<a href="./P020240201_report2023.mht">网页存档</a>
<script>var apps = [{url:"./P020240201_report2023.docx", name:"原件"}];</script>`)))
	p.put("/nb/202402/P020240201_report2023.pdf", "application/pdf", s.pdf)
	// the OFD form, kept in the archive though nianbao does not read it
	p.put("/nb/202402/P020240201_report2023.ofd", "application/ofd", []byte("PK\x03\x04OFD.xml"))
	// the page saved as one file (.mht), served as IIS serves it
	p.put("/nb/202402/P020240201_report2023.mht", "message/rfc822", []byte("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>一</p>\r\n--b--\r\n"))
	p.put("/nb/202402/P020240201_report2023.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", s.docx)

	// 2022: tables published as a picture inside the article.
	p.put("/nb/202302/t20230205_2.html", html, []byte(reportPage("测试市2022年度政府信息公开工作年度报告", "2023-02-05", "",
		`<p>政府信息公开情况统计表：</p><p><img src="./W020230205_table.png" width="600" height="300"></p>`,
		`附件：<a href="/module/download/downfile.jsp?classid=0&amp;filename=2302051.pdf">测试市2022年度报告</a>
<a href="/download.jsp?id=7">测试市2022年度政府信息公开工作年度报告.doc</a>`)))
	p.put("/module/download/downfile.jsp", "application/pdf", s.pdf)
	p.put("/download.jsp", "application/msword", s.doc)
	p.put("/nb/202302/W020230205_table.png", "image/png", s.png)

	// Forbidden by robots.txt.
	p.put("/private/t3.html", html, []byte(reportPage("测试市2021年政府信息公开工作年度报告（内部稿）", "2022-01-01", "", "", "")))

	// 2020: a PDF linked straight from the listing.
	p.put("/nb/2020/report2020.pdf", "application/pdf", s.pdf)

	// 2021: a GBK report page, date in a visible line; the .doc is
	// rate-limited once (429 with Retry-After).
	p.put("/nb/202201/t20220125_4.html", "text/html", gbk(t, strings.Replace(reportPage("测试市2021年政府信息公开工作年度报告", "", "2022-01-25", "",
		`附件：<a href="./report2021.doc">测试市2021年政府信息公开工作年度报告.doc</a>`), `<meta charset="utf-8">`, `<meta charset="gbk">`, 1)))
	p.put("/nb/202201/report2021.doc", "application/msword", s.doc)
	p.special["/nb/202201/report2021.doc"] = func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.tries["429"]++
		n := p.tries["429"]
		p.mu.Unlock()
		if n == 1 {
			w.Header().Set("Retry-After", "3")
			http.Error(w, "too many", http.StatusTooManyRequests)
			return
		}
		delete(p.special, "") // no-op; keep the closure simple
		p.mu.Lock()
		res := p.files[r.URL.Path]
		p.mu.Unlock()
		sum := sha256.Sum256(res.body)
		w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
		w.Header().Set("Content-Type", res.ct)
		http.ServeContent(w, r, "", time.Date(2025, 1, 20, 8, 0, 0, 0, time.UTC), bytes.NewReader(res.body))
	}

	// 2020 (a bureau): every hostile attachment.
	long := strings.Repeat("长", 100) + ".pdf"
	s.hostileReport = "/nb/202101/t20210120_5.html"
	p.put(s.hostileReport, html, []byte(reportPage("测试局2020年政府信息公开工作年度报告", "2021-01-20", "", "",
		`<a href="../files/oversized.pdf">超大文件</a>
<a href="../files/stream.pdf">无长度的超大文件</a>
<a href="../files/slow.pdf">很慢的文件</a>
<a href="../files/loop.pdf">重定向循环</a>
<a href="../files/moved.pdf">已迁移的文件</a>
<a href="../files/flaky.pdf">偶尔出错的文件</a>
<a href="..%2f..%2f..%2f..%2fescape.pdf">想逃出目录的文件</a>
<a href="../files/`+long+`">名字很长的文件</a>
<a href="`+s.other.srv.URL+`/report.pdf">其他网站的文件</a>
<a href="ftp://127.0.0.1/report.pdf">FTP 文件</a>`)))
	p.special["/nb/files/oversized.pdf"] = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Length", "3000000")
		w.WriteHeader(http.StatusOK)
		w.Write(bytes.Repeat([]byte("x"), 1<<16)) // the client must stop before reading it all
	}
	p.special["/nb/files/stream.pdf"] = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		chunk := bytes.Repeat([]byte("y"), 64<<10)
		for i := 0; i < 40; i++ { // 2.5 MB without a Content-Length
			if _, err := w.Write(chunk); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	}
	p.special["/nb/files/slow.pdf"] = func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}
	p.special["/nb/files/loop.pdf"] = func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/nb/files/loop2.pdf", http.StatusFound)
	}
	p.special["/nb/files/loop2.pdf"] = func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/nb/files/loop.pdf", http.StatusMovedPermanently)
	}
	p.special["/nb/files/moved.pdf"] = func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/nb/files/real-moved.pdf", http.StatusFound)
	}
	p.put("/nb/files/real-moved.pdf", "application/pdf", s.pdf)
	p.put("/nb/files/flaky.pdf", "application/pdf", append([]byte("%PDF-1.4 flaky "), s.pdf[:100]...))
	flaky := p.files["/nb/files/flaky.pdf"]
	p.special["/nb/files/flaky.pdf"] = func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.tries["503"]++
		n := p.tries["503"]
		p.mu.Unlock()
		if n == 1 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("ETag", `"flaky"`)
		w.Header().Set("Content-Type", flaky.ct)
		http.ServeContent(w, r, "", time.Date(2025, 1, 20, 8, 0, 0, 0, time.UTC), bytes.NewReader(flaky.body))
	}
	p.put("/nb/202101/../../../../escape.pdf", "application/pdf", []byte("%PDF-1.4 escape"))
	p.put("/nb/files/"+long, "application/pdf", []byte("%PDF-1.4 long"))

	// 2018: a title that tries to climb out of DIR.
	p.put("/nb/t6.html", html, []byte(reportPage("../../测试区2018年政府信息公开工作年度报告", "2019-01-15", "", "", "")))

	s.other.put("/report.pdf", "application/pdf", s.pdf)
	return s
}

// testLimits are fast limits for tests: 1 ms between requests (on the fake
// clock), a short time limit, a 1 MB size cap.
func testLimits() Limits {
	return Limits{Rate: 1000, Timeout: 300 * time.Millisecond, MaxSize: 1 << 20}
}

func runCrawl(t *testing.T, s *site, dir string, clock Clock) (*Crawler, Summary) {
	t.Helper()
	c, err := New(Options{Dir: dir, UserAgent: UserAgent("test"), Limits: testLimits(), Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Crawl(context.Background(), []string{s.base + "/nb/index.html"}); err != nil {
		t.Fatal(err)
	}
	return c, c.Summary()
}

type want struct {
	path, kind, url, title, published, from string
	year                                    int
}

func TestCrawlPortal(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock.Now)
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	_, sum := runCrawl(t, s, dir, clock)

	h := s.host
	b := s.base
	r23 := h + "/2023-测试市2023年政府信息公开工作年度报告/"
	r22 := h + "/2022-测试市2022年度政府信息公开工作年度报告/"
	r21 := h + "/2021-测试市2021年政府信息公开工作年度报告/"
	r20 := h + "/2020-测试局2020年政府信息公开工作年度报告/"
	long := strings.Repeat("长", 100) + ".pdf"
	longName := strings.Repeat("长", 48) + ".pdf" // 150 bytes at most
	wants := []want{
		{r23 + "page.html", "page", b + "/nb/202402/t20240201_1.html", "测试市2023年政府信息公开工作年度报告", "2024-02-01", "meta", 2023},
		{r23 + "P020240201_report2023.pdf", "attachment", b + "/nb/202402/P020240201_report2023.pdf", "测试市2023年政府信息公开工作年度报告", "2024-02-01", "meta", 2023},
		{r23 + "P020240201_report2023.docx", "attachment", b + "/nb/202402/P020240201_report2023.docx", "测试市2023年政府信息公开工作年度报告", "2024-02-01", "meta", 2023},
		{r23 + "P020240201_report2023.ofd", "attachment", b + "/nb/202402/P020240201_report2023.ofd", "测试市2023年政府信息公开工作年度报告", "2024-02-01", "meta", 2023},
		{r23 + "P020240201_report2023.mht", "attachment", b + "/nb/202402/P020240201_report2023.mht", "测试市2023年政府信息公开工作年度报告", "2024-02-01", "meta", 2023},
		{r22 + "page.html", "page", b + "/nb/202302/t20230205_2.html", "测试市2022年度政府信息公开工作年度报告", "2023-02-05", "meta", 2022},
		{r22 + "2302051.pdf", "attachment", b + "/module/download/downfile.jsp?classid=0&filename=2302051.pdf", "测试市2022年度政府信息公开工作年度报告", "2023-02-05", "meta", 2022},
		{r22 + "download.doc", "attachment", b + "/download.jsp?id=7", "测试市2022年度政府信息公开工作年度报告", "2023-02-05", "meta", 2022},
		{r22 + "W020230205_table.png", "image", b + "/nb/202302/W020230205_table.png", "测试市2022年度政府信息公开工作年度报告", "2023-02-05", "meta", 2022},
		{h + "/2020-测试市2020年政府信息公开工作年度报告/report2020.pdf", "attachment", b + "/nb/2020/report2020.pdf", "测试市2020年政府信息公开工作年度报告", "", "", 2020},
		{r21 + "page.html", "page", b + "/nb/202201/t20220125_4.html", "测试市2021年政府信息公开工作年度报告", "2022-01-25", "page", 2021},
		{r21 + "report2021.doc", "attachment", b + "/nb/202201/report2021.doc", "测试市2021年政府信息公开工作年度报告", "2022-01-25", "page", 2021},
		{r20 + "page.html", "page", b + s.hostileReport, "测试局2020年政府信息公开工作年度报告", "2021-01-20", "meta", 2020},
		{r20 + "real-moved.pdf", "attachment", b + "/nb/files/moved.pdf", "测试局2020年政府信息公开工作年度报告", "2021-01-20", "meta", 2020},
		{r20 + "flaky.pdf", "attachment", b + "/nb/files/flaky.pdf", "测试局2020年政府信息公开工作年度报告", "2021-01-20", "meta", 2020},
		{r20 + "escape.pdf", "attachment", b + "/nb/202101/..%2f..%2f..%2f..%2fescape.pdf", "测试局2020年政府信息公开工作年度报告", "2021-01-20", "meta", 2020},
		{r20 + longName, "attachment", b + "/nb/files/" + url.PathEscape(long), "测试局2020年政府信息公开工作年度报告", "2021-01-20", "meta", 2020},
		{h + "/2018-测试区2018年政府信息公开工作年度报告/page.html", "page", b + "/nb/t6.html", "../../测试区2018年政府信息公开工作年度报告", "2019-01-15", "meta", 2018},
	}
	m, err := manifest.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	checkManifest(t, m, wants, manifest.New)

	// Every file is where the manifest says, with its bytes, and nothing
	// else was written anywhere: not outside DIR, no temporary files.
	var onDisk []string
	filepath.Walk(parent, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			onDisk = append(onDisk, filepath.ToSlash(rel))
		}
		return nil
	})
	var listed []string
	for _, e := range m.Entries() {
		listed = append(listed, e.Path)
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(e.Path)))
		if err != nil || sha(data) != e.SHA256 || int64(len(data)) != e.Size {
			t.Errorf("%s: file does not match its manifest entry (%v)", e.Path, err)
		}
	}
	listed = append(listed, manifest.FileName)
	sort.Strings(listed)
	sort.Strings(onDisk)
	if strings.Join(listed, "\n") != strings.Join(onDisk, "\n") {
		t.Errorf("files on disk:\n%s\nwant:\n%s", strings.Join(onDisk, "\n"), strings.Join(listed, "\n"))
	}
	if e, _ := m.Get(r23 + "P020240201_report2023.pdf"); e.ETag == "" || e.LastModified == "" || e.FoundOn != b+"/nb/202402/t20240201_1.html" || e.ContentType != "application/pdf" || e.Status != 200 {
		t.Errorf("pdf entry: %+v", e)
	}
	for _, e := range m.Entries() {
		switch {
		case e.Kind == manifest.KindPage:
			if e.ReportURL != e.URL || e.ArticleChars < 100 || e.FoundOn == "" {
				t.Errorf("page %s: report_url %q article_chars %d found_on %q", e.Path, e.ReportURL, e.ArticleChars, e.FoundOn)
			}
		case e.URL == b+"/nb/2020/report2020.pdf": // linked straight from the listing
			if e.ReportURL != e.URL || e.FoundOn != b+"/nb/index.html" {
				t.Errorf("%s: report_url %q found_on %q", e.Path, e.ReportURL, e.FoundOn)
			}
		default:
			if e.ReportURL != e.FoundOn || e.ArticleChars != 0 {
				t.Errorf("%s: report_url %q, found on %q, article_chars %d", e.Path, e.ReportURL, e.FoundOn, e.ArticleChars)
			}
		}
	}
	if e, _ := m.Get(r20 + "real-moved.pdf"); e.FinalURL != b+"/nb/files/real-moved.pdf" {
		t.Errorf("redirected file: final_url %q", e.FinalURL)
	}

	// Skipped and failed, with reasons.
	gotSkip := reasons(sum.Skipped)
	wantSkip := []string{
		"ftp://127.0.0.1/report.pdf scheme",
		b + "/private/t3.html robots",
		s.other.srv.URL + "/report.pdf host",
	}
	sort.Strings(wantSkip)
	if strings.Join(gotSkip, "\n") != strings.Join(wantSkip, "\n") {
		t.Errorf("skipped:\n%s\nwant:\n%s", strings.Join(gotSkip, "\n"), strings.Join(wantSkip, "\n"))
	}
	gotFail := reasons(sum.Failed)
	wantFail := []string{
		b + "/nb/gone.html status",
		b + "/nb/files/loop.pdf redirects",
		b + "/nb/files/oversized.pdf too-large",
		b + "/nb/files/slow.pdf timeout",
		b + "/nb/files/stream.pdf too-large",
	}
	sort.Strings(wantFail)
	if strings.Join(gotFail, "\n") != strings.Join(wantFail, "\n") {
		t.Errorf("failed:\n%s\nwant:\n%s", strings.Join(gotFail, "\n"), strings.Join(wantFail, "\n"))
	}
	if sum.Listings != 3 || sum.Reports != 6 || sum.New != len(wants) || sum.Changed != 0 || sum.Unchanged != 0 {
		t.Errorf("summary %+v", sum)
	}

	// Manners, measured by the portal.
	hits := s.p.hitsCopy()
	checkManners(t, hits, time.Millisecond)
	if n := len(s.other.hitsCopy()); n != 0 {
		t.Errorf("the other host got %d requests", n)
	}
	var retry429, retry503 []time.Time
	for _, h := range hits {
		switch {
		case strings.HasPrefix(h.path, "/private/"):
			t.Errorf("robots.txt forbids %s, but it was requested", h.path)
		case h.path == "/nb/zn.html" || h.path == "/nb/tz.html" || h.path == "/about.html" || h.path == "/" || strings.HasPrefix(h.path, "/images/"):
			t.Errorf("%s is not a report, but it was requested", h.path)
		case h.path == "/nb/202201/report2021.doc":
			retry429 = append(retry429, h.at)
		case h.path == "/nb/files/flaky.pdf":
			retry503 = append(retry503, h.at)
		}
	}
	if len(retry429) != 2 || retry429[1].Sub(retry429[0]) < 3*time.Second {
		t.Errorf("429 with Retry-After: 3: requests at %v, want two, 3 s apart", retry429)
	}
	if len(retry503) != 2 || retry503[1].Sub(retry503[0]) < backoffBase {
		t.Errorf("503: requests at %v, want two, %v apart", retry503, backoffBase)
	}
	if n := count(hits, "/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times", n)
	}
	if n := count(hits, "/nb/files/loop.pdf"); n != 1 {
		t.Errorf("redirect loop: loop.pdf requested %d times", n)
	}

	// A second run downloads nothing: report pages and files are asked
	// conditionally and answered 304; only listings and robots.txt are read.
	s.p.resetHits()
	_, sum2 := runCrawl(t, s, dir, clock)
	if sum2.New != 0 || sum2.Changed != 0 || sum2.Unchanged != len(wants) {
		t.Errorf("second run summary %+v", sum2)
	}
	m2, err := manifest.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	checkManifest(t, m2, wants, manifest.Unchanged)
	failedBefore := map[string]bool{}
	for _, e := range sum.Failed {
		u, _ := url.Parse(e.URL)
		failedBefore[u.Path] = true
	}
	for _, h := range s.p.hitsCopy() {
		listing := strings.HasPrefix(h.path, "/nb/index") || h.path == "/robots.txt"
		if h.status == http.StatusOK && !listing && !failedBefore[h.path] {
			t.Errorf("second run downloaded %s again", h.path)
		}
	}
	notModified := 0
	for _, h := range s.p.hitsCopy() {
		if h.status == http.StatusNotModified && h.cond {
			notModified++
		}
	}
	if notModified != len(wants) {
		t.Errorf("second run: %d conditional requests answered 304, want %d", notModified, len(wants))
	}
	checkManners(t, s.p.hitsCopy(), time.Millisecond)

	// A third run after the portal replaced one file: that file is changed.
	s.p.put("/nb/202402/P020240201_report2023.pdf", "application/pdf", append(append([]byte(nil), s.pdf...), '\n'))
	_, sum3 := runCrawl(t, s, dir, clock)
	if sum3.New != 0 || sum3.Changed != 1 || sum3.Unchanged != len(wants)-1 {
		t.Errorf("third run summary %+v", sum3)
	}
	m3, _ := manifest.Read(dir)
	if e, _ := m3.Get(r23 + "P020240201_report2023.pdf"); e.Change != manifest.Changed || e.Size != int64(len(s.pdf)+1) {
		t.Errorf("changed file entry %+v", e)
	}
}

func checkManifest(t *testing.T, m *manifest.Manifest, wants []want, change manifest.Change) {
	t.Helper()
	got := m.Entries()
	if len(got) != len(wants) {
		var paths []string
		for _, e := range got {
			paths = append(paths, e.Path+" "+e.URL)
		}
		t.Errorf("manifest has %d entries, want %d:\n%s", len(got), len(wants), strings.Join(paths, "\n"))
	}
	for _, w := range wants {
		e, ok := m.Get(w.path)
		if !ok {
			t.Errorf("manifest lacks %s", w.path)
			continue
		}
		if e.Kind != w.kind || e.URL != w.url || e.Title != w.title || e.Year != w.year || e.Published != w.published ||
			e.PublishedFrom != w.from || e.Change != change || e.SHA256 == "" || e.Fetched == "" {
			t.Errorf("%s:\n got %+v\nwant %+v change %s", w.path, e, w, change)
		}
	}
}

func reasons(es []*Error) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.URL+" "+e.Reason)
	}
	sort.Strings(out)
	return out
}

func count(hits []hit, path string) int {
	n := 0
	for _, h := range hits {
		if h.path == path {
			n++
		}
	}
	return n
}

// checkManners: every request names nianbao in its User-Agent, and
// requests follow each other at least gap apart on the portal's clock.
func checkManners(t *testing.T, hits []hit, gap time.Duration) {
	t.Helper()
	if len(hits) == 0 {
		t.Fatal("the portal got no request")
	}
	for i, h := range hits {
		if !strings.HasPrefix(h.ua, "nianbao/") {
			t.Errorf("request %s: User-Agent %q", h.path, h.ua)
		}
		if i > 0 {
			if d := h.at.Sub(hits[i-1].at); d < gap {
				t.Errorf("requests %s and %s only %v apart, want at least %v", hits[i-1].path, h.path, d, gap)
			}
		}
	}
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestDefaultSpacing: with the default rate and the wall clock, requests to
// one host are at least a second apart as the portal's own clock sees them.
func TestDefaultSpacing(t *testing.T) {
	p := newPortal(t, time.Now)
	p.put("/robots.txt", "text/plain", []byte("User-agent: *\nDisallow:\n"))
	p.put("/a.pdf", "application/pdf", []byte("%PDF-1.4 a"))
	p.put("/b.pdf", "application/pdf", []byte("%PDF-1.4 b"))
	c, err := New(Options{Dir: t.TempDir(), UserAgent: UserAgent("test")})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Fetch(context.Background(), []string{p.srv.URL + "/a.pdf", p.srv.URL + "/b.pdf"}); err != nil {
		t.Fatal(err)
	}
	hits := p.hitsCopy()
	if len(hits) != 3 {
		t.Fatalf("%d requests, want robots.txt and two files", len(hits))
	}
	// Spacing counts from the end of the previous request, so the portal
	// sees at least the full second.
	checkManners(t, hits, time.Second)
	t.Logf("gaps seen by the portal: %v, %v", hits[1].at.Sub(hits[0].at), hits[2].at.Sub(hits[1].at))
}

// TestMaxPages: the page cap stops the crawl and says so.
func TestMaxPages(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock.Now)
	lim := testLimits()
	lim.MaxPages = 2
	c, err := New(Options{Dir: t.TempDir(), UserAgent: UserAgent("test"), Limits: lim, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Crawl(context.Background(), []string{s.base + "/nb/index.html"}); err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, h := range s.p.hitsCopy() {
		if strings.HasSuffix(h.path, ".html") {
			pages++
		}
	}
	if pages != 2 {
		t.Errorf("%d pages fetched with --max-pages 2", pages)
	}
	sum := c.Summary()
	found := false
	for _, e := range sum.Skipped {
		if e.Reason == ReasonLimit {
			found = true
		}
	}
	if !found {
		t.Errorf("no limit reported: %+v", sum.Skipped)
	}
}

// TestStartAtReportPage: a report page given as the start URL is crawled as
// a report (its attachments), not as a listing.
func TestStartAtReportPage(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock.Now)
	dir := t.TempDir()
	c, err := New(Options{Dir: dir, UserAgent: UserAgent("test"), Limits: testLimits(), Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Crawl(context.Background(), []string{s.base + "/nb/202402/t20240201_1.html"}); err != nil {
		t.Fatal(err)
	}
	m, _ := manifest.Read(dir)
	var got []string
	for _, e := range m.Entries() {
		got = append(got, fmt.Sprintf("%s %s %s", e.Kind, e.Path, e.FoundOn))
	}
	r := s.host + "/2023-测试市2023年政府信息公开工作年度报告/"
	page := s.base + "/nb/202402/t20240201_1.html"
	want := []string{
		"attachment " + r + "P020240201_report2023.docx " + page,
		"attachment " + r + "P020240201_report2023.mht " + page,
		"attachment " + r + "P020240201_report2023.ofd " + page,
		"attachment " + r + "P020240201_report2023.pdf " + page,
		"page " + r + "page.html ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
