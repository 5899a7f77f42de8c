// Package ownoutput marks nianbao's own output files and recognises them
// among inputs. A supervisor who saves the handout or the minutes in the
// folder of the reports (nianbao audit 乡镇年报/ -o 乡镇年报/审核结果.html)
// would otherwise see it audited as one more report on the next run.
package ownoutput

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// HTMLMarker is in the head of every HTML page nianbao writes.
const HTMLMarker = `<meta name="generator" content="nianbao">`

// MarkdownTitle is the first line of the Markdown minutes nianbao writes.
const MarkdownTitle = "# 政府信息公开工作年度报告审核结果\n"

// head is how much of a file Is reads: the marker is in the first lines.
const head = 4 << 10

// Is reports whether the file at path is an HTML page or Markdown minutes
// written by nianbao. Other files, and files it cannot read, are not.
func Is(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	html := ext == ".html" || ext == ".htm"
	if !html && ext != ".md" {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, head)
	n, _ := io.ReadFull(f, buf)
	buf = buf[:n]
	if html {
		return bytes.Contains(buf, []byte(HTMLMarker))
	}
	return bytes.HasPrefix(bytes.TrimPrefix(buf, []byte("\xef\xbb\xbf")), []byte(MarkdownTitle))
}
