package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/nianbao/nianbao/crawl"
	"github.com/nianbao/nianbao/crawl/manifest"
)

const crawlHelp = `用法：nianbao crawl [选项] 网址… -o 目录

从门户网站的“政府信息公开年报”栏目（列表页）或某一份年报的网页开始，翻页（“下一页”链接、
index_1.html 式页码、TRS 的 createPageHTML 分页），按标题找出年报（含“信息公开”和“报告/年报”，并写明年份），
下载年报网页和其中的附件（.pdf .doc .docx .wps .rtf .ofd）以及正文中的图片（以图片发布的表格），
保存为 目录/主机/年份-标题/page.html 及附件，并写入抓取清单 目录/manifest.jsonl。
nianbao audit 目录 按清单把网页中的图片与网页一并读取（不论网页以何种地址引用），不把图片当作单独的年报。
再次运行时发送条件请求（If-None-Match / If-Modified-Since），只下载有变化的文件；
清单的 change 字段标明 new（新增）、changed（有更新）、unchanged（未变）、unchecked（本次未检查）。

抓取守规矩：遵守 robots.txt；对同一主机每秒最多 1 个请求（--rate）；User-Agent 写明 nianbao 及版本；
遇到 429、500、502、503、504 按 Retry-After 或 2、4、8 秒退避重试；单个请求有时限、大小上限和重定向次数上限；
只抓 http/https，只抓起始网址所在的主机（--allow-host 可另加）；文件名经过清理，不会写到目录之外。

选项：
  -o 目录                下载目录（必需）
  --rate N               对同一主机每秒最多 N 个请求（默认 1；robots.txt 的 Crawl-delay 更长时取其值）
  --allow-host 主机      另外允许抓取的主机（如附件放在 file.example.gov.cn），可重复或用逗号分隔
  --max-pages N          最多读取的网页数（列表页和年报网页，默认 500）
  --max-files N          最多下载的附件和图片数（默认 2000）
  --max-size 大小        单个文件的大小上限（默认 64M；可写 500K、64M、1G 或字节数）
  --timeout 时长         单个请求的时限（默认 60s）
  --retries N            429、500、502、503、504 时的重试次数（默认 3）
  -q                     不在标准错误上逐条显示进度

退出码：0 全部下载成功；1 有文件下载失败（列在最后）；2 用法错误或无法写入下载目录。
`

const fetchHelp = `用法：nianbao fetch [选项] 网址… -o 目录

下载给出的网页或文件本身（不跟随其中的链接），规矩与 nianbao crawl 相同（robots.txt、每秒请求数、
User-Agent、重试、时限、大小和重定向上限、只抓给出的网址所在的主机）。标题是年报的网页保存为
目录/主机/年份-标题/page.html，并把标题和发布日期写入抓取清单；其他文件保存为 目录/主机/文件名。
抓取清单 目录/manifest.jsonl 与 crawl 的相同；再次运行只下载有变化的文件。

选项：
  -o 目录                下载目录（必需）
  --rate N               对同一主机每秒最多 N 个请求（默认 1）
  --allow-host 主机      另外允许的主机（重定向到其他主机时需要）
  --max-files N          最多下载的文件数（默认 2000）
  --max-size 大小        单个文件的大小上限（默认 64M）
  --timeout 时长         单个请求的时限（默认 60s）
  --retries N            429、500、502、503、504 时的重试次数（默认 3）
  -q                     不在标准错误上逐条显示进度

退出码：0 全部下载成功；1 有文件下载失败；2 用法错误或无法写入下载目录。
`

func init() {
	register(command{name: "crawl", args: "[选项] 网址… -o 目录", order: 40, help: crawlHelp,
		short: "从门户网站的年报栏目抓取年报网页和附件，写入抓取清单",
		run: func(ctx context.Context, args []string, io stdio) int {
			return runDownload(ctx, "crawl", args, io.out, io.err)
		}})
	register(command{name: "fetch", args: "[选项] 网址… -o 目录", order: 41, help: fetchHelp,
		short: "下载给出的网页或文件，写入抓取清单",
		run: func(ctx context.Context, args []string, io stdio) int {
			return runDownload(ctx, "fetch", args, io.out, io.err)
		}})
}

// hostList collects --allow-host values (repeatable, comma separated).
type hostList []string

func (h *hostList) String() string { return strings.Join(*h, ",") }
func (h *hostList) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*h = append(*h, p)
		}
	}
	return nil
}

