package xlsx

import "time"

// Properties are the document's properties (docProps/core.xml and
// app.xml). A zero time is left out.
type Properties struct {
	Title, Subject, Creator, LastModifiedBy string
	Created, Modified                       time.Time
	// Application names the program that wrote the file.
	Application string
}

// coreXML writes docProps/core.xml.
func (pr Properties) coreXML() []byte {
	var p part
	p.WriteString(xmlHeader)
	p.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	for _, e := range []struct{ tag, v string }{
		{"dc:title", pr.Title}, {"dc:subject", pr.Subject}, {"dc:creator", pr.Creator}, {"cp:lastModifiedBy", pr.LastModifiedBy},
	} {
		if e.v == "" {
			continue
		}
		p.WriteString("<" + e.tag + ">")
		p.text(e.v)
		p.WriteString("</" + e.tag + ">")
	}
	for _, e := range []struct {
		tag string
		t   time.Time
	}{{"dcterms:created", pr.Created}, {"dcterms:modified", pr.Modified}} {
		if e.t.IsZero() {
			continue
		}
		p.WriteString("<" + e.tag + ` xsi:type="dcterms:W3CDTF">` + e.t.UTC().Format(time.RFC3339) + "</" + e.tag + ">")
	}
	p.WriteString("</cp:coreProperties>")
	return p.Bytes()
}

// appXML writes docProps/app.xml.
func (pr Properties) appXML() []byte {
	var p part
	p.WriteString(xmlHeader)
	p.WriteString(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`)
	if pr.Application != "" {
		p.WriteString("<Application>")
		p.text(pr.Application)
		p.WriteString("</Application>")
	}
	p.WriteString("<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop></Properties>")
	return p.Bytes()
}
