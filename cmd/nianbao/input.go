package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/crawl/manifest"
	"github.com/nianbao/nianbao/extract/load"
	"github.com/nianbao/nianbao/internal/errtext"
	"github.com/nianbao/nianbao/internal/ownoutput"
	"github.com/nianbao/nianbao/internal/regular"
)

// Limits of the files that configure a run: a profile is a few kilobytes;
// a baseline is read whole and decoded (audit.ReadBaseline), which takes
// about three times its size, so 256 MB — an audit JSON of some 7,000
// reports at about 35 KB each, or millions of waivers — keeps a run under
// 1 GB.
const (
	maxProfile  = 1 << 20
	maxBaseline = 256 << 20
)

// openInput opens a configuration file (--profile, --baseline, baseline
// --file): a regular file of at most limit bytes (internal/regular), the
// operating system's failures said in Chinese.
func openInput(path string, limit int64) (io.ReadCloser, error) {
	f, err := regular.Open(path, limit)
	if err != nil {
		return nil, errtext.Read(err)
	}
	return f, nil
}

// readInput reads a configuration file whole (see openInput).
func readInput(path string, limit int64) ([]byte, error) {
	data, err := regular.Read(path, limit)
	if err != nil {
		return nil, errtext.Read(err)
	}
	return data, nil
}

// byteSize is a flag value in bytes written as 256M, 1G, 512MB, 1048576.
type byteSize int64

func (b *byteSize) String() string {
	switch v := int64(*b); {
	case v > 0 && v%(1<<30) == 0:
		return strconv.FormatInt(v>>30, 10) + "G"
	case v > 0 && v%(1<<20) == 0:
		return strconv.FormatInt(v>>20, 10) + "M"
	default:
		return strconv.FormatInt(v, 10)
	}
}

func (b *byteSize) Set(s string) error {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "IB"), "B")
	mult := int64(1)
	if n := len(t); n > 0 {
		switch t[n-1] {
		case 'K':
			mult = 1 << 10
		case 'M':
			mult = 1 << 20
		case 'G':
			mult = 1 << 30
		}
		if mult > 1 {
			t = t[:n-1]
		}
	}
	v, err := strconv.ParseInt(t, 10, 64)
	if err != nil || v <= 0 || v > (1<<50)/mult {
		return fmt.Errorf("“%s”不是有效的大小（例如 256M、1G）", s)
	}
	*b = byteSize(v * mult)
	return nil
}

// budgetSize is --max-memory: a byteSize of at least 1 MB. A number without
// a unit counts bytes, so "--max-memory 512" would have cut every file at
// its first 512 bytes; it is refused with the spelling meant.
type budgetSize byteSize

const minBudget = 1 << 20

func (b *budgetSize) String() string { return (*byteSize)(b).String() }

func (b *budgetSize) Set(s string) error {
	var v byteSize
	if err := v.Set(s); err != nil {
		return err
	}
	if v < minBudget {
		if n := strings.TrimSpace(s); strings.Trim(n, "0123456789") == "" {
			return fmt.Errorf("“%s”太小：内存预算至少 1M（不带单位的数按字节计；要 %s MB 请写 %sM）", s, n, n)
		}
		return fmt.Errorf("“%s”太小：内存预算至少 1M", s)
	}
	*b = budgetSize(v)
	return nil
}

// maxUnreadShown is how many of the files a walk left out for their format
// tellUnread names.
const maxUnreadShown = 10

// tellUnread says on stderr which files of the walked folders were left
// out because nianbao does not read their format (an OFD file, an archive):
// a report in one of them is not in the results, and the reader must know.
func tellUnread(stderr io.Writer, unread []audit.Unread) {
	if len(unread) == 0 {
		return
	}
	fmt.Fprintf(stderr, "nianbao：跳过 %d 个 nianbao 不能读取格式的文件（其中的年报不在本次结果中）：\n", len(unread))
	for i, f := range unread {
		if i == maxUnreadShown {
			fmt.Fprintf(stderr, "  ……另有 %d 个\n", len(unread)-maxUnreadShown)
			break
		}
		fmt.Fprintf(stderr, "  %s：%s\n", f.Path, f.What)
	}
}

// expandInputs turns the paths of audit, extract and dataset into the files
// to read (audit.Expand) and says on stderr what went wrong: a path that
// does not exist, a folder that could not be read, a folder with no file
// nianbao reads (named, with the extensions it looks for). Crawled report
// pages that only wrap their attachment (manifest.Manifest.Wrapper) are
// left out of folder walks and counted on stderr, and so are, silently,
// the pictures the crawler took from a page's article (read with the page,
// manifest.Finder.Companion); a file named on the
// command line is always read. Files of a format nianbao does not read are
// named on stderr and returned (unread) for the outputs to list. trouble is
// true when a path was missing or unreadable or nothing is left to read.
func expandInputs(paths []string, finder *manifest.Finder, stderr io.Writer) (files []string, unread []audit.Unread, trouble bool) {
	found, unread, errs := audit.ExpandAll(paths)
	for _, err := range errs {
		fmt.Fprintf(stderr, "nianbao：%v\n", err)
	}
	tellUnread(stderr, unread)
	named := map[string]bool{}
	for _, p := range paths {
		named[filepath.Clean(p)] = true
	}
	wrappers, own := 0, 0
	for _, f := range found {
		if !named[filepath.Clean(f)] {
			if finder != nil {
				if w, _ := finder.Wrapper(f); w {
					wrappers++
					continue
				}
				if finder.Companion(f) {
					continue // a crawled page's picture, read with the page
				}
			}
			if ownoutput.Is(f) {
				own++
				continue
			}
		}
		files = append(files, f)
	}
	if wrappers > 0 {
		fmt.Fprintf(stderr, "nianbao：跳过 %d 个只是附件外壳的抓取网页（正文不足 %d 字，年报在同一报告的附件中，附件照常读取）；要读取这些网页，请直接给出文件名\n",
			wrappers, manifest.WrapperChars)
	}
	if own > 0 {
		fmt.Fprintf(stderr, "nianbao：跳过 %d 个 nianbao 生成的审核结果（网页或 Markdown，不是年报）；要读取，请直接给出文件名\n", own)
	}
	if len(files) == 0 && len(errs) == 0 {
		var dirs []string
		for _, p := range paths {
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				dirs = append(dirs, p)
			}
		}
		fmt.Fprintf(stderr, "nianbao：%s 中没有可读取的年报文件（查找的扩展名：%s）\n", strings.Join(dirs, "、"), strings.Join(load.Extensions(), " "))
	}
	return files, unread, len(errs) > 0 || len(files) == 0
}
