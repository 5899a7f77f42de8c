package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/crawl/manifest"
	"github.com/nianbao/nianbao/extract/load"
	"github.com/nianbao/nianbao/rules"
)

// common are the options extract and audit share.
type common struct {
	format   string
	out      string
	workers  int
	timeout  time.Duration
	eastWide bool
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.format, "format", "text", "输出格式")
	fs.StringVar(&c.out, "o", "", "输出文件（默认标准输出）")
	fs.IntVar(&c.workers, "workers", 0, "并行处理的文件数（默认 CPU 核数）")
	fs.DurationVar(&c.timeout, "timeout", 2*time.Minute, "单个文件的处理时限")
	fs.BoolVar(&c.eastWide, "east-asian-width", false, "宽度不定的字符按两列计算")
}

func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {} // parse prints the help itself
	return fs
}

func init() {
	register(command{name: "audit", args: "[选项] 文件或目录…", order: 10, help: helpText["audit"],
		short: "审核年报：六个部分、表格勾稽关系、文字与表格是否一致、年份与发布时间",
		run:   func(ctx context.Context, args []string, io stdio) int { return runAudit(ctx, args, io.out, io.err) }})
}

func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("audit")
	var c common
	c.register(fs)
	failOn := fs.String("fail-on", "error", "达到该级别的问题使退出码为 1：error、warning、info、never")
	profilePath := fs.String("profile", "", "审核配置文件（JSON）：期限、严重程度、停用的规则")
	baselinePath := fs.String("baseline", "", "基线：上次 audit --format json 的输出；其中已列出的问题不再报告")
	sortBy := fs.String("sort", "", "汇总表的顺序：severity、issuer、file（默认按输入顺序）")
	wide := fs.Bool("wide", false, "汇总表不缩短文件名和机关名")
	paths, code, done := parse(fs, args, stdout, stderr)
	if done {
		return code
	}
	format, err := pickFormat(render.AuditFormats, c.format)
	if err != nil {
		return usageError(stderr, "audit", err)
	}
	if err := oneOf("--fail-on", *failOn, "error", "warning", "info", "never"); err != nil {
		return usageError(stderr, "audit", err)
	}
	if *sortBy != "" {
		if err := oneOf("--sort", *sortBy, render.SortNames...); err != nil {
			return usageError(stderr, "audit", err)
		}
	}
	if len(paths) == 0 {
		return usageError(stderr, "audit", fmt.Errorf("请给出要审核的文件或目录"))
	}
	profile := rules.DefaultProfile()
	if *profilePath != "" {
		data, err := os.ReadFile(*profilePath)
		if err != nil {
			return usageError(stderr, "audit", fmt.Errorf("无法读取配置文件 %s：%w", *profilePath, load.Cause(err)))
		}
		if profile, err = rules.ParseProfile(data); err != nil {
			return usageError(stderr, "audit", fmt.Errorf("配置文件 %s 有误：%w", *profilePath, err))
		}
	}
	var baseline *audit.Baseline
	if *baselinePath != "" {
		f, err := os.Open(*baselinePath)
		if err != nil {
			return usageError(stderr, "audit", fmt.Errorf("无法读取基线文件 %s：%w", *baselinePath, load.Cause(err)))
		}
		baseline, err = audit.ReadBaseline(f)
		f.Close()
		if err != nil {
			return usageError(stderr, "audit", fmt.Errorf("基线文件 %s：%w", *baselinePath, err))
		}
	}
	res, trouble := runPipeline(ctx, paths, c, &profile, baseline, stderr)
	opt := render.Options{Style: render.Style{EastAsianWide: c.eastWide, Wide: *wide}, Sort: *sortBy}
	if err := writeOutput(format, res, opt, c.out, stdout); err != nil {
		fmt.Fprintf(stderr, "nianbao：输出失败：%v\n", err)
		return exitTrouble
	}
	if trouble {
		return exitTrouble
	}
	if *failOn != "never" && res.MaxSeverity() >= rules.Severity(*failOn).Rank() {
		return exitFindings
	}
	return exitOK
}

// runPipeline expands paths and runs the files. trouble is true when a path
// was missing or a file could not be read; each such problem is also told
// on stderr.
// A nil profile runs no rules (extract).
func runPipeline(ctx context.Context, paths []string, c common, profile *rules.Profile, baseline *audit.Baseline, stderr io.Writer) (*audit.Result, bool) {
	files, errs := audit.Expand(paths)
	for _, err := range errs {
		fmt.Fprintf(stderr, "nianbao：%v\n", err)
	}
	if len(files) == 0 && len(errs) == 0 {
		fmt.Fprintln(stderr, "nianbao：给出的目录中没有可读取的年报文件（.pdf .html .htm .docx .txt .md）")
		errs = append(errs, fmt.Errorf("no files"))
	}
	opt := audit.Options{Workers: c.workers, Timeout: c.timeout, Baseline: baseline, Progress: progress(stderr, len(files)),
		Manifests: manifest.NewFinder()}
	if profile != nil {
		opt.Rules, opt.Profile = true, *profile
	}
	res := audit.Run(ctx, files, opt)
	trouble := len(errs) > 0
	for _, it := range res.Items {
		if it.Err != nil {
			fmt.Fprintf(stderr, "nianbao：%v\n", it.Err)
			trouble = true
		}
	}
	return res, trouble
}

// progress reports "已处理 n/N 个文件" on stderr while a batch of more than a
// few files runs, when stderr is a terminal (never in pipes, logs or tests).
func progress(stderr io.Writer, total int) func(done, total int) {
	f, ok := stderr.(*os.File)
	if !ok || total < 5 || !(isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())) {
		return nil
	}
	return func(done, total int) {
		fmt.Fprintf(stderr, "\r已处理 %d/%d 个文件", done, total)
		if done == total {
			fmt.Fprint(stderr, "\r\033[K")
		}
	}
}

func usageError(stderr io.Writer, cmd string, err error) int {
	fmt.Fprintf(stderr, "nianbao %s：%v\n\n%s", cmd, err, commandHelp[cmd])
	return exitTrouble
}
