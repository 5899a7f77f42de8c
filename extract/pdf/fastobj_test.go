package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	lpdf "github.com/ledongthuc/pdf"
)

// fontPDF builds a file whose object 3 is the font dictionary text dict
// (objects 4 to 7: a ToUnicode CMap, a FontDescriptor, a CIDFont and an
// embedded Type 1 program that dict may refer to), and returns the file's
// reader and the src and objects the fast path reads it with.
func fontPDF(tb testing.TB, dict string, objStm bool) (*lpdf.Reader, *src, *objects) {
	b := newPDF()
	b.add(dict)                                                                                                                                                               // 3
	b.stream("", []byte("1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <41> <5E74> <42> <0041 0042> endbfchar 1 beginbfrange <50> <52> <4E00> endbfrange")) // 4
	b.add("<< /Type /FontDescriptor /FontName /X /Flags 32 /Ascent 880 /Descent -120 /MissingWidth 250 /FontFile 7 0 R >>")                                                   // 5
	b.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 1000 /W [1 [500 600] 3 5 700] /W2 [1 [-1000 500 880]] /DW2 [880 -1000] >>")                                 // 6
	clear := "/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 65 /alpha put\ndup 66 /beta put\nreadonly def\ncurrentfile eexec\n"
	b.stream(fmt.Sprintf("/Length1 %d /Length2 4 /Length3 0", len(clear)), []byte(clear+"\x01\x02\x03\x04")) // 7
	b.page("", "<< /Font << /F 3 0 R >> >>", "")
	var data []byte
	if objStm {
		data = b.bytesObjStm()
	} else {
		data = b.bytes()
	}
	rd, err := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Skip(err)
	}
	s := &src{r: bytes.NewReader(data)}
	return rd, s, newObjects(s, rd, int64(len(data)))
}

// fontSummary is what a font means to the interpreter: every field except
// the lazily read FontFile, and the glyphs of all one- and some two-byte
// codes.
func fontSummary(f *font) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%q %v %v %v %+v %+v %v %v %v %v %v %v %v %v %q\n", f.name, f.kind, f.vertical, f.pre, f.enc, f.toUni,
		f.ascent, f.descent, f.dw, f.widths, f.dw2, f.w2, f.gidUni, f.cidToGID, f.problem)
	fmt.Fprintf(&sb, "%v\n", f.fontMatrix)
	for c := range 256 {
		code, n := f.codeAt([]byte{byte(c), byte(c)})
		var g glyphInfo
		f.glyph(code, n, &g)
		fmt.Fprintf(&sb, "%d:%+v ", code, g)
	}
	return sb.String()
}

// checkFastFont loads object 3 both ways; when the fast path takes the
// font, the result must be the library's exactly.
func checkFastFont(t *testing.T, dict string, objStm bool) (fast bool) {
	rd, s, objs := fontPDF(t, dict, objStm)
	fonts, pageErr := func() (v lpdf.Value, err any) {
		defer func() { err = recover() }()
		return firstPage(rd).Key("Resources").Key("Font"), nil
	}()
	if pageErr != nil {
		return false // dict spoils the object stream it shares with the page
	}
	id, ok := refOf(fonts, "F")
	if !ok || objs == nil {
		t.Skip("reflection layout")
	}
	ff, fast := loadFontFast(s, objs, id)
	v, libErr := func() (v lpdf.Value, err any) {
		defer func() { err = recover() }()
		return fonts.Key("F"), nil
	}()
	if libErr != nil {
		if !fast {
			return false
		}
		// The library cannot read the object (the page would fail), and
		// the fast path must not either — with one exception: in an object
		// stream the library reads one token past a dictionary (looking
		// for "stream", which cannot be there) and fails when that token is
		// junk such as a stray ')'. The stream's offsets delimit the
		// object, so the fast path reads the dictionary alone: it must then
		// read what the library reads of the dictionary without the junk.
		n, junk := dictThenJunk(dict)
		if !objStm || !junk {
			t.Fatalf("fast path read %q, the library panics: %v", dict, libErr)
		}
		rd2, _, _ := fontPDF(t, dict[:n], objStm)
		v2, err2 := func() (v lpdf.Value, err any) {
			defer func() { err = recover() }()
			return firstPage(rd2).Key("Resources").Key("Font").Key("F"), nil
		}()
		if err2 != nil || v2.Kind() != lpdf.Dict {
			t.Fatalf("fast path read %q; the library cannot read %q either: %v", dict, dict[:n], err2)
		}
		if a, b := fontSummary(ff), fontSummary(loadFont(nil, v2)); a != b {
			t.Fatalf("fast font of %q and library font of %q differ:\nfast    %s\nlibrary %s", dict, dict[:n], a, b)
		}
		return true
	}
	if v.Kind() != lpdf.Dict {
		if fast {
			t.Fatalf("fast path took a %v", v.Kind())
		}
		return false
	}
	slow := loadFont(nil, v)
	if !fast {
		return false
	}
	if a, b := fontSummary(ff), fontSummary(slow); a != b {
		t.Fatalf("fast and library fonts differ for %q:\nfast    %s\nlibrary %s", dict, a, b)
	}
	return true
}

