package rules

import (
	"strings"
	"testing"
)

// Profile errors reach the user (`nianbao audit --profile`): they are in
// Chinese and name the body class or rule at fault.
func TestProfileErrorsAreChinese(t *testing.T) {
	for _, tc := range []struct {
		name, json string
		want       []string
	}{
		{"syntax", `{"name": `, []string{"JSON"}},
		{"unknown field", `{"severty": {}}`, []string{"JSON", "未知字段“severty”"}},
		{"pattern", `{"bodies": [{"name": "dept", "pattern": "(", "deadline": "01-31", "severity": "error"}]}`, []string{"机关类别 dept", "正则表达式"}},
		{"deadline", `{"bodies": [{"name": "dept", "pattern": "局$", "deadline": "13-01", "severity": "error"}]}`, []string{"机关类别 dept", "期限", "13-01", "MM-DD"}},
		{"body severity", `{"bodies": [{"name": "dept", "pattern": "局$", "deadline": "01-31", "severity": "fatal"}]}`, []string{"机关类别 dept", "严重程度", "fatal"}},
		{"rule severity", `{"severity": {"COMPL-FEE": "high"}}`, []string{"规则 COMPL-FEE", "严重程度", "high"}},
		{"similarity", `{"copy_similarity": 2}`, []string{"copy_similarity", "0"}},
		{"uncertain cap", `{"max_uncertain_severity": "x"}`, []string{"max_uncertain_severity", "严重程度"}},
	} {
		_, err := ParseProfile([]byte(tc.json))
		if err == nil {
			t.Errorf("%s: ParseProfile accepted %s", tc.name, tc.json)
			continue
		}
		msg := err.Error()
		for _, w := range tc.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: message %q lacks %q", tc.name, msg, w)
			}
		}
		for _, english := range []string{"parse profile", "body class", "invalid", "want MM-DD", "not in", "json:", "unexpected end"} {
			if strings.Contains(msg, english) {
				t.Errorf("%s: message %q has English %q", tc.name, msg, english)
			}
		}
	}
}
