package hostile

import (
	"bytes"
	"encoding/ascii85"
	"encoding/hex"
)

// LZW encodes data as PDF's LZWDecode does it (clear code first, 9 to 12
// bit codes, EarlyChange early).
func LZW(data []byte, early int) []byte {
	var out bytes.Buffer
	var acc uint32
	var nacc uint
	emit := func(code, width int) {
		acc = acc<<uint(width) | uint32(code)
		nacc += uint(width)
		for nacc >= 8 {
			nacc -= 8
			out.WriteByte(byte(acc >> nacc))
		}
	}
	dict := map[string]int{}
	next := 258
	// the decoder adds its entries one code later than the encoder, so the
	// width of a code follows the encoder's table size minus one
	width := func() int {
		n := next - 1 + early
		switch {
		case n < 512:
			return 9
		case n < 1024:
			return 10
		case n < 2048:
			return 11
		}
		return 12
	}
	code := func(s string) int {
		if len(s) == 1 {
			return int(s[0])
		}
		return dict[s]
	}
	emit(256, 9)
	cur := ""
	for _, c := range data {
		s := cur + string([]byte{c})
		if cur == "" {
			cur = s
			continue
		}
		if _, ok := dict[s]; ok {
			cur = s
			continue
		}
		emit(code(cur), width())
		if next < 4000 {
			dict[s] = next
			next++
		} else {
			emit(256, width())
			dict = map[string]int{}
			next = 258
		}
		cur = string([]byte{c})
	}
	if cur != "" {
		emit(code(cur), width())
		next++
	}
	emit(257, width())
	if nacc > 0 {
		out.WriteByte(byte(acc << (8 - nacc)))
	}
	return out.Bytes()
}

func asciiHex(data []byte) []byte {
	h := hex.EncodeToString(data)
	var b bytes.Buffer
	for i := 0; i < len(h); i += 64 {
		b.WriteString(h[i:min(i+64, len(h))])
		b.WriteByte('\n')
	}
	b.WriteByte('>')
	return b.Bytes()
}

func asciiA85(data []byte) []byte {
	out := make([]byte, ascii85.MaxEncodedLen(len(data)))
	n := ascii85.Encode(out, data)
	return append(out[:n], "~>"...)
}

// runLength encodes runs of three or more equal bytes as runs, the rest as
// literals.
func runLength(data []byte) []byte {
	var out bytes.Buffer
	for i := 0; i < len(data); {
		j := i
		for j < len(data) && data[j] == data[i] && j-i < 128 {
			j++
		}
		if j-i >= 3 {
			out.WriteByte(byte(257 - (j - i)))
			out.WriteByte(data[i])
			i = j
			continue
		}
		k := i
		for k < len(data) && k-i < 128 && !(k+2 < len(data) && data[k] == data[k+1] && data[k] == data[k+2]) {
			k++
		}
		if k == i {
			k = i + 1
		}
		out.WriteByte(byte(k - i - 1))
		out.Write(data[i:k])
		i = k
	}
	out.WriteByte(128)
	return out.Bytes()
}

// pngRows applies the PNG Up predictor to data in rows of columns bytes
// (the last row padded with spaces).
func pngRows(data []byte, columns int) []byte {
	for len(data)%columns != 0 {
		data = append(data, ' ')
	}
	var out bytes.Buffer
	prev := make([]byte, columns)
	for i := 0; i < len(data); i += columns {
		row := data[i : i+columns]
		out.WriteByte(2)
		for k, c := range row {
			out.WriteByte(c - prev[k])
		}
		copy(prev, row)
	}
	return out.Bytes()
}
