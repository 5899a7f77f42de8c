package text

import (
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/lazyre"
)

// A crawler page dump starts with "key: value" lines (标题/发布时间/文号/发布机构/
// 栏目/原文链接/本地目录) and a "==== 正文 ====" separator.
var (
	bodySepRe  = lazyre.New(`^=+\s*正文\s*=+$`)
	headerKVRe = lazyre.New(`^\s*(标题|发布时间|文号|发布机构|栏目|原文链接|本地目录|来源|采集时间)\s*[:：]\s*(.*)$`)
	dateRe     = lazyre.New(`(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})`)
	// page chrome at the start of a body: breadcrumb, source/time, share and
	// viewer buttons, ending with "相关链接： -->" or "文件下载".
	chromeStartRe = lazyre.New(`^\s*当前位置[:：]`)
	chromeEndRe   = lazyre.New(`(相关链接[:：]\s*-->|文件下载|文字版|全真版|QQ空间)\s*`)
	chromeSrcRe   = lazyre.New(`来源[:：]\s*(\S+)`)
	chromeTimeRe  = lazyre.New(`时间[:：]\s*(\d{4}-\d{1,2}-\d{1,2})`)
)

// pageHeader removes a crawler page header and its chrome from lines and
// fills meta from them. Lines without such a header are returned unchanged.
func pageHeader(lines []string, meta *extract.Meta) []string {
	sep := -1
	for i := 0; i < len(lines) && i < 15; i++ {
		if bodySepRe.MatchString(strings.TrimSpace(lines[i])) {
			sep = i
			break
		}
	}
	if sep < 0 {
		return lines
	}
	kv := 0
	for _, l := range lines[:sep] {
		m := headerKVRe.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		kv++
		v := strings.TrimSpace(m[2])
		switch m[1] {
		case "标题":
			meta.Title = extract.Normalize(v)
		case "发布时间":
			if d := isoDate(v); d != "" {
				meta.Published, meta.PublishedFrom = d, "page"
			}
		case "发布机构":
			if v != "" {
				meta.Issuer = extract.Normalize(v)
			}
		}
	}
	if kv < 2 {
		return lines
	}
	body := append([]string(nil), lines[sep+1:]...)
	for i, l := range body {
		if isBlank(l) {
			continue
		}
		if chromeStartRe.MatchString(l) {
			head := l
			if len(head) > 1200 {
				head = head[:1200]
			}
			locs := chromeEndRe.FindAllStringIndex(head, -1)
			if len(locs) > 0 {
				chrome := l[:locs[len(locs)-1][1]]
				if meta.Issuer == "" {
					if m := chromeSrcRe.FindStringSubmatch(chrome); m != nil {
						meta.Issuer = extract.Normalize(m[1])
					}
				}
				if meta.Published == "" {
					if m := chromeTimeRe.FindStringSubmatch(chrome); m != nil {
						meta.Published, meta.PublishedFrom = isoDate(m[1]), "page"
					}
				}
				body[i] = l[locs[len(locs)-1][1]:]
			}
		}
		break
	}
	return body
}

func isoDate(s string) string {
	m := dateRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	mo, d := m[2], m[3]
	if len(mo) == 1 {
		mo = "0" + mo
	}
	if len(d) == 1 {
		d = "0" + d
	}
	return m[1] + "-" + mo + "-" + d
}

// longLine is the length above which a line is taken to be a flattened body
// and split at sentence and heading boundaries.
const longLine = 200

// splitLong splits a flattened body line before section headings
// (一、…六、), before sub-heads ((一)…) and after full stops. It never splits
// inside a digit run and never between 第 and (一)项.
func splitLong(s string) []string {
	if utf8.RuneCountInString(s) <= longLine {
		return []string{s}
	}
	rs := []rune(s)
	var out []string
	start := 0
	cut := func(at int) {
		if at > start {
			out = append(out, string(rs[start:at]))
			start = at
		}
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '。':
			cut(i + 1)
		case isCNNum(r) && i+1 < len(rs) && rs[i+1] == '、' && headingAhead(rs, i):
			if i == 0 || !isCNNum(rs[i-1]) && rs[i-1] != '第' && rs[i-1] != '、' {
				cut(i)
			}
		case (r == '（' || r == '(') && i+2 < len(rs) && isCNNum(rs[i+1]):
			j := i + 1
			for j < len(rs) && isCNNum(rs[j]) {
				j++
			}
			if j < len(rs) && (rs[j] == '）' || rs[j] == ')') && (i == 0 || rs[i-1] != '第') {
				cut(i)
			}
		}
	}
	cut(len(rs))
	return out
}

// headingAhead reports whether the text after "X、" looks like a heading or
// a table label rather than an enumeration inside a sentence.
func headingAhead(rs []rune, i int) bool {
	if i+2 >= len(rs) {
		return false
	}
	n := rs[i+2]
	return n >= 0x4e00 && n <= 0x9fff
}

func isCNNum(r rune) bool { return strings.ContainsRune("一二三四五六七八九十", r) }
