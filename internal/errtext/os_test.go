package errtext

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// The common operating-system failures are said in Chinese, the path the
// error repeats dropped, and errors.Is still sees the cause.
func TestReadWrite(t *testing.T) {
	_, missing := os.Stat(filepath.Join(t.TempDir(), "nope.pdf"))
	other := errors.New("disk on fire")
	for _, c := range []struct {
		err         error
		read, write string
		is          error
	}{
		{missing, "文件或目录不存在", "文件或目录不存在", fs.ErrNotExist},
		{&fs.PathError{Op: "open", Path: "/tmp/.x.123", Err: syscall.EACCES}, "没有读取权限", "没有写入权限", fs.ErrPermission},
		{&fs.PathError{Op: "write", Path: "/tmp/.x.123", Err: syscall.ENOSPC}, "磁盘空间不足", "磁盘空间不足", syscall.ENOSPC},
		{syscall.EROFS, "文件系统只读", "文件系统只读", syscall.EROFS},
		{&fs.PathError{Op: "read", Path: "/x", Err: other}, "disk on fire", "disk on fire", other},
		{other, "disk on fire", "disk on fire", other},
	} {
		r, w := Read(c.err), Write(c.err)
		if r.Error() != c.read || w.Error() != c.write || !errors.Is(r, c.is) || !errors.Is(w, c.is) {
			t.Errorf("%v: Read %q, Write %q (errors.Is %v: %v, %v)", c.err, r, w, c.is, errors.Is(r, c.is), errors.Is(w, c.is))
		}
	}
}
