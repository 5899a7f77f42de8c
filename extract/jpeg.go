package extract

import (
	"bytes"
	"fmt"
	"image"
)

// MaxJPEGScans is the most scans a JPEG may have to be decoded. A
// progressive JPEG draws the picture in several scans (libjpeg writes 10,
// other encoders up to ~20), and the decoder goes over every block of the
// picture in each: a 1 MB file of 30,000 scans kept the decoder — which
// cannot be interrupted — busy for two minutes.
const MaxJPEGScans = 64

// CheckJPEG walks the markers of data when it is a JPEG and refuses one
// with more than MaxJPEGScans scans; anything else (other formats, a JPEG
// the walk cannot follow) is left to the decoder.
func CheckJPEG(data []byte) error {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil
	}
	scans := 0
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			i++ // entropy-coded data of a scan
			continue
		}
		m := data[i+1]
		switch {
		case m == 0xFF: // fill byte
			i++
			continue
		case m == 0x00 || m >= 0xD0 && m <= 0xD7 || m == 0x01: // stuffed byte, restart marker, TEM
			i += 2
			continue
		case m == 0xD9: // end of image
			return nil
		}
		n := int(data[i+2])<<8 | int(data[i+3])
		if m == 0xDA {
			if scans++; scans > MaxJPEGScans {
				return fmt.Errorf("JPEG 图片有%d个以上的扫描段（渐进式图片通常约10个），解码将耗时过长，未解码", MaxJPEGScans)
			}
		}
		i += 2 + n
	}
	return nil
}

// CheckPicture says whether an encoded picture may be decoded: its header
// reads (with the decoders the program registers), it has at most
// maxPixels pixels — the picture's own size, which is what decoding
// allocates — and a JPEG has at most MaxJPEGScans scans.
func CheckPicture(data []byte, maxPixels int64) error {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return err
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return fmt.Errorf("图片过大（%d×%d像素）", cfg.Width, cfg.Height)
	}
	return CheckJPEG(data)
}
