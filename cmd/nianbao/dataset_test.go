package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dataset --max-memory is each file's budget in the SQLite dataset as in
// audit: a report longer than the budget lets recognition read is cut,
// and the dataset's findings say so (EXTR-PARTIAL); with the default
// budget the same report is read whole.
func TestDatasetMaxMemory(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "long.txt")
	prose := strings.Repeat("本机关坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。\n", 600) // ~70 KB
	text := "某某区2023年政府信息公开工作年度报告\n一、总体情况\n" + prose + "二、主动公开政府信息情况\n"
	if err := os.WriteFile(report, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	partial := func(args ...string) int {
		t.Helper()
		db := filepath.Join(dir, "d.sqlite")
		var out, errOut bytes.Buffer
		args = append(append(args, "--rebuild"), report, "-o", db)
		if code := runDataset(context.Background(), args, &out, &errOut); code != exitOK {
			t.Fatalf("dataset %v: exit %d\n%s", args, code, errOut.String())
		}
		conn, err := sql.Open("sqlite", db)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		var n int
		if err := conn.QueryRow("SELECT COUNT(*) FROM findings WHERE rule = 'EXTR-PARTIAL'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := partial("--max-memory", "1M"); n != 1 {
		t.Errorf("--max-memory 1M (16 KB of text for recognition): %d EXTR-PARTIAL findings, want 1", n)
	}
	if n := partial(); n != 0 {
		t.Errorf("default budget: %d EXTR-PARTIAL findings, want 0", n)
	}
}
