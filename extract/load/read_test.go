package load

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// countdown is a context that ends after n looks at it.
type countdown struct {
	context.Context
	n int
}

func (c *countdown) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

// TestReadFile: a file is read whole, across chunks and past the size it
// had when it was looked at; a context that ends during the read stops it
// between two chunks (a 200 MB file took most of a second, past every
// time-out); a file stopped so is not hashed.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "big.txt")
	data := bytes.Repeat([]byte("一二三四五六七八九十\n"), 3*readChunk/31)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, size := range []int64{int64(len(data)), 0, 100} { // the size seen before may be wrong
		got, err := readFile(context.Background(), path, size)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("size %d: %d bytes, %v", size, len(got), err)
		}
	}
	if _, err := readFile(&countdown{context.Background(), 2}, path, int64(len(data))); !errors.Is(err, context.Canceled) {
		t.Errorf("ended during the read: %v", err)
	}
	_, err := File(&countdown{context.Background(), 2}, path)
	var fe *FileError
	if !errors.Is(err, context.Canceled) || errors.As(err, &fe) && fe.SHA256 != "" {
		t.Errorf("File, ended during the read: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Bytes(ctx, path, data)
	if !errors.As(err, &fe) || fe.SHA256 != "" {
		t.Errorf("Bytes, ended: %v, want a FileError without a hash", err)
	}
}
