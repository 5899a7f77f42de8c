package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/crawl/manifest"
	"github.com/nianbao/nianbao/dataset"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/rules"
)

const datasetHelp = `用法：nianbao dataset [选项] 文件或目录… -o 数据集.sqlite|数据集.csv

把年报读成一个研究用的数据集：每份报告一行（路径、来源网址、SHA-256、格式、标题、发布机关及其
归一化名称、年度、模板、发布日期、能否读取），每个表格数字一行（单元格编号、表、行、列、数值、
是否存疑、页码），以及文字中的数字、审核发现的问题和六个部分。目录中若有 nianbao crawl 写的
manifest.jsonl，来源网址和网页上的发布日期一并写入。

SQLite（默认；-o 以 .csv 结尾时为 CSV）：表 reports、cells、figures、findings、sections 和视图
cells_wide（每个单元格编号一列），结构见 docs/dataset.md，或用 --schema 显示。再次运行时只处理
新增的、内容（SHA-256）或来源有变化的、以及上次无法读取的文件，其余保留原有的行和编号；
结果与 --workers 无关。

CSV：与 extract --format csv 相同的宽表，另加 source_url、source_page、source_published、
published_from、issuer_normalized 列；每次重写整个文件。

每个文件一行：同一机关同一年度的报告有多份文件（网页和附件、重复下载、更正版）时各占一行，
运行结束时标准错误上说明有几份，并给出列出它们的查询（SQLite），或逐个列出（CSV）。

选项：
  -o 文件              数据集文件（必填）：.sqlite/.db 等为 SQLite，.csv 为 CSV
  --format sqlite|csv  不按扩展名判断时指定格式
  --rebuild            SQLite：不沿用已有文件，重新建立
  --profile 文件       审核配置（同 audit --profile）；与上次不同时全部文件重新处理
  --schema             显示 SQLite 数据集的结构（SQL）后退出
  --workers N          并行处理的文件数（默认 CPU 核数）
  --timeout 时长       单个文件的处理时限（默认 2m）
  --max-memory 大小    单个文件的内存预算（默认 128M，可写 K、M、G，至少 1M）；超出时截断或拒绝该文件

示例：
  nianbao dataset archive/ -o nianbao.sqlite
  sqlite3 nianbao.sqlite "SELECT issuer_normalized, year, value FROM reports JOIN cells ON cells.report = reports.id WHERE key = 't3.new.total' ORDER BY 1, 2"
  nianbao dataset archive/ -o nianbao.csv
`

func init() {
	register(command{name: "dataset", args: "[选项] 文件或目录… -o 文件", order: 25, help: datasetHelp,
		short: "建立研究用数据集：SQLite（报告、单元格、文字数字、问题、部分）或 CSV 宽表，可增量更新",
		run:   func(ctx context.Context, args []string, io stdio) int { return runDataset(ctx, args, io.out, io.err) }})
}

