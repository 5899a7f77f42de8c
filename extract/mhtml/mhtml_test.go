package mhtml_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"mime/quotedprintable"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/html"
	"github.com/nianbao/nianbao/extract/mhtml"
)

// pagePart is the report page of the messages below.
const pagePart = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">` +
	`<title>青禾县2023年政府信息公开工作年度报告</title></head><body>` +
	`<h1>青禾县2023年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>本年度主动公开政府信息1203条。</p>` +
	`<p>三、收到和处理政府信息公开申请情况</p><img src="report.files/image001.png"><img src="cid:image002.png@01DA1234">` +
	`<p>六、其他需要报告的事项</p><p>无。</p></body></html>`

// wordMHT is a page as Word and WPS save it ("单个文件网页"): CRLF lines, the
// page in GB2312 as quoted-printable, pictures in base64 at file:// locations
// beside it and by Content-ID.
func wordMHT(t *testing.T, start string) []byte {
	t.Helper()
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(pagePart)
	if err != nil {
		t.Fatal(err)
	}
	var qp bytes.Buffer
	w := quotedprintable.NewWriter(&qp)
	w.Write([]byte(gbk))
	w.Close()
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	startParam := ""
	if start != "" {
		startParam = `; start="<` + start + `>"`
	}
	msg := "MIME-Version: 1.0\n" +
		`Content-Type: multipart/related; boundary="----=_NextPart_01DA1234.5678ABCD"` + startParam + "\n\n" +
		"此文档为“单个文件网页”，也称为“Web 档案”文件。\n\n" +
		"------=_NextPart_01DA1234.5678ABCD\n" +
		"Content-Type: text/plain\nContent-ID: <notes>\n\n不是网页的部分\n" +
		"------=_NextPart_01DA1234.5678ABCD\n" +
		"Content-Location: file:///C:/6E5B1234/report.htm\nContent-Transfer-Encoding: quoted-printable\n" +
		`Content-Type: text/html; charset="gb2312"` + "\nContent-ID: <page>\n\n" + strings.ReplaceAll(qp.String(), "\r\n", "\n") + "\n" +
		"------=_NextPart_01DA1234.5678ABCD\n" +
		"Content-Location: file:///C:/6E5B1234/report.files/image001.png\nContent-Transfer-Encoding: base64\n" +
		"Content-Type: image/png\n\n" + b64("picture one") + "\n" +
		"------=_NextPart_01DA1234.5678ABCD\n" +
		"Content-ID: <image002.png@01DA1234>\nContent-Transfer-Encoding: base64\nContent-Type: image/png\n\n" +
		b64("picture two") + "\n" +
		"------=_NextPart_01DA1234.5678ABCD--\n"
	return []byte(strings.ReplaceAll(msg, "\n", "\r\n"))
}

// read extracts data, recording the pictures the page was given.
func read(t *testing.T, data []byte) (*extract.Document, map[string]string, error) {
	t.Helper()
	got := map[string]string{}
	doc, err := mhtml.Extract(context.Background(), "report.mht", data,
		func(ctx context.Context, path string, page []byte, contentType string, pictures mhtml.Pictures) (*extract.Document, error) {
			for _, src := range []string{"report.files/image001.png", "cid:image002.png@01DA1234", "report.files/missing.png", "http://example.org/x.png"} {
				if b, ok := pictures(src); ok {
					got[src] = string(b)
				}
			}
			return html.ExtractPage(ctx, path, page, contentType, pictures)
		})
	return doc, got, err
}

