package pdf

import (
	"bytes"
	"fmt"
	"testing"
	"unicode/utf16"

	lpdf "github.com/ledongthuc/pdf"
)

const testCMap = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Test def
/DejaVu usecmap
2 begincodespacerange
<00> <80>
<8140> <FEFE>
endcodespacerange
3 beginbfchar
<41> <0061>
<8141> <5E74>
<8142> <00660069>
endbfchar
2 beginbfrange
<8150> <8152> <4E00>
<8160> <8162> [<0031> <D840DC00> <0033>]
endbfrange
1 beginbfchar
<42> /uni5EA6
endbfchar
endcmap
`

func TestParseCMap(t *testing.T) {
	m := parseCMap([]byte(testCMap))
	for _, tc := range []struct {
		code uint32
		want string
	}{
		{0x41, "a"},
		{0x42, "度"},
		{0x8141, "年"},
		{0x8142, "fi"},
		{0x8150, "一"},
		{0x8151, "丁"},
		{0x8152, "丂"},
		{0x8153, ""},
		{0x8160, "1"},
		{0x8161, "𠀀"},
		{0x8162, "3"},
		{0x8163, ""},
		{0x43, ""},
	} {
		if got := m.lookup(tc.code); got != tc.want {
			t.Errorf("lookup(%#x) = %q, want %q", tc.code, got, tc.want)
		}
	}
	if m.useName != "DejaVu" {
		t.Errorf("usecmap %q", m.useName)
	}
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"\x41\x81\x41", 1},
		{"\x81\x41", 2},
		{"\x81", 0}, // a lead byte alone matches no range
		{"\xff\xff", 0},
	} {
		if got := codeLen(m.space, []byte(tc.in)); got != tc.want {
			t.Errorf("codeLen(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestParseCMapCIDRanges(t *testing.T) {
	m := parseCMap([]byte(`/WMode 1 def 1 begincodespacerange <0000> <FFFF> endcodespacerange
