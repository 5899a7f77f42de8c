package pdf

import (
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
)

// buildBlocks turns page geometry into blocks: lines and tables, by
// extract/layout.
func buildBlocks(pages []layout.PageGeom) []extract.Block {
	return layout.Build(pages)
}
