package extract

import "context"

type prepareKey struct{}

// WithPrepare attaches to ctx what Prepare calls: f is told, by the
// backend reading a document, about how many bytes reading it will
// allocate once that is known to be much (nianbao's commands back that
// much of the heap with huge pages: internal/startgc.Expect). f may be
// called from any document's goroutine.
func WithPrepare(ctx context.Context, f func(bytes int64)) context.Context {
	return context.WithValue(ctx, prepareKey{}, f)
}

// Prepare tells the hook attached to ctx (WithPrepare) that reading the
// document will allocate about n bytes; without a hook it does nothing.
// Backends call it once they know the document's size, before reading
// most of it (the PDF backend: with its page count). It changes nothing
// the backend reads.
func Prepare(ctx context.Context, n int64) {
	if ctx == nil {
		return
	}
	if f, ok := ctx.Value(prepareKey{}).(func(int64)); ok && f != nil {
		f(n)
	}
}
