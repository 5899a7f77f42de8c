package pdf

import (
	"encoding/binary"
)

// TrueType 'cmap' reading, for CID fonts that carry no ToUnicode map: the
// embedded font program's own Unicode cmap, inverted, gives the text of a
// glyph. Subset fonts often drop the cmap table; then nothing is found.

const (
	maxCmapGlyphs = 1 << 17
	maxCmapVisits = 1 << 18
)

// trueTypeUnicode returns glyph id → rune from the Unicode subtable of a
// TrueType font program's cmap, or nil. When several code points map to
// one glyph the lowest wins (radicals are folded by unifyRadical later).
func trueTypeUnicode(font []byte) map[uint16]rune {
	cmap := sfntTable(font, "cmap")
	if len(cmap) < 4 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	var best []byte
	bestRank := 0
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		platform := binary.BigEndian.Uint16(cmap[rec:])
		encoding := binary.BigEndian.Uint16(cmap[rec+2:])
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if off < 0 || off+4 > len(cmap) {
			continue
		}
		rank := 0
		switch {
		case platform == 3 && encoding == 10:
			rank = 4
		case platform == 0 && (encoding == 4 || encoding == 6):
			rank = 3
		case platform == 3 && encoding == 1:
			rank = 2
		case platform == 0:
			rank = 1
		}
		if rank > bestRank {
			best, bestRank = cmap[off:], rank
		}
	}
	if best == nil {
		return nil
	}
	out := make(map[uint16]rune)
	visits := 0
	// add records one mapping; it returns false once the work budget is
	// spent (hostile tables with huge ranges)
	add := func(c rune, gid uint32) bool {
		visits++
		if visits > maxCmapVisits {
			return false
		}
		if gid == 0 || gid > 0xffff {
			return true
		}
		if old, ok := out[uint16(gid)]; !ok || c < old {
			out[uint16(gid)] = c
		}
		return true
	}
	switch binary.BigEndian.Uint16(best) {
	case 4:
		readCmap4(best, add)
	case 12:
		readCmap12(best, add)
	default:
		return nil
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// sfntTable returns the bytes of a table of an sfnt font program.
func sfntTable(font []byte, tag string) []byte {
	if len(font) < 12 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(font[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			return nil
		}
		if string(font[rec:rec+4]) != tag {
			continue
		}
		off := int64(binary.BigEndian.Uint32(font[rec+8:]))
		length := int64(binary.BigEndian.Uint32(font[rec+12:]))
		if off+length > int64(len(font)) {
			length = int64(len(font)) - off
		}
		if off < 0 || length <= 0 {
			return nil
		}
		return font[off : off+length]
	}
	return nil
}

func readCmap4(t []byte, add func(rune, uint32) bool) {
	if len(t) < 14 {
		return
	}
	segX2 := int(binary.BigEndian.Uint16(t[6:]))
	seg := segX2 / 2
	ends := 14
	starts := ends + segX2 + 2
	deltas := starts + segX2
	ranges := deltas + segX2
	if ranges+segX2 > len(t) {
		return
	}
	u16 := func(off int) (uint16, bool) {
		if off < 0 || off+2 > len(t) {
			return 0, false
		}
		return binary.BigEndian.Uint16(t[off:]), true
	}
	for i := range seg {
		end, _ := u16(ends + 2*i)
		start, _ := u16(starts + 2*i)
		delta, _ := u16(deltas + 2*i)
		ro, _ := u16(ranges + 2*i)
		if start > end {
			continue
		}
		for c := uint32(start); c <= uint32(end) && c != 0xffff; c++ {
			var gid uint16
			if ro == 0 {
				gid = uint16(c) + delta
			} else {
				g, ok := u16(ranges + 2*i + int(ro) + 2*int(c-uint32(start)))
				if !ok {
					break
				}
				if g != 0 {
					g += delta
				}
				gid = g
			}
			if !add(rune(c), uint32(gid)) {
				return
			}
		}
	}
}

func readCmap12(t []byte, add func(rune, uint32) bool) {
	if len(t) < 16 {
		return
	}
	n := int(binary.BigEndian.Uint32(t[12:]))
	for i := 0; i < n; i++ {
		g := 16 + 12*i
		if g+12 > len(t) {
			return
		}
		start := binary.BigEndian.Uint32(t[g:])
		end := binary.BigEndian.Uint32(t[g+4:])
		gid := binary.BigEndian.Uint32(t[g+8:])
		if end < start || end > 0x10ffff || end-start > maxCmapGlyphs {
			continue
		}
		for c := start; c <= end; c++ {
			if !add(rune(c), gid+(c-start)) {
				return
			}
		}
	}
}
