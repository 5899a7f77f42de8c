package extract

import (
	"slices"
	"strconv"
	"testing"
)

// Problems that say the same of several pages are one line naming the
// pages; others stay as they are, each once, in order.
func TestSummarize(t *testing.T) {
	var probs []Problem
	for n := 1; n <= 200; n++ {
		probs = append(probs, Problem{Code: ProblemFont, Page: n, Message: "第" + itoa(n) + "页：字体SimSun有字符无法解码为文字"})
	}
	probs = append(probs,
		Problem{Code: ProblemScanned, Page: 3, Message: "扫描页"},
		Problem{Code: ProblemScanned, Page: 5, Message: "扫描页"},
		Problem{Code: ProblemScanned, Page: 6, Message: "扫描页"},
		Problem{Code: ProblemScanned, Page: 7, Message: "扫描页"},
		Problem{Code: ProblemEmpty, Message: "PDF文件中没有可提取的文字"},
		Problem{Code: ProblemEmpty, Message: "PDF文件中没有可提取的文字"},
		Problem{Code: ProblemBudget, Page: 9, Message: "超过内存预算：第9页起的3页未读取"},
	)
	got := Summarize(probs, true)
	want := []string{"第1至200页：字体SimSun有字符无法解码为文字", "第3、5至7页：扫描页", "PDF文件中没有可提取的文字", "超过内存预算：第9页起的3页未读取"}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got := Summarize([]Problem{{Page: 2, Message: "a"}, {Page: 3, Message: "a"}}, false); !slices.Equal(got, []string{"a"}) {
		t.Errorf("not paged: %q", got)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