func runDataset(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dataset", flag.ContinueOnError)
	fs.Usage = func() {}
	out := fs.String("o", "", "数据集文件")
	format := fs.String("format", "", "sqlite 或 csv（默认按 -o 的扩展名）")
	rebuild := fs.Bool("rebuild", false, "重新建立 SQLite 文件")
	schema := fs.Bool("schema", false, "显示数据集结构")
	workers := fs.Int("workers", 0, "并行处理的文件数")
	timeout := fs.Duration("timeout", 2*time.Minute, "单个文件的处理时限")
	maxMemory := budgetSize(extract.DefaultBudget)
	fs.Var(&maxMemory, "max-memory", "单个文件的内存预算（如 256M、1G）")
	profilePath := fs.String("profile", "", "审核配置文件（JSON）")
	paths, code, done := parse(fs, args, stdout, stderr)
	if done {
		return code
	}
	if *schema {
		fmt.Fprint(stdout, dataset.Schema())
		return exitOK
	}
	if *format == "" {
		*format = "sqlite"
		if strings.EqualFold(filepath.Ext(*out), ".csv") {
			*format = "csv"
		}
	}
	if err := oneOf("--format", *format, "sqlite", "csv"); err != nil {
		return usageError(stderr, "dataset", err)
	}
	if *out == "" || *out == "-" && *format == "sqlite" {
		return usageError(stderr, "dataset", fmt.Errorf("请用 -o 指定数据集文件，例如 -o nianbao.sqlite"))
	}
	if len(paths) == 0 {
		return usageError(stderr, "dataset", fmt.Errorf("请给出年报文件或目录"))
	}
	if *out != "-" {
		if err := checkOutputPath(*out); err != nil {
			fmt.Fprintf(stderr, "nianbao dataset：%v\n", err)
			return exitTrouble
		}
	}
	profile := rules.DefaultProfile()
	if *profilePath != "" {
		data, err := readInput(*profilePath, maxProfile)
		if err != nil {
			return usageError(stderr, "dataset", fmt.Errorf("无法读取配置文件 %s：%w", *profilePath, err))
		}
		if profile, err = rules.ParseProfile(data); err != nil {
			return usageError(stderr, "dataset", fmt.Errorf("配置文件 %s 有误：%w", *profilePath, err))
		}
	}
	if *format == "csv" {
		csv := render.Format{Name: "csv",
			Write: func(w io.Writer, res *audit.Result, _ render.Options) error { return dataset.WriteCSV(w, res) },
			Stream: func(w io.Writer, _ render.Options) render.Sink {
				return render.NewWideCSV(w, dataset.CSVColumns)
			}}
		c := common{workers: *workers, timeout: *timeout, maxMemory: maxMemory, out: *out}
		if _, trouble := runPipeline(ctx, paths, c, &profile, nil, csv, render.Options{}, stdout, stderr); trouble {
			return exitTrouble
		}
		return exitOK
	}

	finder := manifest.NewFinder()
	files, _, trouble := expandInputs(paths, finder, stderr)
	if len(files) == 0 {
		return exitTrouble
	}
	c := common{workers: *workers, maxMemory: maxMemory}
	opt := dataset.Options{Rebuild: *rebuild, Audit: audit.Options{Workers: *workers, Timeout: *timeout,
		MaxMemory: int64(maxMemory), MemoryCeiling: setMemoryLimit(memoryCeiling(c, len(files))),
		Profile: profile, Manifests: finder, Prepare: prepareHeap},
		Report: func(it audit.Item) {
			if it.Err != nil {
				fmt.Fprintf(stderr, "nianbao：%v\n", it.Err)
				trouble = true
			}
		}}
	opt.Audit.Progress = progress(stderr, len(files))
	st, err := dataset.WriteSQLite(ctx, *out, files, opt)
	if err != nil && ctx.Err() != nil {
		// the run's own error is "context canceled" on whichever file
		// was in progress: say what happened instead
		fmt.Fprintf(stderr, "nianbao dataset：已中断（Ctrl-C 或 SIGTERM），数据集 %s 未改动；再次运行即可从头处理\n", *out)
		return exitTrouble
	}
	if err != nil {
		fmt.Fprintf(stderr, "nianbao dataset：%v\n", err)
		return exitTrouble
	}
	if st.ProfileChanged {
		fmt.Fprintln(stderr, "nianbao dataset：审核配置与上次写入时不同，全部文件已重新处理")
	}
	fmt.Fprintf(stderr, "数据集 %s：新增 %d 个文件，更新 %d 个，未变化跳过 %d 个，其中无法读取 %d 个；", *out, st.New, st.Changed, st.Unchanged, st.Unreadable)
	if st.Rechecked > 0 {
		fmt.Fprintf(stderr, "因上一年度报告新增或变化而重新核对 %d 份；", st.Rechecked)
	}
	fmt.Fprintf(stderr, "不在本次输入中而保留 %d 份；共 %d 份报告\n", st.Kept, st.Reports)
	if st.Repeated > 0 {
		fmt.Fprintf(stderr, "其中 %d 份与另一份是同一机关同一年度的报告（网页和附件、重复下载或更正版，每份一行），列出它们：\n  sqlite3 %s \"%s\"\n",
			st.Repeated, *out, dataset.RepeatedQuery)
	}
	if trouble {
		return exitTrouble
	}
	return exitOK
}
