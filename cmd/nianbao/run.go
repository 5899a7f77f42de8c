package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"
	"unicode"
)

// Exit codes (README "退出码").
const (
	exitOK       = 0 // nothing at or above --fail-on
	exitFindings = 1 // findings at or above --fail-on
	exitTrouble  = 2 // bad usage or input nianbao could not read
)

// run is the whole program; main only wires the process to it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return exitTrouble
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "nianbao", version())
		return exitOK
	case "help", "-h", "-help", "--help":
		if len(rest) == 0 {
			fmt.Fprint(stdout, usage())
			return exitOK
		}
		h, ok := commandHelp[rest[0]]
		if !ok && (rest[0] == "version" || rest[0] == "help") {
			h, ok = helpText[rest[0]], true
		}
		if !ok {
			fmt.Fprintf(stderr, "nianbao：未知命令“%s”\n\n%s", rest[0], usage())
			return exitTrouble
		}
		fmt.Fprint(stdout, h)
		return exitOK
	}
	if c, ok := commands[cmd]; ok {
		return c.run(ctx, rest, stdio{in: stdin, out: stdout, err: stderr})
	}
	fmt.Fprintf(stderr, "nianbao：未知命令“%s”\n\n%s", cmd, usage())
	return exitTrouble
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// parse parses flags that may stand before, between or after the
// positional arguments ("nianbao audit dir --format json"). It returns
// done with the exit code when the command should stop: -h prints the
// command's help (exit 0), a bad flag prints a Chinese message and the help
// (exit 2).
func parse(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (pos []string, code int, done bool) {
	fs.SetOutput(io.Discard)
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, commandHelp[fs.Name()])
				return nil, exitOK, true
			}
			fmt.Fprintf(stderr, "nianbao %s：%s\n\n%s", fs.Name(), flagError(fs, err), commandHelp[fs.Name()])
			return nil, exitTrouble, true
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, exitOK, false
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), exitOK, false
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// flagError says in Chinese what the flag package found wrong, naming
// options as the help writes them (--name, whether the user typed one dash
// or two).
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		name := strings.TrimPrefix(msg, "flag provided but not defined: ")
		return "未知选项 " + optionName(name) + "（nianbao help " + fs.Name() + " 列出全部选项）"
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return "选项 " + optionName(strings.TrimPrefix(msg, "flag needs an argument: ")) + " 需要一个值"
	case strings.HasPrefix(msg, "invalid value "):
		// invalid value "V" for flag -NAME: REASON
		val, rest, ok1 := strings.Cut(strings.TrimPrefix(msg, "invalid value "), " for flag -")
		name, reason, ok2 := strings.Cut(rest, ": ")
		switch {
		case !ok1 || !ok2:
			return "选项的值无效（" + msg + "）"
		case hasHan(reason): // our own flag types say it in Chinese
			return "选项 " + optionName(name) + " 的值无效：" + reason
		}
		switch reason { // the flag package's two errors
		case "parse error":
			reason = "格式不对"
			if f := fs.Lookup(name); f != nil {
				if _, ok := f.Value.(flag.Getter).Get().(time.Duration); ok {
					reason += "，应为时长，如 90s、2m、1h"
				}
			}
		case "value out of range":
			reason = "超出范围"
		}
		return "选项 " + optionName(name) + " 的值 " + val + " 无效（" + reason + "）"
	}
	return msg
}

// optionName is an option as the help writes it: -o, --format.
func optionName(name string) string {
	name = strings.TrimLeft(name, "-")
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

func oneOf(name, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return fmt.Errorf("%s 的取值“%s”无效，可选：%s", name, v, strings.Join(allowed, "、"))
}
