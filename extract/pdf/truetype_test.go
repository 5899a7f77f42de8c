package pdf

import (
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"testing"
)

// sfntWithCmap builds a font program holding only a 'cmap' table with one
// (3,1) format 4 subtable: single-code segments by idDelta, plus one
// segment A-B read through idRangeOffset (glyphs 6 and 7).
func sfntWithCmap(single map[uint16]uint16) []byte {
	type seg struct{ start, end, delta, ro uint16 }
	var segs []seg
	for _, c := range slices.Sorted(maps.Keys(single)) {
		segs = append(segs, seg{c, c, single[c] - c, 0})
	}
	segs = append(segs, seg{'A', 'B', 0, 1}) // ro filled below
	segs = append(segs, seg{0xffff, 0xffff, 1, 0})
	n := len(segs)
	be := binary.BigEndian
	sub := make([]byte, 14+8*n+2+4)
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*n))
	ends, starts, deltas, ranges := 14, 14+2*n+2, 14+4*n+2, 14+6*n+2
	for i, s := range segs {
		be.PutUint16(sub[ends+2*i:], s.end)
		be.PutUint16(sub[starts+2*i:], s.start)
		be.PutUint16(sub[deltas+2*i:], s.delta)
		if s.ro != 0 {
			// distance from this idRangeOffset entry to glyphIdArray
			be.PutUint16(sub[ranges+2*i:], uint16(2*(n-i)))
		}
	}
	glyphs := ranges + 2*n
	be.PutUint16(sub[glyphs:], 6)
	be.PutUint16(sub[glyphs+2:], 7)
	cmap := make([]byte, 12, 12+len(sub))
	be.PutUint16(cmap[2:], 1)
	be.PutUint16(cmap[4:], 3)
	be.PutUint16(cmap[6:], 1)
	be.PutUint32(cmap[8:], 12)
	cmap = append(cmap, sub...)
	font := make([]byte, 28, 28+len(cmap))
	be.PutUint32(font[0:], 0x00010000)
	be.PutUint16(font[4:], 1)
	copy(font[12:], "cmap")
	be.PutUint32(font[20:], 28)
	be.PutUint32(font[24:], uint32(len(cmap)))
	return append(font, cmap...)
}

func TestTrueTypeCmap(t *testing.T) {
	font := sfntWithCmap(map[uint16]uint16{0x5e74: 3, 0x5ea6: 4, 0x2f00: 5, 0x4e00: 5})
	m := trueTypeUnicode(font)
	want := map[uint16]rune{3: '年', 4: '度', 5: 0x2f00, 6: 'A', 7: 'B'}
	if fmt.Sprint(m) != fmt.Sprint(want) {
		t.Errorf("gid map %v, want %v", m, want)
	}
	for _, bad := range [][]byte{nil, font[:20], font[:40], []byte("OTTO\x00\x01")} {
		if m := trueTypeUnicode(bad); m != nil {
			t.Errorf("truncated font gave %v", m)
		}
	}
}

// A CID TrueType font without ToUnicode: text comes from the embedded
// font's cmap through CIDToGIDMap.
func TestCIDFontWithoutToUnicode(t *testing.T) {
	b := newPDF()
	ff := b.stream("", sfntWithCmap(map[uint16]uint16{0x5e74: 3, 0x5ea6: 4, 0x2f00: 5, 0x4e00: 5}))
	c2g := b.stream("", []byte{0, 0, 0, 3, 0, 4, 0, 5, 0, 9})
	fd := b.add(fmt.Sprintf("<< /Type /FontDescriptor /FontName /X /Flags 4 /Ascent 880 /Descent -120 /FontFile2 %d 0 R >>", ff))
	desc := b.add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /CIDToGIDMap %d 0 R >>", fd, c2g))
	f := b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [%d 0 R] >>", desc))
	b.page("BT /F1 10 Tf 1 0 0 1 100 700 Tm <0001000200030004> Tj ET", fontRes(f), "")
	pages, probs := mustPages(t, b.bytes())
	if got := text(pages[0].Glyphs); got != "年度一\uFFFD" {
		t.Errorf("text %q", got)
	}
	// CID 4 maps to glyph 9, which the cmap does not know
	if len(probs) != 1 || probs[0].Code != "font" || probs[0].Message != "第1页：字体X有字符无法解码为文字：没有ToUnicode映射" {
		t.Errorf("problems %v", probs)
	}
}

func FuzzTrueTypeCmap(f *testing.F) {
	f.Add(sfntWithCmap(map[uint16]uint16{0x5e74: 3, 0x4e00: 5}))
	f.Add([]byte("\x00\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00cmap\x00\x00\x00\x00\x00\x00\x00\x1c\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for gid, r := range trueTypeUnicode(data) {
			if r < 0 || r > 0x10ffff || gid == 0 {
				t.Fatalf("gid %d → %U", gid, r)
			}
		}
	})
}
