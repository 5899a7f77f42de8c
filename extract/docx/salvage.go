package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"hash/crc32"
	"io"

	"github.com/nianbao/nianbao/extract"
)

// Limits of salvage against hostile input: a file of many parts whose
// sizes follow their data, each a zip bomb, would otherwise be inflated
// part after part.
const (
	maxSalvagedParts  = 10000
	maxSalvageInflate = maxPartSize // bytes inflated in all to find where parts end
)

// localHeader starts every part of a zip file (and so a .docx).
var localHeader = []byte("PK\x03\x04")

const (
	localHeaderSig = 0x04034b50 // localHeader read as a little-endian number
	localHeaderLen = 30
	flagEncrypted  = 0x1
	flagDescriptor = 0x8 // sizes and CRC follow the data, not in the header
	methodStored   = 0
	methodDeflated = 8
	maxNameLen     = 1024
	sizeInZip64    = 0xFFFFFFFF // the size is in the zip64 extra field
)

// salvage rebuilds a zip archive from the local file headers of data, for a
// .docx whose central directory is missing or damaged — a download or a copy
// cut short loses the directory first, since it is at the end. Each part
// whose header is intact is copied with the compressed bytes that follow it,
// as far as they go; a part cut short stays cut (reading it ends in an
// error where its bytes end). It returns nil when no part was found, and
// an error when the context ends or the budget cannot hold the rebuilt
// archive (a copy of the parts).
//
// The scan is linear: it resumes after the bytes of each part it took, and
// a part is inflated at most once (to find where it ends when its header
// does not say), up to maxSalvageInflate bytes for all parts together; the
// scan stops there.
func salvage(ctx context.Context, data []byte) (*zip.Reader, error) {
	if err := extract.BudgetFrom(ctx).Spend(int64(len(data)), "修复 Word 文件的 zip 结构"); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	s := salvager{w: w, data: data, inflateLeft: maxSalvageInflate}
	n := 0
	for at := 0; n < maxSalvagedParts && s.inflateLeft > 0; {
		if err := extract.Canceled(ctx); err != nil {
			return nil, err
		}
		i := bytes.Index(data[at:], localHeader)
		if i < 0 {
			break
		}
		at += i
		next, ok := s.part(at)
		if !ok {
			at += 4 // not a usable header: look further
			continue
		}
		n++
		at = next
	}
	if n == 0 || w.Close() != nil {
		return nil, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		return nil, nil
	}
	return zr, nil
}

// salvager copies the parts of data it finds into w.
type salvager struct {
	w           *zip.Writer
	data        []byte
	inflateLeft int64 // bytes the scan may still inflate
}

// part copies the part whose local header is at data[at:] into w and
// returns where the scan goes on; ok is false when the header is not usable.
func (s *salvager) part(at int) (next int, ok bool) {
	h := s.data[at:]
	if len(h) < localHeaderLen || binary.LittleEndian.Uint32(h) != localHeaderSig {
		return 0, false
	}
	flags := binary.LittleEndian.Uint16(h[6:])
	method := binary.LittleEndian.Uint16(h[8:])
	crc := binary.LittleEndian.Uint32(h[14:])
	csize := int(binary.LittleEndian.Uint32(h[18:]))
	usize := uint64(binary.LittleEndian.Uint32(h[22:]))
	nameLen := int(binary.LittleEndian.Uint16(h[26:]))
	extraLen := int(binary.LittleEndian.Uint16(h[28:]))
	if (method != methodStored && method != methodDeflated) || flags&flagEncrypted != 0 || nameLen == 0 ||
		nameLen > maxNameLen || localHeaderLen+nameLen+extraLen > len(h) {
		return 0, false
	}
	name := string(h[localHeaderLen : localHeaderLen+nameLen])
	body := h[localHeaderLen+nameLen+extraLen:]
	start := at + localHeaderLen + nameLen + extraLen
	var payload []byte
	switch {
	case (flags&flagDescriptor == 0 || csize > 0) && csize != sizeInZip64:
		// the header says how long the part is; a part cut short keeps
		// what there is
		payload = body[:min(csize, len(body))]
		next = start + len(payload)
	case method == methodDeflated:
		// the sizes follow the data (or are in a zip64 field): inflate
		// once to find its end and the CRC of what it holds; the data
		// descriptor after it is passed over by the scan
		used, sum, size := inflatedExtent(body, s.inflateLeft)
		payload, crc, usize = body[:used], sum, size
		s.inflateLeft -= int64(size)
		next = start + used
	default:
		return 0, false // stored, its size unknown: no way to find its end
	}
	fw, err := s.w.CreateRaw(&zip.FileHeader{Name: name, Method: method, CRC32: crc,
		CompressedSize64: uint64(len(payload)), UncompressedSize64: usize})
	if err != nil {
		return 0, false
	}
	if _, err := fw.Write(payload); err != nil {
		return 0, false
	}
	return next, true
}

// inflatedExtent inflates the deflate stream at the start of b, up to
// limit bytes of output (and maxPartSize), and says how many bytes of b it
// used and the CRC-32 and size of the output. A stream cut short or damaged
// ends where it can no longer be read.
func inflatedExtent(b []byte, limit int64) (used int, sum uint32, size uint64) {
	r := bytes.NewReader(b) // an io.ByteReader: flate reads no further than it needs
	h := crc32.NewIEEE()
	n, _ := io.Copy(h, io.LimitReader(flate.NewReader(r), min(limit, maxPartSize)))
	return len(b) - r.Len(), h.Sum32(), uint64(n)
}

// zipEntryCost is what one entry of a zip's central directory takes once
// archive/zip has read it, and with it this reader's map of parts: the
// zip.File (~200 bytes), its name, the pointers to it. A zip of a million
// empty entries (108 MB) held 400 MB.
const zipEntryCost = 320

// zipEntries is the number of entries the end of data's central directory
// declares (its zip64 record when the short one says so), at most what the
// directory's size can hold (archive/zip refuses more); 0 when there is no
// such record.
func zipEntries(data []byte) int64 {
	const (
		endLen       = 22 // the end of central directory record, without its comment
		endSig       = "PK\x05\x06"
		locatorSig   = 0x07064b50
		zip64EndSig  = 0x06064b50
		zip64EndLen  = 56
		dirHeaderLen = 46 // a central directory entry without its name
	)
	from := max(0, len(data)-endLen-0xffff)
	i := bytes.LastIndex(data[from:], []byte(endSig))
	if i < 0 || from+i+endLen > len(data) {
		return 0
	}
	end := data[from+i:]
	n := int64(binary.LittleEndian.Uint16(end[10:]))
	if n == 0xffff { // zip64: the locator is just before the record
		if j := from + i - 20; j >= 0 && binary.LittleEndian.Uint32(data[j:]) == locatorSig {
			off := binary.LittleEndian.Uint64(data[j+8:])
			if len(data) >= zip64EndLen && off <= uint64(len(data)-zip64EndLen) && binary.LittleEndian.Uint32(data[off:]) == zip64EndSig {
				n = int64(min(binary.LittleEndian.Uint64(data[off+32:]), uint64(len(data))))
			}
		}
	}
	return min(n, int64(len(data)/dirHeaderLen))
}