func runDownload(ctx context.Context, name string, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet(name)
	dir := fs.String("o", "", "下载目录")
	rate := fs.Float64("rate", crawl.DefaultRate, "对同一主机每秒最多的请求数")
	var hosts hostList
	fs.Var(&hosts, "allow-host", "另外允许抓取的主机")
	maxPages := new(int)
	*maxPages = crawl.DefaultMaxPages
	if name == "crawl" {
		fs.IntVar(maxPages, "max-pages", crawl.DefaultMaxPages, "最多读取的网页数")
	}
	maxFiles := fs.Int("max-files", crawl.DefaultMaxFiles, "最多下载的文件数")
	size := byteSize(crawl.DefaultMaxSize)
	fs.Var(&size, "max-size", "单个文件的大小上限")
	timeout := fs.Duration("timeout", crawl.DefaultTimeout, "单个请求的时限")
	retries := fs.Int("retries", crawl.DefaultRetries, "429/5xx 时的重试次数")
	quiet := fs.Bool("q", false, "不显示进度")
	urls, code, done := parse(fs, args, stdout, stderr)
	if done {
		return code
	}
	switch {
	case *dir == "":
		return usageError(stderr, name, fmt.Errorf("请用 -o 给出下载目录"))
	case len(urls) == 0:
		return usageError(stderr, name, fmt.Errorf("请给出网址"))
	case *rate <= 0 || *rate > 1000:
		return usageError(stderr, name, fmt.Errorf("--rate 应在 0 到 1000 之间"))
	case *maxPages <= 0 || *maxFiles <= 0:
		return usageError(stderr, name, fmt.Errorf("--max-pages 和 --max-files 应大于 0"))
	case *timeout <= 0:
		return usageError(stderr, name, fmt.Errorf("--timeout 应大于 0"))
	case *retries < 0 || *retries > 10:
		return usageError(stderr, name, fmt.Errorf("--retries 应在 0 到 10 之间"))
	}
	for _, u := range urls {
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			return usageError(stderr, name, fmt.Errorf("只支持 http/https 网址：%s", u))
		}
	}
	lim := crawl.Limits{Rate: *rate, Timeout: *timeout, MaxSize: int64(size), Retries: *retries,
		MaxPages: *maxPages, MaxFiles: *maxFiles}
	if *retries == 0 {
		lim.Retries = -1 // Limits treats 0 as "default"
	}
	opt := crawl.Options{Dir: *dir, UserAgent: crawl.UserAgent(version()), Limits: lim, AllowHosts: hosts}
	if !*quiet {
		opt.Log = func(s string) { fmt.Fprintln(stderr, s) }
	}
	c, err := crawl.New(opt)
	if err != nil {
		fmt.Fprintf(stderr, "nianbao %s：%v\n", name, err)
		return exitTrouble
	}
	start := time.Now()
	if name == "crawl" {
		err = c.Crawl(ctx, urls)
	} else {
		err = c.Fetch(ctx, urls)
	}
	sum := c.Summary()
	printSummary(stdout, name, *dir, sum, time.Since(start), errors.Is(err, context.Canceled))
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintf(stderr, "nianbao %s：已中断；已下载的文件记入了抓取清单\n", name)
		} else {
			fmt.Fprintf(stderr, "nianbao %s：%v\n", name, err)
		}
		return exitTrouble
	}
	if len(sum.Failed) > 0 {
		return exitFindings
	}
	return exitOK
}

func printSummary(w io.Writer, name, dir string, s crawl.Summary, took time.Duration, interrupted bool) {
	done := "完成"
	if interrupted {
		done = "中断"
	}
	if name == "crawl" {
		fmt.Fprintf(w, "抓取%s：列表页 %d 个，年报 %d 份；", done, s.Listings, s.Reports)
	} else {
		fmt.Fprintf(w, "下载%s：", done)
	}
	fmt.Fprintf(w, "文件 %d 个（新增 %d，有更新 %d，未变 %d）；请求 %d 次，用时 %s。\n",
		s.New+s.Changed+s.Unchanged, s.New, s.Changed, s.Unchanged, s.Requests, took.Round(time.Second))
	fmt.Fprintf(w, "抓取清单：%s\n", filepath.Join(dir, manifest.FileName))
	if len(s.Skipped) > 0 {
		fmt.Fprintf(w, "跳过 %d 个：\n", len(s.Skipped))
		for _, e := range s.Skipped {
			fmt.Fprintf(w, "  %s\n", e.Error())
		}
	}
	if len(s.Failed) > 0 {
		fmt.Fprintf(w, "失败 %d 个：\n", len(s.Failed))
		for _, e := range s.Failed {
			fmt.Fprintf(w, "  %s\n", e.Error())
		}
	}
}
