package xlsx

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// Workbook is a workbook being built: sheets, styles, names, properties.
type Workbook struct {
	sheets []*Sheet
	styles *styles
	names  []DefinedName
	props  Properties
	active int
}

// New returns an empty workbook (it needs at least one sheet to be written).
func New() *Workbook {
	return &Workbook{styles: newStyles()}
}

// MaxSheetName is the longest sheet name Excel accepts, in characters.
const MaxSheetName = 31

// AddSheet appends a sheet. Its name must be 1–31 characters, without
// : \ / ? * [ ], not start or end with an apostrophe, and differ from the
// other sheets' names (letter case ignored, as Excel compares them).
func (w *Workbook) AddSheet(name string) (*Sheet, error) {
	if err := checkSheetName(name); err != nil {
		return nil, err
	}
	for _, s := range w.sheets {
		if strings.EqualFold(s.name, name) {
			return nil, fmt.Errorf("工作表名称“%s”重复", name)
		}
	}
	s := &Sheet{wb: w, name: name, index: len(w.sheets)}
	w.sheets = append(w.sheets, s)
	return s, nil
}

func checkSheetName(name string) error {
	n := len(utf16.Encode([]rune(name)))
	switch {
	case n == 0:
		return fmt.Errorf("工作表名称为空")
	case n > MaxSheetName:
		return fmt.Errorf("工作表名称“%s”超过 %d 个字符", name, MaxSheetName)
	case strings.ContainsAny(name, `:\/?*[]`):
		return fmt.Errorf("工作表名称“%s”含有 : \\ / ? * [ ] 之一", name)
	case strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return fmt.Errorf("工作表名称“%s”以撇号开头或结尾", name)
	case clean(name) != name || strings.ContainsAny(name, "\t\n\r"):
		return fmt.Errorf("工作表名称“%s”含有控制字符", name)
	}
	return nil
}

// AddStyle returns the index of a cell style for Sheet.Set and the other
// style arguments; the same Style always gets the same index.
func (w *Workbook) AddStyle(st Style) (int, error) {
	i, err := w.styles.add(st)
	if err != nil {
		return 0, fmt.Errorf("样式：%w", err)
	}
	return i, nil
}

// SetActive makes s the sheet shown when the workbook opens (a sheet of
// another workbook, or nil, leaves the first sheet active).
func (w *Workbook) SetActive(s *Sheet) {
	if s != nil && s.wb == w {
		w.active = s.index
	}
}

// SetProperties sets the document properties.
func (w *Workbook) SetProperties(p Properties) { w.props = p }

// DefinedName is a workbook name: a print area, print titles, a filter
// database or a name of one's own.
type DefinedName struct {
	Name     string
	RefersTo string // a formula such as 'Sheet'!$A$1:$B$9
	Sheet    *Sheet // the sheet the name belongs to; nil for the workbook
	Hidden   bool
}

// DefineName adds a name; one with the same name and sheet replaces it.
func (w *Workbook) DefineName(d DefinedName) {
	for i, old := range w.names {
		if old.Name == d.Name && old.Sheet == d.Sheet {
			w.names[i] = d
			return
		}
	}
	w.names = append(w.names, d)
}

// workbookXML writes xl/workbook.xml; sheet i is relationship rId(i+1).
func (w *Workbook) workbookXML() []byte {
	var p part
	p.WriteString(xmlHeader)
	p.WriteString(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	p.WriteString(`<workbookPr/><bookViews><workbookView`)
	if w.active > 0 {
		p.attrInt("firstSheet", 0)
		p.attrInt("activeTab", w.active)
	}
	p.WriteString("/></bookViews><sheets>")
	for i, s := range w.sheets {
		p.WriteString("<sheet")
		p.attr("name", s.name)
		p.attrInt("sheetId", i+1)
		p.attr("r:id", fmt.Sprintf("rId%d", i+1))
		p.WriteString("/>")
	}
	p.WriteString("</sheets>")
	if len(w.names) > 0 {
		p.WriteString("<definedNames>")
		for _, d := range w.names {
			p.WriteString("<definedName")
			p.attr("name", d.Name)
			if d.Sheet != nil {
				p.attrInt("localSheetId", d.Sheet.index)
			}
			if d.Hidden {
				p.attr("hidden", "1")
			}
			p.WriteString(">")
			p.text(d.RefersTo)
			p.WriteString("</definedName>")
		}
		p.WriteString("</definedNames>")
	}
	p.WriteString(`<calcPr calcId="191029"/></workbook>`)
	return p.Bytes()
}