2 begincidrange <0020> <007E> 1 <3000> <30FF> 500 endcidrange 1 begincidchar <FFFF> 7 endcidchar`))
	if m.wmode != 1 {
		t.Errorf("wmode %d", m.wmode)
	}
	for _, tc := range []struct {
		code, cid uint32
		ok        bool
	}{{0x20, 1, true}, {0x41, 34, true}, {0x7f, 0, false}, {0x3001, 501, true}, {0xffff, 7, true}, {0x1f, 0, false}} {
		cid, ok := m.cid(tc.code)
		if cid != tc.cid || ok != tc.ok {
			t.Errorf("cid(%#x) = %d %v, want %d %v", tc.code, cid, ok, tc.cid, tc.ok)
		}
	}
}

func TestParseCMapDamaged(t *testing.T) {
	// counts that lie, odd operands, an unterminated range: what can be
	// read is kept
	m := parseCMap([]byte(`5 beginbfchar <01> <0041> <02> endbfchar 1 beginbfrange <05> <03> <0041> endbfrange 1 beginbfchar <0003> <00`))
	if m.lookup(1) != "A" || m.lookup(2) != "" || m.lookup(4) != "" || m.lookup(3) != "" {
		t.Errorf("damaged cmap: %q %q %q %q", m.lookup(1), m.lookup(2), m.lookup(3), m.lookup(4))
	}
}

func FuzzCMap(f *testing.F) {
	f.Add([]byte(testCMap))
	f.Add([]byte(`1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> endbfrange`))
	f.Add([]byte(`1 beginbfrange <FFFFFFFF> <FFFFFFFF> <DBFF> endbfrange 1 begincidrange <00> <FF> -5 endcidrange`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m := parseCMap(data)
		for _, c := range []uint32{0, 1, 0x41, 0x8141, 0xffff, 0xffffffff} {
			m.lookup(c)
			m.cid(c)
		}
		for i := 0; i < len(data) && i < 64; i++ {
			if n := codeLen(m.space, data[i:]); n < 0 || n > 4 {
				t.Fatalf("codeLen %d", n)
			}
		}
	})
}

func TestUnifyRadical(t *testing.T) {
	for in, want := range map[rune]rune{
		0x2F00: '一', 0x2F08: '人', 0x2F8F: '行', // Kangxi radicals (NFKC)
		0x2EA0: '民', 0x2ED3: '长', 0x2ED8: '青', 0x2EBE: '艹', // supplement (table)
		0x2E80: 0x2E80, 0x2E9A: 0x2E9A, 'A': 'A', '民': '民', // no equivalent: unchanged
	} {
		if got := unifyRadical(in); got != want {
			t.Errorf("unifyRadical(%U) = %U, want %U", in, got, want)
		}
	}
	if r, text, bad := textGlyph("\u2f00\u2ea0"); r != '一' || text != "一民" || bad {
		t.Errorf("textGlyph: %q %q %v", r, text, bad)
	}
	if r, text, bad := textGlyph("\u2ea0"); r != '民' || text != "" || bad {
		t.Errorf("textGlyph: %q %q %v", r, text, bad)
	}
}

func TestRefOf(t *testing.T) {
	b := newPDF()
	f := b.helv()
	b.page("", fmt.Sprintf("<< /Font << /F1 %d 0 R /F2 << /Type /Font >> >> >>", f), "")
	data := b.bytes()
	rd, err := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	fonts := firstPage(rd).Key("Resources").Key("Font")
	if id, ok := refOf(fonts, "F1"); !ok || id != (objKey{id: uint32(f)}) {
		t.Errorf("refOf F1 = %v %v, want object %d", id, ok, f)
	}
	if _, ok := refOf(fonts, "F2"); ok {
		t.Error("refOf F2: a direct dictionary is not a reference")
	}
	if _, ok := refOf(fonts, "F3"); ok {
		t.Error("refOf F3: absent key")
	}
	if id, ok := objID(fonts.Key("F1")); !ok || id != (objKey{id: uint32(f)}) {
		t.Errorf("objID = %v %v", id, ok)
	}
}

func TestTextStringAndDate(t *testing.T) {
	for in, want := range map[string]string{
		"\xfe\xff\x5e\x74\x62\xa5": "年报",       // UTF-16BE with BOM
		"\xff\xfe\x74\x5e\xa5\x62": "年报",       // UTF-16LE with BOM (WPS)
		"\xef\xbb\xbf年报":           "年报",       // UTF-8 with BOM
		"年报":                       "年报",       // UTF-8 without BOM
		"Caf\xe9 \x8dq\x8e":        "Café “q”", // PDFDocEncoding
		"\xfe\xff\xd8\x40\xdc\x00": "𠀀",
	} {
		if got := textString(in); got != want {
			t.Errorf("textString(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"D:20240226080023+08'00'": "2024-02-26",
		"20231231":                "2023-12-31",
		"D:2024":                  "",
		"D:20241301":              "",
		"garbage":                 "",
	} {
		if got := pdfDate(in); got != want {
			t.Errorf("pdfDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGlyphNamesSorted(t *testing.T) {
	for i := 1; i < len(glyphNames); i++ {
		if glyphNames[i-1].name >= glyphNames[i].name {
			t.Fatalf("glyphNames not sorted (or duplicate) at %q, %q", glyphNames[i-1].name, glyphNames[i].name)
		}
	}
	for _, e := range glyphNames {
		if r, ok := glyphRune(e.name); !ok || r != e.r {
			t.Errorf("glyphRune(%q) = %U %v, want %U", e.name, r, ok, e.r)
		}
	}
	for name, want := range map[string]rune{"Adieresis": 'Ä', "quotedblleft": '“', "uni5E74": '年', "a.sc": 'a', "g12": 0, "zzzz": 0, "": 0} {
		if r, _ := glyphRune(name); r != want {
			t.Errorf("glyphRune(%q) = %U, want %U", name, r, want)
		}
	}
}

// utf16String's one-unit shortcut decodes every two-byte destination as
// utf16.Decode does (surrogates alone included).
func TestUTF16StringOneUnitEqualsDecode(t *testing.T) {
	for v := 0; v < 1<<16; v++ {
		b := []byte{byte(v >> 8), byte(v)}
		want := string(utf16.Decode([]uint16{uint16(v)}))
		if got := utf16String(b); got != want {
			t.Fatalf("utf16String(%x) = %q, utf16.Decode %q", b, got, want)
		}
	}
}

func TestParseCMapEmptyArray(t *testing.T) {
	// a bfrange whose destination is an empty array maps no code; it must
	// not hide a range that does (found by FuzzCMap: it used to panic)
	m := parseCMap([]byte(`2 beginbfrange <00> <0F> <0041> <05> <06> [] endbfrange`))
	for code, want := range map[uint32]string{0: "A", 5: "F", 6: "G", 0x0F: "P", 0x10: ""} {
		if got := m.lookup(code); got != want {
			t.Errorf("lookup(%#x) = %q, want %q", code, got, want)
		}
	}
	if m := parseCMap([]byte(`<0><00>[]endbfrange`)); m.lookup(0) != "" {
		t.Errorf("lookup(0) = %q in a cmap of one empty range", m.lookup(0))
	}
}

// A page whose font's ToUnicode holds a bfrange with an empty array is read
// with what the rest of the CMap maps: code 2 falls in the empty range and in
// <0000>–<00FF> → A…, so it reads C (the lookup used to panic on it).
func TestPageWithEmptyArrayRange(t *testing.T) {
	b := newPDF()
	cm := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
		"1 begincodespacerange <0000> <FFFF> endcodespacerange\n" +
		"1 beginbfchar <0001> <5E74> endbfchar\n" +
		"2 beginbfrange <0000> <00FF> <0041> <0002> <0003> [] endbfrange\n" +
		"endcmap CMapName currentdict /CMap defineresource pop end end\n"
	tu := b.stream("", []byte(cm))
	f := b.cidFont("/Identity-H", tu, "")
	b.page("BT /F1 12 Tf 72 700 Td <00010002> Tj ET", fmt.Sprintf("<< /Font << /F1 %d 0 R >> >>", f), "")
	pages, probs := mustPages(t, b.bytes())
	if len(pages) != 1 || text(pages[0].Glyphs) != "年C" || len(probs) != 0 {
		t.Fatalf("pages %d, text %q, problems %v; want one page 年C and no problem", len(pages), text(pages[0].Glyphs), probs)
	}
}
