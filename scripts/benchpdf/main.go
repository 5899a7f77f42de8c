// Command benchpdf is the Go half of scripts/bench-pdf-pages.sh.
//
//	go run ./scripts/benchpdf gen [-pages 5,50,500,1000,5000] [-objstm] DIR
//	benchpdf extract FILE…
//	benchpdf time COMMAND [ARG…]
//
// gen writes DIR/pages-N.pdf for each N (internal/hostile.PDFPages: a
// heading, paragraphs and a ruled 4×3 table on every page); with -objstm,
// DIR/objstm-pages-N.pdf, the same pages with their objects in object
// streams (internal/hostile.PDFPagesObjStm). extract reads
// each file the way nianbao does before recognition (extract/load.File:
// sniffing, the PDF interpreter and layout, under the default memory
// budget) and prints one line per file: pages, blocks, problems. Timed as
// a whole process it is nianbao's extraction stage alone, to compare with
// `pdftotext -layout` on the same file. time runs a command (its output
// discarded) and prints its CPU time (user+sys, in seconds, from the
// kernel's accounting of the child, to the microsecond: /usr/bin/time
// rounds to 10 ms), its peak RSS in kB and its wall time in seconds (from
// just before the start to just after the wait: the same process-creation
// overhead for every command timed); a command that exits with a
// status above 1 is reported on stderr and still measured (1 is nianbao's
// "findings at the --fail-on level").
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/nianbao/nianbao/extract/load"
	"github.com/nianbao/nianbao/internal/hostile"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	switch os.Args[1] {
	case "gen":
		fs := flag.NewFlagSet("gen", flag.ExitOnError)
		pages := fs.String("pages", "5,50,500,1000,5000", "page counts, comma-separated")
		objStm := fs.Bool("objstm", false, "write the objects in object streams, as Word, WPS and qpdf do")
		fs.Parse(os.Args[2:])
		if fs.NArg() != 1 {
			usage()
		}
		if err := gen(fs.Arg(0), *pages, *objStm); err != nil {
			fmt.Fprintln(os.Stderr, "benchpdf:", err)
			os.Exit(1)
		}
	case "extract":
		if len(os.Args) < 3 {
			usage()
		}
		code := 0
		for _, p := range os.Args[2:] {
			doc, err := load.File(context.Background(), p)
			if err != nil {
				fmt.Fprintf(os.Stderr, "benchpdf: %v\n", err)
				code = 1
				continue
			}
			fmt.Printf("%s\t%d pages\t%d blocks\t%d problems\n", p, doc.Pages, len(doc.Blocks), len(doc.Problems))
		}
		os.Exit(code)
	case "time":
		if len(os.Args) < 3 {
			usage()
		}
		cmd := exec.Command(os.Args[2], os.Args[3:]...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		if cmd.ProcessState == nil {
			fmt.Fprintln(os.Stderr, "benchpdf:", err)
			os.Exit(1)
		}
		if code := cmd.ProcessState.ExitCode(); code != 0 && code != 1 {
			// 1 is nianbao's "findings at the --fail-on level", not a failure
			fmt.Fprintf(os.Stderr, "benchpdf: %s: %v: %.200s\n", strings.Join(os.Args[2:], " "), err, stderr.String())
		}
		ps := cmd.ProcessState
		peak := int64(0)
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			peak = ru.Maxrss // kB on Linux
		}
		fmt.Printf("%.6f %d %.6f\n", (ps.UserTime() + ps.SystemTime()).Seconds(), peak, wall.Seconds())
	default:
		usage()
	}
}

func gen(dir, pages string, objStm bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, s := range strings.Split(pages, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return fmt.Errorf("bad page count %q", s)
		}
		name, data := fmt.Sprintf("pages-%d.pdf", n), hostile.PDFPages
		if objStm {
			name, data = fmt.Sprintf("objstm-pages-%d.pdf", n), hostile.PDFPagesObjStm
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data(n), 0o644); err != nil {
			return err
		}
		fmt.Println(p)
	}
	return nil
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: benchpdf gen [-pages 5,50,500] [-objstm] DIR | benchpdf extract FILE… | benchpdf time COMMAND [ARG…]")
	os.Exit(2)
}
