package extract

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// ErrBudget is what every budget overflow unwraps to (errors.Is).
var ErrBudget = errors.New("超出单个文件的内存预算")

// DefaultBudget is the memory a document may account for when nobody set
// a budget. The accounting counts what the backends keep (payload bytes
// plus a fixed cost per node, cell or glyph); the process's real use is
// about twice that, so two documents at the limit (--workers 2) stay well
// under the 1 GB a batch may peak at. The largest real report reads in
// under 20 MB of it (a 5,000-page PDF in about 60 MB).
const DefaultBudget = 128 << 20

// Budget is a per-document memory budget. Backends Spend it where memory
// grows with the input (decoded stream bytes, markup tokens and nodes,
// table cells, text runes, glyphs, unpacked zip entries) and Release what
// they free again (a PDF page once it is laid out). Once a Spend would pass
// the limit the budget is exhausted: that Spend and every later one fail,
// so a backend stops at the first refusal and either cuts the document
// (recording a Problem from Problem) or refuses it with the error. A Budget
// is safe for concurrent use; the zero value has no limit.
type Budget struct {
	limit int64
	used  atomic.Int64
	peak  atomic.Int64

	mu  sync.Mutex
	cut string // what the first refused Spend was for
}

// NewBudget returns a budget of limit bytes (limit ≤ 0: no limit).
func NewBudget(limit int64) *Budget {
	return &Budget{limit: limit}
}

type budgetKey struct{}

// WithBudget attaches b to ctx. extract/load attaches a DefaultBudget to
// every document that comes without one.
func WithBudget(ctx context.Context, b *Budget) context.Context {
	return context.WithValue(ctx, budgetKey{}, b)
}

// BudgetFrom returns the budget attached to ctx, or a fresh DefaultBudget
// when there is none (then only the caller's own spending is counted).
func BudgetFrom(ctx context.Context) *Budget {
	if ctx != nil {
		if b, ok := ctx.Value(budgetKey{}).(*Budget); ok && b != nil {
			return b
		}
	}
	return NewBudget(DefaultBudget)
}

// HasBudget reports whether ctx carries a budget.
func HasBudget(ctx context.Context) bool {
	b, ok := ctx.Value(budgetKey{}).(*Budget)
	return ok && b != nil
}

// BudgetError is the error a refused Spend returns. It unwraps to ErrBudget.
type BudgetError struct {
	Limit int64  // the budget in bytes
	What  string // what was being read when the budget ran out, in Chinese
}

func (e *BudgetError) Error() string {
	return fmt.Sprintf("%s（上限 %d MB）：读取%s时停止，其后的内容被截去", ErrBudget.Error(), e.Limit>>20, e.What)
}

// Unwrap makes errors.Is(err, ErrBudget) true.
func (e *BudgetError) Unwrap() error { return ErrBudget }

// Spend accounts n more bytes for what (Chinese, says what is being read:
// "HTML 标记", "解压后的 PDF 数据流"). It returns a *BudgetError once the
// limit is passed; the bytes of a refused Spend are not kept.
func (b *Budget) Spend(n int64, what string) error {
	if b == nil || n <= 0 {
		return b.Err()
	}
	if b.limit <= 0 {
		b.notePeak(b.used.Add(n))
		return nil
	}
	if err := b.Err(); err != nil {
		return err
	}
	used := b.used.Add(n)
	if used > b.limit {
		b.used.Add(-n)
		b.mu.Lock()
		if b.cut == "" {
			b.cut = what
		}
		b.mu.Unlock()
		return &BudgetError{Limit: b.limit, What: what}
	}
	b.notePeak(used)
	return nil
}

// TrySpend accounts n bytes for a piece the reader can do without (a
// picture, a part it may skip) when they fit, and reports whether they
// did. Unlike Spend, a refusal does not exhaust the budget: the reader
// leaves that piece out, says so, and goes on with the rest.
func (b *Budget) TrySpend(n int64) bool {
	if b == nil || n <= 0 {
		return true
	}
	if b.Err() != nil {
		return false
	}
	if b.limit <= 0 {
		b.notePeak(b.used.Add(n))
		return true
	}
	used := b.used.Add(n)
	if used > b.limit {
		b.used.Add(-n)
		return false
	}
	b.notePeak(used)
	return true
}

func (b *Budget) notePeak(used int64) {
	for {
		p := b.peak.Load()
		if used <= p || b.peak.CompareAndSwap(p, used) {
			return
		}
	}
}

// Release gives back n bytes that were spent and are free again.
func (b *Budget) Release(n int64) {
	if b == nil || n <= 0 {
		return
	}
	if b.used.Add(-n) < 0 {
		b.used.Store(0)
	}
}

// Err returns the error of the first refused Spend, or nil while the
// budget has not run out.
func (b *Budget) Err() error {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cut == "" {
		return nil
	}
	return &BudgetError{Limit: b.limit, What: b.cut}
}

// Used is the number of bytes currently accounted.
func (b *Budget) Used() int64 {
	if b == nil {
		return 0
	}
	return b.used.Load()
}

// Peak is the most that was accounted at any time.
func (b *Budget) Peak() int64 {
	if b == nil {
		return 0
	}
	return b.peak.Load()
}

// Limit is the budget in bytes (0: no limit).
func (b *Budget) Limit() int64 {
	if b == nil || b.limit < 0 {
		return 0
	}
	return b.limit
}

// Problem is the extraction problem that records a cut document (page 0:
// the rest of the document from where the budget ran out). It is the zero
// Problem when the budget has not run out.
func (b *Budget) Problem(page int) Problem {
	err := b.Err()
	if err == nil {
		return Problem{}
	}
	return Problem{Code: ProblemBudget, Message: err.Error(), Page: page}
}

// RecognitionCost is about how many bytes of memory recognition and the
// rules use per byte of a document's text at their peak (measured on DOCX
// files of short paragraphs full of numbers: 8.4 MB of text, 480 MB of live
// heap; 2 MB, 143–156 MB; ordinary prose needs less). The budget of a
// document bounds what recognition may cost too: its text is cut at
// TextShare (extract/load), and readers may stop there.
const RecognitionCost = 64

// TextShare is how many bytes of text a document may give recognition:
// Limit/RecognitionCost (2 MB, some 700,000 Chinese characters, with the
// default 128 MB — a long annual report has fewer than 100,000). 0: no
// limit.
func (b *Budget) TextShare() int64 {
	return b.Limit() / RecognitionCost
}

// Canceled turns a done context into an error that says in Chinese that
// extraction stopped; nil while ctx is live. Backends call it in their
// loops and return at once.
func Canceled(ctx context.Context) error {
	if ctx == nil {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("提取被中止：%w", err)
	}
	return nil
}