// dictThenJunk parses dict as the fast path does and reports where the
// dictionary ends and whether what follows it (before the object stream's
// next object, which the test file starts with "<<") is a token the
// library's reader fails on.
func dictThenJunk(dict string) (n int, junk bool) {
	defer func() {
		if recover() != nil {
			n, junk = 0, false
		}
	}()
	p := &oparser{data: []byte(dict + "\n<<"), eof: true, arena: &arena{}}
	if p.object().kind != pDict {
		return 0, false
	}
	q := p.pos
	for q < len(p.data) && (isSpace(p.data[q]) || p.data[q] == '%') {
		if p.data[q] == '%' {
			for q < len(p.data) && p.data[q] != '\n' && p.data[q] != '\r' {
				q++
			}
			continue
		}
		q++
	}
	return p.pos, !libraryReadsToken(p.data, q)
}

// libraryReadsToken reports whether ledongthuc/pdf's lexer reads the token
// at data[q:] without failing, judged with the fast path's readers, which
// refuse at least what the library refuses: a stray ')' or '>', a malformed
// hex or literal string or name, a number that overflows.
func libraryReadsToken(data []byte, q int) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	p := &oparser{data: data, pos: q + 1, eof: true, arena: &arena{}}
	switch data[q] {
	case '/':
		p.name(false)
	case '(':
		p.literal()
	case '<':
		if q+1 < len(data) && data[q+1] == '<' {
			return true
		}
		p.hex()
	case '[', ']', '{', '}':
	case '>':
		return q+1 < len(data) && data[q+1] == '>'
	default:
		if isDelim(data[q]) {
			return false
		}
		p.pos = q
		w := p.word()
		switch {
		case isInteger(w):
			parseInt(w)
		case isReal(w):
			if _, err := strconv.ParseFloat(string(w), 64); err != nil {
				return false
			}
		}
	}
	return true
}

func TestFastFontMatchesLibrary(t *testing.T) {
	for _, tc := range []struct {
		dict string
		fast bool
	}{
		{"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /Widths [250 333.5 +1 -2 .5 4.] >>", true},
		{"<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FontBBox [0 -200 1000 800] /CharProcs << /g0 9 0 R >> /Encoding << /Differences [0 /g0 /g0 65 /A /uni5E74 /a.sc] >> /FirstChar 0 /LastChar 3 /Widths [1000 1000 500 500] /ToUnicode 4 0 R >>", true},
		{"<< /Type /Font /Subtype /Type1 /BaseFont /CMMI10 /FontDescriptor 5 0 R /Encoding << /Differences [66 /B] >> >>", true},
		{"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 4 0 R >>", true},
		{"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-V /DescendantFonts [6 0 R] >>", true},
		{"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /GBK-EUC-H /DescendantFonts [6 0 R] >>", true},
		{"<< /Type /Font /Subtype /TrueType /BaseFont /A#20B /Name (lit\\(e\\)ral\\101) /Hex <41 42 4> /Encoding /MacRomanEncoding >>", false}, // odd hex string: the library's
		{"<< /Type /Font /Subtype /TrueType /BaseFont /AB /N (a) /H <4142> /Encoding /MacRomanEncoding % comment\n/FirstChar 65 /Widths [600 1 0 R] >>", true},
		{"<< /Type /Font /Subtype /TrueType /Encoding /StandardEncoding /Widths 99 0 R >>", true},          // a missing object: null
		{"<< /Type /Font /Subtype /Type1 /FontDescriptor 4 0 R /Widths [1 +0 R] >>", false},                // a signed generation
		{"<< /Type /Font /Subtype /Type1 /Encoding /WinAnsiEncoding /Encoding /MacRomanEncoding >>", true}, // duplicate key: the last wins
		{"<< /Type /Font /Subtype /Type1 /Widths [1 2 3 1e3] >>", false},
		{"[1 2 3]", false},
		{"<< /Type /Font /Subtype /Type1 /Flags true /X null /Y false >>", true},
	} {
		for _, objStm := range []bool{false, true} {
			if got := checkFastFont(t, tc.dict, objStm); got != tc.fast {
				t.Errorf("%q (object stream %v): fast path %v, want %v", tc.dict, objStm, got, tc.fast)
			}
		}
	}
}

