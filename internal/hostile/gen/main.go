// Command gen writes the cases of package hostile into a folder:
//
//	go run ./internal/hostile/gen [-pages 5,50,500,1000,5000] DIR
//
// It writes every PDF filter case, the damaged and encrypted PDFs, PDFs of
// the given page counts (pages-N.pdf, for scaling measurements), a DOCX
// that inflates to 250 MB, a 190 MB HTML table and 100,000 nested elements.
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
	pages := flag.String("pages", "5,50,500,1000,5000", "page counts of the pages-N.pdf files")
	big := flag.Bool("big", true, "also the 250 MB DOCX bomb and the 190 MB HTML table")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "用法：go run ./internal/hostile/gen [-pages 5,50] [-big=false] 目录")
		os.Exit(2)
	}
	dir := flag.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(filepath.Join(dir, name))
	}
	for _, f := range hostile.Filters {
		write("filter-"+strings.ReplaceAll(f, "+", "-")+".pdf", hostile.PDFFilter(f))
	}
	write("damaged-flate.pdf", hostile.PDFDamagedFlate())
	write("shifted-xref.pdf", hostile.PDFShiftedXref(37))
	write("no-xref.pdf", hostile.PDFNoXref())
	write("rc4-40.pdf", hostile.PDFEncrypted("rc4-40"))
	write("aes-256.pdf", hostile.PDFEncrypted("aes-256"))
	write("flate-bomb.pdf", hostile.PDFFlateBomb(512<<20))
	write("nested.html", hostile.HTMLNested(100000))
	for _, s := range strings.Split(*pages, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n > 0 {
			write(fmt.Sprintf("pages-%d.pdf", n), hostile.PDFPages(n))
		}
	}
	if *big {
		write("bomb.docx", hostile.DOCXBomb(250<<20))
		write("table-190m.html", hostile.HTMLTable(190<<20))
	}
}