func TestWordMHT(t *testing.T) {
	for _, start := range []string{"", "page"} {
		doc, pics, err := read(t, wordMHT(t, start))
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, b := range doc.Blocks {
			text.WriteString(b.Text + "\n")
		}
		for _, want := range []string{"青禾县2023年政府信息公开工作年度报告", "本年度主动公开政府信息1203条", "六、其他需要报告的事项"} {
			if !strings.Contains(text.String(), want) {
				t.Errorf("start=%q: %q not read from the GB2312 page:\n%s", start, want, text.String())
			}
		}
		if strings.Contains(text.String(), "不是网页的部分") {
			t.Errorf("start=%q: the text part was read as the page", start)
		}
		if pics["report.files/image001.png"] != "picture one" || pics["cid:image002.png@01DA1234"] != "picture two" || len(pics) != 2 {
			t.Errorf("start=%q: pictures %v", start, pics)
		}
		if doc.Format != extract.FormatHTML || doc.Meta.Title != "青禾县2023年政府信息公开工作年度报告" {
			t.Errorf("format %q title %q", doc.Format, doc.Meta.Title)
		}
		if len(doc.SHA256) != 64 {
			t.Errorf("digest %q", doc.SHA256)
		}
	}
}

// TestDamagedMHT: a file cut inside a picture still gives its page; what is
// not a saved page is refused with a message that says why.
func TestDamagedMHT(t *testing.T) {
	whole := wordMHT(t, "")
	cut := whole[:bytes.Index(whole, []byte("Content-ID: <image002"))+40]
	if doc, _, err := read(t, cut); err != nil || len(doc.Blocks) == 0 {
		t.Errorf("cut file: %v", err)
	}
	for name, data := range map[string]string{
		"not MIME":       "<html><body>一、总体情况</body></html>",
		"not multipart":  "MIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n<html></html>",
		"no page":        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n",
		"no parts":       "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n",
		"empty boundary": "MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n--\r\n",
	} {
		_, _, err := read(t, []byte(data))
		if err == nil || !strings.Contains(err.Error(), "report.mht") || !strings.Contains(err.Error(), "网页") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestSniff(t *testing.T) {
	b := mhtml.Backend(html.ExtractPage)
	head := wordMHT(t, "")[:300]
	if v := b.Sniff(".txt", head); v != extract.ByContent {
		t.Errorf("a saved page named .txt: %v", v)
	}
	if v := b.Sniff(".mht", []byte("<html>")); v != extract.ByName {
		t.Errorf(".mht without MIME headers: %v", v)
	}
	if v := b.Sniff(".html", []byte("<html>")); v != extract.No {
		t.Errorf("a plain page: %v", v)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add([]byte("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>=E4=B8=80</p>\r\n--b--\r\n"))
	f.Add([]byte("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b; start=\"<x>\"\r\n\r\n--b\r\nContent-ID: <x>\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\nPHA+5LiAPC9wPg==\r\n--b\r\nContent-Type: image/png\r\nContent-Location: a.png\r\n\r\n\x89PNG\r\n--b--\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := mhtml.Extract(context.Background(), "f.mht", data, html.ExtractPage)
		if err == nil && doc == nil {
			t.Fatal("no document and no error")
		}
	})
}

// TestMHTBudget: the parts are spent from the document's memory budget: a
// picture past it is left out, a page past it refuses the file with the
// budget's error.
func TestMHTBudget(t *testing.T) {
	data := wordMHT(t, "")
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(pagePart)
	if err != nil {
		t.Fatal(err)
	}
	var pics int
	// the page and one of the two 11-byte pictures
	ctx := extract.WithBudget(context.Background(), extract.NewBudget(int64(len(gbk)+15)))
	_, err = mhtml.Extract(ctx, "report.mht", data, func(ctx context.Context, path string, page []byte, contentType string, pictures mhtml.Pictures) (*extract.Document, error) {
		for _, src := range []string{"report.files/image001.png", "cid:image002.png@01DA1234"} {
			if _, ok := pictures(src); ok {
				pics++
			}
		}
		return &extract.Document{}, nil
	})
	if err != nil || pics != 1 {
		t.Errorf("budget of the page and a bit: err %v, %d pictures kept, want 1", err, pics)
	}
	ctx = extract.WithBudget(context.Background(), extract.NewBudget(100))
	if _, err := mhtml.Extract(ctx, "report.mht", data, html.ExtractPage); !errors.Is(err, extract.ErrBudget) {
		t.Errorf("page past the budget: err = %v", err)
	}
}
