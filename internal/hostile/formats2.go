package hostile

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Hostile inputs in the formats other than PDF (RTF, HTML, DOCX, pictures,
// plain text), second round.

// RTFOpenRow is an RTF document whose one table row has n cells and never
// ends (no \row): the cells pile up before the row is complete.
func RTFOpenRow(n int) []byte {
	return []byte(`{\rtf1\ansi \trowd\cellx1000\intbl ` + strings.Repeat(`\cell`, n) + `}`)
}

// RTFCellParagraphs is an RTF table cell of n paragraphs (\par inside
// \intbl), never closed by \cell.
func RTFCellParagraphs(n int) []byte {
	return []byte(`{\rtf1\ansi \trowd\cellx1000\intbl ` + strings.Repeat(`ab\par `, n) + `}`)
}

// RTFFontTable is an RTF document whose font table defines n fonts.
func RTFFontTable(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{\rtf1\ansi\ansicpg936{\fonttbl`)
	for i := range n {
		fmt.Fprintf(&b, `\f%d\fcharset134 `, i)
	}
	b.WriteString("}\\pard 本机关2023年收到申请12件。\\par}")
	return b.Bytes()
}

// RTFTitle is an RTF document whose \info title is size bytes long.
func RTFTitle(size int) []byte {
	return []byte(`{\rtf1\ansi{\info{\title ` + strings.Repeat("A", size) + `}}\pard 本机关2023年收到申请12件。\par}`)
}

// RTFLongParagraph is one RTF paragraph of size bytes of plain letters.
func RTFLongParagraph(size int) []byte {
	return []byte(`{\rtf1\ansi\pard ` + strings.Repeat("abcdefgh", size/8) + `\par}`)
}

// RTFUnicodeRun is one RTF paragraph of n \uN escapes.
func RTFUnicodeRun(n int) []byte {
	return []byte(`{\rtf1\ansi\uc1\pard ` + strings.Repeat(`\u20320?`, n) + `\par}`)
}

// RTFManyCellx is an RTF row that defines n cell boundaries.
func RTFManyCellx(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{\rtf1\ansi\trowd`)
	for i := range n {
		fmt.Fprintf(&b, `\cellx%d`, i+1)
	}
	b.WriteString(`\intbl 1\cell\row\pard\par}`)
	return b.Bytes()
}

// RTFDeepUD is an RTF document n groups deep, whose innermost group holds
// k \ud control words (each looks through the open groups for \upr).
func RTFDeepUD(depth, k int) []byte {
	return []byte(`{\rtf1\ansi` + strings.Repeat("{", depth-2) + strings.Repeat(`\ud`, k) + strings.Repeat("}", depth-2) + `\pard 本机关\par}`)
}

// docxParts is a .docx with the given parts besides the content types.
func docxParts(parts map[string]func(w io.Writer)) []byte { return docxZip(parts, nil) }

// docxZip is docxParts with the entries more adds after the parts (nil:
// none).
func docxZip(parts map[string]func(w io.Writer), more func(*zip.Writer)) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("[Content_Types].xml")
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`)
	for _, name := range slices.Sorted(maps.Keys(parts)) {
		w, _ := zw.Create(name)
		parts[name](w)
	}
	if more != nil {
		more(zw)
	}
	zw.Close()
	return buf.Bytes()
}

const docxOpen = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`
const docxClose = `</w:body></w:document>`

func repeatTo(w io.Writer, s string, size int) {
	chunk := strings.Repeat(s, max(1, (64<<10)/len(s)))
	for n := 0; n < size; n += len(chunk) {
		io.WriteString(w, chunk)
	}
}

// DOCXLongRun is a .docx whose one w:t run is size bytes of text.
func DOCXLongRun(size int) []byte {
	return docxParts(map[string]func(io.Writer){"word/document.xml": func(w io.Writer) {
		io.WriteString(w, docxOpen+`<w:p><w:r><w:t>`)
		repeatTo(w, "本机关收到申请十二件。", size)
		io.WriteString(w, `</w:t></w:r></w:p>`+docxClose)
	}})
}

// DOCXNestedTableRows is a .docx with a table nested in a cell of another,
// of rows rows.
func DOCXNestedTableRows(rows int) []byte {
	return docxParts(map[string]func(io.Writer){"word/document.xml": func(w io.Writer) {
		io.WriteString(w, docxOpen+`<w:tbl><w:tr><w:tc><w:tbl>`)
		for range rows {
			io.WriteString(w, `<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>`)
		}
		io.WriteString(w, `</w:tbl><w:p/></w:tc></w:tr></w:tbl>`+docxClose)
	}})
}

// DOCXManyRels is a .docx whose package relationships part (_rels/.rels)
// is size bytes of relationships.
func DOCXManyRels(size int) []byte {
	return docxParts(map[string]func(io.Writer){
		"_rels/.rels": func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
			repeatTo(w, `<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/x" Target="word/x.xml"/>`, size)
			io.WriteString(w, `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`)
		},
		"word/document.xml": func(w io.Writer) {
			io.WriteString(w, docxOpen+`<w:p><w:r><w:t>本机关2023年收到政府信息公开申请12件。</w:t></w:r></w:p>`+docxClose)
		},
	})
}

// DOCXHugeCore is a .docx whose docProps/core.xml is size bytes.
func DOCXHugeCore(size int) []byte {
	return docxParts(map[string]func(io.Writer){
		"docProps/core.xml": func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>`)
			repeatTo(w, "年度报告", size)
			io.WriteString(w, `</dc:title></cp:coreProperties>`)
		},
		"word/document.xml": func(w io.Writer) {
			io.WriteString(w, docxOpen+`<w:p><w:r><w:t>本机关2023年收到政府信息公开申请12件。</w:t></w:r></w:p>`+docxClose)
		},
	})
}

// DOCXSamePicture is a .docx whose part 二 shows the same picture of size
// bytes (a white PNG padded with zeros) n times.
func DOCXSamePicture(n, size int) []byte {
	pic := paddedPNG(size)
	return docxParts(map[string]func(io.Writer){
		"word/_rels/document.xml.rels": func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>`)
		},
		"word/media/image1.png": func(w io.Writer) { w.Write(pic) },
		"word/document.xml": func(w io.Writer) {
			io.WriteString(w, docxOpen+`<w:p><w:r><w:t>二、主动公开政府信息情况</w:t></w:r></w:p>`)
			for range n {
				io.WriteString(w, `<w:p><w:r><w:drawing><a:blip r:embed="rId5"/></w:drawing></w:r></w:p>`)
			}
			io.WriteString(w, docxClose)
		},
	})
}

