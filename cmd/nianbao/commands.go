package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/mattn/go-runewidth"
)

// stdio is a command's standard streams.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// command is one subcommand. Each lives in its own file and adds itself to
// commands with register, so a new subcommand is one new file.
type command struct {
	name  string
	args  string // the argument synopsis for the main help, e.g. "[选项] 文件…"
	short string // one line for the main help
	order int    // position in the main help
	help  string // the command's own help (nianbao help NAME, -h)
	run   func(ctx context.Context, args []string, io stdio) int
}

var commands = map[string]command{}

// commandHelp is each command's own help text, by name.
var commandHelp = map[string]string{}

func register(c command) {
	if _, dup := commands[c.name]; dup {
		panic("nianbao: command registered twice: " + c.name)
	}
	commands[c.name] = c
	commandHelp[c.name] = c.help
}

// usage is the main help: one line per command, in their order.
func usage() string {
	cs := make([]command, 0, len(commands))
	for _, c := range commands {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].order != cs[j].order {
			return cs[i].order < cs[j].order
		}
		return cs[i].name < cs[j].name
	})
	extra := []command{
		{name: "version", short: "显示版本"},
		{name: "help", args: "命令", short: "显示某个命令的选项"},
	}
	cs = append(cs, extra...)
	width := 0
	for _, c := range cs {
		width = max(width, runewidth.StringWidth(c.name+" "+c.args))
	}
	var b strings.Builder
	b.WriteString(usageHead)
	for _, c := range cs {
		syn := c.name + " " + c.args
		fmt.Fprintf(&b, "  nianbao %s%s   %s\n", syn, strings.Repeat(" ", width-runewidth.StringWidth(syn)), c.short)
	}
	b.WriteString(usageTail)
	return b.String()
}