// A font dictionary followed by junk the library's reader fails on: in a
// plain file the object has no endobj where it should and is left to the
// library; in an object stream the fast path reads the dictionary, which
// the library reads too once the junk is gone (found by FuzzFastFont).
func TestFastFontJunkAfterDict(t *testing.T) {
	for _, junk := range []string{")", " >x", " <4G>", ` (a\q)`, " /a#zz", " 99999999999999999999"} {
		d := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>" + junk
		if checkFastFont(t, d, false) {
			t.Errorf("%q in a plain file: the fast path took it", d)
		}
		if !checkFastFont(t, d, true) {
			t.Errorf("%q in an object stream: the fast path left it to the library", d)
		}
	}
}

func FuzzFastFont(f *testing.F) {
	for _, s := range []string{
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /Widths [250 333.5 +1 -2 .5 4.] >>",
		"<< /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FontBBox [0 -200 1000 800] /Encoding << /Differences [0 /g0 /g0 65 /A] >> /Widths [1000 1000] /ToUnicode 4 0 R >>",
		"<< /Subtype /Type1 /FontDescriptor 5 0 R /Encoding << /Differences [66 /B] >> >>",
		"<< /Subtype /Type0 /Encoding /Identity-V /DescendantFonts [6 0 R] /ToUnicode 4 0 R >>",
		"<< /BaseFont /A#20B (x\\(y\\)) <41 42> [1 [2 [3]] << /K 1 0 R >>] % c\n>>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dict string) {
		if strings.Contains(dict, "endobj") || strings.Contains(dict, "stream") || strings.Contains(dict, "obj") {
			t.Skip() // would change the file's structure, not the object
		}
		checkFastFont(t, dict, false)
		checkFastFont(t, dict, true)
	})
}

func TestPobjSize(t *testing.T) {
	if s := reflect.TypeOf(pobj{}).Size(); s > 48 {
		t.Errorf("pobj is %d bytes: arrays of 256 of them per font", s)
	}
}

// bytesObjStm writes the file with every object that is not a stream in
// one object stream (FlateDecode), and a cross-reference stream, as Word
// and pdfTeX do.
func (b *pdfBuilder) bytesObjStm() []byte {
	classic := b.bytes() // fills in the catalog and the page tree
	_ = classic
	n := len(b.objs)
	inStm := make([]bool, n+1)
	var hdr, body bytes.Buffer
	var members []int
	for i, o := range b.objs {
		if strings.Contains(o, "stream\n") {
			continue
		}
		inStm[i+1] = true
		fmt.Fprintf(&hdr, "%d %d ", i+1, body.Len())
		body.WriteString(o)
		body.WriteString("\n")
		members = append(members, i+1)
	}
	var out bytes.Buffer
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, n+3)
	for i, o := range b.objs {
		if !inStm[i+1] {
			offs[i+1] = out.Len()
			fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
		}
	}
	stmID, xrefID := n+1, n+2
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(append(hdr.Bytes(), body.Bytes()...))
	w.Close()
	offs[stmID] = out.Len()
	fmt.Fprintf(&out, "%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n", stmID, len(members), hdr.Len(), z.Len())
	out.Write(z.Bytes())
	out.WriteString("\nendstream\nendobj\n")
	offs[xrefID] = out.Len()
	var x bytes.Buffer
	idx := map[int]int{}
	for i, m := range members {
		idx[m] = i
	}
	for id := 0; id <= xrefID; id++ {
		switch {
		case id == 0:
			x.Write([]byte{0, 0, 0, 0, 0, 0xff, 0xff})
		case id <= n && inStm[id]:
			x.Write([]byte{2, 0, 0, byte(stmID >> 8), byte(stmID), byte(idx[id] >> 8), byte(idx[id])})
		default:
			o := offs[id]
			x.Write([]byte{1, byte(o >> 24), byte(o >> 16), byte(o >> 8), byte(o), 0, 0})
		}
	}
	fmt.Fprintf(&out, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n", xrefID, xrefID+1, x.Len())
	out.Write(x.Bytes())
	fmt.Fprintf(&out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", offs[xrefID])
	return out.Bytes()
}
