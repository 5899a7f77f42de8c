package outline

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/textruns"
)

// Searching the runs finds exactly what the regular expression finds over
// the whole text: random texts made of the expressions' own pieces, other
// characters between them, broken UTF-8.
func TestCharRunsEqualWholeText(t *testing.T) {
	pieces := []string{"2021", "2019", "2023", "19", "20", "1", "0", "3", "6", "12", "31", " ", "\n", "\t", "\u3000",
		"年", "月", "日", "起", "至", "到", "-", "—", "～", "号", "国办公开办", "函", "涵", "〔", "〕", "[", "]", "（", "）", "【",
		"政府", "信息", "本报告", "，", "。", "x", "\xff", "国", "办", "2023年1月1日", "12月31日", "30号", "60号", "3 0号", "〔2019〕", "国办公开办函〔2021〕", "2023年1月1日至", "2023年 01月01日起 —\n2023年12月31日", "至12月31日", "~", "–", "2023年1月1日~12月31日"}
	orgPieces := append([]string{"河北", "省", "上海", "市", "福建", "平潭", "综合实验区", "科学技术厅", "工业和信息化厅", "人民政府",
		"办公厅", "局", "委员会", "管委会", "厅", "《", "》", "、", "a"}, pieces...)
	cases := []struct {
		name   string
		c      textruns.Runs
		re     *regexp.Regexp
		pieces []string
	}{
		{"year", yearRuns, yearRe.Compiled(), pieces},
		{"period", periodRuns, periodRe.Compiled(), pieces},
		{"cite2021", citeRuns, cite2021Re.Compiled(), pieces},
		{"cite2019", citeRuns, cite2019Re.Compiled(), pieces},
		{"bodyOrg", bodyOrgRuns, bodyOrgRe.Compiled(), orgPieces},
	}
	rng := rand.New(rand.NewPCG(8, 4))
	for _, tc := range cases {
		found := 0
		for n := 0; n < 20000; n++ {
			var sb strings.Builder
			for k := rng.IntN(30); k > 0; k-- {
				sb.WriteString(tc.pieces[rng.IntN(len(tc.pieces))])
			}
			s := sb.String()
			all, want := tc.c.FindAll(tc.re, s), tc.re.FindAllStringSubmatchIndex(s, -1)
			first, wantFirst := tc.c.Find(tc.re, s), tc.re.FindStringSubmatchIndex(s)
			if !reflect.DeepEqual(all, want) || !reflect.DeepEqual(first, wantFirst) {
				t.Fatalf("%s in %q: runs %v / %v, whole text %v / %v", tc.name, s, all, first, want, wantFirst)
			}
			found += len(all)
		}
		if found < 100 {
			t.Errorf("%s: only %d matches in 20000 texts: the test does not exercise it", tc.name, found)
		}
	}
}
