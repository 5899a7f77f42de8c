package html

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/lazyre"
)

// pageInfo is what the page says about the article outside its body.
type pageInfo struct {
	metas     map[string]string // <meta name=…> (lower-case name) → content
	ucapTitle string
	ucapDate  string
	info      map[string]string // CMS information table: label → value
	titles    []string          // <title> elements, in order
	headings  []string          // <h1>/<h2> and .article_title-like elements
	lines     []string          // visible lines outside the body, then the body's first lines; normalised
}

// The <meta name> (or property) values read, by field, in priority order.
var (
	// ArticleTitle is the CMS's own title field; the generic ones are taken
	// only when they name a report (many sites put the site name there).
	metaTitleNames = []string{"articletitle", "title", "og:title", "dc.title"}
	metaDateNames  = []string{"pubdate", "publishdate", "firstpublishedtime", "publishtime",
		"releasedate", "article:published_time", "dc.date", "dcterms.issued"}
	metaIssuerNames = []string{"contentsource", "source"}
)

// collectInfo gathers the page's metadata. container is the article body;
// bodyHead are its first text lines.
func collectInfo(root, container *xhtml.Node, bodyHead []string, info infoTables) *pageInfo {
	pi := &pageInfo{metas: map[string]string{}, info: map[string]string{}}
	walkElements(root, func(n *xhtml.Node) {
		switch n.Data {
		case "meta":
			name := strings.ToLower(strings.TrimSpace(attrVal(n, "name")))
			if name == "" {
				name = strings.ToLower(strings.TrimSpace(attrVal(n, "property")))
			}
			content := extract.Normalize(attrVal(n, "content"))
			if name != "" && content != "" {
				if _, ok := pi.metas[name]; !ok {
					pi.metas[name] = content
				}
			}
		case "ucaptitle":
			if pi.ucapTitle == "" {
				pi.ucapTitle = extract.Normalize(flatText(n))
			}
		case "publishtime":
			if pi.ucapDate == "" {
				pi.ucapDate = extract.Normalize(flatText(n))
			}
		case "title":
			var tb strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == xhtml.TextNode {
					tb.WriteString(c.Data)
				}
			}
			if t := extract.Normalize(tb.String()); t != "" {
				pi.titles = append(pi.titles, t)
			}
		case "h1", "h2":
			if t := extract.Normalize(flatText(n)); t != "" {
				pi.headings = append(pi.headings, t)
			}
		case "table":
			groups, _ := tableStructure(n)
			if info.is(n, groups) {
				readInfoTable(groups, pi.info)
			}
		default:
			if hasClass(n, "article_title") || hasClass(n, "article-title") {
				if t := extract.Normalize(flatText(n)); t != "" {
					pi.headings = append(pi.headings, t)
				}
			}
		}
	})
	// Visible lines that may state the publication date or the source: the
	// page outside the article body, then the first lines of the body (a
	// fragment or an article that opens with its own 发布日期 line). Lines
	// deeper in the body are report text ("统计时间：…") and are not read.
	lc := lineCollector{skip: container}
	if body := findBody(root); body != container {
		lc.walk(body, 0)
		lc.flush()
	}
	for _, l := range lc.lines {
		if s := extract.Normalize(l); s != "" {
			pi.lines = append(pi.lines, s)
		}
	}
	pi.lines = append(pi.lines, bodyHead...)
	return pi
}

// readInfoTable reads label/value pairs: a label cell followed by its value.
func readInfoTable(groups [][][]*xhtml.Node, into map[string]string) {
	for _, g := range groups {
		for _, row := range g {
			for i := 0; i+1 < len(row); i++ {
				label, ok := infoLabel(extract.JoinLines(nodeLines(row[i])))
				if !ok {
					continue
				}
				v := extract.Normalize(extract.JoinLines(nodeLines(row[i+1])))
				if _, isLabel := infoLabel(v); isLabel {
					continue
				}
				if _, seen := into[label]; !seen && v != "" {
					into[label] = v
				}
				i++
			}
		}
	}
}

var (
	dateRe = lazyre.New(`(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})`)
	// A visible publication line: 发布时间：2024-03-08, 时间：2024-03-08 15:34.
	dateLineRe = lazyre.New(`(?:^|[\s|｜/])(?:发布时间|发布日期|公开日期|发文日期|印发日期|日期|时间)\s*[:：]\s*(\d{4}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2})`)
	// A visible source line: 来源：平潭县人民政府, 发布机构：….
	sourceLineRe = lazyre.New(`(?:^|[\s|｜/])(?:来源|信息来源|发布机构|发布单位)\s*[:：]\s*([^\s|｜:：]+)`)
)

