package extract

import (
	"fmt"
	"unsafe"
)

// MaxTableSlots bounds Rows×Cols of one table. A reader does not build a
// larger table as a grid (a hostile or broken file must not make consumers
// allocate gigabytes through Table.Grid); it reads the cells as lines of
// text and records TableTooLargeProblem.
const MaxTableSlots = 1 << 22

// TableTooLarge reports whether a table of rows × cols is past
// MaxTableSlots (each factor is checked too, so the product cannot
// overflow).
func TableTooLarge(rows, cols int) bool {
	return rows > MaxTableSlots || cols > MaxTableSlots || rows*cols > MaxTableSlots
}

// TableTooLargeProblem is the problem of a table read as text because it is
// past MaxTableSlots.
func TableTooLargeProblem(rows, cols int) Problem {
	return Problem{Code: ProblemUnsupported, Message: fmt.Sprintf("表格过大（%d 行 × %d 列），已按文字读取", rows, cols)}
}

// CellBytes is the memory of one Cell (its text aside), for the budget
// costs of the readers that build tables.
const CellBytes = int64(unsafe.Sizeof(Cell{}))
