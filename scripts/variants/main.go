// Command variants compares the findings of the generated fixtures printed
// at other font sizes (fixtures/gen -font-sizes, into DIR/pdf) with the
// findings of the same reports as HTML (fixtures/html): a report says the
// same whatever its printing wraps, pages or lets overflow. It prints each
// variant that differs (what is missing, what is extra) and exits 1 when
// one has a finding against the report that its HTML does not: what a
// printing loses may only make findings uncertain with the extraction
// responsible, never blame the publisher. scripts/render-variants.sh runs it.
//
// Usage: go run ./scripts/variants DIR
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/rules"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: variants DIR (the -dir of fixtures/gen -font-sizes)")
		os.Exit(2)
	}
	variants, err := filepath.Glob(filepath.Join(os.Args[1], "pdf", "*-f*.pdf"))
	if err != nil || len(variants) == 0 {
		fmt.Fprintf(os.Stderr, "variants: no printed variants in %s/pdf\n", os.Args[1])
		os.Exit(2)
	}
	slices.Sort(variants)
	opt := audit.Options{Workers: 2, Profile: rules.DefaultProfile(), Rules: true}
	findings := func(path string) []string {
		it := audit.Run(context.Background(), []string{path}, opt).Items[0]
		if it.Err != nil {
			return []string{"unreadable: " + it.Err.Error()}
		}
		var out []string
		for _, f := range it.Findings {
			s := fmt.Sprintf("%s %s %s", f.Rule, f.Status, f.Responsibility)
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
		return out
	}
	html := map[string][]string{}
	differ, blame := 0, 0
	for _, v := range variants {
		name := strings.TrimSuffix(filepath.Base(v), ".pdf")
		base := name[:strings.LastIndex(name, "-f")]
		want, ok := html[base]
		if !ok {
			want = findings(filepath.Join("fixtures", "html", base+".html"))
			html[base] = want
		}
		got := findings(v)
		missing := slices.DeleteFunc(slices.Clone(want), func(s string) bool { return slices.Contains(got, s) })
		extra := slices.DeleteFunc(slices.Clone(got), func(s string) bool { return slices.Contains(want, s) })
		if len(missing)+len(extra) > 0 {
			differ++
			fmt.Printf("%s: missing %v, extra %v\n", name, missing, extra)
		}
		if slices.ContainsFunc(extra, func(s string) bool { return strings.HasSuffix(s, " "+string(rules.ResponsibilityReport)) }) {
			blame++
		}
	}
	fmt.Printf("%d printed variants, %d differ from their HTML, %d with a finding against the report that the HTML does not have\n",
		len(variants), differ, blame)
	if blame > 0 {
		os.Exit(1)
	}
}
