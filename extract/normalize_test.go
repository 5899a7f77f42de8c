package extract

import "testing"

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"":               "",
		"一、总体情况":         "一、总体情况",
		"  １２３\u3000件 ":  "123 件",
		"商业\n企业":         "商业 企业",
		"a\u00a0\u00a0b": "a b",
		"（一）予以公开":        "(一)予以公开",
		"\ufeff危及“三安全一稳定”\u200b": "危及“三安全一稳定”",
		"x\ty":      "x y",
		"ok text":   "ok text",
		"ok  text":  "ok text",
		"trailing ": "trailing",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
		if got := Normalize(want); got != want {
			t.Errorf("Normalize is not idempotent on %q: %q", want, got)
		}
	}
}

func BenchmarkNormalizeClean(b *testing.B) {
	s := "三、收到和处理政府信息公开申请情况 2023 年"
	for b.Loop() {
		Normalize(s)
	}
}
