package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/hostile"
)

// pngUp encodes rows with the PNG "Up" predictor (filter byte 2), then
// Flate: the way many scanners store grey strips.
func pngUp(rows [][]byte) []byte {
	var raw bytes.Buffer
	prev := make([]byte, len(rows[0]))
	for _, r := range rows {
		raw.WriteByte(2)
		for i, v := range r {
			raw.WriteByte(v - prev[i])
		}
		prev = r
	}
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(raw.Bytes())
	w.Close()
	return z.Bytes()
}

// extractImages runs the PDF backend over a handmade file and returns the
// pictures it hands to the OCR stage and its problems; decoded pictures,
// which the backend hands over as PNG, are decoded again as the OCR stage
// decodes them.
func extractImages(t *testing.T, data []byte) ([]extract.Image, []extract.Problem) {
	t.Helper()
	doc, err := Extract(context.Background(), "test.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	for i, im := range doc.Images {
		if im.Pix == nil && bytes.HasPrefix(im.Data, []byte("\x89PNG")) {
			if doc.Images[i].Pix, _, err = image.Decode(bytes.NewReader(im.Data)); err != nil {
				t.Fatalf("page %d: %v", im.Page, err)
			}
		}
	}
	return doc.Images, doc.Problems
}

func greyAt(t *testing.T, im extract.Image, x, y int) uint8 {
	t.Helper()
	g, ok := im.Pix.(*image.Gray)
	if !ok {
		t.Fatalf("picture %T, want *image.Gray", im.Pix)
	}
	return g.GrayAt(x, y).Y
}

// A scan cut into two strips, each stored differently (Flate with the
// PNG Up predictor; 4-bit indexed colour), is read as one picture where
// the strips are drawn.
func TestScanStripsComposed(t *testing.T) {
	b := newPDF()
	// strip 1: 8×4 grey, white with a black left column
	var rows [][]byte
	for range 4 {
		rows = append(rows, []byte{0, 255, 255, 255, 255, 255, 255, 255})
	}
	top := b.stream("/Type /XObject /Subtype /Image /Width 8 /Height 4 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 1 /Columns 8 >>", pngUp(rows))
	// strip 2: 8×4, 4-bit indexes into a palette of black and white (RGB),
	// black in the right column
	pal := "<000000FFFFFF>"
	var idx []byte
	for range 4 {
		idx = append(idx, 0x11, 0x11, 0x11, 0x10) // index 0 (black) in the last pixel, 1 elsewhere
	}
	bottom := b.stream(fmt.Sprintf("/Type /XObject /Subtype /Image /Width 8 /Height 4 /BitsPerComponent 4 /ColorSpace [/Indexed /DeviceRGB 1 %s]", pal), idx)
	res := fmt.Sprintf("<< /XObject << /A %d 0 R /B %d 0 R >> >>", top, bottom)
	// the top strip is drawn in the top half of the page (PDF y up)
	b.page("q 612 0 0 306 0 306 cm /A Do Q q 612 0 0 306 0 0 cm /B Do Q", res, "/MediaBox [0 0 612 612]")
	imgs, probs := extractImages(t, b.bytes())
	if len(imgs) != 1 {
		t.Fatalf("%d pictures, want 1 (problems %v)", len(imgs), probs)
	}
	im := imgs[0]
	if im.Box != (extract.Box{X0: 0, Y0: 0, X1: 612, Y1: 612}) || !im.WholePage || im.Page != 1 {
		t.Errorf("picture at %+v page %d whole %v", im.Box, im.Page, im.WholePage)
	}
	if r := im.Pix.Bounds(); r.Dx() != 8 || r.Dy() != 8 {
		t.Errorf("composed size %v, want 8×8", r)
	}
	h := im.Pix.Bounds().Dy()
	for _, c := range []struct {
		x, y int
		want uint8
	}{{0, 0, 0}, {7, 0, 255}, {0, h - 1, 255}, {7, h - 1, 0}} {
		if got := greyAt(t, im, c.x, c.y); got != c.want {
			t.Errorf("pixel %d,%d = %d, want %d", c.x, c.y, got, c.want)
		}
	}
	if !strings.Contains(im.Name, "A") || !strings.Contains(im.Name, "B") {
		t.Errorf("name %q, want both strips", im.Name)
	}
}

