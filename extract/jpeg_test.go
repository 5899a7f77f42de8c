package extract

import (
	"bytes"
	"image"
	"image/jpeg"
	"strings"
	"testing"
)

// A JPEG of many scans is refused before decoding; ordinary JPEGs (the
// standard library's, baseline) and other data pass.
func TestCheckJPEG(t *testing.T) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 64, 64)), nil); err != nil {
		t.Fatal(err)
	}
	if err := CheckJPEG(buf.Bytes()); err != nil {
		t.Errorf("baseline JPEG: %v", err)
	}
	if err := CheckJPEG([]byte("\x89PNG\r\n\x1a\n")); err != nil {
		t.Errorf("PNG: %v", err)
	}
	// the same header, then scans: SOS segments with entropy data between
	data := buf.Bytes()
	sos := bytes.Index(data, []byte{0xFF, 0xDA})
	scan := []byte{0xFF, 0xDA, 0, 8, 1, 1, 0, 1, 63, 0, 0x12, 0x34, 0xFF, 0x00, 0x56}
	many := append(append([]byte{}, data[:sos]...), bytes.Repeat(scan, MaxJPEGScans+1)...)
	many = append(many, 0xFF, 0xD9)
	if err := CheckJPEG(many); err == nil || !strings.Contains(err.Error(), "扫描段") {
		t.Errorf("%d scans: %v", MaxJPEGScans+1, err)
	}
	few := append(append([]byte{}, data[:sos]...), bytes.Repeat(scan, MaxJPEGScans)...)
	if err := CheckJPEG(append(few, 0xFF, 0xD9)); err != nil {
		t.Errorf("%d scans: %v", MaxJPEGScans, err)
	}
}

// CheckPicture refuses a picture larger than asked, by its own header, and
// bytes that are no picture.
func TestCheckPicture(t *testing.T) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 10, 10)), nil); err != nil {
		t.Fatal(err)
	}
	if err := CheckPicture(buf.Bytes(), 100); err != nil {
		t.Errorf("10×10 within 100 pixels: %v", err)
	}
	if err := CheckPicture(buf.Bytes(), 99); err == nil || !strings.Contains(err.Error(), "10×10") {
		t.Errorf("10×10 within 99 pixels: %v", err)
	}
	if err := CheckPicture([]byte("not a picture"), 100); err == nil {
		t.Error("no error for bytes that are no picture")
	}
}
