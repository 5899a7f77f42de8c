package ocr

import (
	"image"
	"testing"
)

// A table without rules: a label and seven numbers on each of five rows.
// The page reading read rows 0, 1 and 4 as numbers, glued row 2 into one
// word and gave nothing for row 3; a line of prose below mentions three
// numbers. The table is found with its five rows (from the ink) and seven
// number columns, and the label left of them; the prose is not a table.
func TestBorderless(t *testing.T) {
	g := white(1000, 700)
	fill := func(r image.Rectangle) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				g.Pix[y*g.Stride+x] = 20
			}
		}
	}
	var words []Word
	colX := []int{300, 380, 460, 540, 620, 700, 780}
	for row := range 5 {
		y := 100 + row*50
		label := image.Rect(60, y, 240, y+18)
		fill(label)
		words = append(words, Word{Text: "申请数量", Box: label})
		for _, x := range colX {
			box := image.Rect(x, y, x+24, y+18)
			// a "number": two strokes, as digits have gaps
			fill(image.Rect(x, y, x+8, y+18))
			fill(image.Rect(x+14, y, x+24, y+18))
			switch row {
			case 2, 3:
			default:
				words = append(words, Word{Text: "12", Box: box})
			}
		}
		if row == 2 {
			words = append(words, Word{Text: "6", Box: image.Rect(300, y, 804, y+18)})
		}
	}
	// prose: a line of characters with three numbers among them
	for x := 60; x < 900; x += 22 {
		fill(image.Rect(x, 500, x+18, 518))
	}
	for _, x := range []int{200, 420, 640} {
		words = append(words, Word{Text: "2023", Box: image.Rect(x, 500, x+40, 518)})
	}
	words = append(words, Word{Text: "年度报告", Box: image.Rect(250, 500, 400, 518)}, Word{Text: "政府信息", Box: image.Rect(460, 500, 620, 518)})
	p := &picture{g: g, b: binarise(g, 128)}
	tables := borderless(p, words)
	if len(tables) != 1 {
		t.Fatalf("%d tables, want 1", len(tables))
	}
	tb := tables[0]
	if rows, cols := len(tb.ys)-1, len(tb.xs)-1; rows != 5 || cols != 8 {
		t.Fatalf("%d rows × %d columns, want 5 × 8 (a label and 7 numbers)", rows, cols)
	}
	perRow := map[int]int{}
	for _, c := range tb.cells {
		perRow[c.row]++
		if c.col == 0 && (c.box.Min.X > 60 || c.box.Max.X < 240) {
			t.Errorf("row %d: label cell %v does not hold the label (60–240)", c.row, c.box)
		}
		if c.col >= 1 {
			x := colX[c.col-1]
			if c.box.Min.X > x || c.box.Max.X < x+24 {
				t.Errorf("row %d column %d: cell %v does not hold the number at %d", c.row, c.col, c.box, x)
			}
		}
	}
	for r := range 5 {
		if perRow[r] != 8 {
			t.Errorf("row %d has %d cells, want 8", r, perRow[r])
		}
	}
}

// A table without rules whose numbers the page reading gave no word for
// (lone zeros, small numbers standing apart): only its labels were read.
// The rows and columns come from the ink; an enumerator "(四)" left of a
// label, left out by the reading, stays a label (it is left of the
// label's Chinese words), not a column of numbers.
func TestBorderlessFromInk(t *testing.T) {
	g := white(1000, 500)
	fill := func(r image.Rectangle) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				g.Pix[y*g.Stride+x] = 20
			}
		}
	}
	var words []Word
	colX := []int{400, 480, 560, 640, 720}
	for row := range 4 {
		y := 100 + row*60
		label := image.Rect(160, y, 330, y+18)
		fill(label)
		words = append(words, Word{Text: "属于国家秘密", Box: label})
		if row == 2 {
			fill(image.Rect(60, y, 100, y+18)) // "(四)", not read
		}
		for _, x := range colX {
			fill(image.Rect(x, y, x+10, y+18)) // a "0"
		}
	}
	p := &picture{g: g, b: binarise(g, 128)}
	tables := borderless(p, words)
	if len(tables) != 1 {
		t.Fatalf("%d tables, want 1", len(tables))
	}
	tb := tables[0]
	if rows, cols := len(tb.ys)-1, len(tb.xs)-1; rows != 4 || cols != 7 {
		t.Errorf("%d rows × %d columns (x %v), want 4 × 7 (the enumerator, the label and 5 numbers)", rows, cols, tb.xs)
	}
	// number columns: the last five, each holding its column's zeros
	nums := tb.xs[len(tb.xs)-6:]
	for k, x := range colX {
		if nums[k] > x || nums[k+1] < x+10 {
			t.Errorf("number column %d is %d–%d, want it to hold %d–%d", k, nums[k], nums[k+1], x, x+10)
		}
	}
	if tb.xs[len(tb.xs)-6] < 330 {
		t.Errorf("numbers start at %d, inside the labels (up to 330)", tb.xs[len(tb.xs)-6])
	}
	// no table from the ink of labels alone
	g = white(1000, 500)
	words = nil
	for row := range 4 {
		y := 100 + row*60
		fill(image.Rect(60, y, 100, y+18))
		label := image.Rect(160, y, 330, y+18)
		fill(label)
		words = append(words, Word{Text: "属于国家秘密", Box: label})
	}
	if tables := borderless(&picture{g: g, b: binarise(g, 128)}, words); len(tables) != 0 {
		t.Errorf("%d tables from labels only", len(tables))
	}
}
