package recognise

import (
	"context"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/testutil"
)

// TestRecogniseScales grows inputs of several shapes 1×/10×/100× and fails
// when recognition time grows faster than about linearly (issue 8: a 5 MB
// page of ordinary sentences took two minutes).
func TestRecogniseScales(t *testing.T) {
	if testing.Short() {
		t.Skip("scaling test: skipped with -short")
	}
	shapes := []struct {
		name  string
		lines func(k int) []string
	}{
		{"one long paragraph of enumerations", func(k int) []string {
			return []string{"三、收到和处理政府信息公开申请情况", strings.Repeat("本年度共收到政府信息公开申请19件，其中网络申请15件、信函申请4件。办结18件。其中，予以公开10件，部分公开8件。", 20*k)}
		}},
		{"one long paragraph of bracket lists, outcome lists and open brackets", func(k int) []string {
			return []string{"三、收到和处理政府信息公开申请情况", strings.Repeat("预决算公开197条（政府预决算32条、部门预决算165条）。答复申请805件（含结转18件）。予以公开258件，部分公开1件，不予公开35件，无法提供265件，不予处理158件，其他处理0件。发布信息3条（", 20*k)}
		}},
		{"one long paragraph of negations", func(k int) []string {
			return []string{"四、政府信息公开行政复议、行政诉讼情况", strings.Repeat("本年度未发生行政复议、行政诉讼案件，无收取信息处理费，", 20*k)}
		}},
		{"many heading lines", func(k int) []string {
			var ls []string
			for i := 0; i < 5*k; i++ {
				ls = append(ls, "一、总体情况", "本机关主动公开政府信息12条。", "二、主动公开政府信息情况",
					"三、收到和处理政府信息公开申请情况", "（一）自然人", "四、政府信息公开行政复议、行政诉讼情况",
					"五、存在的主要问题及改进情况", "六、其他需要报告的事项", "无。")
			}
			return ls
		}},
		{"many short lines", func(k int) []string {
			var ls []string
			for i := 0; i < 40*k; i++ {
				ls = append(ls, "全年主动公开政府信息1820条，", "其中规范性文件12件，", "其他文件1808件。")
			}
			return ls
		}},
	}
	for _, sh := range shapes {
		t.Run(sh.name, func(t *testing.T) {
			testutil.Linear(t, sh.name, func(k int) func() {
				doc := &extract.Document{Path: "x.txt", Format: extract.FormatText, Pages: 1}
				doc.Blocks = append(doc.Blocks, extract.Block{Kind: extract.BlockText, Page: 1, Text: "某某镇2023年政府信息公开工作年度报告"})
				for _, l := range sh.lines(k) {
					doc.Blocks = append(doc.Blocks, extract.Block{Kind: extract.BlockText, Page: 1, Text: l})
				}
				return func() {
					if _, err := Recognise(context.Background(), doc); err != nil {
						t.Fatal(err)
					}
				}
			})
		})
	}
}
