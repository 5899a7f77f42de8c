package audit

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/rules"
)

// TestTimeoutStopsWork: when a file's time is up its work stops — Run
// returns with no goroutine of that file left running (holding its
// memory), whatever stage it was in.
func TestTimeoutStopsWork(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 1 MB document")
	}
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("某县2023年政府信息公开工作年度报告\n一、总体情况\n")
	for b.Len() < 1<<20 {
		b.WriteString("本机关坚持以公开为常态、不公开为例外，其中重点领域信息公开共计12条，依申请公开办理及时规范。")
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	for _, limit := range []time.Duration{20 * time.Millisecond} {
		res := Run(context.Background(), []string{big, big}, Options{Workers: 2, Timeout: limit, Rules: true, Profile: rules.DefaultProfile()})
		for _, it := range res.Items {
			if it.Err != nil && !strings.Contains(it.Err.Error(), "处理超时") {
				t.Errorf("limit %v: %v", limit, it.Err)
			}
		}
		// A worker that was cut off may still be handing back its (empty)
		// result when Run returns; it must be gone soon after, not run on.
		n := runtime.NumGoroutine()
		for wait := time.Now().Add(5 * time.Second); n > before && time.Now().Before(wait); n = runtime.NumGoroutine() {
			time.Sleep(10 * time.Millisecond)
		}
		if n > before {
			buf := make([]byte, 1<<16)
			t.Errorf("limit %v: %d goroutines after Run, %d before:\n%s", limit, n, before, buf[:runtime.Stack(buf, true)])
		}
	}
}