// The sample formats of scanned images: bit depths 1, 2, 4, 16, /Decode
// [1 0], stencil masks, CCITT Group 4, and codecs that are not decoded
// (a problem naming the page and the codec).
func TestScanImageFormats(t *testing.T) {
	g4, _ := hex.DecodeString("26a2ffe0020020") // 16×4, left half black (ImageMagick -compress Group4)
	for _, c := range []struct {
		name string
		dict string
		data []byte
		want []uint8 // the first pixels of the first row
		err  string
	}{
		{"1-bit", "/Width 8 /Height 1 /BitsPerComponent 1 /ColorSpace /DeviceGray", []byte{0x0f}, []uint8{0, 0, 0, 0, 255, 255}, ""},
		{"1-bit /Decode [1 0]", "/Width 8 /Height 1 /BitsPerComponent 1 /ColorSpace /DeviceGray /Decode [1 0]", []byte{0x0f}, []uint8{255, 255, 255, 255, 0}, ""},
		{"2-bit", "/Width 4 /Height 1 /BitsPerComponent 2 /ColorSpace /DeviceGray", []byte{0x1b}, []uint8{0, 85, 170, 255}, ""},
		{"4-bit", "/Width 2 /Height 1 /BitsPerComponent 4 /ColorSpace /DeviceGray", []byte{0xf0}, []uint8{255, 0}, ""},
		{"16-bit", "/Width 2 /Height 1 /BitsPerComponent 16 /ColorSpace /DeviceGray", []byte{0xff, 0xff, 0x80, 0xff}, []uint8{255, 128}, ""},
		{"stencil mask", "/Width 8 /Height 1 /ImageMask true", []byte{0xf0}, []uint8{255, 255, 255, 255, 0}, ""},
		{"CCITT Group 4", "/Width 16 /Height 4 /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 16 /Rows 4 >>", g4, []uint8{0, 0, 0, 0, 0, 0, 0, 0, 255, 255}, ""},
		{"CCITT BlackIs1", "/Width 16 /Height 4 /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 16 /Rows 4 /BlackIs1 true >>", g4, []uint8{255, 255, 255, 255, 255, 255, 255, 255, 0}, ""},
		// without pdftoppm (PATH emptied below): the problem says how to have the page rendered
		{"JBIG2", "/Width 8 /Height 8 /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /JBIG2Decode", []byte{0}, nil,
			"第1页的扫描图像无法取出进行OCR识别：图像Im1使用JBIG2编码，本程序不能直接解码；安装 pdftoppm 后可将页面渲染后以OCR识别（apt-get install poppler-utils）"},
		{"JPX", "/Width 8 /Height 8 /Filter /JPXDecode", []byte{0}, nil,
			"第1页的扫描图像无法取出进行OCR识别：图像Im1使用JPEG 2000（JPX）编码，本程序不能直接解码；安装 pdftoppm 后可将页面渲染后以OCR识别（apt-get install poppler-utils）"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.err != "" {
				t.Setenv("PATH", t.TempDir())
			}
			b := newPDF()
			img := b.stream("/Type /XObject /Subtype /Image "+c.dict, c.data)
			b.page("q 612 0 0 792 0 0 cm /Im1 Do Q", fmt.Sprintf("<< /XObject << /Im1 %d 0 R >> >>", img), "")
			imgs, probs := extractImages(t, b.bytes())
			if c.err != "" {
				found := false
				for _, p := range probs {
					found = found || p.Code == extract.ProblemUnsupported && p.Page == 1 && p.Message == c.err
				}
				if !found || len(imgs) != 0 {
					t.Errorf("problems %v, pictures %d; want the problem %q", probs, len(imgs), c.err)
				}
				return
			}
			if len(imgs) != 1 {
				t.Fatalf("%d pictures (problems %v)", len(imgs), probs)
			}
			for x, w := range c.want {
				if got := greyAt(t, imgs[0], x, 0); got != w {
					t.Errorf("pixel %d = %d, want %d", x, got, w)
				}
			}
		})
	}
}

