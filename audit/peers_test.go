package audit

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/rules"
)

// peerReport is a report of one unit with parts 一, 五, 六.
func peerReport(issuer string, year int, p1, p5, p6 string) *recognise.Report {
	r := &recognise.Report{Issuer: issuer, Year: year, Source: recognise.Source{Path: issuer + ".txt"}}
	for n, t := range map[int]string{1: p1, 5: p5, 6: p6} {
		r.Sections[n-1] = recognise.Section{N: n, Present: true, Text: t}
	}
	return r
}

// TestPeerCopies: 石门乡 copied 柳溪镇's report (names and figures changed);
// 柳溪镇, 东湖街道, 西湖街道 and 南湖街道 all open with the district's common
// paragraph, which must not make them copies of each other; a unit's own
// report of the year before is not a copy of another unit. Exactly the two
// copies get one CONS-COPY-PEER finding each, naming the other, whatever the
// input order.
func TestPeerCopies(t *testing.T) {
	common := "按照区政务公开办的统一部署，本单位认真落实政府信息公开各项要求，坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开，切实保障人民群众的知情权、参与权、表达权和监督权。"
	a1 := common + "2023年，柳溪镇围绕乡村振兴、农村人居环境整治和惠民补贴发放，主动公开政府信息312条，在村务公开栏同步张贴补贴名单，镇党委每季度专题研究政务公开工作。"
	a5 := "一是基层政务公开标准目录更新不及时，部分事项要素不全；二是村级公开栏内容更新慢。2024年，柳溪镇将对照标准目录逐项梳理，每月检查村务公开栏，组织信息员参加区级培训两次。"
	a6 := "柳溪镇全年办理人大代表建议2件、政协提案1件，已全部公开办理结果。"
	swap := func(s string) string {
		return strings.NewReplacer("柳溪镇", "石门乡", "312", "287", "2件", "3件").Replace(s)
	}
	own := func(place, topic string) (string, string, string) {
		return common + "2023年，" + place + "围绕" + topic + "发布信息，开展开放日活动，邀请居民代表参与议事协商，办理群众来信来访并按期答复。",
			place + "存在的问题是" + topic + "信息更新不够及时、解读形式单一。下一步将建立信息员周报制度，增加图解解读，按月通报更新情况。",
			place + "本年度未收到人大代表建议和政协提案。"
	}
	c1, c5, c6 := own("东湖街道", "老旧小区改造和社区养老服务")
	d1, d5, d6 := own("西湖街道", "背街小巷整治和垃圾分类")
	e1, e5, e6 := own("南湖街道", "社区食堂建设和停车位管理")
	reps := map[string]*recognise.Report{
		"a":     peerReport("青禾县柳溪镇人民政府", 2023, a1, a5, a6),
		"b":     peerReport("青禾县石门乡人民政府", 2023, swap(a1), swap(a5), swap(a6)),
		"c":     peerReport("青禾县东湖街道办事处", 2023, c1, c5, c6),
		"d":     peerReport("青禾县西湖街道办事处", 2023, d1, d5, d6),
		"e":     peerReport("青禾县南湖街道办事处", 2023, e1, e5, e6),
		"a2022": peerReport("青禾县柳溪镇人民政府", 2022, a1, a5, a6),
	}
	for _, order := range [][]string{{"a", "b", "c", "d", "e", "a2022"}, {"e", "a2022", "d", "b", "c", "a"}} {
		var got []Item
		o := newOrderer(Options{Rules: true, Profile: rules.DefaultProfile()}, func(it Item) error {
			got = append(got, it)
			return nil
		})
		for i, n := range order {
			if err := o.add(i, Item{Path: n, Report: reps[n]}); err != nil {
				t.Fatal(err)
			}
		}
		o.finish()
		o.close()
		if len(got) != len(order) {
			t.Fatalf("%v: %d items out", order, len(got))
		}
		for i, it := range got {
			if it.Path != order[i] {
				t.Fatalf("%v: item %d is %s", order, i, it.Path)
			}
			var msgs []string
			for _, f := range it.Findings {
				if f.Rule == "CONS-COPY-PEER" {
					msgs = append(msgs, f.Message)
				}
			}
			want := map[string]string{"a": "青禾县石门乡人民政府", "b": "青禾县柳溪镇人民政府"}[it.Path]
			switch {
			case want == "" && len(msgs) > 0:
				t.Errorf("%v: %s has extra findings %v", order, it.Path, msgs)
			case want != "" && (len(msgs) != 1 || !strings.Contains(msgs[0], "同批次中"+want+"的报告雷同") || !strings.Contains(msgs[0], "本报告正文的")):
				t.Errorf("%v: %s findings %v, want one naming %s", order, it.Path, msgs, want)
			}
		}
	}
}
