package html

import (
	"context"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/testutil"
)

func encodeWith(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b
}

// blocksOnly renders a Document without its SHA and problems, to compare
// the same page in two encodings.
func blocksOnly(doc *extract.Document) string {
	d := *doc
	d.Problems = nil
	return testutil.Dump(&d)
}

// TestCharsetRealPage encodes a real UTF-8 page as GBK and GB18030 under
// every kind of declaration and checks that the extracted Document is the
// same as from the UTF-8 original.
func TestCharsetRealPage(t *testing.T) {
	path := testutil.Corpus(t, "2023_fujian_pingtan_zone_page.html")
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	want, err := Extract(ctx, path, orig, "")
	if err != nil {
		t.Fatal(err)
	}
	wantDump := blocksOnly(want)
	page := string(orig)
	const decl = `charset="utf-8"`
	if strings.Count(page, decl) != 1 {
		t.Fatalf("test premise: page should declare %s once", decl)
	}
	with := func(label string) string { return strings.Replace(page, decl, `charset="`+label+`"`, 1) }
	without := strings.Replace(page, decl, "", 1)

	cases := []struct {
		name        string
		data        []byte
		contentType string
		problem     bool
	}{
		{"gbk meta charset", encodeWith(t, simplifiedchinese.GBK, with("gbk")), "", false},
		{"gb2312 meta charset", encodeWith(t, simplifiedchinese.GBK, with("gb2312")), "", false},
		{"gb18030 meta charset", encodeWith(t, simplifiedchinese.GB18030, with("GB18030")), "", false},
		{"gbk http-equiv", encodeWith(t, simplifiedchinese.GBK, strings.Replace(page, decl,
			`http-equiv="Content-Type" content="text/html; charset=gbk"`, 1)), "", false},
		{"gbk header only", encodeWith(t, simplifiedchinese.GBK, without), "text/html; charset=GBK", false},
		{"gb2312 header wins over utf-8 meta", encodeWith(t, simplifiedchinese.GBK, page), "text/html;charset=gb2312", false},
		{"gbk undeclared (sniffed)", encodeWith(t, simplifiedchinese.GBK, without), "", false},
		{"gb18030 undeclared (sniffed)", encodeWith(t, simplifiedchinese.GB18030, without), "", false},
		{"utf-8 undeclared (sniffed)", []byte(without), "", false},
		{"utf-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, without...), "", false},
		{"utf-8 header", []byte(without), "text/html; charset=UTF-8", false},
		// Declarations the bytes contradict: the bytes win, with a problem.
		{"declared utf-8, bytes gbk", encodeWith(t, simplifiedchinese.GBK, page), "", true},
		{"declared gbk, bytes utf-8", []byte(with("gbk")), "", true},
		{"header gbk, bytes utf-8", []byte(without), "text/html; charset=gbk", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Extract(ctx, path, tc.data, tc.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if got := blocksOnly(doc); got != wantDump {
				gl, wl := strings.Split(got, "\n"), strings.Split(wantDump, "\n")
				for i := range min(len(gl), len(wl)) {
					if gl[i] != wl[i] {
						t.Fatalf("differs from the UTF-8 page at line %d:\n got  %q\n want %q", i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("differs from the UTF-8 page: %d lines vs %d", len(gl), len(wl))
			}
			var charsetProblems int
			for _, p := range doc.Problems {
				if p.Code == extract.ProblemCharset {
					charsetProblems++
				}
			}
			if tc.problem && charsetProblems != 1 || !tc.problem && charsetProblems != 0 {
				t.Errorf("charset problems = %+v, want problem=%v", doc.Problems, tc.problem)
			}
		})
	}
}

func TestDecodeSmall(t *testing.T) {
	const text = "平潭综合实验区政府信息公开工作年度报告，本年新收申请81件。"
	gbk := encodeWith(t, simplifiedchinese.GBK, text)
	gb18030 := encodeWith(t, simplifiedchinese.GB18030, text+"𠀀")
	cases := []struct {
		name        string
		data        []byte
		contentType string
		want        string
		charset     string
		source      string
	}{
		{"utf-8 plain", []byte(text), "", text, "utf-8", "sniff"},
		{"gbk plain", gbk, "", text, "gb18030", "sniff"},
		{"gbk meta", append([]byte(`<meta charset=gbk>`), gbk...), "", "<meta charset=gbk>" + text, "gb18030", "meta"},
		{"gb2312 meta single quotes", append([]byte(`<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=GB2312'>`), gbk...), "",
			`<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=GB2312'>` + text, "gb18030", "meta"},
		// A four-byte GB18030 sequence on a page that says GBK survives.
		{"gb18030 bytes declared gbk", gb18030, "text/html; charset=gbk", text + "𠀀", "gb18030", "header"},
		{"unknown label ignored", append([]byte(`<meta charset="x-nonsense">`), gbk...), "", `<meta charset="x-nonsense">` + text, "gb18030", "sniff"},
		{"sloppy header", gbk, `text/html;charset="GBK";`, text, "gb18030", "header"},
		{"empty", nil, "", "", "utf-8", "sniff"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := decode(tc.data, tc.contentType)
			if d.text != tc.want || d.charset != tc.charset || d.source != tc.source {
				t.Errorf("decode = %q (%s from %s), want %q (%s from %s)", d.text, d.charset, d.source, tc.want, tc.charset, tc.source)
			}
			if len(d.problems) != 0 {
				t.Errorf("problems = %+v", d.problems)
			}
		})
	}
}

func TestReplacementLabelIgnored(t *testing.T) {
	d := decode([]byte(`<meta charset="iso-2022-cn"><p>中文</p>`), "")
	if d.charset != "utf-8" || !strings.Contains(d.text, "中文") {
		t.Errorf("decode = %q (%s from %s)", d.text, d.charset, d.source)
	}
}
