package crawl

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/crawl/manifest"
)

// TestAllowHost: a link to another host is fetched only when --allow-host
// names it, and then that host's robots.txt is asked first.
func TestAllowHost(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock.Now)
	other := strings.TrimPrefix(s.other.srv.URL, "http://")
	dir := t.TempDir()
	c, err := New(Options{Dir: dir, UserAgent: UserAgent("test"), Limits: testLimits(), Clock: clock, AllowHosts: []string{other}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Crawl(context.Background(), []string{s.base + s.hostileReport}); err != nil {
		t.Fatal(err)
	}
	hits := s.other.hitsCopy()
	if len(hits) != 2 || hits[0].path != "/robots.txt" || hits[1].path != "/report.pdf" {
		t.Fatalf("other host hits: %+v", hits)
	}
	m, _ := manifest.Read(dir)
	found := false
	for _, e := range m.Entries() {
		if e.URL == s.other.srv.URL+"/report.pdf" {
			found = true
			// Stored with the report that linked to it, not under the other host.
			if !strings.HasPrefix(e.Path, s.host+"/2020-测试局") {
				t.Errorf("other host's file at %s", e.Path)
			}
		}
	}
	if !found {
		t.Error("allowed host's file not downloaded")
	}
}

// TestCrawlDelay: a robots.txt Crawl-delay longer than the rate's gap is
// honoured.
func TestCrawlDelay(t *testing.T) {
	clock := newFakeClock()
	p := newPortal(t, clock.Now)
	p.put("/robots.txt", "text/plain", []byte("User-agent: *\nCrawl-delay: 3\n"))
	p.put("/a.pdf", "application/pdf", []byte("%PDF a"))
	p.put("/b.pdf", "application/pdf", []byte("%PDF b"))
	c, err := New(Options{Dir: t.TempDir(), UserAgent: UserAgent("test"), Limits: testLimits(), Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Fetch(context.Background(), []string{p.srv.URL + "/a.pdf", p.srv.URL + "/b.pdf"}); err != nil {
		t.Fatal(err)
	}
	hits := p.hitsCopy()
	if len(hits) != 3 {
		t.Fatalf("hits %+v", hits)
	}
	if d := hits[2].at.Sub(hits[1].at); d < 3*time.Second {
		t.Errorf("Crawl-delay 3: files %v apart", d)
	}
}

// TestRobotsServerError: a robots.txt answered 5xx (after the retries)
// means "disallow everything" (RFC 9309), so nothing else is fetched, and
// the URLs it stops are failures to retry later.
func TestRobotsServerError(t *testing.T) {
	clock := newFakeClock()
	p := newPortal(t, clock.Now)
	p.special["/robots.txt"] = func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) }
	p.put("/a.pdf", "application/pdf", []byte("%PDF a"))
	dir := t.TempDir()
	c, err := New(Options{Dir: dir, UserAgent: UserAgent("test"), Limits: testLimits(), Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Fetch(context.Background(), []string{p.srv.URL + "/a.pdf"}); err != nil {
		t.Fatal(err)
	}
	for _, h := range p.hitsCopy() {
		if h.path != "/robots.txt" {
			t.Errorf("fetched %s although robots.txt failed", h.path)
		}
	}
	if n := len(p.hitsCopy()); n != 1+DefaultRetries {
		t.Errorf("robots.txt asked %d times, want %d", n, 1+DefaultRetries)
	}
	// a failure to try again later (exit 1), not the site's choice
	if sum := c.Summary(); len(sum.Skipped) != 0 || len(sum.Failed) != 1 || sum.Failed[0].Reason != ReasonNoRobots ||
		sum.Failed[0].Msg != "无法获取该网站的 robots.txt（服务器返回 HTTP 500），按 RFC 9309 暂不抓取该网站，可稍后重试" {
		t.Errorf("summary %+v", sum)
	}
}

// TestRobotsUnreachable: a host that refuses connections fails like one
// whose robots.txt fails, and the message says why, in Chinese (it was
// skipped with "robots.txt 不允许抓取", as if the site had forbidden it, and
// the run ended with exit 0).
func TestRobotsUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now: connections are refused
	c, err := New(Options{Dir: t.TempDir(), UserAgent: UserAgent("test"), Limits: testLimits(), Clock: newFakeClock()})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Fetch(context.Background(), []string{"http://" + addr + "/a.pdf"}); err != nil {
		t.Fatal(err)
	}
	want := "无法获取该网站的 robots.txt（连接失败：连接被拒绝，服务器没有在该端口提供服务），按 RFC 9309 暂不抓取该网站，可稍后重试"
	if sum := c.Summary(); len(sum.Failed) != 1 || sum.Failed[0].Msg != want {
		t.Errorf("summary %+v", sum)
	}
}

// TestCancelWritesManifest: an interrupted crawl still records what it
// downloaded, and the request cut by the interruption is not listed as a
// failure of the portal ("context canceled").
func TestCancelWritesManifest(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock.Now)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	c, err := New(Options{Dir: dir, UserAgent: UserAgent("test"), Limits: testLimits(), Clock: clock,
		Log: func(line string) {
			if strings.HasPrefix(line, "报告页") {
				if n++; n == 2 {
					cancel()
				}
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Crawl(ctx, []string{s.base + "/nb/index.html"}); err != context.Canceled {
		t.Fatalf("Crawl = %v, want context.Canceled", err)
	}
	for _, e := range c.Summary().Failed {
		if errors.Is(e, context.Canceled) || strings.Contains(e.Error(), "context canceled") {
			t.Errorf("the interruption is listed as a failure: %v", e)
		}
	}
	m, err := manifest.Read(dir)
	if err != nil || m.Len() == 0 {
		t.Fatalf("manifest after cancel: %d entries, %v", m.Len(), err)
	}
	for _, e := range m.Entries() {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(e.Path))); err != nil {
			t.Errorf("%s listed but not on disk", e.Path)
		}
	}
}

// TestNoWriteThroughSymlink: a folder inside DIR that is a symbolic link
// (pointing outside) is never written through.
func TestNoWriteThroughSymlink(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "h")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if _, err := within(dir, "h/r/page.html"); err == nil {
		t.Fatal("within accepted a path through a symbolic link")
	}
}

// TestFetchReportPage: fetch stores a report page like crawl does (folder by
// year and title, title and date in the manifest) and follows none of its
// links; a second fetch is answered 304.
func TestFetchReportPage(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock.Now)
	dir := t.TempDir()
	for run := 0; run < 2; run++ {
		s.p.resetHits()
		c, err := New(Options{Dir: dir, UserAgent: UserAgent("test"), Limits: testLimits(), Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Fetch(context.Background(), []string{s.base + "/nb/202402/t20240201_1.html"}); err != nil {
			t.Fatal(err)
		}
		m, _ := manifest.Read(dir)
		es := m.Entries()
		want := manifest.New
		if run == 1 {
			want = manifest.Unchanged
		}
		if len(es) != 1 || es[0].Kind != manifest.KindPage || es[0].Path != s.host+"/2023-测试市2023年政府信息公开工作年度报告/page.html" ||
			es[0].Published != "2024-02-01" || es[0].Change != want {
			t.Fatalf("run %d: %+v", run, es)
		}
		hits := s.p.hitsCopy()
		if len(hits) != 2 || hits[1].path != "/nb/202402/t20240201_1.html" || (run == 1) != (hits[1].status == 304) {
			t.Errorf("run %d hits %+v", run, hits)
		}
	}
}
