package pdf

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TEMPORARY: dumps Pages and Extract output for before/after comparison.
func TestZZDump(t *testing.T) {
	list, out := os.Getenv("DUMP_LIST"), os.Getenv("DUMP_OUT")
	if list == "" {
		t.Skip()
	}
	os.MkdirAll(out, 0o755)
	f, _ := os.Open(list)
	sc := bufio.NewScanner(f)
	i := 0
	for sc.Scan() {
		p := strings.TrimSpace(sc.Text())
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		i++
		name := fmt.Sprintf("%02d-%s", i, filepath.Base(p))
		pages, probs, info, perr := Pages(strings.NewReader(string(data)), int64(len(data)), Options{})
		doc, eerr := Extract(context.Background(), p, data)
		b, _ := json.MarshalIndent(map[string]any{"pages": pages, "problems": probs, "info": info, "perr": fmt.Sprint(perr), "doc": doc, "eerr": fmt.Sprint(eerr)}, "", " ")
		os.WriteFile(filepath.Join(out, name+".json"), b, 0o644)
	}
}
