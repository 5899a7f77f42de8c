package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/crawl/manifest"
	"github.com/nianbao/nianbao/extract"
)

func init() {
	register(command{name: "text", args: "[选项] 文件或目录…", order: 25, help: textHelp,
		short: "打印从文件中读到的正文（按阅读顺序；表格每行一行，单元格以制表符分隔）",
		run:   func(ctx context.Context, args []string, io stdio) int { return runText(ctx, args, io.out, io.err) }})
}

const textHelp = `用法：nianbao text [选项] 文件或目录…

打印 nianbao 从文件中读到的正文，不做识别和审核：按阅读顺序每个文本块一行；
表格每行一行，单元格之间用制表符分隔（跨行跨列的单元格只在左上角出现一次）；
PDF 等分页的文件，每页以换页符结束（与 pdftotext 相同）。扫描件和图片中的文字经 OCR 识别后输出。
文字是 nianbao 审核所用的规范化形式（Unicode NFKC）：全角字母、数字和标点变为半角，
如“，”“（）”“：”输出为“,”“()”“:”；连续空白合为一个空格。
给出多个文件时，每个文件前有一行“==> 路径 <==”。读取中的问题（截断、损坏的页面）写到标准错误。

选项：
  -o 文件                  写入文件；默认标准输出
  --timeout 时长           单个文件的处理时限（默认 2m）
  --max-memory 大小        单个文件的内存预算（默认 128M，可写 K、M、G，至少 1M）

示例：
  nianbao text 报告.pdf > 报告.txt
  nianbao text 报告.pdf | grep 信息处理费
`

func runText(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("text")
	out := fs.String("o", "", "输出文件（默认标准输出）")
	timeout := fs.Duration("timeout", 2*time.Minute, "单个文件的处理时限")
	maxMemory := budgetSize(extract.DefaultBudget)
	fs.Var(&maxMemory, "max-memory", "单个文件的内存预算（如 256M、1G）")
	paths, code, done := parse(fs, args, stdout, stderr)
	if done {
		return code
	}
	if len(paths) == 0 {
		return usageError(stderr, "text", fmt.Errorf("请给出要读取的文件"))
	}
	finder := manifest.NewFinder() // a crawled page's pictures are read with it
	files, _, trouble := expandInputs(paths, finder, stderr)
	if len(files) == 0 {
		return exitTrouble
	}
	o, err := openOutput(render.Format{Name: "text"}, *out, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "nianbao：%v\n", err)
		return exitTrouble
	}
	opt := audit.Options{Timeout: *timeout, MaxMemory: int64(maxMemory), Manifests: finder, Prepare: prepareHeap}
	for i, f := range files {
		if ctx.Err() != nil {
			fmt.Fprintf(stderr, "nianbao：已中断，%d 个文件未读取\n", len(files)-i)
			trouble = true
			break
		}
		if err := textOne(ctx, f, len(files) > 1, opt, o.w, stderr); err != nil {
			if isWriteError(err) {
				return o.finish(exitOK, err, stderr)
			}
			fmt.Fprintf(stderr, "nianbao：%v\n", err)
			trouble = true
		}
	}
	if code := o.finish(exitOK, nil, stderr); code != exitOK {
		return code
	}
	if trouble {
		return exitTrouble
	}
	return exitOK
}

// writeError marks a failure to write the output (as opposed to a file
// that could not be read).
type writeError struct{ error }

func (e writeError) Unwrap() error { return e.error }

func isWriteError(err error) bool {
	_, ok := err.(writeError)
	return ok
}

// textOne prints the text of one file, with a "==> path <==" line first
// when several files are printed, and its extraction problems on stderr.
func textOne(ctx context.Context, path string, header bool, opt audit.Options, w, stderr io.Writer) error {
	doc, err := audit.Read(ctx, path, opt)
	if err != nil {
		return err
	}
	for _, p := range doc.Problems {
		fmt.Fprintf(stderr, "nianbao：%s：%s\n", path, p.Text(doc.Paged))
	}
	if header {
		if _, err := fmt.Fprintf(w, "==> %s <==\n", path); err != nil {
			return writeError{err}
		}
	}
	if err := extract.WritePlain(w, doc); err != nil {
		return writeError{err}
	}
	return nil
}