// paddedPNG is a white PNG of 8×8 pixels (too small to be read, so no
// OCR runs on it) followed by zeros up to size bytes (decoders stop at
// IEND).
func paddedPNG(size int) []byte {
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	out := make([]byte, max(size, b.Len()))
	copy(out, b.Bytes())
	return out
}

// HTMLSamePicture is an HTML page whose part 二 shows one picture, given as
// a data: URL of size bytes, n times.
func HTMLSamePicture(n, size int) []byte {
	var b bytes.Buffer
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>二、主动公开政府信息情况</p>`)
	src := "data:image/png;base64," + base64.StdEncoding.EncodeToString(paddedPNG(size))
	for range n {
		b.WriteString(`<p><img src="` + src + `"></p>`)
	}
	b.WriteString(`</body></html>`)
	return b.Bytes()
}

// BigPNG is a PNG of w×h white pixels, 16 bits per channel with alpha
// (what decoding it allocates: 8 bytes a pixel), small on disk.
func BigPNG(w, h int) []byte {
	var idat bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&idat, zlib.BestCompression)
	row := bytes.Repeat([]byte{0xff}, 1+8*w)
	row[0] = 0 // filter: none
	for range h {
		zw.Write(row)
	}
	zw.Close()
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		io.WriteString(crc, kind)
		crc.Write(data)
		b.WriteString(kind)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 16, 6 // 16-bit RGBA
	chunk("IHDR", ihdr[:])
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
	return b.Bytes()
}

// TextOnlyCR is plain text of about size bytes whose lines end in a bare CR.
func TextOnlyCR(size int) []byte {
	return bytes.ReplaceAll(Text(size), []byte("\n"), []byte("\r"))
}

// HTMLSameFile is an HTML page whose part 二 shows the picture file name
// (next to the page) n times.
func HTMLSameFile(n int, name string) []byte {
	var b bytes.Buffer
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>二、主动公开政府信息情况</p>`)
	for range n {
		b.WriteString(`<p><img src="` + name + `"></p>`)
	}
	b.WriteString(`</body></html>`)
	return b.Bytes()
}

// PaddedPNG is a small white PNG followed by zeros up to size bytes.
func PaddedPNG(size int) []byte { return paddedPNG(size) }

