package extract

import (
	"strings"

	"github.com/nianbao/nianbao/internal/lazyre"
)

// partHeading matches the headings of the template's parts as they open a
// line: 二、主动公开…, 二. …, （二）….
var partHeading = lazyre.New(`^[（(]?([一二三四五六七])[）)]?[、.．\s]`)

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
			return strings.Index("一二三四五六七", m[1])/len("一") + 1
		}
	}
	return 0
}
