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

func TestDigitRead(t *testing.T) {
	// the three copies of a cell at x 0–20, 40–60, 80–100
	spans := [3][2]int{{0, 20}, {40, 60}, {80, 100}}
	word := func(text string, k int) Word {
		return Word{Text: text, Box: image.Rect(spans[k][0], 0, spans[k][1], 10), Confidence: 0.9}
	}
	for _, c := range []struct {
		words  []Word
		want   string
		strong bool
	}{
		{[]Word{{Text: "000"}}, "0", true},
		{[]Word{word("12", 0), word("12", 1), word("12", 2)}, "12", true},
		{[]Word{{Text: "OOO"}}, "0", true},
		{[]Word{{Text: "lll"}}, "1", true},
		{[]Word{{Text: "3.33"}}, "3", true}, // a speck read as a point in one copy
		{[]Word{{Text: "83934.1683934.1683934.16"}}, "83934.16", true},
		{[]Word{{Text: "17:17:17"}}, "17", true}, // specks between the copies
		{[]Word{{Text: "1313:13"}}, "13", true},
		{[]Word{{Text: "(555)"}}, "5", true}, // brackets a raw line reading adds at the edges
		{[]Word{{Text: "+5+5+5"}}, "+5", true},
		{[]Word{{Text: "14114"}}, "", false}, // the copies disagree, not told apart
		{[]Word{word("12", 0), word("13", 1), word("12", 2)}, "12", false},
		{[]Word{word("5", 0), word("9", 1), word("6", 2)}, "", false},
		{[]Word{{Text: "abc"}}, "", false},
		{nil, "", false},
	} {
		got := digitRead(Reading{Words: c.words}, spans)
		if got.val != c.want || got.strong != c.strong {
			t.Errorf("digitRead(%v) = %q strong %v, want %q strong %v", c.words, got.val, got.strong, c.want, c.strong)
		}
	}
}

func TestVote(t *testing.T) {
	s := func(v string) numRead { return numRead{val: v, strong: true, conf: 0.4} }
	w := func(v string) numRead { return numRead{val: v, conf: 0.9} }
	for _, c := range []struct {
		rs   []numRead
		want string
		sure bool
	}{
		{[]numRead{s("12"), s("12")}, "12", true},
		{[]numRead{s("12"), s("17"), s("12")}, "12", false}, // a sure reading of another number
		{[]numRead{s("12"), {}, s("12")}, "12", true},
		{[]numRead{s("12"), w("12")}, "12", false},
		{[]numRead{w("5"), s("9"), w("5")}, "5", false},
		{[]numRead{{}, {}, {}}, "", false},
		// three strong readings against one (serif 5s read as 9 by one
		// mode) are sure; two against two or three against two are not
		{[]numRead{{}, s("5"), s("9"), s("5"), s("5")}, "5", true},
		{[]numRead{s("5"), s("9"), s("9"), s("5"), {}}, "5", false},
		{[]numRead{s("5"), s("9"), s("9"), s("5"), s("5")}, "5", false},
	} {
		got, sure := vote(c.rs)
		if got != c.want || sure != c.sure {
			t.Errorf("vote(%v) = %q %v, want %q %v", c.rs, got, sure, c.want, c.sure)
		}
	}
	// two agreeing readings of 0.4 are together more than one
	if c := agreedConfidence([]numRead{s("1"), s("1"), w("1")}, "1"); c < 0.63 || c > 0.65 {
		t.Errorf("agreed confidence %v, want 0.64", c)
	}
}

// A table continued from the previous page, printed without its top
// border: the vertical rules end above the first horizontal rule, and the
// first row is kept (its top edge is where the rules end).
func TestFindTablesOpenTop(t *testing.T) {
	g := white(900, 600)
	drawTable(g, 50, 80, 4, 5, 150, 60)
	for y := 80; y < 82; y++ { // erase the top border
		for x := 0; x < 900; x++ {
			g.Pix[y*g.Stride+x] = 255
		}
	}
	tables := findTables(binarise(g, otsu(g, g.Rect)))
	if len(tables) != 1 {
		t.Fatalf("found %d tables, want 1", len(tables))
	}
	if tb := tables[0]; len(tb.ys) != 5 || tb.ys[0] > 84 {
		t.Errorf("row boundaries %v, want 5 from y≈82", tb.ys)
	}
}

