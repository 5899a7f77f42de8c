package pdf

import (
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
)

// buildBlocks turns page geometry into blocks: lines and tables, by
// extract/layout, with the problems the layout met.
func buildBlocks(pages []layout.PageGeom) ([]extract.Block, []extract.Problem) {
	return layout.Build(pages)
}
