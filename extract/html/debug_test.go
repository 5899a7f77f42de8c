package html

import (
	"context"
	"os"
	"testing"
)

func TestDebugDump(t *testing.T) {
	p := os.Getenv("DUMP")
	if p == "" {
		t.Skip()
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Extract(context.Background(), p, data, "")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/dump.txt", []byte(dump(doc)), 0o644)
}
