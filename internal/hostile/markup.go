package hostile

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// DOCXBomb is a small .docx whose word/document.xml inflates to about
// size bytes of ordinary paragraphs (250 MB fits in about 250 KB).
func DOCXBomb(size int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, _ := zw.Create(name)
		io.WriteString(w, body)
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`)
	w, _ := zw.Create("word/document.xml")
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	para := "<w:p><w:r><w:t>本机关2023年收到政府信息公开申请12件。</w:t></w:r></w:p>"
	chunk := strings.Repeat(para, 1000)
	for n := 0; n < size; n += len(chunk) {
		io.WriteString(w, chunk)
	}
	io.WriteString(w, `</w:body></w:document>`)
	zw.Close()
	return buf.Bytes()
}

// DOCX is a small valid .docx with the given paragraphs.
func DOCX(paras ...string) []byte {
	var body strings.Builder
	for _, p := range paras {
		fmt.Fprintf(&body, "<w:p><w:r><w:t>%s</w:t></w:r></w:p>", p)
	}
	return docxBody(body.String())
}

// docxBody is a .docx whose w:body holds body (WordprocessingML).
func docxBody(body string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("[Content_Types].xml")
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`)
	w, _ = zw.Create("word/document.xml")
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	io.WriteString(w, body)
	io.WriteString(w, `</w:body></w:document>`)
	zw.Close()
	return buf.Bytes()
}

// DOCXDeepTables is a .docx whose one paragraph lies inside depth tables,
// each nested in the only cell of the one before.
func DOCXDeepTables(depth int) []byte {
	open := strings.Repeat("<w:tbl><w:tr><w:tc>", depth)
	closing := strings.Repeat("</w:tc></w:tr></w:tbl>", depth)
	return docxBody(open + "<w:p><w:r><w:t>本机关2023年收到政府信息公开申请12件。</w:t></w:r></w:p>" + closing)
}

// HTMLTable is an HTML page with one table of about size bytes (rows of
// six numeric cells).
func HTMLTable(size int) []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>2023年政府信息公开工作年度报告</title></head><body><h1>2023年政府信息公开工作年度报告</h1><table>")
	for r := 0; b.Len() < size; r++ {
		fmt.Fprintf(&b, "<tr><td>第%d行</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr>\n", r, r, r+1, r+2, r+3, r+4)
	}
	b.WriteString("</table></body></html>")
	return b.Bytes()
}

// HTMLNested is an HTML page with depth nested elements (div, table and
// span in turn) around one sentence.
func HTMLNested(depth int) []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>")
	tags := []string{"div", "span", "table><tr><td", "b"}
	for i := 0; i < depth; i++ {
		b.WriteString("<" + tags[i%len(tags)] + ">")
	}
	b.WriteString("本机关2023年收到政府信息公开申请12件。")
	b.WriteString("</body></html>")
	return b.Bytes()
}

// Text is a plain-text report body of about size bytes.
func Text(size int) []byte {
	var b bytes.Buffer
	for b.Len() < size {
		b.WriteString("本机关2023年收到政府信息公开申请12件，其中当面申请3件，网络申请9件。\n")
	}
	return b.Bytes()
}

// TabTable is a text report whose body is one tab-separated table of rows
// × cols one-digit cells (2,000 × 2,000 is 8 MB: four million cells).
func TabTable(rows, cols int) []byte {
	var b bytes.Buffer
	b.WriteString("某县2023年政府信息公开工作年度报告\n")
	row := strings.Repeat("1\t", cols-1) + "1\n"
	for range rows {
		b.WriteString(row)
	}
	return b.Bytes()
}

// RTFTable is an RTF report whose body is one table of rows × cols
// one-digit cells, each row with its own \cellx definitions as Word writes
// them (300 × 2,000 is 15 MB: 600,000 cells).
func RTFTable(rows, cols int) []byte {
	var row strings.Builder
	row.WriteString(`\trowd`)
	for i := range cols {
		fmt.Fprintf(&row, `\cellx%d`, 100*(i+1))
	}
	row.WriteString(strings.Repeat(`\intbl 1\cell `, cols))
	row.WriteString("\\row\n")
	var b bytes.Buffer
	b.WriteString(`{\rtf1\ansi\ansicpg936 {\info{\title 2023}}\pard `)
	for range rows {
		b.WriteString(row.String())
	}
	b.WriteString(`\pard\par}`)
	return b.Bytes()
}

// DOCXMergedColumn is a .docx with a one-column table of rows rows whose
// cell is merged down the whole table (w:vMerge), each row adding text.
func DOCXMergedColumn(rows int) []byte {
	row := `<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>政府信息公开</w:t></w:r></w:p></w:tc></w:tr>`
	first := `<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>申请</w:t></w:r></w:p></w:tc></w:tr>`
	return docxBody("<w:tbl>" + first + strings.Repeat(row, rows) + "</w:tbl>")
}

// RTFMergedColumn is an RTF document with a one-column table of rows rows
// whose cell is merged down the whole table (\clvmgf, \clvmrg), each row
// adding text.
func RTFMergedColumn(rows int) []byte {
	return []byte(`{\rtf1\ansi \trowd\clvmgf\cellx2000 a\intbl\cell\row` +
		strings.Repeat(`\trowd\clvmrg\cellx2000 abcdef\intbl\cell\row`, rows) + `\pard\par}`)
}