// HTMLHugeToken is a page with one token of about size bytes: an attribute
// value, a comment never closed, a script, or a paragraph of text in
// ISO-2022-JP (a stateful charset).
func HTMLHugeToken(kind string, size int) []byte {
	head := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>2023年政府信息公开工作年度报告</title></head><body><p>本机关2023年收到申请12件。</p>`
	switch kind {
	case "attribute":
		return []byte(head + `<div class="` + strings.Repeat("a", size) + `">本机关</div></body></html>`)
	case "comment":
		return []byte(head + `<!-- ` + strings.Repeat("本机关收到申请。", size/24))
	case "script":
		return []byte(head + `<script>` + strings.Repeat("var a=1;", size/8) + `</script><p>本机关</p></body></html>`)
	}
	return []byte(`<html><head><meta charset="iso-2022-jp"></head><body><p>本机关</p><p>` + "\x1b$B" + strings.Repeat("0!", size/2) + `</p></body></html>`)
}

// TextManyLines is a text report followed by n one-character lines, each
// after a blank line.
func TextManyLines(n int) []byte {
	return []byte(reportHead + strings.Repeat("1\n\n", n))
}

// DOCXManyEntries is a .docx whose zip holds, besides its two parts, n
// empty entries: a small file whose central directory archive/zip reads
// whole (n = 1,000,000: 108 MB, 400 MB read).
func DOCXManyEntries(n int) []byte {
	body := func(w io.Writer) {
		io.WriteString(w, docxOpen+"<w:p><w:r><w:t>"+sentence+"</w:t></w:r></w:p>"+docxClose)
	}
	return docxZip(map[string]func(io.Writer){"word/document.xml": body}, func(zw *zip.Writer) {
		for i := range n {
			zw.CreateHeader(&zip.FileHeader{Name: "x/" + strconv.Itoa(i), Method: zip.Store})
		}
	})
}

// MHTML is a web page saved as one file (.mht): the page as
// quoted-printable, then each extra part as given (already encoded, with
// its headers).
func MHTML(page string, parts ...string) []byte {
	var b bytes.Buffer
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"=b=\"; type=\"text/html\"\r\n\r\n")
	b.WriteString("--=b=\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: file:///C:/r.htm\r\n\r\n")
	b.WriteString(strings.ReplaceAll(page, "=", "=3D"))
	for _, p := range parts {
		b.WriteString("\r\n--=b=\r\n")
		b.WriteString(p)
	}
	b.WriteString("\r\n--=b=--\r\n")
	return b.Bytes()
}

// mhtmlPage is the report page of the MHTML cases: a sentence and, under
// part 三, the pictures r.files/0.png … r.files/(n-1).png.
func mhtmlPage(n int) string {
	var b strings.Builder
	b.WriteString(`<html><body><p>某县2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>` + sentence + `</p><p>三、收到和处理政府信息公开申请情况</p>`)
	for i := range n {
		fmt.Fprintf(&b, `<img src="r.files/%d.png">`, i)
	}
	b.WriteString(`</body></html>`)
	return b.String()
}

// MHTMLBigPictures is a saved page that shows n pictures, each a PNG
// padded to size bytes, stored base64 in the file (n·size bytes of
// pictures for the memory budget).
func MHTMLBigPictures(n, size int) []byte {
	pic := base64.StdEncoding.EncodeToString(paddedPNG(size))
	var parts []string
	for i := range n {
		parts = append(parts, fmt.Sprintf("Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-Location: file:///C:/r.files/%d.png\r\n\r\n%s", i, pic))
	}
	return MHTML(mhtmlPage(n), parts...)
}

// MHTMLManyParts is a saved page followed by n empty parts.
func MHTMLManyParts(n int) []byte {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = "Content-Type: image/png\r\n\r\n"
	}
	return MHTML(mhtmlPage(0), parts...)
}

// MHTMLHugePage is a saved page of about size bytes of prose.
func MHTMLHugePage(size int) []byte {
	return MHTML(`<html><body><p>某县2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>` +
		strings.Repeat(sentence, size/len(sentence)) + `</p></body></html>`)
}

// DOCXPictures is a .docx of the given paragraphs followed by the given
// JPEG pictures, one per paragraph, in order (a report scanned and pasted
// into Word page by page). A nil picture is linked from outside the file
// (r:link to file:///C:/scan/N.jpg), as LibreOffice keeps a web page's.
func DOCXPictures(paras []string, jpegs [][]byte) []byte {
	parts := map[string]func(io.Writer){}
	var rels, body strings.Builder
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	body.WriteString(docxOpen)
	for _, p := range paras {
		body.WriteString(`<w:p><w:r><w:t>` + p + `</w:t></w:r></w:p>`)
	}
	for i, pic := range jpegs {
		if pic == nil {
			fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="file:///C:/scan/%d.jpg" TargetMode="External"/>`, i+10, i+1)
			fmt.Fprintf(&body, `<w:p><w:r><w:drawing><a:blip r:link="rId%d"/></w:drawing></w:r></w:p>`, i+10)
			continue
		}
		name := fmt.Sprintf("media/image%d.jpeg", i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="%s"/>`, i+10, name)
		fmt.Fprintf(&body, `<w:p><w:r><w:drawing><a:blip r:embed="rId%d"/></w:drawing></w:r></w:p>`, i+10)
		parts["word/"+name] = func(w io.Writer) { w.Write(pic) }
	}
	rels.WriteString(`</Relationships>`)
	body.WriteString(docxClose)
	parts["word/_rels/document.xml.rels"] = func(w io.Writer) { io.WriteString(w, rels.String()) }
	parts["word/document.xml"] = func(w io.Writer) { io.WriteString(w, body.String()) }
	return docxParts(parts)
}
