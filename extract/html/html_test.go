package html

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// texts returns the text blocks, with "<table RxC>" for tables.
func texts(doc *extract.Document) []string {
	var out []string
	for _, b := range doc.Blocks {
		if b.Kind == extract.BlockTable {
			out = append(out, "<table "+strconv.Itoa(b.Table.Rows)+"x"+strconv.Itoa(b.Table.Cols)+">")
		} else {
			out = append(out, b.Text)
		}
	}
	return out
}

func eq(a, b []string) bool {
	return len(a) == len(b) && strings.Join(a, "\x00") == strings.Join(b, "\x00")
}

func TestBlocks(t *testing.T) {
	cases := []struct {
		name, html string
		want       []string
	}{
		{"br and p separate lines",
			`<p>第一行<br>第二行</p><p>第三段</p>`,
			[]string{"第一行", "第二行", "第三段"}},
		{"inline elements join without spaces",
			`<p>服<span>务</span><font face="x">大厅</font><strong>办理</strong></p>`,
			[]string{"服务大厅办理"}},
		{"text around a nested block",
			`<div>前文<p>段落</p>后文</div>`,
			[]string{"前文", "段落", "后文"}},
		{"scripts, styles, hidden and buttons ignored",
			`<p>正文</p><script>document.write("脚本")</script><style>p{}</style><div style="display: none">隐藏</div>` +
				`<p hidden>也隐藏</p><button>关闭</button><noscript>无脚本</noscript><p>结尾</p>`,
			[]string{"正文", "结尾"}},
		{"nbsp, U+3000 and o:p padding vanish",
			"<p>&nbsp;一、总体情况&nbsp;</p><p>\u3000\u3000</p><p><o:p>&nbsp;</o:p></p><p>  (一)  主动公开  </p>",
			[]string{"一、总体情况", "(一) 主动公开"}},
		{"source line breaks inside CJK text join",
			"<p>政府信息\n    公开工作</p>",
			[]string{"政府信息公开工作"}},
		{"tables in reading order",
			`<p>二、主动公开政府信息情况</p><table><tr><td>a</td><td>b</td></tr></table><p>三、收到和处理</p>`,
			[]string{"二、主动公开政府信息情况", "<table 1x2>", "三、收到和处理"}},
		{"fragment without html or body",
			`<p style='text-align: center'>某某2023年政府信息公开工作年度报告</p><table><tr><td>1</td><td>2</td></tr></table><p>某某局</p>`,
			[]string{"某某2023年政府信息公开工作年度报告", "<table 1x2>", "某某局"}},
		{"broken markup",
			`<div><p>一<b>二</p>三</div></span><p>四<table><tr><td>x<td>y</table>五`,
			[]string{"一二", "三", "四", "<table 1x2>", "五"}},
		{"full-width digits folded",
			`<p>共收到申请２６件</p>`,
			[]string{"共收到申请26件"}},
		{"list items are lines",
			`<ul><li>甲</li><li>乙</li></ul>`,
			[]string{"甲", "乙"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := extractString(t, tc.html)
			if got := texts(doc); !eq(got, tc.want) {
				t.Errorf("blocks = %q\nwant     %q", got, tc.want)
			}
		})
	}
}

const navChrome = `<div class="head"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/a">走进本县</a></li>
<li><a href="/b">办事服务</a></li><li><a href="/c">政务公开</a></li></ul><div class="weather">今天是星期二 晴</div></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/x">政府信息公开年报</a></div>`

const footerChrome = `<div class="footer"><p>主办单位：某某县人民政府办公室 版权所有</p><p>地址：某某路1号 电话：0000-1234567</p>
<ul><li><a href="/1">国务院</a></li><li><a href="/2">省政府</a></li><li><a href="/3">市政府</a></li></ul></div>`

const reportBody = `<p>本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据统计期限自2023年1月1日起至2023年12月31日止。</p>
<p>一、总体情况</p><p>2023年，某某县坚持以人民为中心的发展思想，持续深化政务公开，全年主动公开政府信息1820条，其中原创信息124条。</p>
<p>二、主动公开政府信息情况</p>
<table><tr><td colspan="4">第二十条第（一）项</td></tr><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr></table>
<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p><p>某某县人民政府办公室</p><p>2024年1月20日</p>`

