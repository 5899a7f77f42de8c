package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/rules"
)

func init() {
	register(command{name: "rules", order: 30, help: helpText["rules"], short: "列出全部审核规则",
		run: func(_ context.Context, args []string, io stdio) int { return runRules(args, io.out, io.err) }})
	register(command{name: "explain", args: "规则编号", order: 31, help: helpText["explain"],
		short: "说明一条规则（依据、严重程度、示例）",
		run:   func(_ context.Context, args []string, io stdio) int { return runExplain(args, io.out, io.err) }})
	register(command{name: "profile", order: 32, help: helpText["profile"],
		short: "输出默认审核配置（JSON），可修改后用 audit --profile 指定",
		run:   func(_ context.Context, args []string, io stdio) int { return runProfile(args, io.out, io.err) }})
}

func runRules(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("rules")
	eastWide := fs.Bool("east-asian-width", false, "宽度不定的字符按两列计算")
	rest, code, done := parse(fs, args, stdout, stderr)
	if done {
		return code
	}
	if len(rest) > 0 {
		return usageError(stderr, "rules", fmt.Errorf("多余的参数：%s", strings.Join(rest, " ")))
	}
	o := stdoutText(stdout)
	err := render.Rules(o.w, rules.All(), render.Style{EastAsianWide: *eastWide, Width: termWidth(stdout)})
	return o.finish(exitOK, err, stderr)
}

func runExplain(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("explain")
	rest, code, done := parse(fs, args, stdout, stderr)
	if done {
		return code
	}
	if len(rest) == 0 {
		return usageError(stderr, "explain", fmt.Errorf("请给出规则编号（nianbao rules 可列出全部编号）"))
	}
	code = exitOK
	o := stdoutText(stdout)
	for i, id := range rest {
		r, found := rules.Lookup(strings.ToUpper(id))
		if !found {
			fmt.Fprintf(stderr, "nianbao explain：没有编号为“%s”的规则（nianbao rules 可列出全部编号）\n", id)
			code = exitTrouble
			continue
		}
		if i > 0 {
			fmt.Fprintln(o.w)
		}
		fmt.Fprint(o.w, r.Doc())
	}
	return o.finish(code, nil, stderr)
}

// runProfile prints the default audit profile as JSON, the starting point
// for a jurisdiction's own --profile file.
func runProfile(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("profile")
	rest, code, done := parse(fs, args, stdout, stderr)
	if done {
		return code
	}
	if len(rest) > 0 {
		return usageError(stderr, "profile", fmt.Errorf("多余的参数：%s", strings.Join(rest, " ")))
	}
	o := stdoutText(stdout)
	enc := json.NewEncoder(o.w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return o.finish(exitOK, enc.Encode(rules.DefaultProfile()), stderr)
}
