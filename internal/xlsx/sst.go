package xlsx

// sharedStrings is the workbook's table of cell texts: each distinct text
// once, cells refer to it by index.
type sharedStrings struct {
	list  []string
	index map[string]int
	uses  int
}

func (t *sharedStrings) add(s string) int {
	t.uses++
	if i, ok := t.index[s]; ok {
		return i
	}
	if t.index == nil {
		t.index = map[string]int{}
	}
	t.list = append(t.list, s)
	t.index[s] = len(t.list) - 1
	return len(t.list) - 1
}

// xml writes xl/sharedStrings.xml.
func (t *sharedStrings) xml() []byte {
	var p part
	p.WriteString(xmlHeader)
	p.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`)
	p.attrInt("count", t.uses)
	p.attrInt("uniqueCount", len(t.list))
	p.WriteString(">")
	for _, s := range t.list {
		p.WriteString("<si>")
		p.textElement(s)
		p.WriteString("</si>")
	}
	p.WriteString("</sst>")
	return p.Bytes()
}

// textElement writes <t>s</t>, keeping leading and trailing white space
// (xml:space="preserve") where s has any.
func (p *part) textElement(s string) {
	if s != "" && (isSpace(s[0]) || isSpace(s[len(s)-1])) {
		p.WriteString(`<t xml:space="preserve">`)
	} else {
		p.WriteString("<t>")
	}
	p.text(s)
	p.WriteString("</t>")
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
