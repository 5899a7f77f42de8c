package pdf

import (
	"context"
	"fmt"
	"os"
	"testing"
)

func TestZZExtract(t *testing.T) {
	p := os.Getenv("EXTRACT")
	if p == "" {
		t.Skip()
	}
	doc, err := Extract(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(doc.Pages, doc.Meta, doc.Problems, len(doc.Blocks))
	for _, b := range doc.Blocks {
		if b.Table != nil {
			fmt.Printf("p%d TABLE %dx%d cells %d\n", b.Page, b.Table.Rows, b.Table.Cols, len(b.Table.Cells))
			for _, c := range b.Table.Cells {
				if c.Col == 0 {
					fmt.Printf("   r%d %q\n", c.Row, c.Text)
				}
			}
		} else {
			fmt.Printf("p%d %s\n", b.Page, b.Text)
		}
	}
}
