// Command nianbao reads 政府信息公开工作年度报告 (PDF, HTML, Word, text),
// extracts their template tables and audits them. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
