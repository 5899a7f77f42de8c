package extract

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
)

func TestBudgetSpendAndCut(t *testing.T) {
	b := NewBudget(100)
	if err := b.Spend(60, "A"); err != nil {
		t.Fatal(err)
	}
	b.Release(20)
	if err := b.Spend(50, "B"); err != nil {
		t.Fatalf("40+50 within 100: %v", err)
	}
	err := b.Spend(11, "HTML 表格单元格")
	if !errors.Is(err, ErrBudget) {
		t.Fatalf("overflow: %v", err)
	}
	if !strings.Contains(err.Error(), "HTML 表格单元格") {
		t.Errorf("message does not say what was cut: %s", err)
	}
	if b.Used() != 90 || b.Peak() != 100 && b.Peak() != 90 {
		t.Errorf("used %d peak %d", b.Used(), b.Peak())
	}
	// Exhausted: even a small spend fails, and the first cut is kept.
	if err := b.Spend(1, "其他"); err == nil || !strings.Contains(err.Error(), "HTML 表格单元格") {
		t.Errorf("after overflow: %v", err)
	}
	p := b.Problem(3)
	if p.Code != ProblemBudget || p.Page != 3 || p.Message == "" {
		t.Errorf("problem %+v", p)
	}
}

func TestBudgetContext(t *testing.T) {
	ctx := context.Background()
	if HasBudget(ctx) {
		t.Fatal("background has a budget")
	}
	if d := BudgetFrom(ctx); d.Limit() != DefaultBudget {
		t.Errorf("default limit %d", d.Limit())
	}
	b := NewBudget(10)
	if got := BudgetFrom(WithBudget(ctx, b)); got != b {
		t.Error("BudgetFrom does not return the attached budget")
	}
	var nilB *Budget
	if nilB.Spend(1<<40, "x") != nil {
		t.Error("nil budget refuses")
	}
}

func TestBudgetConcurrent(t *testing.T) {
	b := NewBudget(1000)
	var wg sync.WaitGroup
	var mu sync.Mutex
	refused := 0
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 500 {
				if b.Spend(1, "x") != nil {
					mu.Lock()
					refused++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if b.Used() > 1000 || refused != 8*500-int(b.Used()) {
		t.Errorf("used %d refused %d", b.Used(), refused)
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	if Canceled(ctx) != nil {
		t.Fatal("live context")
	}
	cancel()
	if err := Canceled(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("%v", err)
	}
}

// TestBudgetTrySpend: a piece that does not fit is refused without
// exhausting the budget; what fits is spent.
func TestBudgetTrySpend(t *testing.T) {
	b := NewBudget(100)
	if !b.TrySpend(60) {
		t.Fatal("60 of 100 refused")
	}
	if b.TrySpend(50) {
		t.Fatal("60+50 of 100 accepted")
	}
	if b.Err() != nil || b.Used() != 60 {
		t.Fatalf("after a refused TrySpend: err %v, used %d", b.Err(), b.Used())
	}
	if err := b.Spend(40, "A"); err != nil {
		t.Fatalf("the rest of the budget: %v", err)
	}
	if b.Spend(1, "B") == nil || b.TrySpend(1) {
		t.Fatal("an exhausted budget accepts more")
	}
	if !(*Budget)(nil).TrySpend(1 << 40) {
		t.Error("no budget refuses")
	}
}