// parseDate returns a date as YYYY-MM-DD, or "" when s holds no valid date.
func parseDate(s string) string {
	m := dateRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if y < 1949 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func looksLikeTitle(s string) bool {
	n := utf8.RuneCountInString(s)
	return n >= 8 && n <= 80 && (strings.HasSuffix(s, "报告") || strings.HasSuffix(s, "年报"))
}

// orgLike reports whether s reads like the name of a body rather than a
// person (TRS puts the editor's name in Author on many sites).
func orgLike(s string) bool {
	for _, k := range []string{"办", "局", "委", "政府", "厅", "中心", "院", "会", "处", "室", "部", "所", "队", "站", "馆", "署", "司", "组"} {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

func validIssuer(s string) bool {
	if s == "" || strings.Contains(s, "http") || strings.Contains(s, "www.") {
		return false
	}
	for _, r := range s {
		if extract.IsWide(r) {
			return true
		}
	}
	return false
}

// buildMeta decides title, issuer and publication date from what the page
// states, best source first. bodyFirst is the first text line of the
// article body ("" when there is none).
func buildMeta(pi *pageInfo, bodyFirst string) extract.Meta {
	var m extract.Meta

	// Title: <meta ArticleTitle> → ucap <ucaptitle> → info table → a heading
	// that names a report → the body's own title line → <title>.
	for i, k := range metaTitleNames {
		if v := pi.metas[k]; v != "" && (i == 0 || looksLikeTitle(v)) {
			m.Title = v
			break
		}
	}
	if m.Title == "" {
		m.Title = pi.ucapTitle
	}
	if m.Title == "" {
		for _, k := range []string{"名称", "标题"} {
			if v := pi.info[k]; v != "" {
				m.Title = v
				break
			}
		}
	}
	if m.Title == "" {
		for _, h := range pi.headings {
			if looksLikeTitle(h) {
				m.Title = h
				break
			}
		}
	}
	if m.Title == "" && looksLikeTitle(bodyFirst) {
		m.Title = bodyFirst
	}
	if m.Title == "" && len(pi.titles) > 0 {
		m.Title = titleFromTitle(pi.titles[0])
	}

	// Publication date: <meta PubDate> → ucap <publishtime> → info table →
	// a visible 发布时间 line.
	for _, k := range metaDateNames {
		if d := parseDate(pi.metas[k]); d != "" {
			m.Published, m.PublishedFrom = d, "meta"
			break
		}
	}
	if m.Published == "" {
		if d := parseDate(pi.ucapDate); d != "" {
			m.Published, m.PublishedFrom = d, "page"
		}
	}
	if m.Published == "" {
		for _, k := range []string{"公开日期", "发布日期", "发布时间"} {
			if d := parseDate(pi.info[k]); d != "" {
				m.Published, m.PublishedFrom = d, "page"
				break
			}
		}
	}
	if m.Published == "" {
		for _, l := range pi.lines {
			if utf8.RuneCountInString(l) > 80 {
				continue
			}
			if sm := dateLineRe.FindStringSubmatch(l); sm != nil {
				if d := parseDate(sm[1]); d != "" {
					m.Published, m.PublishedFrom = d, "page"
					break
				}
			}
		}
	}

	// Issuer: <meta ContentSource> → info table 发布机构 → a visible 来源 line
	// → <meta Author> when it names a body.
	for _, k := range metaIssuerNames {
		if v := pi.metas[k]; validIssuer(v) {
			m.Issuer = v
			break
		}
	}
	if m.Issuer == "" {
		for _, k := range []string{"发布机构", "发文机关", "发文单位", "信息来源", "所属机构"} {
			if v := pi.info[k]; validIssuer(v) {
				m.Issuer = v
				break
			}
		}
	}
	if m.Issuer == "" {
		for _, l := range pi.lines {
			if utf8.RuneCountInString(l) > 80 {
				continue
			}
			if sm := sourceLineRe.FindStringSubmatch(l); sm != nil && validIssuer(sm[1]) {
				m.Issuer = sm[1]
				break
			}
		}
	}
	if m.Issuer == "" {
		if v := pi.metas["author"]; validIssuer(v) && orgLike(v) {
			m.Issuer = v
		}
	}
	return m
}

// titleFromTitle picks the report title out of a <title> such as
// "…年度报告_政府信息公开年报_平潭综合实验区党工委管委会": the first part that
// names a report, or the whole title.
func titleFromTitle(t string) string {
	parts := strings.FieldsFunc(t, func(r rune) bool {
		return r == '_' || r == '|' || r == '｜' || r == '—' || r == '-'
	})
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if strings.Contains(p, "报告") || strings.Contains(p, "年报") {
			return p
		}
	}
	return t
}
