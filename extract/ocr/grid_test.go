package ocr

import (
	"github.com/nianbao/nianbao/extract"
	"image"
	"math"
	"testing"
)

// drawTable paints a ruled table on white: rows×cols cells of w×h pixels
// at x0,y0, with the rule between (1,0) and (1,1) left out so that the two
// cells of column 0 in rows 1 and 2 are one merged cell.
func drawTable(g *image.Gray, x0, y0, rows, cols, w, h int) {
	set := func(x, y int) {
		if image.Pt(x, y).In(g.Rect) {
			g.Pix[y*g.Stride+x] = 30
		}
	}
	for r := 0; r <= rows; r++ {
		for x := x0; x <= x0+cols*w; x++ {
			if r == 2 && x < x0+w { // merged cell: no rule under row 1, column 0
				continue
			}
			set(x, y0+r*h)
			set(x, y0+r*h+1)
		}
	}
	for c := 0; c <= cols; c++ {
		for y := y0; y <= y0+rows*h; y++ {
			set(x0+c*w, y)
			set(x0+c*w+1, y)
		}
	}
	// some "text": short strokes inside cells that must not become rules
	for r := range rows {
		for c := 1; c < cols; c++ {
			for x := 0; x < 14; x++ {
				set(x0+c*w+20+x, y0+r*h+h/2)
			}
		}
	}
}

func white(w, h int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	return g
}

func TestFindTablesMergedCell(t *testing.T) {
	g := white(900, 600)
	drawTable(g, 50, 80, 4, 5, 150, 60)
	b := binarise(g, otsu(g, g.Rect))
	tables := findTables(b)
	if len(tables) != 1 {
		t.Fatalf("found %d tables, want 1", len(tables))
	}
	tb := tables[0]
	if len(tb.ys) != 5 || len(tb.xs) != 6 {
		t.Fatalf("grid %d×%d boundaries, want 5×6 (ys %v xs %v)", len(tb.ys), len(tb.xs), tb.ys, tb.xs)
	}
	if len(tb.cells) != 4*5-1 {
		t.Fatalf("%d cells, want 19", len(tb.cells))
	}
	for _, c := range tb.cells {
		want := 1
		if c.row == 1 && c.col == 0 {
			want = 2
		}
		if c.rowSpan != want || c.colSpan != 1 {
			t.Errorf("cell r%d c%d spans %d×%d, want %d×1", c.row, c.col, c.rowSpan, c.colSpan, want)
		}
	}
}

func TestSkewCorrected(t *testing.T) {
	const deg = 1.3
	g := white(1000, 800)
	drawTable(g, 100, 100, 6, 5, 160, 80)
	rot := rotate(g, deg)
	b := binarise(rot, 128)
	got := skewAngle(b)
	if math.Abs(got+deg) > 0.1 && math.Abs(got-deg) > 0.1 {
		t.Fatalf("skew %.2f°, want ±%.1f°", got, deg)
	}
	// undoing it as prepare does gives a table whose rules are found again
	p := prepare(rot, extract.Box{})
	if p == nil || math.Abs(p.skew) < 1 {
		t.Fatalf("prepare found skew %v", p.skew)
	}
	tables := findTables(p.rules)
	if len(tables) != 1 || len(tables[0].cells) != 6*5-1 {
		t.Fatalf("after deskew: %d tables", len(tables))
	}
}

func TestParseTSV(t *testing.T) {
	out := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t100\t40\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t10\t5\t20\t20\t96.5\t总\n" +
		"5\t1\t1\t1\t1\t2\t32\t5\t20\t20\t91.0\t计\n" +
		"5\t2\t1\t1\t1\t1\t3\t4\t30\t20\t88.0\t12\n" +
		"5\t2\t1\t1\t1\t2\t120\t4\t30\t20\t70.0\t34\n"
	rs, err := parseTSV([]byte(out), 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := rs[0].Text(); got != "总计" {
		t.Errorf("picture 1: %q, want 总计", got)
	}
	if got := rs[1].Text(); got != "12 34" {
		t.Errorf("picture 2: %q, want \"12 34\"", got)
	}
	if c := rs[1].Confidence(); c != 0.70 {
		t.Errorf("confidence %v, want 0.70 (the lowest word)", c)
	}
	if _, err := parseTSV([]byte("5\t1\t1\t1\t1\t1\tx\t5\t20\t20\t96.5\t总\n"), 1); err == nil {
		t.Error("a damaged line gave no error")
	}
}

func TestDigitText(t *testing.T) {
	for in, want := range map[string]string{
		"000":                      "0",
		"12 12 12":                 "12",
		"OOO":                      "0",
		"lll":                      "1",
		"3.33":                     "3", // a speck read as a point in one copy
		"83934.1683934.1683934.16": "83934.16",
		"14114":                    "", // the copies disagree
		"12 13 12":                 "",
		"abc":                      "",
		"":                         "",
	} {
		r := Reading{}
		if in != "" {
			r.Words = []Word{{Text: in}}
		}
		if got := digitText(r); got != want {
			t.Errorf("digitText(%q) = %q, want %q", in, got, want)
		}
	}
}
