package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/testutil"
)

// TestCrawlThenAudit: crawl a portal on 127.0.0.1, then audit the download
// folder: the report carries its source URL and the page's publication
// date, which TIME-DEADLINE judges.
func TestCrawlThenAudit(t *testing.T) {
	pdf, err := os.ReadFile(filepath.Join(testutil.RepoRoot(t), "fixtures", "pdf", "clean-chromium-sans-dept.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]portalFile{
		"/robots.txt":     {"text/plain", []byte("User-agent: *\nDisallow: /admin/\n")},
		"/nb/index.html":  {"text/html; charset=utf-8", []byte(`<html><head><meta charset="utf-8"></head><body><ul><li><a href="t1.html">云岭市自然资源和规划局2024年政府信息公开工作年度报告</a></li></ul></body></html>`)},
		"/nb/t1.html":     {"text/html; charset=utf-8", []byte(`<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="云岭市自然资源和规划局2024年政府信息公开工作年度报告"><meta name="PubDate" content="2025-02-10 09:00"></head><body><div class="TRS_Editor"><p>本报告全文见附件。</p></div><p>附件：<a href="report.pdf">年度报告.pdf</a></p></body></html>`)},
		"/nb/report.pdf":  {"application/pdf", pdf},
		"/nb/missing.pdf": {"", nil},
	}
	srv := servePortal(t, files)

	nb := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
		return code, out.String(), errb.String()
	}
	dir := t.TempDir()
	code, out, errs := nb("crawl", srv.URL+"/nb/index.html", "-o", dir, "--rate", "1000", "-q")
	if code != 0 || !strings.Contains(out, "年报 1 份；文件 2 个（新增 2，有更新 0，未变 0）") || errs != "" {
		t.Fatalf("crawl: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = nb("crawl", srv.URL+"/nb/index.html", "-o", dir, "--rate", "1000", "-q")
	if code != 0 || !strings.Contains(out, "文件 2 个（新增 0，有更新 0，未变 2）") {
		t.Fatalf("second crawl: exit %d\n%s", code, out)
	}

	code, out, errs = nb("audit", dir, "--format", "json", "--fail-on", "never")
	if code != 0 {
		t.Fatalf("audit: exit %d\n%s", code, errs)
	}
	var res struct {
		Reports []struct {
			Source        struct{ Path string } `json:"source"`
			SourceURL     string                `json:"source_url"`
			SourcePage    string                `json:"source_page"`
			Published     string                `json:"published"`
			PublishedFrom string                `json:"published_from"`
			Findings      []struct {
				Rule    string `json:"rule"`
				Message string `json:"message"`
			} `json:"findings"`
		} `json:"reports"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("audit JSON: %v\n%s", err, out)
	}
	found := false
	for _, r := range res.Reports {
		if !strings.HasSuffix(r.Source.Path, "report.pdf") {
			continue
		}
		found = true
		if r.SourceURL != srv.URL+"/nb/report.pdf" || r.SourcePage != srv.URL+"/nb/t1.html" {
			t.Errorf("source_url %q source_page %q", r.SourceURL, r.SourcePage)
		}
		if r.Published != "2025-02-10" || r.PublishedFrom != "manifest" {
			t.Errorf("published %q from %q", r.Published, r.PublishedFrom)
		}
		late := false
		for _, f := range r.Findings {
			if f.Rule == "TIME-DEADLINE" && strings.Contains(f.Message, "发布日期2025-02-10晚于") {
				late = true
			}
		}
		if !late {
			t.Errorf("no TIME-DEADLINE finding on the page's date: %+v", r.Findings)
		}
	}
	if !found {
		t.Fatalf("report.pdf not audited:\n%s", out)
	}

	// The CSV of findings names the source of each finding's file.
	code, out, _ = nb("audit", dir, "--format", "csv", "--fail-on", "never")
	if code != 0 || !strings.Contains(out, ",来源网址\n") {
		t.Fatalf("audit csv: exit %d\n%s", code, out)
	}
	late := false
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "report.pdf,") && strings.Contains(line, "TIME-DEADLINE") && strings.HasSuffix(line, ","+srv.URL+"/nb/report.pdf") {
			late = true
		}
	}
	if !late {
		t.Errorf("no TIME-DEADLINE row with the source URL:\n%s", out)
	}

	// fetch: one file saved under its host; a missing one fails with exit 1.
	dir2 := t.TempDir()
	code, out, _ = nb("fetch", srv.URL+"/nb/report.pdf", srv.URL+"/nb/missing.pdf", "-o", dir2, "--rate", "1000", "-q")
	host := strings.ReplaceAll(strings.TrimPrefix(srv.URL, "http://"), ":", "_")
	if code != 1 || !strings.Contains(out, "新增 1") || !strings.Contains(out, "失败 1 个") || !strings.Contains(out, "HTTP 404") {
		t.Errorf("fetch: exit %d\n%s", code, out)
	}
	if b, err := os.ReadFile(filepath.Join(dir2, host, "report.pdf")); err != nil || !bytes.Equal(b, pdf) {
		t.Errorf("fetched file: %v", err)
	}
	// Usage errors.
	if code, _, errs := nb("crawl", srv.URL+"/nb/index.html"); code != 2 || !strings.Contains(errs, "-o") {
		t.Errorf("crawl without -o: exit %d %s", code, errs)
	}
	if code, _, errs := nb("fetch", "ftp://127.0.0.1/x", "-o", dir2); code != 2 || !strings.Contains(errs, "http/https") {
		t.Errorf("fetch ftp: exit %d %s", code, errs)
	}
}

// portalFile is one file a test portal serves: its content type and bytes
// (nil: 404).
type portalFile struct {
	ct   string
	body []byte
}

// servePortal serves files on 127.0.0.1 until the test ends.
func servePortal(t *testing.T, files map[string]portalFile) *httptest.Server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := files[r.URL.Path]
		if !ok || f.body == nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", f.ct)
		w.Header().Set("ETag", `"v1"`)
		http.ServeContent(w, r, "", time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC), bytes.NewReader(f.body))
	}))
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// TestCrawlThenAuditTablePictures: a report page whose tables are pictures
// named by the portal's own addresses (a full URL, a path from the site's
// root loaded late — a placeholder in src, the picture in data-src —, a
// path up a folder), as content systems write them. The crawler
// downloads the pictures beside the page; the audit of the folder reads
// them as the page's tables (through the manifest, which knows where each
// address was saved) and does not audit them as reports of their own.
func TestCrawlThenAuditTablePictures(t *testing.T) {
	testutil.NeedTool(t, "tesseract", "tesseract-ocr tesseract-ocr-chi-sim")
	fix := filepath.Join(testutil.RepoRoot(t), "fixtures", "ocr", "html")
	page, err := os.ReadFile(filepath.Join(fix, "defect-t3-balance.html"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]portalFile{
		"/nb/index.html": {"text/html; charset=utf-8", []byte(`<html><head><meta charset="utf-8"></head><body><ul><li><a href="2024/t2.html">云岭市教育局2023年政府信息公开工作年度报告</a></li></ul></body></html>`)},
	}
	srv := servePortal(t, files)
	srcs := map[string]string{ // the picture's name in the fixture → its attributes in the page, and where it is served
		"defect-t3-balance-t1.png": `src="` + srv.URL + `/uploads/2024/01/W0201.png"`,
		"defect-t3-balance-t2.png": `src="/images/loading.gif" data-src="/uploads/2024/01/W0202.png"`,
		"defect-t3-balance-t3.png": `src="../../uploads/W0203.png"`,
	}
	served := map[string]string{
		"defect-t3-balance-t1.png": "/uploads/2024/01/W0201.png",
		"defect-t3-balance-t2.png": "/uploads/2024/01/W0202.png",
		"defect-t3-balance-t3.png": "/uploads/W0203.png",
	}
	for name, src := range srcs {
		png, err := os.ReadFile(filepath.Join(fix, name))
		if err != nil {
			t.Fatal(err)
		}
		files[served[name]] = portalFile{"image/png", png}
		page = bytes.Replace(page, []byte(`src="`+name+`"`), []byte(src), 1)
	}
	files["/nb/2024/t2.html"] = portalFile{"text/html; charset=utf-8", page}

	var out, errb bytes.Buffer
	dir := t.TempDir()
	if code := run(context.Background(), []string{"crawl", srv.URL + "/nb/index.html", "-o", dir, "--rate", "1000", "-q"}, strings.NewReader(""), &out, &errb); code != 0 || !strings.Contains(out.String(), "年报 1 份；文件 4 个") {
		t.Fatalf("crawl: exit %d\n%s\n%s", code, out.String(), errb.String())
	}
	out.Reset()
	errb.Reset()
	if code := run(context.Background(), []string{"audit", dir, "--format", "json", "--fail-on", "never"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("audit: exit %d\n%s", code, errb.String())
	}
	var res struct {
		Reports []struct {
			Source struct {
				Path     string `json:"path"`
				Problems []struct {
					Code    string `json:"code"`
					Message string `json:"message"`
				} `json:"problems"`
			} `json:"source"`
			Findings []struct {
				Rule   string `json:"rule"`
				Status string `json:"status"`
			} `json:"findings"`
		} `json:"reports"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("audit JSON: %v\n%s", err, out.String())
	}
	if len(res.Reports) != 1 || !strings.HasSuffix(res.Reports[0].Source.Path, ".html") {
		var paths []string
		for _, r := range res.Reports {
			paths = append(paths, r.Source.Path)
		}
		t.Fatalf("reports %q, want the page alone", paths)
	}
	r := res.Reports[0]
	for _, p := range r.Source.Problems {
		if strings.Contains(p.Message, "无法读取") || p.Code == "unsupported" {
			t.Errorf("problem %s: %s", p.Code, p.Message)
		}
	}
	balance := 0
	for _, f := range r.Findings {
		switch {
		case f.Rule == "ARITH-T3-BALANCE" && f.Status != "pass":
			balance++ // the fixture's defect: 自然人 and 总计
		case strings.HasPrefix(f.Rule, "COMPL-") && f.Status != "pass":
			t.Errorf("%s %s: a table in a picture not read", f.Rule, f.Status)
		}
	}
	if balance != 2 {
		t.Errorf("ARITH-T3-BALANCE reported %d times, want 2 (the pictures' numbers read)", balance)
	}
}
