package recognise

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/recognise/outline"
)

// ocrIssuerMinUses is how often the text must name a body for its spelling
// to replace a title's reading of it.
const ocrIssuerMinUses = 2

// correctOCRIssuer checks the body a title read by OCR names against the
// text. A letterhead printed in a display face is where OCR misreads most
// (淮安市人民政府 read as 沪区市人民政府), and a misread name would pair the
// report with no other year and put it under a body that does not exist.
// When the title was read from a picture, the name it gives appears nowhere
// else in the text, and the text names, at least twice, a body of the same
// length that differs from it in at most a third of its characters, the
// text's spelling is taken for the issuer and the title, and a problem says
// so. Titles read from text, and names the text repeats, are left alone:
// there a name that differs from the text is the report's own.
func correctOCRIssuer(r *Report, o outline.Outline, lines []outline.Line, problems []extract.Problem) {
	if o.IssuerFrom != "title" || o.TitleFrom != "text" || o.TitlePage == 0 || !ocrPage(problems, o.TitlePage) {
		return
	}
	name := []rune(r.Issuer)
	if len(name) < 4 {
		return
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	text := b.String()
	if strings.Count(text, r.Issuer) > 1 {
		return // the text names it again: read right
	}
	best, uses := nearestName(text, name, max(1, len(name)/3))
	if uses < ocrIssuerMinUses {
		return
	}
	old := r.Issuer
	r.Issuer = best
	r.Title = strings.Replace(r.Title, old, best, 1)
	r.Problems = append(r.Problems, extract.Problem{Code: "recognition", Page: o.TitlePage,
		Message: fmt.Sprintf("标题由 OCR 从图片读出，其中的机关名称“%s”在正文中没有出现，正文%d次写作“%s”，按正文读取；请对照原件核对", old, uses, best)})
}

// ocrPage reports whether page was read by OCR.
func ocrPage(problems []extract.Problem, page int) bool {
	for _, p := range problems {
		if p.Code == extract.ProblemOCR && p.Page == page {
			return true
		}
	}
	return false
}

// nearestName is the run of len(name) Han characters of text that differs
// from name in 1 to maxDiff places and occurs most often (fewest
// differences, then first in the text, among equals), with how often it
// occurs; "", 0 when there is none.
func nearestName(text string, name []rune, maxDiff int) (string, int) {
	rs := []rune(text)
	n := len(name)
	count := map[string]int{}
	diff := map[string]int{}
	var order []string
	for i := 0; i+n <= len(rs); i++ {
		d := 0
		for j := 0; j < n && d <= maxDiff; j++ {
			if !unicode.Is(unicode.Han, rs[i+j]) {
				d = maxDiff + 1
			} else if rs[i+j] != name[j] {
				d++
			}
		}
		if d == 0 || d > maxDiff {
			continue
		}
		w := string(rs[i : i+n])
		if count[w] == 0 {
			order = append(order, w)
		}
		count[w]++
		diff[w] = d
	}
	best := ""
	for _, w := range order {
		if best == "" || count[w] > count[best] || count[w] == count[best] && diff[w] < diff[best] {
			best = w
		}
	}
	return best, count[best]
}
