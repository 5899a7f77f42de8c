package layout

import "testing"

func TestIsPageNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"-4-": true, "- 4 -": true, "— 5 —": true, "—5—": true, "第 4 页": true, "第4页 共6页": true,
		"第4页/共6页": true, "4/6": true, "12": true, "Page 3": true, "page 3 of 9": true, "~7~": true,
		"共6页 第4页": true,
		"":        false, "四": false, "2023年": false, "第四页": false, "1.属于国家秘密": false, "- 4 - 5": false,
		"12345": false, "3.5": false,
	} {
		if got := isPageNumber(s); got != want {
			t.Errorf("isPageNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestIsCJK(t *testing.T) {
	for r, want := range map[rune]bool{
		'中': true, '、': true, '，': true, '（': true, '“': true, '”': true, '。': true, '〇': true,
		'a': false, '1': false, '.': false, ' ': false, '(': false, '-': false,
	} {
		if got := isCJK(r); got != want {
			t.Errorf("isCJK(%q) = %v, want %v", r, got, want)
		}
	}
}

func TestNumberRe(t *testing.T) {
	for s, want := range map[string]bool{
		"0": true, "21": true, "7730.28": true, "1,234": true, "12%": true, "-15": true, "+82": true,
		"1,23": false, "1.": false, "一": false, "5件": false, "1.属于": false, "": false,
	} {
		if got := numberRe().MatchString(s); got != want {
			t.Errorf("numberRe(%q) = %v, want %v", s, got, want)
		}
	}
}
