package xlsx

import (
	"archive/zip"
	"fmt"
	"io"
	"time"
)

// zipTime is the modification time of every part, so that the same
// workbook gives the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Relationship and content types of the parts.
const (
	relNS         = "http://schemas.openxmlformats.org/package/2006/relationships"
	relDoc        = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	ctSpreadsheet = "application/vnd.openxmlformats-officedocument.spreadsheetml."
)

type rel struct{ id, typ, target string }

// relsXML writes a relationships part.
func relsXML(rels []rel) []byte {
	var p part
	p.WriteString(xmlHeader)
	p.WriteString(`<Relationships xmlns="` + relNS + `">`)
	for _, r := range rels {
		p.WriteString("<Relationship")
		p.attr("Id", r.id)
		p.attr("Type", r.typ)
		p.attr("Target", r.target)
		p.WriteString("/>")
	}
	p.WriteString("</Relationships>")
	return p.Bytes()
}

type entry struct {
	name string
	data []byte
}

// Write writes the workbook as an .xlsx file: the parts in a fixed order,
// each with the same timestamp. It returns the first error a sheet met
// while being filled, or the writer's.
func (w *Workbook) Write(out io.Writer) error {
	if len(w.sheets) == 0 {
		return fmt.Errorf("工作簿没有工作表")
	}
	for _, s := range w.sheets {
		if s.err != nil {
			return s.err
		}
	}
	var (
		sst       sharedStrings
		sheets    []entry // worksheets, their rels, comments and drawings
		overrides = []string{
			"/xl/workbook.xml", ctSpreadsheet + "sheet.main+xml",
			"/xl/styles.xml", ctSpreadsheet + "styles+xml",
			"/xl/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml",
			"/xl/sharedStrings.xml", ctSpreadsheet + "sharedStrings+xml",
			"/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml",
			"/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml",
		}
		wbRels  []rel
		hasVML  bool
		noteNum int
	)
	for i, s := range w.sheets {
		n := i + 1
		sheetPart := fmt.Sprintf("xl/worksheets/sheet%d.xml", n)
		wbRels = append(wbRels, rel{fmt.Sprintf("rId%d", n), relDoc + "worksheet", fmt.Sprintf("worksheets/sheet%d.xml", n)})
		overrides = append(overrides, "/"+sheetPart, ctSpreadsheet+"worksheet+xml")
		if len(s.comments) == 0 {
			sheets = append(sheets, entry{sheetPart, s.xml(&sst, i == w.active, "")})
			continue
		}
		noteNum++
		hasVML = true
		cs := s.sortedComments()
		commentsPart := fmt.Sprintf("xl/comments%d.xml", noteNum)
		vmlPart := fmt.Sprintf("xl/drawings/vmlDrawing%d.vml", noteNum)
		overrides = append(overrides, "/"+commentsPart, ctSpreadsheet+"comments+xml")
		sheets = append(sheets,
			entry{sheetPart, s.xml(&sst, i == w.active, "rId1")},
			entry{fmt.Sprintf("xl/worksheets/_rels/sheet%d.xml.rels", n), relsXML([]rel{
				{"rId1", relDoc + "vmlDrawing", fmt.Sprintf("../drawings/vmlDrawing%d.vml", noteNum)},
				{"rId2", relDoc + "comments", fmt.Sprintf("../comments%d.xml", noteNum)},
			})},
			entry{commentsPart, commentsXML(cs)},
			entry{vmlPart, vmlXML(cs, noteNum)},
		)
	}
	n := len(w.sheets)
	wbRels = append(wbRels,
		rel{fmt.Sprintf("rId%d", n+1), relDoc + "styles", "styles.xml"},
		rel{fmt.Sprintf("rId%d", n+2), relDoc + "sharedStrings", "sharedStrings.xml"},
		rel{fmt.Sprintf("rId%d", n+3), relDoc + "theme", "theme/theme1.xml"})

	parts := []entry{
		{"[Content_Types].xml", contentTypes(overrides, hasVML)},
		{"_rels/.rels", relsXML([]rel{
			{"rId1", relDoc + "officeDocument", "xl/workbook.xml"},
			{"rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"},
			{"rId3", relDoc + "extended-properties", "docProps/app.xml"},
		})},
		{"docProps/core.xml", w.props.coreXML()},
		{"docProps/app.xml", w.props.appXML()},
		{"xl/workbook.xml", w.workbookXML()},
		{"xl/_rels/workbook.xml.rels", relsXML(wbRels)},
		{"xl/styles.xml", w.styles.xml()},
		{"xl/theme/theme1.xml", themeXML()},
	}
	parts = append(parts, sheets...)
	parts = append(parts, entry{"xl/sharedStrings.xml", sst.xml()})
	return writeZip(out, parts)
}

// contentTypes writes [Content_Types].xml.
func contentTypes(overrides []string, vml bool) []byte {
	var p part
	p.WriteString(xmlHeader)
	p.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	p.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	p.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	if vml {
		p.WriteString(`<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>`)
	}
	for i := 0; i < len(overrides); i += 2 {
		p.WriteString("<Override")
		p.attr("PartName", overrides[i])
		p.attr("ContentType", overrides[i+1])
		p.WriteString("/>")
	}
	p.WriteString("</Types>")
	return p.Bytes()
}

func writeZip(out io.Writer, parts []entry) error {
	zw := zip.NewWriter(out)
	for _, e := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return fmt.Errorf("写入 %s：%w", e.name, err)
		}
		if _, err := f.Write(e.data); err != nil {
			return fmt.Errorf("写入 %s：%w", e.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("写入工作簿：%w", err)
	}
	return nil
}
