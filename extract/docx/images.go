package docx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/nianbao/nianbao/extract"
)

// maxImageBytes bounds a picture read for OCR.
const maxImageBytes = 20 << 20

// picRef is a picture (DrawingML a:blip or VML v:imagedata) met in the
// body, before block index at; rid is its relationship ID.
type picRef struct {
	rid string
	at  int
}

// notePicture records a picture element where it stands in the reading
// order.
func (p *parser) notePicture(se xml.StartElement) {
	if se.Name.Local != "blip" && se.Name.Local != "imagedata" || len(p.pics) >= 64 {
		return
	}
	for _, a := range se.Attr {
		// embed (DrawingML) and id (VML) name a picture in the file; link
		// one outside it, which is not read (tablePictures says so)
		if (a.Name.Local == "embed" || a.Name.Local == "id" || a.Name.Local == "link") && strings.HasPrefix(a.Value, "rId") {
			p.pics = append(p.pics, picRef{rid: a.Value, at: len(p.blocks)})
			return
		}
	}
}

// tablePictures turns the pictures under the headings of parts 二, 三 and
// 四 into pictures for the OCR stage, reading them from word/media through
// the main part's relationships; in a document whose text names none of the
// parts, every page-sized picture, as a whole page (extract.PicturesArePages).
//
// The pictures' bytes are spent from budget (the decoded pictures are
// spent by the OCR stage as it reads them).
func tablePictures(budget *extract.Budget, files map[string]*zip.File, mainName string, blocks []extract.Block, refs []picRef) (imgs []extract.Image, probs []extract.Problem) {
	if len(refs) == 0 {
		return nil, nil
	}
	read := map[string][]byte{}
	refused := map[string]bool{} // past the budget: said once, not tried again
	dir, base := path.Split(mainName)
	targets := map[string]string{}
	if f := files[dir+"_rels/"+base+".rels"]; f != nil {
		err := readMetaPart(budget, f, func(b []byte) {
			var rels struct {
				Rel []struct {
					ID     string `xml:"Id,attr"`
					Target string `xml:"Target,attr"`
					Mode   string `xml:"TargetMode,attr"`
				} `xml:"Relationship"`
			}
			if xml.Unmarshal(b, &rels) == nil {
				for _, r := range rels.Rel {
					if r.Mode != "External" {
						targets[r.ID] = path.Clean(path.Join(dir, r.Target))
					}
				}
			}
		})
		if errors.Is(err, errPartOverBudget) {
			return nil, []extract.Problem{{Code: extract.ProblemBudget,
				Message: fmt.Sprintf("Word 正文的关系表无法读取：%v，其中的图片未读取", err)}}
		}
	}
	pages := extract.PicturesArePages(blocks)
	unreadCode := extract.ProblemPicture // a table's picture not read
	if pages {
		unreadCode = extract.ProblemPage // the pictures are the report's pages: a picture not read is a page not read
	}
	for _, r := range refs {
		sec := extract.PartBefore(blocks, r.at)
		if !pages && (sec < 2 || sec > 4) {
			continue
		}
		name := strings.TrimPrefix(targets[r.rid], "/")
		f := files[name]
		if f == nil || f.UncompressedSize64 > maxImageBytes {
			probs = append(probs, extract.Problem{Code: unreadCode,
				Message: fmt.Sprintf("%s的图片（%s）无法读取（不在文件中或过大），其中的文字和表格未识别", extract.PartsName(sec), r.rid)})
			continue
		}
		if refused[name] {
			continue
		}
		data, ok := read[name]
		if !ok {
			// a picture shown many times is read once; each read one is
			// spent, and one past the budget is left out
			if !budget.TrySpend(int64(f.UncompressedSize64)) {
				refused[name] = true
				probs = append(probs, extract.Problem{Code: extract.ProblemBudget,
					Message: fmt.Sprintf("图片 %s（%d KB）超出单个文件的内存预算（上限 %d MB），未读取，其中的表格未识别", name, f.UncompressedSize64>>10, budget.Limit()>>20)})
				continue
			}
			var err error
			if data, err = readPart(f); err != nil {
				probs = append(probs, extract.Problem{Code: unreadCode,
					Message: fmt.Sprintf("图片 %s 无法读取：%v", name, err)})
				continue
			}
			read[name] = data
		}
		if pages {
			if extract.PageSized(data) { // not a logo or a stamp
				imgs = append(imgs, extract.Image{Page: 1, At: r.at, Data: data, Name: name, WholePage: true})
			}
			continue
		}
		imgs = append(imgs, extract.Image{Page: 1, At: r.at, Data: data, Name: name, Section: sec})
	}
	return imgs, probs
}
