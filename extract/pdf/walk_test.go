package pdf

import (
	"bytes"
	"context"
	"errors"
	"testing"

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
