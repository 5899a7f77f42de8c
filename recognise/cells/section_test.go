package cells

import "testing"

// sectionOf recognises the template's section headings by their words, not
// by one report's spelling: part 四 is any numbered heading about 复议 and
// 诉讼, whatever stands between (a typo such as 行政法复议, or a heading
// that shortens 行政复议、行政诉讼 to 复议、诉讼).
func TestSectionOf(t *testing.T) {
	for _, c := range []struct {
		heading string
		want    int
	}{
		{"二、主动公开政府信息情况", 2},
		{"三、收到和处理政府信息公开申请情况", 3},
		{"四、政府信息公开行政复议、行政诉讼情况", 4},
		{"四、政府信息公开行政法复议、行政诉讼情况", 4},
		{"四、政府信息公开复议、诉讼情况", 4},
		{"表四：政府信息公开行政复议、行政诉讼情况", 4},
		{"五、存在的主要问题及改进情况", 5},
		{"六、其他需要报告的事项", 6},
		{"一、总体情况", 0},
		{"（四）行政复议、行政诉讼情况", 0},
		{"复议", 0},
	} {
		if got := sectionOf(Compact(c.heading)); got != c.want {
			t.Errorf("sectionOf(%q) = %d, want %d", c.heading, got, c.want)
		}
	}
}
