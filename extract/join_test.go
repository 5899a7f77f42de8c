package extract

import "testing"

func TestJoinLines(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  string
	}{
		{"nil", nil, ""},
		{"only blanks", []string{"", "  ", "\t\u3000"}, ""},
		{"one line trimmed", []string{"  商业企业 \n"}, "商业企业"},
		{"CJK meets CJK", []string{"商业", "企业"}, "商业企业"},
		{"CJK meets digit", []string{"合计", "12"}, "合计 12"},
		{"digit meets CJK", []string{"12", "件"}, "12 件"},
		{"ASCII words", []string{"Total", "3"}, "Total 3"},
		{"full-width punctuation is wide", []string{"（三）", "不予公开"}, "（三）不予公开"},
		{"Chinese quotes are wide", []string{"“三安全", "一稳定”"}, "“三安全一稳定”"},
		{"blank lines between are dropped", []string{"本年", "", "  ", "新收"}, "本年新收"},
		{"inner spaces kept", []string{"a  b", "c"}, "a  b c"},
		{"wide only on one side", []string{"（一）", "Page 2"}, "（一） Page 2"},
		{"three lines mixed", []string{"危及", "“三安全一稳定”", "3"}, "危及“三安全一稳定” 3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := JoinLines(tc.lines); got != tc.want {
				t.Errorf("JoinLines(%q) = %q, want %q", tc.lines, got, tc.want)
			}
		})
	}
}

func TestIsWide(t *testing.T) {
	for _, r := range []rune{'商', '〇', '、', '。', '（', '）', '，', '：', 'ア', 'ぁ', '한', '“', '”', '‘', '—', '…', '·', '０', 'Ａ', '\u3000', '︰'} {
		if !IsWide(r) {
			t.Errorf("IsWide(%q) = false, want true", r)
		}
	}
	for _, r := range []rune{'a', 'Z', '0', '9', ' ', '(', ')', ',', '.', '-', '"', '\'', 'é', '\u00a0', '\t'} {
		if IsWide(r) {
			t.Errorf("IsWide(%q) = true, want false", r)
		}
	}
}
