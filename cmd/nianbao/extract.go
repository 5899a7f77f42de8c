package main

import (
	"context"
	"fmt"
	"io"

	"github.com/nianbao/nianbao/audit/render"
)

func init() {
	register(command{name: "extract", args: "[选项] 文件…", order: 20, help: helpText["extract"],
		short: "提取年报：标题、年度、六个部分、表二/表三/表四的每个数字",
		run:   func(ctx context.Context, args []string, io stdio) int { return runExtract(ctx, args, io.out, io.err) }})
}

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("extract")
	var c common
	c.register(fs)
	paths, code, done := parse(fs, args, stdout, stderr)
	if done {
		return code
	}
	name, err := formatName(c.format, c.out, render.ExtractFormats)
	if err != nil {
		return usageError(stderr, "extract", err)
	}
	format, err := pickFormat(render.ExtractFormats, name)
	if err != nil {
		return usageError(stderr, "extract", err)
	}
	if len(paths) == 0 {
		return usageError(stderr, "extract", fmt.Errorf("请给出要提取的文件"))
	}
	opt := render.Options{Style: render.Style{EastAsianWide: c.eastWide, Width: outWidth(c.out, stdout)}}
	if _, trouble := runPipeline(ctx, paths, c, nil, nil, format, opt, stdout, stderr); trouble {
		return exitTrouble
	}
	return exitOK
}
