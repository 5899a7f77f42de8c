package crawl

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		"report.pdf":              "report.pdf",
		"../../etc/passwd":        "etc_passwd",
		"..":                      "_",
		"":                        "_",
		"a/b\\c:d*e?f\"g<h>i|j":   "a_b_c_d_e_f_g_h_i_j",
		".hidden":                 "hidden",
		"CON.pdf":                 "_CON.pdf",
		"lpt1":                    "_lpt1",
		"年报\x00\x01\n 2023 .pdf.": "年报_2023_.pdf",
		"测试市2023年政府信息公开工作年度报告": "测试市2023年政府信息公开工作年度报告",
	} {
		if got := safeName(in, maxSegment); got != want {
			t.Errorf("safeName(%q) = %q, want %q", in, got, want)
		}
	}
	long := safeName(strings.Repeat("长", 200)+".docx", maxSegment)
	if len(long) > maxSegment || !utf8.ValidString(long) || !strings.HasSuffix(long, ".docx") {
		t.Errorf("long name %q (%d bytes)", long, len(long))
	}
}

func TestURLFileName(t *testing.T) {
	for in, want := range map[string]string{
		"http://h/a/b/report.pdf":                 "report.pdf",
		"http://h/a/..%2f..%2f..%2fescape.pdf":    "escape.pdf",
		"http://h/a/%E5%B9%B4%E6%8A%A5.pdf":       "年报.pdf",
		"http://h/":                               "index",
		"http://h/download?id=3":                  "download",
		"http://h/a/%2e%2e":                       "_",
		"http://h/a/C:%5Cwindows%5Csystem32.docx": "C_windows_system32.docx",
	} {
		u, err := url.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := urlFileName(u, ""); got != want {
			t.Errorf("urlFileName(%s) = %q, want %q", in, got, want)
		}
	}
	u, _ := url.Parse("http://h/download?id=3")
	if got := urlFileName(u, ".pdf"); got != "download.pdf" {
		t.Errorf("with content-type extension: %q", got)
	}
}

func TestWithin(t *testing.T) {
	dir := t.TempDir()
	for _, bad := range []string{"../x", "/abs", "a/../../x", "a//b", "a\\b", ""} {
		if _, err := within(dir, bad); err == nil {
			t.Errorf("within(%q) accepted", bad)
		}
	}
	got, err := within(dir, "h/r/page.html")
	if err != nil || got != filepath.Join(dir, "h", "r", "page.html") {
		t.Errorf("within = %q %v", got, err)
	}
}

func FuzzSafeName(f *testing.F) {
	f.Add("../../a.pdf")
	f.Add("年报/2023\\..")
	f.Fuzz(func(t *testing.T, s string) {
		n := safeName(s, maxSegment)
		if n == "" || n == "." || n == ".." || strings.ContainsAny(n, "/\\\x00") || len(n) > maxSegment+1 {
			t.Fatalf("safeName(%q) = %q", s, n)
		}
		if _, err := within(t.TempDir(), "h/"+n); err != nil {
			t.Fatalf("within(%q): %v", n, err)
		}
	})
}

func TestHostAllowed(t *testing.T) {
	c := NewClient("t", Limits{}, nil, nil)
	c.AllowHost("example.gov.cn")
	c.AllowHost("files.example.gov.cn:8080")
	for h, want := range map[string]bool{
		"http://example.gov.cn/a":            true,
		"https://www.example.gov.cn/a":       true,
		"http://example.gov.cn:8443/a":       true,
		"http://files.example.gov.cn:8080/a": true,
		"http://files.example.gov.cn/a":      false,
		"http://evil.example.gov.cn/a":       false,
		"http://example.gov.cn.evil.com/a":   false,
		"http://wwwexample.gov.cn/a":         false,
	} {
		u, _ := url.Parse(h)
		if got := c.hostAllowed(u); got != want {
			t.Errorf("hostAllowed(%s) = %v, want %v", h, got, want)
		}
	}
}

// TestExtFor: the extension a download's content type implies, for a link
// that names none (a page saved as one file is served by IIS as
// message/rfc822).
func TestExtFor(t *testing.T) {
	for ct, want := range map[string]string{
		"application/pdf": ".pdf", "message/rfc822": ".mht", "multipart/related; boundary=x": ".mht",
		"application/x-mimearchive": ".mht", "text/html; charset=utf-8": ".html", "application/octet-stream": "", "": "",
	} {
		if got := extFor(ct); got != want {
			t.Errorf("extFor(%q) = %q, want %q", ct, got, want)
		}
	}
}
