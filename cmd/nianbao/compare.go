package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/compare"
)

const compareHelp = `用法：nianbao compare [选项] 上年报告 本年报告

把同一机关相邻两年的报告放在一起比较：
  - 六个部分的正文各有多少与上年相同（去掉空白和标点、数字视为相同，与规则 CONS-COPY-PREV 的处理一致），
    以及最长的几段重复文字；
  - 三张表格的每个单元格：上年值、本年值、变化；
  - 结转核对：上年表三“四、结转下年度继续办理”应等于本年表三“二、上年结转政府信息公开申请数量”；
  - 年度和机关核对：两份报告不是同一机关或不是相邻两年时给出提示。

选项：
  --format text|json|html|md  输出格式（默认按 -o 的扩展名：.json .html .md .txt，否则 text；json 为 nianbao/compare/v1，见 README；
                              html 单个网页文件；md Markdown）
  -o 文件                     写入文件；默认标准输出
  --timeout 时长              单个文件的处理时限（默认 2m）
`

// compareFormats are the outputs of `nianbao compare`.
var compareFormats = map[string]func(io.Writer, *compare.Comparison) error{
	"text": compare.Text, "json": compare.JSON, "html": compare.HTML, "md": compare.Markdown,
}

func init() {
	register(command{name: "compare", args: "[选项] 上年报告 本年报告", order: 15, help: compareHelp,
		short: "对比同一机关相邻两年的报告：正文重复、单元格变化、结转核对",
		run:   func(ctx context.Context, args []string, io stdio) int { return runCompare(ctx, args, io.out, io.err) }})
}

func runCompare(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("compare")
	format := fs.String("format", "", "输出格式（默认按 -o 的扩展名，否则 text）")
	out := fs.String("o", "", "输出文件（默认标准输出）")
	timeout := fs.Duration("timeout", 2*time.Minute, "单个文件的处理时限")
	paths, code, done := parse(fs, args, stdout, stderr)
	if done {
		return code
	}
	name, err := formatName(*format, *out, compareFormats)
	if err != nil {
		return usageError(stderr, "compare", err)
	}
	*format = name
	write, ok := compareFormats[*format]
	if !ok {
		return usageError(stderr, "compare", oneOf("--format", *format, "html", "json", "md", "text"))
	}
	if len(paths) != 2 {
		return usageError(stderr, "compare", fmt.Errorf("请给出两份报告：上年的和本年的（给出了 %d 个）", len(paths)))
	}
	if *out != "" && *out != "-" {
		if err := checkOutputPath(*out); err != nil {
			fmt.Fprintf(stderr, "nianbao：输出失败：%v\n", err)
			return exitTrouble
		}
	}
	res := audit.Run(ctx, paths, audit.Options{Workers: 2, Timeout: *timeout})
	for _, it := range res.Items {
		if it.Err != nil {
			fmt.Fprintf(stderr, "nianbao：%v\n", it.Err)
			return exitTrouble
		}
	}
	c := compare.Reports(res.Items[0].Report, res.Items[1].Report)
	f := render.Format{Name: *format, Write: func(w io.Writer, _ *audit.Result, _ render.Options) error { return write(w, c) }}
	if err := writeOutput(f, res, render.Options{}, *out, stdout); err != nil {
		fmt.Fprintf(stderr, "nianbao：输出失败：%v\n", err)
		return exitTrouble
	}
	return exitOK
}
