package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/testutil"
)

// nianbao extract on a picture shows which numbers came from OCR ("~")
// and how sure they are (the legend, and "?" on unsure readings).
func TestExtractShowsOCR(t *testing.T) {
	testutil.NeedTool(t, "tesseract", "tesseract-ocr tesseract-ocr-chi-sim")
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"extract", testutil.Fixture(t, "ocr", "defect-t3-balance-p4.jpg")}, strings.NewReader(""), &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	s := out.String()
	for _, want := range []string{"（图片，1 页）", "│ 行政复议                  │       4~ │", "“~”：由OCR从图片识别的数字，共15格", "的文字由OCR识别"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
}
