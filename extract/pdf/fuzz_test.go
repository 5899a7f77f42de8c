package pdf

import (
	"bytes"
	"fmt"
	"testing"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/nianbao/nianbao/extract/layout"
)

// fuzzResources builds a document with a simple font, an Identity-V font,
// a GBK font, a Type 3 font, an image and two forms (one drawing itself),
// and returns the resources of its page: fuzzed content streams run
// against them.
func fuzzResources(tb testing.TB) (*lpdf.Reader, lpdf.Value, lpdf.Value) {
	b := newPDF()
	f1 := b.helv()
	tu := b.toUnicode("三、本年度")
	f2 := b.cidFont("/Identity-V", tu, "/W [1 [500 600] 3 5 700]")
	f3 := b.cidFont("/GBK-EUC-H", 0, "")
	t3 := b.add(`<< /Type /Font /Subtype /Type3 /FontBBox [0 0 100 100] /FontMatrix [0.01 0 0 0.01 0 0]
/CharProcs << >> /Encoding << /Differences [65 /A /B /g7] >> /FirstChar 65 /LastChar 67 /Widths [50 80] >>`)
	img := b.stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray", []byte{0})
	form := b.stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 9 9] /Matrix [1 0 0 1 5 5] /Resources << /Font << /F1 %d 0 R >> >>", f1),
		[]byte("BT /F1 9 Tf (form) Tj ET 0 0 m 9 9 l S"))
	self := b.add("")
	b.set(self, fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /Me %d 0 R >> >> /Length 6 >>\nstream\n/Me Do\nendstream", self))
	res := fmt.Sprintf("<< /Font << /F1 %d 0 R /F2 %d 0 R /F3 %d 0 R /T3 %d 0 R >> /XObject << /Im %d 0 R /Fm %d 0 R /Me %d 0 R >> /ColorSpace << /CS0 [/ICCBased %d 0 R] >> >>",
		f1, f2, f3, t3, img, form, self, b.stream("/N 3", nil))
	b.page("", res, "")
	data := b.bytes()
	rd, err := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	page := firstPage(rd)
	return rd, page.Key("Resources"), page
}

func FuzzContent(f *testing.F) {
	_, res, page := fuzzResources(f)
	for _, s := range []string{
		"BT /F1 12 Tf 1 0 0 1 100 700 Tm [(Hello) -250 (World)] TJ ET",
		"BT /F2 10 Tf 0.05 0 0 -0.05 80 600 Tm <000100020003> Tj 0 -20 TD <0004> Tj T* <0005> ' 1 2 <0001> \" ET",
		"BT /F3 10 Tf 2 Tc 3 Tw 80 Tz 12 TL 2 Ts 2 Tr <B6FE41> Tj ET BT /T3 20 Tf (ABC) Tj ET",
		"1 0 0 -1 0 842 cm 0.96 w 75 459 m 517 459 l S 10 10 100 1 re f 10 10 100 100 re W* n q Q Q Q",
		"q 100 0 0 100 50 50 cm /Im Do Q /Fm Do /Me Do BI /W 1 /H 1 ID \x00\xffEI EI Q",
		"/CS0 cs 1 1 1 scn 0 0 100 100 re f /CS0 CS 0.5 0.5 0.5 SCN 0 0 m 1 1 l 2 2 3 3 4 4 c h s b* B n",
		"<< /MCID 0 >> BDC [[[ ]]] << << >> >> EMC (unterminated",
		"BT /F1 1e308 Tf 1e308 0 0 1e308 0 0 Tm (x) Tj ET -- 5- .5. +-3 Tf",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := newDocState()
		g := layout.PageGeom{Number: 1, Width: 612, Height: 792}
		in := newInterp(doc, &g, matrix{1, 0, 0, -1, 0, 792})
		r := doc.resources(res, page)
		if err := in.run(data, r); err != nil && err != errTooManyOps {
			t.Fatalf("run: %v", err)
		}
	})
}
