package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sync"

	"github.com/nianbao/nianbao/extract/ocr"
)

// withOCRProgress shows "OCR 识别 文件 k/N" on stderr while the pictures
// of a scanned file are read (a few seconds each), when stderr is a
// terminal and the file has at least three pictures.
func withOCRProgress(ctx context.Context, stderr io.Writer) context.Context {
	if !isTerminal(stderr) {
		return ctx
	}
	var mu sync.Mutex
	return ocr.WithProgress(ctx, func(path string, done, total int) {
		if total < 3 {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(stderr, "\rOCR 识别 %s：%d/%d 张图片", filepath.Base(path), done, total)
		if done == total {
			fmt.Fprint(stderr, "\r\033[K")
		}
	})
}
