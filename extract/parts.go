package extract

import (
	"slices"
	"strings"

	"github.com/nianbao/nianbao/internal/lazyre"
)

// partHeading matches the headings of the template's parts as they open a
// line: 二、主动公开…, 二. …, （二）….
var partHeading = lazyre.New(`^[（(]?([一二三四五六七])[）)]?[、.．\s]`)

// partNumerals are the numerals of the parts PartBefore finds, in order.
const partNumerals = "一二三四五六七"

// PartsName names, for messages, the parts that things found by PartBefore
// stand in: 第三部分, 第二、三部分; 正文中 for those before the first part
// (0), 正文中及第二部分 for both.
func PartsName(parts ...int) string {
	var nums []string
	body := false
	for _, p := range parts {
		if p < 1 || p > len([]rune(partNumerals)) {
			body = true
			continue
		}
		if n := string([]rune(partNumerals)[p-1]); !slices.Contains(nums, n) {
			nums = append(nums, n)
		}
	}
	named := ""
	if len(nums) > 0 {
		named = "第" + strings.Join(nums, "、") + "部分"
	}
	switch {
	case body && named != "":
		return "正文中及" + named
	case body:
		return "正文中"
	}
	return named
}

// PartBefore returns the template part (1…7) whose heading is the last short
// line before blocks[at], or 0 when there is none. Backends use it to tell
// a picture of a table (under parts 二, 三, 四) from other pictures.
func PartBefore(blocks []Block, at int) int {
	for i := min(at, len(blocks)) - 1; i >= 0; i-- {
		b := blocks[i]
		if b.Kind != BlockText || len([]rune(b.Text)) > 40 {
			continue
		}
		if m := partHeading.FindStringSubmatch(b.Text); m != nil {
			return strings.Index(partNumerals, m[1])/len("一") + 1
		}
	}
	return 0
}