func TestContainerKnownTRS(t *testing.T) {
	page := `<html><head><title>某某县2023年政府信息公开工作年度报告_年报_某某县人民政府</title>
<meta name="ArticleTitle" content="某某县2023年政府信息公开工作年度报告"><meta name="PubDate" content="2024-01-21 09:30">
<meta name="ContentSource" content="某某县人民政府办公室"></head><body>` + navChrome +
		`<div class="content"><div class="article_title">某某县2023年政府信息公开工作年度报告</div>
<div class="info">来源：某某县人民政府办公室 时间：2024-01-21</div>
<div class="article_content"><div class=TRS_Editor>` + reportBody + `</div></div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div></div>` + footerChrome + `</body></html>`
	doc := extractString(t, page)
	checkReportBody(t, doc)
	want := extract.Meta{Title: "某某县2023年政府信息公开工作年度报告", Issuer: "某某县人民政府办公室",
		Published: "2024-01-21", PublishedFrom: "meta"}
	if doc.Meta != want {
		t.Errorf("Meta = %+v, want %+v", doc.Meta, want)
	}
}

// checkReportBody asserts that the blocks are exactly the report body.
func checkReportBody(t *testing.T, doc *extract.Document) {
	t.Helper()
	got := texts(doc)
	want := []string{
		"本报告根据《中华人民共和国政府信息公开条例》要求编制,所列数据统计期限自2023年1月1日起至2023年12月31日止。",
		"一、总体情况",
		"2023年,某某县坚持以人民为中心的发展思想,持续深化政务公开,全年主动公开政府信息1820条,其中原创信息124条。",
		"二、主动公开政府信息情况", "<table 3x4>", "六、其他需要报告的事项", "本年度未收取信息处理费。",
		"某某县人民政府办公室", "2024年1月20日",
	}
	if !eq(got, want) {
		t.Errorf("blocks = %q\nwant     %q", got, want)
	}
}

func TestContainerGenericScoring(t *testing.T) {
	// No known CMS container: the element that holds nearly all the
	// non-link CJK text is found by descending from <body>.
	page := `<html><head><title>某某县2023年政府信息公开工作年度报告-某某县人民政府</title></head><body>` + navChrome +
		`<div class="main"><div class="left"><h3>相关链接</h3><ul><li><a href="/q">某某县2022年政府信息公开工作年度报告</a></li>
<li><a href="/r">某某县2021年政府信息公开工作年度报告</a></li></ul></div><div class="right"><div class="mid">` + reportBody +
		`</div></div></div>` + footerChrome + `</body></html>`
	doc := extractString(t, page)
	checkReportBody(t, doc)
	want := extract.Meta{Title: "某某县2023年政府信息公开工作年度报告"}
	if doc.Meta != want {
		t.Errorf("Meta = %+v, want %+v", doc.Meta, want)
	}
}

func TestContainerLayoutTables(t *testing.T) {
	// An old site laid out with tables: the layout tables are walked into,
	// the report's own table stays a table.
	page := `<html><body><table width="100%"><tr><td colspan="2">` + navChrome + `</td></tr>
<tr><td width="200"><a href="/1">机构设置</a><br><a href="/2">政策文件</a><br><a href="/3">政务公开</a></td>
<td><table width="100%"><tr><td>` + reportBody + `</td></tr></table></td></tr>
<tr><td colspan="2">` + footerChrome + `</td></tr></table></body></html>`
	doc := extractString(t, page)
	checkReportBody(t, doc)
}

func TestInfoTableIsMetaNotBlock(t *testing.T) {
	// A ucap-like page whose container also holds the CMS information table.
	page := `<html><head><title>某某县人民政府</title></head><body>` + navChrome + `<div class="article">
<table class="table_content"><tr><td>索引号</td><td>014314799/2024-00002</td><td>分类</td><td>年报</td></tr>
<tr><td>发布机构</td><td>某某县发展和改革局</td><td>公开日期</td><td>2024-01-17</td></tr>
<tr><td>名称</td><td colspan="3">某某县发展和改革局2023年政府信息公开年度报告</td></tr></table>` + reportBody +
		`</div>` + footerChrome + `</body></html>`
	doc := extractString(t, page)
	checkReportBody(t, doc)
	want := extract.Meta{Title: "某某县发展和改革局2023年政府信息公开年度报告", Issuer: "某某县发展和改革局",
		Published: "2024-01-17", PublishedFrom: "page"}
	if doc.Meta != want {
		t.Errorf("Meta = %+v, want %+v", doc.Meta, want)
	}
}

