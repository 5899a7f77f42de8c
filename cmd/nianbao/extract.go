package main

import (
	"context"
	"fmt"
	"io"

	"github.com/nianbao/nianbao/audit/render"
)

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("extract")
	var c common
	c.register(fs)
	paths, code, done := parse(fs, args, stdout, stderr)
	if done {
		return code
	}
	if err := oneOf("--format", c.format, "text", "json", "csv"); err != nil {
		return usageError(stderr, "extract", err)
	}
	if len(paths) == 0 {
		return usageError(stderr, "extract", fmt.Errorf("请给出要提取的文件"))
	}
	res, trouble := runPipeline(ctx, paths, c, nil, nil, stderr)
	var err error
	if c.format == "json" {
		err = render.ExtractJSON(stdout, res)
	} else if c.format == "csv" {
		err = render.ExtractCSV(stdout, res)
	} else {
		err = render.ExtractText(stdout, res, render.Style{EastAsianWide: c.eastWide})
	}
	if err != nil {
		fmt.Fprintf(stderr, "nianbao：输出失败：%v\n", err)
		return exitTrouble
	}
	if trouble {
		return exitTrouble
	}
	return exitOK
}
