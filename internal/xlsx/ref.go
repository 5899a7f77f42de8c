package xlsx

import (
	"fmt"
	"strconv"
	"strings"
)

// Limits of a worksheet (Excel 2007 and later).
const (
	MaxColumns = 16384
	MaxRows    = 1048576
)

// ColumnName returns the letters of a 1-based column number: 1 → A,
// 27 → AA, 16384 → XFD.
func ColumnName(col int) (string, error) {
	if col < 1 || col > MaxColumns {
		return "", fmt.Errorf("列号 %d 超出范围（1–%d）", col, MaxColumns)
	}
	return columnName(col), nil
}

// columnName is ColumnName for a column known to be in range.
func columnName(col int) string {
	var buf [3]byte
	i := len(buf)
	for col > 0 {
		col--
		i--
		buf[i] = byte('A' + col%26)
		col /= 26
	}
	return string(buf[i:])
}

// CellName returns the A1-style reference of a 1-based column and row:
// (3, 2) → C2.
func CellName(col, row int) (string, error) {
	if err := checkCell(col, row); err != nil {
		return "", err
	}
	return cellName(col, row), nil
}

func cellName(col, row int) string {
	return columnName(col) + strconv.Itoa(row)
}

func checkCell(col, row int) error {
	if col < 1 || col > MaxColumns || row < 1 || row > MaxRows {
		return fmt.Errorf("单元格（第 %d 列，第 %d 行）超出工作表范围（%d 列，%d 行）", col, row, MaxColumns, MaxRows)
	}
	return nil
}

// Range is a rectangle of cells, 1-based and inclusive.
type Range struct {
	FromCol, FromRow, ToCol, ToRow int
}

func (r Range) check() error {
	if err := checkCell(r.FromCol, r.FromRow); err != nil {
		return err
	}
	if err := checkCell(r.ToCol, r.ToRow); err != nil {
		return err
	}
	if r.ToCol < r.FromCol || r.ToRow < r.FromRow {
		return fmt.Errorf("区域 %s 的终点在起点之前", r.relative())
	}
	return nil
}

// relative is the reference without $ signs: A1:P9 (A1 for one cell).
func (r Range) relative() string {
	from, to := cellName(r.FromCol, r.FromRow), cellName(r.ToCol, r.ToRow)
	if from == to {
		return from
	}
	return from + ":" + to
}

// absolute is the reference with $ signs: $A$1:$P$9.
func (r Range) absolute() string {
	return fmt.Sprintf("$%s$%d:$%s$%d", columnName(r.FromCol), r.FromRow, columnName(r.ToCol), r.ToRow)
}

// quoteSheet writes a sheet name as it stands in a formula: always quoted,
// each apostrophe in it doubled.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