func TestMetaSources(t *testing.T) {
	cases := []struct {
		name, html string
		want       extract.Meta
	}{
		{"visible date line, not the capture time",
			`<div>采集时间：2025-12-30T21:37:37+08:00</div><h1>某某镇2023年政府信息公开工作年度报告</h1>
			 <div>发布时间：2024-03-08 10:00 浏览次数：12</div><p>正文一段。</p>`,
			extract.Meta{Title: "某某镇2023年政府信息公开工作年度报告", Published: "2024-03-08", PublishedFrom: "page"}},
		{"Chinese date and 来源 line",
			`<p>某某街道2024年度政府信息公开工作年度报告</p><p>来源：某某街道办事处 | 发布日期：2025年1月9日</p><p>正文。</p>`,
			extract.Meta{Title: "某某街道2024年度政府信息公开工作年度报告", Issuer: "某某街道办事处",
				Published: "2025-01-09", PublishedFrom: "page"}},
		{"ucap tags",
			`<h1><ucaptitle>某某局2023年政府信息公开年度报告</ucaptitle></h1><span><publishtime>2024-01-17</publishtime></span><ucapcontent><p>正文。</p></ucapcontent>`,
			extract.Meta{Title: "某某局2023年政府信息公开年度报告", Published: "2024-01-17", PublishedFrom: "page"}},
		{"Author used only when it names a body",
			`<head><meta name="Author" content="管委会办公室"><meta name="PubDate" content="2023/2/1"></head><p>正文。</p>`,
			extract.Meta{Issuer: "管委会办公室", Published: "2023-02-01", PublishedFrom: "meta"}},
		{"Author that is a person is not an issuer",
			`<head><meta name="Author" content="张三"></head><p>正文。</p>`,
			extract.Meta{}},
		{"empty ContentSource falls through",
			`<head><meta name="ContentSource" content=""><meta name="ArticleTitle" content="甲"></head><p>来源：平潭县人民政府</p>`,
			extract.Meta{Title: "甲", Issuer: "平潭县人民政府"}},
		{"invalid dates ignored",
			`<head><meta name="PubDate" content="2024-02-30"></head><p>发布时间：2024-13-01</p><p>正文。</p>`,
			extract.Meta{}},
		{"<title> as the last resort, site suffix dropped",
			`<head><title>某某区2022年政府信息公开工作年度报告_政府信息公开年报_某某区人民政府</title></head><p>正文。</p>`,
			extract.Meta{Title: "某某区2022年政府信息公开工作年度报告"}},
		{"<title> without a report name kept whole",
			`<head><title>某某区人民政府</title></head><p>正文。</p>`,
			extract.Meta{Title: "某某区人民政府"}},
		{"a URL is not an issuer",
			`<p>来源：http://www.example.gov.cn/x.html</p><p>正文。</p>`,
			extract.Meta{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := extractString(t, tc.html)
			if doc.Meta != tc.want {
				t.Errorf("Meta = %+v\nwant   %+v", doc.Meta, tc.want)
			}
		})
	}
}

func TestEmptyAndRobust(t *testing.T) {
	for _, page := range []string{"", "   ", "<html></html>", "<script>alert(1)</script>", "\x00\x01\xff\xfe\xfd"} {
		doc, err := Extract(context.Background(), "x.html", []byte(page), "")
		if err != nil {
			t.Fatalf("Extract(%q): %v", page, err)
		}
		if len(doc.Blocks) != 0 {
			continue
		}
		found := false
		for _, p := range doc.Problems {
			found = found || p.Code == extract.ProblemEmpty
		}
		if !found {
			t.Errorf("Extract(%q): no empty problem: %+v", page, doc.Problems)
		}
	}
}

func TestDeepNesting(t *testing.T) {
	for _, tc := range []struct {
		depth   int
		problem bool // beyond the parser's 512 open elements: read flat
	}{{220, false}, {5000, true}} {
		page := "<title>标题</title><script>var a=1;</script>" + strings.Repeat("<div><span>", tc.depth) + "深处的文字" +
			strings.Repeat("</span></div>", tc.depth) + "<p>表面</p>"
		doc := extractString(t, page)
		if got := strings.Join(texts(doc), "|"); got != "深处的文字|表面" {
			t.Errorf("depth %d: blocks = %q", tc.depth, got)
		}
		var corrupt bool
		for _, p := range doc.Problems {
			corrupt = corrupt || p.Code == extract.ProblemCorrupt
		}
		if corrupt != tc.problem {
			t.Errorf("depth %d: problems = %+v", tc.depth, doc.Problems)
		}
	}
	nested := strings.Repeat("<table><tr><td>", 150) + "里" + strings.Repeat("</td></tr></table>", 150)
	doc := extractString(t, nested)
	if got := strings.Join(texts(doc), "|"); got != "里" {
		t.Errorf("nested tables: blocks = %q", got)
	}
}

