package pdf

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"runtime"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/internal/hostile"
)

// withProcs runs f with GOMAXPROCS set to n (1: pages are interpreted in
// turn; 2: one page ahead on a goroutine of their own, see pageSource).
func withProcs(n int, f func()) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(n))
	f()
}

// Interpreting pages ahead of their layout changes nothing: the document
// (blocks, problems, the page where a budget cuts it) is the same as when
// the pages are interpreted in turn, with or without a budget.
func TestPipelineSameAsInTurn(t *testing.T) {
	data := hostile.PDFPages(3 * pipelineMin)
	for _, limit := range []int64{0, 1 << 20, 160 << 10, 96 << 10} {
		extractWith := func(procs int) *extract.Document {
			var doc *extract.Document
			withProcs(procs, func() {
				ctx := context.Background()
				if limit > 0 {
					ctx = extract.WithBudget(ctx, extract.NewBudget(limit))
				}
				var err error
				if doc, err = Extract(ctx, "p.pdf", data); err != nil {
					t.Fatal(err)
				}
			})
			return doc
		}
		inTurn, ahead := extractWith(1), extractWith(2)
		if !reflect.DeepEqual(inTurn, ahead) {
			t.Errorf("budget %d: pipelined extraction differs:\n%+v\n%+v", limit, inTurn.Problems, ahead.Problems)
		}
		// no budget or a large one: every page; the small ones cut the
		// document after pipelineMin pages (so pages were interpreted
		// ahead before the cut)
		full := limit == 0 || limit >= 1<<20
		if n := inTurn.Pages; (full && n != 3*pipelineMin) || (!full && (n <= pipelineMin || n >= 3*pipelineMin)) {
			t.Errorf("budget %d: %d pages", limit, n)
		}
	}
}

// A page callback that stops the walk, or a context cancelled during it,
// ends the walk at that page, also when pages are interpreted ahead.
func TestPipelineStops(t *testing.T) {
	data := hostile.PDFPages(3 * pipelineMin)
	stopErr := errors.New("stop")
	for _, procs := range []int{1, 2} {
		withProcs(procs, func() {
			seen := 0
			_, _, err := Walk(bytes.NewReader(data), int64(len(data)), Options{}, func(g *layout.PageGeom) error {
				if seen++; seen == pipelineMin+1 {
					return stopErr
				}
				return nil
			})
			if !errors.Is(err, stopErr) || seen != pipelineMin+1 {
				t.Errorf("GOMAXPROCS %d: stopped after %d pages with %v", procs, seen, err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			seen = 0
			_, _, err = Walk(bytes.NewReader(data), int64(len(data)), Options{Context: ctx}, func(g *layout.PageGeom) error {
				if seen++; seen == pipelineMin+1 {
					cancel()
				}
				return nil
			})
			if !errors.Is(err, context.Canceled) || seen != pipelineMin+1 {
				t.Errorf("GOMAXPROCS %d: cancelled after %d pages with %v", procs, seen, err)
			}
		})
	}
}
