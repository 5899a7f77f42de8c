// Command gen writes the hostile corpus (package hostilecorpus) into a
// folder and prints the arguments that name its cases, one per line.
//
//	go run ./internal/hostilecorpus/gen [-scale N] DIR
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/nianbao/nianbao/internal/hostilecorpus"
)

func main() {
	scale := flag.Int("scale", 1, "size factor: 1 for tests, 10 for the sizes of issue 8")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: gen [-scale N] DIR")
		os.Exit(2)
	}
	dir := flag.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	args, err := hostilecorpus.Write(dir, *scale)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, a := range args {
		fmt.Println(a)
	}
}
