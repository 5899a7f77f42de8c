package text_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/nianbao/nianbao/extract/text"
)

func TestDump(t *testing.T) {
	p := os.Getenv("F")
	data, _ := os.ReadFile(p)
	doc, err := text.Extract(context.Background(), p, data)
	if err != nil { t.Fatal(err) }
	fmt.Printf("meta %+v problems %v\n", doc.Meta, doc.Problems)
	for _, b := range doc.Blocks {
		if b.Table == nil { fmt.Printf("T| %s\n", b.Text); continue }
		g := b.Table
		rows := make([][]string, g.Rows)
		for _, c := range g.Cells { for len(rows[c.Row]) <= c.Col { rows[c.Row] = append(rows[c.Row], "·") }; rows[c.Row][c.Col] = fmt.Sprintf("%q", c.Text) }
		fmt.Printf("TABLE %dx%d\n", g.Rows, g.Cols)
		for _, r := range rows { fmt.Printf("  %v\n", r) }
	}
}
