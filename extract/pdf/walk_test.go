package pdf

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/internal/hostile"
)

// A page callback that stops the walk, or a context cancelled during it,
// ends the walk at that page.
func TestWalkStops(t *testing.T) {
	const pages, at = 48, 17
	data := hostile.PDFPages(pages)
	stopErr := errors.New("stop")
	seen := 0
	_, _, err := Walk(bytes.NewReader(data), int64(len(data)), Options{}, func(g *layout.PageGeom) error {
		if seen++; seen == at {
			return stopErr
		}
		return nil
	})
	if !errors.Is(err, stopErr) || seen != at {
		t.Errorf("stopped after %d pages with %v", seen, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	seen = 0
	_, _, err = Walk(bytes.NewReader(data), int64(len(data)), Options{Context: ctx}, func(g *layout.PageGeom) error {
		if seen++; seen == at {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || seen != at {
		t.Errorf("cancelled after %d pages with %v", seen, err)
	}
}

// Before reading its pages, the PDF backend tells the context's Prepare
// hook what they will take: once, pageHeap for each page.
func TestWalkPrepares(t *testing.T) {
	const pages = 30
	var got []int64
	ctx := extract.WithPrepare(context.Background(), func(n int64) { got = append(got, n) })
	doc, err := Extract(ctx, "pages.pdf", hostile.PDFPages(pages))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Pages != pages {
		t.Fatalf("%d pages read, want %d", doc.Pages, pages)
	}
	if len(got) != 1 || got[0] != pages*pageHeap {
		t.Errorf("Prepare told %v, want [%d]", got, pages*pageHeap)
	}
}
