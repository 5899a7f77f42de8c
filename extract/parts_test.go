package extract

import "testing"

func TestPartsName(t *testing.T) {
	for _, c := range []struct {
		parts []int
		want  string
	}{
		{[]int{3}, "第三部分"},
		{[]int{2, 3, 3, 4}, "第二、三、四部分"},
		{[]int{0}, "正文中"},
		{[]int{0, 4, 0}, "正文中及第四部分"},
		{[]int{7}, "第七部分"},
		{[]int{9}, "正文中"},
	} {
		if got := PartsName(c.parts...); got != c.want {
			t.Errorf("PartsName(%v) = %q, want %q", c.parts, got, c.want)
		}
	}
}

func TestPartBefore(t *testing.T) {
	// a sub-heading of part 一 such as （三）政府信息管理 is not a part
	blocks := []Block{{Kind: BlockText, Text: "一、总体情况"}, {Kind: BlockText, Text: "（三）政府信息管理"}, {Kind: BlockText, Text: "三、收到和处理政府信息公开申请情况"}, {Kind: BlockText, Text: "表"}}
	for at, want := range []int{0, 1, 1, 3, 3} {
		if got := PartBefore(blocks, at); got != want {
			t.Errorf("PartBefore(%d) = %d, want %d", at, got, want)
		}
	}
}
