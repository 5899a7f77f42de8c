package cells

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/nianbao/nianbao/recognise/template"
)

// cancelAfter is a context that turns cancelled after n looks at it and
// counts the looks after that (n goes negative).
type cancelAfter struct {
	context.Context
	n int
}

func (c *cancelAfter) Err() error {
	c.n--
	if c.n < 0 {
		return context.Canceled
	}
	return nil
}

// A cancel stops recognition at the next table or block of rows: with
// thousands of tables, the context turns cancelled while the rows are read,
// RecogniseContext returns context.Canceled having looked at it once after
// that, and the rest of the document is not read.
func TestRecogniseStopsWhenCancelled(t *testing.T) {
	var parts []interface{}
	for i := range 3000 {
		parts = append(parts, fmt.Sprintf("表%d", i), []string{"一、本年新收政府信息公开申请数量|1|0|0|0|0|0|1", "（七）总计|1|0|0|0|0|0|1"})
	}
	d := doc(parts...)
	ctx := &cancelAfter{Context: context.Background(), n: 10}
	res, err := RecogniseContext(ctx, d, template.VUnknown)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("RecogniseContext = %v; want context.Canceled", err)
	}
	if ctx.n != -1 {
		t.Errorf("context looked at %d times after the cancel, want once", -ctx.n)
	}
	if res.Tables.T3.Found {
		t.Error("table 三 reported found by a cancelled recognition")
	}
	// not cancelled: the same document is read
	if _, err := RecogniseContext(context.Background(), d, template.VUnknown); err != nil {
		t.Fatalf("RecogniseContext without a cancel: %v", err)
	}
	// cancelled before it starts: nothing is read
	done, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := RecogniseContext(done, d, template.VUnknown); !errors.Is(err, context.Canceled) {
		t.Errorf("RecogniseContext on a cancelled context = %v; want context.Canceled", err)
	}
}
