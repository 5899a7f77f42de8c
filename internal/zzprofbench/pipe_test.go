// TEMPORARY profiling harness (perf helper); deleted before the report.
package zzprofbench

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/extract/load"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/recognise"
)

var kinds = map[string]string{
	"t3":     "fixtures/pdf/clean-chromium-sans-dept.pdf",
	"t3b":    "fixtures/pdf/defect-t4-total.pdf",
	"idh":    "fixtures/pdf/clean-chromium-microhei-none.pdf",
	"lo":     "fixtures/pdf/clean-lo-serif-city.pdf",
	"lozh":   "fixtures/pdf/clean-lo-zenhei-town.pdf",
	"wps":    "../shared/corpus/real/2024_jiangsu_huaian_city.pdf",
	"wps23":  "../shared/corpus/real/2023_jiangsu_huaian_hongze_district.pdf",
}

func BenchmarkPipe(b *testing.B) {
	root := testutil.RepoRoot(b)
	for _, k := range []string{"t3", "t3b", "idh", "lo", "lozh", "wps", "wps23"} {
		p := filepath.Join(root, kinds[k])
		b.Run(k, func(b *testing.B) {
			if only := os.Getenv("KIND"); only != "" && only != k {
				b.Skip()
			}
			b.ReportAllocs()
			for b.Loop() {
				doc, err := load.File(context.Background(), p)
				if err != nil {
					b.Fatal(err)
				}
				rep := recognise.Recognise(doc)
				res := &audit.Result{Items: []audit.Item{{Path: p, Report: rep}}}
				if err := render.ExtractText(io.Discard, res, render.Style{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkLoad(b *testing.B) {
	root := testutil.RepoRoot(b)
	for _, k := range []string{"t3", "t3b", "idh", "lo", "lozh", "wps", "wps23"} {
		p := filepath.Join(root, kinds[k])
		b.Run(k, func(b *testing.B) {
			if only := os.Getenv("KIND"); only != "" && only != k {
				b.Skip()
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := load.File(context.Background(), p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
