package pdf

import (
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
)

// buildBlocks turns page geometry into blocks. extract/layout.Build is not
// written yet; until it is, a simple line builder stands in.
func buildBlocks(pages []layout.PageGeom) []extract.Block {
	return simpleBlocks(pages)
}