// scanSource is the plain PDF the encrypted scan fixture is made from
// (testdata/README.md): page 1 a 16×16 JPEG, page 2 a 16×16 Flate grey
// image, both black on their left half.
func scanSource() []byte {
	b := newPDF()
	g := image.NewGray(image.Rect(0, 0, 16, 16))
	for y := range 16 {
		for x := range 16 {
			if x >= 8 {
				g.Pix[y*16+x] = 255
			}
		}
	}
	var j bytes.Buffer
	jpeg.Encode(&j, g, &jpeg.Options{Quality: 95})
	im1 := b.stream("/Type /XObject /Subtype /Image /Width 16 /Height 16 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /DCTDecode", j.Bytes())
	im2 := b.flate("/Type /XObject /Subtype /Image /Width 16 /Height 16 /BitsPerComponent 8 /ColorSpace /DeviceGray", g.Pix)
	b.page("q 612 0 0 612 0 0 cm /Im1 Do Q", fmt.Sprintf("<< /XObject << /Im1 %d 0 R >> >>", im1), "/MediaBox [0 0 612 612]")
	b.page("q 612 0 0 612 0 0 cm /Im1 Do Q", fmt.Sprintf("<< /XObject << /Im1 %d 0 R >> >>", im2), "/MediaBox [0 0 612 612]")
	return b.bytes()
}

func TestWriteEncryptedScanSource(t *testing.T) {
	out := os.Getenv("NIANBAO_WRITE_PLAIN_SCAN")
	if out == "" {
		t.Skip("set NIANBAO_WRITE_PLAIN_SCAN=path to write the plain source of enc_scan_aes128.pdf")
	}
	if err := os.WriteFile(out, scanSource(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The pictures of an encrypted scan (opened with the empty user password)
// are decrypted: a JPEG (taken as stored, then decrypted) and a Flate
// image (decrypted, then inflated).
func TestEncryptedScan(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "enc_scan_aes128.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	imgs, probs := extractImages(t, data)
	if len(imgs) != 2 {
		t.Fatalf("%d pictures, want 2 (problems %v)", len(imgs), probs)
	}
	for _, im := range imgs {
		pix := im.Pix
		if pix == nil {
			if pix, _, err = image.Decode(bytes.NewReader(im.Data)); err != nil {
				t.Fatalf("page %d: the JPEG does not decode (not decrypted?): %v", im.Page, err)
			}
		}
		g := color.GrayModel.Convert(pix.At(2, 8)).(color.Gray).Y
		w := color.GrayModel.Convert(pix.At(13, 8)).(color.Gray).Y
		if g > 40 || w < 215 {
			t.Errorf("page %d: grey %d left, %d right; want black and white", im.Page, g, w)
		}
	}
}

// A scanned page drawing 100 full-page images over one another is not
// composed of them (they would all be decoded first: 3.8 GB); its largest
// image is taken alone.
func TestManyPiecesNotComposed(t *testing.T) {
	imgs, probs := extractImages(t, hostile.PDFManyPieces(100))
	if len(imgs) != 1 || imgs[0].Pix == nil || imgs[0].Pix.Bounds().Dx() != 5000 {
		t.Fatalf("%d pictures (problems %v)", len(imgs), probs)
	}
	if strings.Contains(imgs[0].Name, "+") {
		t.Errorf("picture %.40s…: composed of the pieces", imgs[0].Name)
	}
}
