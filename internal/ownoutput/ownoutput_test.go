package ownoutput

import (
	"os"
	"path/filepath"
	"testing"
)

// Is knows nianbao's HTML pages and Markdown minutes by their marker, and
// nothing else: a report page, a Markdown report, a text file with the same
// title, a file it cannot open.
func TestIs(t *testing.T) {
	dir := t.TempDir()
	for name, c := range map[string]struct {
		text string
		want bool
	}{
		"out.html":    {"<!DOCTYPE html>\n<html><head>\n<meta charset=\"utf-8\">\n" + HTMLMarker + "\n<title>x</title>", true},
		"OUT.HTM":     {"<html><head>" + HTMLMarker, true},
		"report.html": {"<html><head><meta name=\"generator\" content=\"WPS\"><title>某县2023年政府信息公开工作年度报告</title>", false},
		"minutes.md":  {MarkdownTitle + "\n共 3 份报告", true},
		"bom.md":      {"\xef\xbb\xbf" + MarkdownTitle, true},
		"report.md":   {"# 某县2023年政府信息公开工作年度报告\n", false},
		"title.txt":   {MarkdownTitle, false},
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := Is(p); got != c.want {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
	if Is(filepath.Join(dir, "missing.html")) {
		t.Error("a missing file")
	}
}
