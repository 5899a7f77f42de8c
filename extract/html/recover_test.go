package html

import (
	"context"
	"strings"
	"testing"
)

// panicCtx makes the backend panic inside Extract, to exercise its recover.
type panicCtx struct{ context.Context }

func (panicCtx) Err() error { panic("boom") }

// A recovered panic is an error that names the file and the panic, in one
// line: the message reaches stderr and the JSON "errors" array, so it must
// not carry a goroutine stack dump.
func TestRecoveredPanicMessage(t *testing.T) {
	doc, err := Extract(panicCtx{context.Background()}, "x.html", []byte("<p>一、总体情况</p>"), "")
	if doc != nil || err == nil {
		t.Fatalf("Extract = %v, %v; want nil document and an error", doc, err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "x.html") || !strings.Contains(msg, "内部错误") || !strings.Contains(msg, "boom") {
		t.Errorf("message %q should name the file, say 内部错误 and give the panic value", msg)
	}
	if strings.Contains(msg, "\n") || strings.Contains(msg, "goroutine") {
		t.Errorf("message carries a stack dump:\n%s", msg)
	}
}
