package pdf

import (
	"bytes"
	"fmt"
	"os"
	"testing"
)

func TestZZDash(t *testing.T) {
	p := os.Getenv("DASH")
	if p == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(p)
	pages, _, _, _ := Pages(bytes.NewReader(data), int64(len(data)), Options{})
	for _, g := range pages[0].Glyphs {
		if g.R == '-' {
			fmt.Printf("%q %.2f %.2f %.2f %.2f size %.2f\n", g.R, g.X0, g.Y0, g.X1, g.Y1, g.Size)
		}
	}
}