// The value area of a table: a cell the Chinese model read as a character
// stands among numbers (table 四's one row: 0 0 工 0 …; a first value
// column) and is read as a number; the label columns are not.
func TestValueArea(t *testing.T) {
	sure := []numRead{{val: "0", strong: true}, {val: "0", strong: true}}
	none := []numRead{{}, {}}
	cell := func(row, col int, text string, conf float64, reads []numRead) cellWork {
		return cellWork{cell: gridCell{row: row, col: col, rowSpan: 1, colSpan: 1}, text: text,
			ocr: &extract.OCR{Confidence: conf}, reads: reads, cand: reads != nil}
	}
	t4 := []cellWork{
		// a header row: no numbers
		cell(0, 0, "结果维持", 0.96, nil), cell(0, 1, "结果纠正", 0.96, nil), cell(0, 2, "总计", 0.93, nil),
		// table 四's row of numbers with a 1 read as 工
		cell(1, 0, "0", 0.9, sure), cell(1, 1, "工", 0.68, none), cell(1, 2, "0", 0.9, sure),
	}
	t3 := []cellWork{
		// two label columns, then numbers; the first number of the
		// second row read as 梳
		cell(0, 0, "(五)不予处理", 0.9, nil), cell(0, 1, "2.重复申请", 0.93, nil), cell(0, 2, "0", 0.9, sure), cell(0, 3, "0", 0.9, sure), cell(0, 4, "0", 0.9, sure),
		cell(1, 0, "", 0, nil), cell(1, 1, "3.要求提供公开出版物", 0.87, nil), cell(1, 2, "梳", 0, none), cell(1, 3, "0", 0.9, sure), cell(1, 4, "0", 0.9, sure),
		cell(2, 0, "", 0, nil), cell(2, 1, "4.无正当理由大量反复申请", 0.87, nil), cell(2, 2, "0", 0.9, sure), cell(2, 3, "0", 0.9, sure), cell(2, 4, "0", 0.9, sure),
	}
	t3[5].ocr, t3[10].ocr = nil, nil // blank cells (a merged label)
	// table 二 of the 2019 template: the change "+5" read as 十9 stands in
	// two merged columns; its ink is short, so it is in the values
	t2 := []cellWork{
		cell(0, 0, "其他对外管理服务事项", 0.96, nil), cell(0, 1, "104", 0.9, sure), cell(0, 2, "十9", 0.76, none), cell(0, 4, "2265", 0.9, sure),
	}
	t2[2].cell.colSpan = 2
	t2[2].ink = image.Rect(0, 0, 30, 27)
	for _, c := range []struct {
		work []cellWork
		want []bool
	}{
		{t4, []bool{false, false, false, true, true, true}},
		{t3, []bool{false, false, true, true, true, false, false, true, true, true, false, false, true, true, true}},
		{t2, []bool{false, true, true, true}},
	} {
		in := valueArea(c.work)
		for i, w := range c.work {
			if in[i] != c.want[i] {
				t.Errorf("cell %d,%d (%q): in values %v, want %v", w.cell.row, w.cell.col, w.text, in[i], c.want[i])
			}
		}
	}
}

func TestNarrowGlyph(t *testing.T) {
	// ink boxes with the 2 px margins inkBox adds; the table's digits
	// are 29 px high
	for _, c := range []struct {
		ink  image.Rectangle
		want bool
	}{
		{image.Rect(0, 0, 14, 29), true},  // a serif 1
		{image.Rect(0, 0, 12, 25), true},  // smaller, still a digit's height
		{image.Rect(0, 0, 19, 29), false}, // a 5
		{image.Rect(0, 0, 17, 29), false}, // a 7
		{image.Rect(0, 0, 8, 60), false},  // a rule's remains: too high
		{image.Rect(0, 0, 6, 12), false},  // a speck: too low
	} {
		if got := narrowGlyph(c.ink, 29); got != c.want {
			t.Errorf("narrowGlyph(%v) = %v, want %v", c.ink, got, c.want)
		}
	}
	if narrowGlyph(image.Rect(0, 0, 14, 29), 0) {
		t.Error("narrowGlyph without digits in the table")
	}
}

func TestEnumBracket(t *testing.T) {
	for in, want := range map[string]string{
		"《六)其他处理":    "（六）其他处理",
		"〈四)无法提供":    "（四）无法提供",
		"(七)总计":      "(七)总计",
		"〈本列数据的勾稽关系": "〈本列数据的勾稽关系",
		"《条例》":       "《条例》",
	} {
		if got := enumBracket(in); got != want {
			t.Errorf("enumBracket(%q) = %q, want %q", in, got, want)
		}
	}
}
