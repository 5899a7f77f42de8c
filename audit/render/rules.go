package render

import (
	"io"

	"github.com/nianbao/nianbao/rules"
)

var categoryNames = map[rules.Category]string{
	rules.CategoryCompleteness: "完整性", rules.CategoryArithmetic: "勾稽关系", rules.CategoryConsistency: "一致性",
	rules.CategoryTimeliness: "时效", rules.CategoryFormat: "格式", rules.CategoryExtraction: "提取",
}

// Rules prints the catalogue as a table: ID, category, default severity,
// title; long titles are shortened to fit the terminal (nianbao explain
// gives the whole text).
func Rules(w io.Writer, rs []rules.Rule, st Style) error {
	rows := make([][]string, 0, len(rs))
	for _, r := range rs {
		rows = append(rows, []string{r.ID, categoryNames[r.Category], severityNames[r.Severity], r.Title})
	}
	header := []string{"编号", "类别", "严重程度", "标题"}
	fitColumns(header, rows, []int{3}, st.width(), 16)
	return grid(w, st, header, rows, nil)
}