func TestHugePage(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><body>")
	b.WriteString(navChrome)
	b.WriteString(`<div class="main">`)
	for i := 0; i < 20000; i++ {
		b.WriteString("<p>政府信息公开工作年度报告正文段落。</p>")
	}
	b.WriteString("<table>")
	for i := 0; i < 2000; i++ {
		b.WriteString("<tr><td>行</td><td>1</td><td>2</td></tr>")
	}
	b.WriteString("</table></div>" + footerChrome + "</body></html>")
	doc := extractString(t, b.String())
	if n := len(doc.Blocks); n != 20001 {
		t.Errorf("%d blocks, want 20001", n)
	}
	if tb := doc.Blocks[len(doc.Blocks)-1].Table; tb == nil || tb.Rows != 2000 || tb.Cols != 3 {
		t.Errorf("last block is not the 2000x3 table")
	}
}

func TestTooLargeTable(t *testing.T) {
	var b strings.Builder
	b.WriteString("<table>")
	for i := 0; i < 10; i++ {
		b.WriteString(`<tr><td colspan="1000">x</td><td colspan="1000">y</td><td colspan="1000">z</td></tr>`)
	}
	b.WriteString("</table>")
	for i := 0; i < 200; i++ {
		b.WriteString("<table><tr>" + strings.Repeat(`<td colspan=1000>q</td>`, 30) + "</tr></table>")
	}
	doc := extractString(t, b.String())
	// 10 x 3000 fits; 1 x 30000 fits; nothing must blow up.
	for _, bl := range doc.Blocks {
		if bl.Kind == extract.BlockTable && bl.Table.Rows*bl.Table.Cols > extract.MaxTableSlots {
			t.Fatalf("table of %dx%d slots emitted", bl.Table.Rows, bl.Table.Cols)
		}
	}
	var rows strings.Builder
	rows.WriteString("<table>")
	for i := 0; i < 5000; i++ {
		rows.WriteString(`<tr><td colspan="1000">x</td></tr>`)
	}
	rows.WriteString("</table>")
	doc = extractString(t, rows.String())
	var problem bool
	for _, p := range doc.Problems {
		problem = problem || p.Code == extract.ProblemUnsupported
	}
	if !problem || len(doc.Blocks) != 5000 || doc.Blocks[0].Kind != extract.BlockText {
		t.Errorf("a 5000x1000 table should be read as text with a problem: %d blocks, problems %+v", len(doc.Blocks), doc.Problems)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Extract(ctx, "x.html", []byte("<p>正文</p>"), "")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestDocumentFields(t *testing.T) {
	doc := extractString(t, "<p>正文</p>")
	if doc.Format != extract.FormatHTML || doc.Pages != 1 || doc.Path != "test.html" ||
		doc.SHA256 != fmt.Sprintf("%x", sha256.Sum256([]byte("<p>正文</p>"))) {
		t.Errorf("document fields: %+v", doc)
	}
	if doc.Blocks[0].Page != 1 {
		t.Errorf("page = %d, want 1", doc.Blocks[0].Page)
	}
}

func TestContainerHiddenTab(t *testing.T) {
	// The text version sits in a tab hidden until a script shows it: it is
	// still the report. Hidden bits inside the body stay out.
	page := `<html><body>` + navChrome + `<div class="tabs"><div class="pdf"><iframe src="/viewer.html"></iframe></div>
<div class="word_con" style="display: none"><div class=TRS_Editor>` +
		strings.Replace(reportBody, "<p>一、总体情况</p>", `<p>一、总体情况</p><span style="display:none">隐藏书签</span>`, 1) +
		`</div></div></div>` + footerChrome + `</body></html>`
	doc := extractString(t, page)
	checkReportBody(t, doc)
}

func TestContainerArticleContentWordPaste(t *testing.T) {
	// Pingtan 2021 style: no TRS_Editor, the body directly in
	// div.article_content, a Word-pasted table wrapped in <div align=center>.
	page := `<html><body>` + navChrome + `<div class="article_content article_content_01 font_family_cn">
<p class=MsoNormal style="text-indent:32.0pt;mso-char-indent-count:2.0"><span style='font-size:16.0pt;
font-family:仿宋_GB2312'>本报告根据《中华人民共和国政府信息公开条例》编制。<span lang=EN-US><o:p></o:p></span></span></p>
<div align="center"><table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;
 border:none;mso-border-alt:outset windowtext .75pt'>
<tr><td width=64 rowspan=2 style='border:solid windowtext 1.0pt;
 mso-border-alt:solid windowtext .75pt'><p class=MsoNormal align=center><span>三、本年度<br>办理结果<o:p></o:p></span></p></td>
<td><p class=MsoNormal><span>（一）予以公开<o:p></o:p></span></p></td><td><p class=MsoNormal><span lang=EN-US>22<o:p></o:p></span></p></td></tr>
<tr><td><p class=MsoNormal><span>（二）部分公开<o:p></o:p></span></p></td><td><p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p></td></tr>
</table></div>
<p class=MsoNormal><span>平潭综合实验区管委会办公室<span lang=EN-US><o:p></o:p></span></span></p></div>
<div class="article_attachment"><div class="title_base">附件下载</div></div>` + footerChrome + `</body></html>`
	doc := extractString(t, page)
	if got := texts(doc); !eq(got, []string{"本报告根据《中华人民共和国政府信息公开条例》编制。", "<table 2x3>", "平潭综合实验区管委会办公室"}) {
		t.Fatalf("blocks = %q", got)
	}
	tb := doc.Blocks[1].Table
	want := "2x3: 0,0 2x1 三、本年度办理结果 | 0,1 1x1 (一)予以公开 | 0,2 1x1 22 | 1,1 1x1 (二)部分公开 | 1,2 1x1 "
	if got := cellsString(tb); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestImagesInBody(t *testing.T) {
	for _, c := range []struct {
		page, code, says string
	}{
		// a table's picture not found: what it holds is missing
		{`<p>三、收到和处理政府信息公开申请情况</p><p><img src="t3.png"></p><p><img src="t4.png" style="display:none"></p>`,
			extract.ProblemPicture, "正文中有 1 张图片，图片中的文字和表格未读取（第三部分的图片 t3.png 无法读取：找不到图片文件"},
		// tables' pictures named by their place on the site, one reason said once
		{`<p>二、主动公开政府信息情况</p><p><img src="http://www.example.gov.cn/up/t2.png"></p><p>三、收到和处理政府信息公开申请情况</p><p><img src="/up/t3.png"></p>`,
			extract.ProblemPicture, "（第二、三部分的2张图片无法读取：图片地址指向网站，nianbao 不从网络下载"},
		// two reasons, each said once with the parts it holds for
		{`<p>二、主动公开政府信息情况</p><p><img src="/up/t2.png"></p><p>三、收到和处理政府信息公开申请情况</p><p><img src="t3.png"></p><p>四、政府信息公开行政复议、行政诉讼情况</p><p><img src="/up/t4.png"></p>`,
			extract.ProblemPicture, "（第二、四部分的2张图片无法读取：图片地址指向网站，nianbao 不从网络下载（请用浏览器“另存为：网页，全部”连同图片保存网页，或用 nianbao crawl 抓取）；第三部分的1张图片无法读取：找不到图片文件"},
		// a photo in part 一 is not looked for a table in: left, and said
		{`<p>一、总体情况</p><p><img src="photo.png"></p><p>二、主动公开政府信息情况</p>`,
			extract.ProblemUnsupported, "正文中有 1 张图片，图片中的文字和表格未读取"},
	} {
		doc := extractString(t, c.page)
		if len(doc.Problems) != 1 || doc.Problems[0].Code != c.code || !strings.Contains(doc.Problems[0].Message, c.says) {
			t.Errorf("%s\nproblems = %+v, want %s %q", c.page, doc.Problems, c.code, c.says)
		}
	}
}

func TestListTableIsNotInfoTable(t *testing.T) {
	// A document list inside a report uses info-table words as column
	// headers; it is a table, not CMS metadata.
	doc := extractString(t, `<p>附表</p><table><tr><td>名称</td><td>文号</td><td>发布日期</td></tr>
<tr><td>某某办法</td><td>某政规〔2023〕1号</td><td>2023-05-01</td></tr></table>`)
	if got := texts(doc); !eq(got, []string{"附表", "<table 2x3>"}) {
		t.Errorf("blocks = %q", got)
	}
	if doc.Meta.Published != "" {
		t.Errorf("Meta = %+v", doc.Meta)
	}
}

func TestDateLineOnlyNearTheTop(t *testing.T) {
	// A 时间： line deep in the report is report text, not the publication
	// date.
	doc := extractString(t, `<p>某某局2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>正文第一段。</p>
<p>统计说明</p><p>时间：2023-01-01</p>`)
	if doc.Meta.Published != "" {
		t.Errorf("Meta = %+v", doc.Meta)
	}
}
