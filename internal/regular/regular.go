// Package regular opens the files nianbao reads besides the reports
// (profiles, baselines, waiver files, crawl manifests, files an earlier
// crawl saved, the dataset's inputs to hash): only regular files of at most
// a given size. Opening a FIFO blocks until something writes to it, and a
// device never ends — neither a time-out nor SIGTERM stopped such a read.
package regular

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrNotRegular: the path is a FIFO, socket, device or folder.
var ErrNotRegular = errors.New("不是普通文件")

// TooLargeError: the file is larger than the limit.
type TooLargeError struct{ Size, Limit int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("文件过大（%d 字节，上限 %d）", e.Size, e.Limit)
}

// Open opens the file at path for reading when it is a regular file of at
// most limit bytes; the reader also stops at the limit, in case the file
// grows. A missing file gives the error os.Stat gives (fs.ErrNotExist).
func Open(path string, limit int64) (io.ReadCloser, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, ErrNotRegular
	}
	if st.Size() > limit {
		return nil, &TooLargeError{st.Size(), limit}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(f, limit), f}, nil
}

// Read reads the file at path whole (see Open).
func Read(path string, limit int64) ([]byte, error) {
	f, err := Open(path, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
