package pdf

import (
	"bytes"
	"fmt"
	"os"
	"testing"
)

func TestZZDump(t *testing.T) {
	p := os.Getenv("DUMP")
	if p == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(p)
	pages, probs, info, err := Pages(bytes.NewReader(data), int64(len(data)), Options{})
	fmt.Println(info, err, probs)
	for _, pg := range pages {
		fmt.Printf("page %d %.1fx%.1f glyphs %d segs %d fills %d images %d\n", pg.Number, pg.Width, pg.Height, len(pg.Glyphs), len(pg.Segments), len(pg.Fills), len(pg.Images))
		for i, g := range pg.Glyphs {
			if i < 5 || g.Vertical {
				fmt.Printf("  %q %.2f %.2f %.2f %.2f size %.2f v=%v\n", g.R, g.X0, g.Y0, g.X1, g.Y1, g.Size, g.Vertical)
			}
		}
		for i, s := range pg.Segments {
			if i < 4 {
				fmt.Printf("  seg %.2f %.2f %.2f %.2f w %.2f\n", s.X0, s.Y0, s.X1, s.Y1, s.Width)
			}
		}
	}
}
