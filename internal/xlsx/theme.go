package xlsx

// themeXML is xl/theme/theme1.xml: Office's default colour scheme and
// fonts with the least formatting scheme the schema (DrawingML,
// CT_StyleMatrix) accepts — three fills, lines, effects and background
// fills. Spreadsheets resolve theme colours through it, and some readers
// will not resolve even plain RGB colours of a workbook without one.
func themeXML() []byte {
	var p part
	p.WriteString(xmlHeader)
	p.WriteString(`<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"><a:themeElements>`)
	p.WriteString(`<a:clrScheme name="Office">`)
	p.WriteString(`<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>`)
	for _, c := range [][2]string{
		{"dk2", "44546A"}, {"lt2", "E7E6E6"}, {"accent1", "4472C4"}, {"accent2", "ED7D31"}, {"accent3", "A5A5A5"},
		{"accent4", "FFC000"}, {"accent5", "5B9BD5"}, {"accent6", "70AD47"}, {"hlink", "0563C1"}, {"folHlink", "954F72"},
	} {
		p.WriteString(`<a:` + c[0] + `><a:srgbClr val="` + c[1] + `"/></a:` + c[0] + `>`)
	}
	p.WriteString(`</a:clrScheme><a:fontScheme name="Office">`)
	for _, f := range [][2]string{{"majorFont", "Calibri Light"}, {"minorFont", "Calibri"}} {
		p.WriteString(`<a:` + f[0] + `><a:latin typeface="` + f[1] + `"/><a:ea typeface=""/><a:cs typeface=""/>`)
		p.WriteString(`<a:font script="Hans" typeface="等线"/></a:` + f[0] + `>`)
	}
	p.WriteString(`</a:fontScheme><a:fmtScheme name="Office">`)
	solid := `<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>`
	p.WriteString(`<a:fillStyleLst>` + solid + solid + solid + `</a:fillStyleLst><a:lnStyleLst>`)
	for _, w := range []string{"6350", "12700", "19050"} {
		p.WriteString(`<a:ln w="` + w + `">` + solid + `</a:ln>`)
	}
	p.WriteString(`</a:lnStyleLst><a:effectStyleLst>`)
	for range 3 {
		p.WriteString(`<a:effectStyle><a:effectLst/></a:effectStyle>`)
	}
	p.WriteString(`</a:effectStyleLst><a:bgFillStyleLst>` + solid + solid + solid + `</a:bgFillStyleLst>`)
	p.WriteString(`</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>`)
	return p.Bytes()
}
