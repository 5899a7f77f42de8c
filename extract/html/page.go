package html

import (
	"context"
	"fmt"
	"strings"

	xhtml "golang.org/x/net/html"

	"github.com/nianbao/nianbao/extract"
)

// Page is a web page parsed for callers that need more than the Document:
// the crawler, which follows the page's links and needs to know which of
// them sit in the article body. It never touches the network.
type Page struct {
	// Root is the parse tree of the decoded page.
	Root *xhtml.Node
	// Article is the element that holds the report body (the same choice
	// Extract makes); <body> when nothing stands out.
	Article *xhtml.Node
	// Charset is the encoding the page was decoded with ("utf-8", "gb18030" …).
	Charset string
	// Meta is what the page states about the article (title, issuer,
	// publication date), as Extract reads it.
	Meta extract.Meta
}

// ParsePage decodes (HTTP header, <meta> charset or the bytes), parses and
// reads a page the way Extract does. contentType is the HTTP Content-Type
// header ("" when unknown).
func ParsePage(ctx context.Context, data []byte, contentType string) (p *Page, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("网页解析内部错误（已恢复）: %v", r)
		}
	}()
	dec := decode(data, contentType)
	root, err := xhtml.Parse(strings.NewReader(dec.text))
	if err != nil {
		return nil, fmt.Errorf("网页结构无法解析：%w", err)
	}
	p = &Page{Root: root, Article: findContainer(root, computeWeights(root, infoTables{})), Charset: dec.charset}
	doc, err := Extract(ctx, "", data, contentType)
	if err != nil {
		return nil, err
	}
	p.Meta = doc.Meta
	return p, nil
}
