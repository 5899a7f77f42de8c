package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/internal/errtext"
)

const baselineHelp = `用法：nianbao baseline add --file 基线.json --reason 理由 [--path 文件] 指纹…
      nianbao baseline list --file 基线.json

管理基线文件（nianbao/baseline/v1，JSON，也可直接编辑）：每条豁免写明问题的指纹（audit 的 JSON、CSV、
XLSX 输出中的“指纹”）、所属文件（可选）和接受它的理由。nianbao audit --baseline 基线.json 不再报告
这些问题；基线中不再对应任何问题的豁免（问题已改正，或报告已更换）会在标准错误上列为“已过时”，
以便及时删除，避免基线悄悄失效。

  add    增加豁免（文件不存在时新建）；--reason 必填；--path 限定为某个文件（按审核时给出的路径），
         --sha256 按文件内容摘要限定（文件移动后仍然有效）；都不给时对所有文件有效。
         同一文件、同一指纹已有豁免时更新其理由。
  list   列出豁免：指纹、文件、理由。

文件格式：
  {"schema": "nianbao/baseline/v1",
   "waivers": [{"fingerprint": "71c3a20beb75de2f", "path": "reports/a.pdf",
                "rule": "CONS-COPY-PEER", "reason": "两镇联合发布，经区政务公开办同意"}]}
  rule、message 只供阅读，不参与匹配。
`

func init() {
	register(command{name: "baseline", args: "add|list [选项]", order: 40, help: baselineHelp,
		short: "管理基线：接受某些问题并写明理由；过时的豁免在审核时列出",
		run:   func(_ context.Context, args []string, io stdio) int { return runBaseline(args, io.out, io.err) }})
}

func runBaseline(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "add" && args[0] != "list") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fmt.Fprint(stdout, baselineHelp)
			return exitOK
		}
		return usageError(stderr, "baseline", fmt.Errorf("请给出子命令 add 或 list"))
	}
	sub := args[0]
	fset := newFlagSet("baseline")
	file := fset.String("file", "", "基线文件")
	reason := fset.String("reason", "", "接受这些问题的理由")
	path := fset.String("path", "", "只对这个文件有效（审核时给出的路径）")
	sum := fset.String("sha256", "", "只对内容摘要为此值的文件有效")
	rule := fset.String("rule", "", "规则编号（只供阅读）")
	rest, code, done := parse(fset, args[1:], stdout, stderr)
	if done {
		return code
	}
	if *file == "" {
		return usageError(stderr, "baseline", fmt.Errorf("请用 --file 给出基线文件"))
	}
	wf := &audit.WaiverFile{Schema: audit.SchemaBaseline}
	data, err := readInput(*file, maxBaseline) // a regular file of bounded size: a FIFO blocked here
	switch {
	case err == nil:
		if wf, err = audit.ReadWaivers(data); err != nil {
			return usageError(stderr, "baseline", fmt.Errorf("基线文件 %s：%w", *file, err))
		}
	case errors.Is(err, fs.ErrNotExist) && sub == "add":
	default:
		return usageError(stderr, "baseline", fmt.Errorf("无法读取基线文件 %s：%w", *file, errtext.Read(err)))
	}
	if sub == "list" {
		if len(rest) > 0 {
			return usageError(stderr, "baseline", fmt.Errorf("多余的参数：%s", strings.Join(rest, " ")))
		}
		for _, w := range wf.Waivers {
			where := "所有文件"
			if w.Path != "" {
				where = w.Path
			} else if w.SHA256 != "" {
				where = "sha256:" + w.SHA256
			}
			fmt.Fprintf(stdout, "%s  %s  %s  理由：%s\n", w.Fingerprint, where, orDash(w.Rule), w.Reason)
		}
		fmt.Fprintf(stdout, "共 %d 条豁免\n", len(wf.Waivers))
		return exitOK
	}
	if strings.TrimSpace(*reason) == "" {
		return usageError(stderr, "baseline", fmt.Errorf("请用 --reason 写明接受这些问题的理由"))
	}
	if len(rest) == 0 {
		return usageError(stderr, "baseline", fmt.Errorf("请给出要接受的问题的指纹"))
	}
	added, updated := 0, 0
	for _, fp := range rest {
		fp = strings.TrimSpace(fp)
		found := false
		for i := range wf.Waivers {
			w := &wf.Waivers[i]
			if w.Fingerprint == fp && w.Path == *path && w.SHA256 == *sum {
				w.Reason, found = *reason, true
				if *rule != "" {
					w.Rule = *rule
				}
				updated++
			}
		}
		if !found {
			wf.Waivers = append(wf.Waivers, audit.Waiver{Fingerprint: fp, Path: *path, SHA256: *sum, Rule: *rule, Reason: *reason})
			added++
		}
	}
	var b bytes.Buffer
	if err := wf.Write(&b); err != nil {
		fmt.Fprintf(stderr, "nianbao：%v\n", err)
		return exitTrouble
	}
	if err := writeFileAtomic(*file, b.Bytes()); err != nil {
		fmt.Fprintf(stderr, "nianbao：写入 %s：%v\n", *file, err)
		return exitTrouble
	}
	fmt.Fprintf(stderr, "基线 %s：新增 %d 条，更新 %d 条，共 %d 条豁免\n", *file, added, updated, len(wf.Waivers))
	return exitOK
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// writeFileAtomic replaces name with data in one step.
func writeFileAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// reportStale tells on stderr which waivers of the baseline no longer match
// any finding, so that the baseline does not silently rot.
func reportStale(stderr io.Writer, name string, b *audit.Baseline) {
	if b == nil {
		return
	}
	stale := b.Stale()
	if len(stale) == 0 {
		return
	}
	fmt.Fprintf(stderr, "nianbao：基线 %s 中有 %d 条豁免已过时（不再对应任何问题，可以删除）：\n", name, len(stale))
	for _, w := range stale {
		where := "所有文件"
		if w.Path != "" {
			where = w.Path
		} else if w.SHA256 != "" {
			where = "sha256:" + w.SHA256
		}
		fmt.Fprintf(stderr, "  %s  %s  %s  理由：%s\n", w.Fingerprint, where, orDash(w.Rule), w.Reason)
	}
}
