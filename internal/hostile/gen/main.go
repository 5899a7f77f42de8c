// Command gen writes the hostile inputs of package hostile into a folder
// and prints the paths it wrote, one per line:
//
//	go run ./internal/hostile/gen [-scale N] DIR
//	    the hostile batch: every class of hostile.Cases, sized by N (1: the
//	    sizes of `make test`; 10: the sizes of issue 8); the printed lines
//	    are the command-line arguments that name the cases
//	go run ./internal/hostile/gen -batch=false -pages 5,50,500,1000,5000 [-big] DIR
//	    PDFs of those page counts (pages-N.pdf, for scaling measurements)
//	    and, with -big, a DOCX that inflates to 250 MB and a 190 MB HTML table
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/internal/hostile"
)

func main() {
	batch := flag.Bool("batch", true, "write the hostile batch (every class)")
	scale := flag.Int("scale", 1, "size factor of the batch: 1 for tests, 10 for the sizes of issue 8")
	pages := flag.String("pages", "", "page counts of pages-N.pdf files to write, e.g. 5,50,500")
	big := flag.Bool("big", false, "also the 250 MB DOCX bomb and the 190 MB HTML table")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "用法：go run ./internal/hostile/gen [-scale N] [-batch=false] [-pages 5,50] [-big] 目录")
		os.Exit(2)
	}
	dir := flag.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fail(err)
	}
	if *batch {
		args, err := hostile.WriteCorpus(dir, *scale)
		if err != nil {
			fail(err)
		}
		for _, a := range args {
			fmt.Println(a)
		}
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			fail(err)
		}
		fmt.Println(filepath.Join(dir, name))
	}
	for _, s := range strings.Split(*pages, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n > 0 {
			write(fmt.Sprintf("pages-%d.pdf", n), hostile.PDFPages(n))
		}
	}
	if *big {
		write("bomb-250m.docx", hostile.DOCXBomb(250<<20))
		write("table-190m.html", hostile.HTMLTable(190<<20))
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
