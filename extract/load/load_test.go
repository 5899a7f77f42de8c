package load

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

func TestSniff(t *testing.T) {
	cases := []struct {
		name, path, data string
		want             extract.Format
		err              string
	}{
		{"pdf by bytes", "x.bin", "%PDF-1.7\n...", extract.FormatPDF, ""},
		{"pdf after junk", "x.pdf", "\r\n\r\n%PDF-1.4\n", extract.FormatPDF, ""},
		{"html by name", "x.htm", "年报", extract.FormatHTML, ""},
		{"html by bytes", "page", "\ufeff<!DOCTYPE html><html>", extract.FormatHTML, ""},
		{"html fragment", "frag.txt", "<p>一、总体情况</p>", extract.FormatHTML, ""},
		{"markdown", "x.md", "| a | b |", extract.FormatText, ""},
		{"text", "x.txt", "一、总体情况", extract.FormatText, ""},
		{"docx", "x.docx", "PK\x03\x04word/document.xml", extract.FormatDOCX, ""},
		{"other zip", "x.xlsx", "PK\x03\x04xl/workbook.xml", "", "ZIP 压缩包不是 Word 文档"},
		{"zip archive", "x.zip", "PK\x03\x04a.pdf", "", "ZIP 压缩包（请先解压）"},
		{"ofd", "年报.OFD", "PK\x03\x04OFD.xml", "", "OFD 版式文件（请用 OFD 阅读器"},
		{"rar archive", "x.rar", "Rar!\x1a\x07", "", "RAR 压缩包（请先解压）"},
		{"fake pdf", "x.pdf", "not a pdf", "", "内容不是 PDF"},
		{"old word", "x.doc", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc", ""},
		{"wps", "x.WPS", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "wps", ""},
		{"ole without name", "x", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc", ""},
		{"rtf as doc", "x.doc", "{\\rtf1\\ansi\\ansicpg936 abc}", "rtf", ""},
		{"rtf", "x.rtf", "{\\rtf1 abc}", "rtf", ""},
		{"word html as doc", "x.doc", "<html xmlns:w=\"urn:schemas-microsoft-com:office:word\"><body><p>年报</p>", extract.FormatHTML, ""},
		{"docx as doc", "x.doc", "PK\x03\x04\x14\x00word/document.xml", extract.FormatDOCX, ""},
		{"fake doc", "x.doc", "plain words", "", "内容不是旧版 Word"},
		{"binary as text", "x.txt", "abc\x00\x00\x00\x01\x02", "", "内容不是纯文本或 Markdown"},
		{"binary", "x.dat", "ab\x00cd", "", "二进制文件"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Sniff(c.path, []byte(c.data))
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) || !errors.Is(err, ErrUnsupported) {
					t.Fatalf("Sniff = %q, %v; want error containing %q", got.Format, err, c.err)
				}
				return
			}
			if err != nil || got.Format != c.want {
				t.Fatalf("Sniff = %q, %v; want %q", got.Format, err, c.want)
			}
		})
	}
}

func TestFileErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := map[string]string{
		write("empty.txt", "  \n"):                  "文件为空",
		write("trunc.pdf", "%PDF-1.7\n1 0 obj\n<<"): "trunc.pdf",
		filepath.Join(dir, "missing.pdf"):           "无法读取",
		dir:                                         "是目录",
	}
	for path, want := range cases {
		_, err := File(context.Background(), path)
		if err == nil {
			t.Errorf("%s: no error", path)
			continue
		}
		if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %q should name the file and say %q", path, err, want)
		}
		if strings.Count(err.Error(), path) > 1 {
			t.Errorf("%s: error names the file twice: %q", path, err)
		}
	}
}

func TestBytesReadsEveryFormat(t *testing.T) {
	text := "某某镇2023年政府信息公开工作年度报告\n一、总体情况\n本年度未收到申请。\n"
	html := "<html><head><meta charset=utf-8></head><body><div class=TRS_Editor><p>某某镇2023年政府信息公开工作年度报告</p><p>一、总体情况</p></div></body></html>"
	for name, data := range map[string]string{"a.txt": text, "a.md": text, "a.html": html} {
		doc, err := Bytes(context.Background(), name, []byte(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if doc.Path != name || doc.SHA256 == "" || len(doc.Blocks) == 0 {
			t.Errorf("%s: path %q, sha %q, %d blocks", name, doc.Path, doc.SHA256, len(doc.Blocks))
		}
	}
}

func TestSupported(t *testing.T) {
	for p, want := range map[string]bool{"a.PDF": true, "b.shtml": true, "c.docx": true, "d.md": true, "e.xlsx": false, "f.doc": true, "f.wps": true, "f.rtf": true, "g": false} {
		if Supported(p) != want {
			t.Errorf("Supported(%q) = %v", p, !want)
		}
	}
}
