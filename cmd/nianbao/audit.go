package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/crawl/manifest"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/load"
	"github.com/nianbao/nianbao/rules"
)

// common are the options extract and audit share.
type common struct {
	format    string
	out       string
	workers   int
	timeout   time.Duration
	maxMemory budgetSize
	eastWide  bool
	// stream: hand each report on at once, cross-report findings later
	// (audit --stream)
	stream bool
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.format, "format", "", "输出格式（默认按 -o 的扩展名，否则 text）")
	fs.StringVar(&c.out, "o", "", "输出文件（默认标准输出）")
	fs.IntVar(&c.workers, "workers", 0, "并行处理的文件数（默认 CPU 核数）")
	fs.DurationVar(&c.timeout, "timeout", 2*time.Minute, "单个文件的处理时限")
	c.maxMemory = extract.DefaultBudget
	fs.Var(&c.maxMemory, "max-memory", "单个文件的内存预算（如 256M、1G）")
	fs.BoolVar(&c.eastWide, "east-asian-width", false, "宽度不定的字符按两列计算")
}

func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {} // parse prints the help itself
	return fs
}

func init() {
	register(command{name: "audit", args: "[选项] 文件或目录…", order: 10,
		help:  strings.ReplaceAll(helpText["audit"], "{EXTS}", strings.Join(load.Extensions(), " ")),
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
	fs.BoolVar(&c.stream, "stream", false, "每份报告读完即写出，跨报告的问题写在后面")
	paths, code, done := parse(fs, args, stdout, stderr)
	if done {
		return code
	}
	name, err := formatName(c.format, c.out, render.AuditFormats)
	if err != nil {
		return usageError(stderr, "audit", err)
	}
	format, err := pickFormat(render.AuditFormats, name)
	if err != nil {
		return usageError(stderr, "audit", err)
	}
	if c.stream && !lateSink(format) {
		return usageError(stderr, "audit", fmt.Errorf("--stream 只适用于 json 和 csv 格式"))
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
		data, err := readInput(*profilePath, maxProfile)
		if err != nil {
			return usageError(stderr, "audit", fmt.Errorf("无法读取配置文件 %s：%w", *profilePath, err))
		}
		if profile, err = rules.ParseProfile(data); err != nil {
			return usageError(stderr, "audit", fmt.Errorf("配置文件 %s 有误：%w", *profilePath, err))
		}
	}
	var baseline *audit.Baseline
	if *baselinePath != "" {
		f, err := openInput(*baselinePath, maxBaseline)
		if err != nil {
			return usageError(stderr, "audit", fmt.Errorf("无法读取基线文件 %s：%w", *baselinePath, err))
		}
		baseline, err = audit.ReadBaseline(f)
		f.Close()
		if err != nil {
			return usageError(stderr, "audit", fmt.Errorf("基线文件 %s：%w", *baselinePath, err))
		}
	}
	opt := render.Options{Style: render.Style{EastAsianWide: c.eastWide, Wide: *wide, Width: outWidth(c.out, stdout)}, Sort: *sortBy}
	maxSev, trouble := runPipeline(ctx, paths, c, &profile, baseline, format, opt, stdout, stderr)
	reportStale(stderr, *baselinePath, baseline)
	if trouble {
		return exitTrouble
	}
	if *failOn != "never" && maxSev >= rules.Severity(*failOn).Rank() {
		return exitFindings
	}
	return exitOK
}

// runPipeline expands paths, runs the files and writes the output in
// format f: item by item as each is final when the format can (f.Stream),
// else whole at the end. It returns the highest finding severity and
// whether there was trouble: a path missing, a file that could not be read,
// files left unprocessed by an interrupt, or the output failing. Each such
// problem is also told on stderr. A nil profile runs no rules (extract).
func runPipeline(ctx context.Context, paths []string, c common, profile *rules.Profile, baseline *audit.Baseline,
	f render.Format, ropt render.Options, stdout, stderr io.Writer) (maxSeverity int, trouble bool) {
	ctx = withOCRProgress(ctx, stderr) // scanned files take a while
	finder := manifest.NewFinder()
	files, unread, trouble := expandInputs(paths, finder, stderr)
	if len(files) == 0 {
		return 0, true // nothing to read: no output at all, not an empty table
	}
	out, err := openOutput(f, c.out, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "nianbao：输出失败：%v\n", err)
		return 0, true
	}
	opt := audit.Options{Workers: c.workers, Timeout: c.timeout, MaxMemory: int64(c.maxMemory),
		MemoryCeiling: setMemoryLimit(memoryCeiling(c, len(files))), Baseline: baseline, Progress: progress(stderr, len(files)),
		Manifests: finder, Prepare: prepareHeap}
	if profile != nil {
		opt.Rules, opt.Profile = true, *profile
	}
	tell := func(it audit.Item) {
		if it.Err != nil {
			fmt.Fprintf(stderr, "nianbao：%v\n", it.Err)
			trouble = true
		}
	}
	var notDone []string
	if f.Stream != nil {
		sink := f.Stream(out.w, ropt)
		if ls, ok := sink.(render.LateSink); ok && c.stream && opt.Rules {
			opt.Late = ls.Late
		}
		var o audit.Outcome
		o, err = audit.Stream(ctx, files, opt, func(it audit.Item) error {
			tell(it)
			return sink.Item(it)
		})
		if err == nil {
			o.Summary.Unread = unread
			err = sink.Close(o.Summary)
		}
		if profile != nil && f.Name == "csv" { // the findings CSV has no place for them
			if note := render.CopiesNote(o.Summary.Copies); note != "" {
				fmt.Fprint(stderr, "nianbao："+note)
			}
		}
		maxSeverity, notDone = o.MaxSeverity, o.NotProcessed
	} else {
		opt.Light = f.Light
		res := audit.Run(ctx, files, opt)
		res.Unread = unread
		for _, it := range res.Items {
			tell(it)
		}
		err = f.Write(out.w, res, ropt)
		maxSeverity, notDone = res.MaxSeverity(), res.NotProcessed
	}
	if err = out.close(err); err != nil {
		fmt.Fprintf(stderr, "nianbao：输出失败：%v\n", err)
		trouble = true
	}
	if len(notDone) > 0 {
		why := "已中断"
		if err != nil { // the output failed, and the run stopped with it
			why = "输出失败后停止"
		}
		tellNotProcessed(stderr, why, notDone)
		trouble = true
	}
	return maxSeverity, trouble
}

// lateSink reports whether format f can write findings about reports it
// has already written (render.LateSink), as --stream needs.
func lateSink(f render.Format) bool {
	if f.Stream == nil {
		return false
	}
	_, ok := f.Stream(io.Discard, render.Options{}).(render.LateSink)
	return ok
}

// memoryCeiling is the memory of the process past which the largest file
// in progress is stopped (audit.Options.MemoryCeiling), and the soft
// memory limit the collector is held to (setMemoryLimit; GOMEMLIMIT in the
// environment replaces both): one and a half times each worker's budget
// (budgets count the data, not Go's overhead) and 128 MB for the rest
// (output, digests, the runtime). With the defaults on two cores (two
// workers of extract.DefaultBudget, 128 MB) that is 512 MB, leaving room
// under 1 GB for what passes it before the guard stops a file; 320 MB for
// a single file.
func memoryCeiling(c common, files int) int64 {
	w := c.workers
	if w <= 0 {
		w = runtime.NumCPU()
	}
	w = max(min(w, files), 1) // no more files at a time than there are
	return int64(w)*int64(c.maxMemory)*3/2 + 128<<20
}

// tellNotProcessed says on stderr which files a run stopped early left,
// and why (an interrupt, or an output that could not be written).
func tellNotProcessed(stderr io.Writer, why string, files []string) {
	const shown = 20
	fmt.Fprintf(stderr, "nianbao：%s，%d 个文件未处理（输出只含已处理完的文件）：\n", why, len(files))
	for i, f := range files {
		if i == shown {
			fmt.Fprintf(stderr, "  ……另有 %d 个\n", len(files)-shown)
			break
		}
		fmt.Fprintf(stderr, "  %s\n", f)
	}
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
