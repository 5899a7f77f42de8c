package errtext

import (
	"errors"
	"io/fs"
	"syscall"
	"testing"
)

func TestOS(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "open", Path: "/tmp/.x.123", Err: syscall.ENOENT}, "文件或目录不存在"},
		{&fs.PathError{Op: "open", Path: "/tmp/.x.123", Err: syscall.EACCES}, "没有写入权限"},
		{&fs.PathError{Op: "write", Path: "/tmp/.x.123", Err: syscall.ENOSPC}, "磁盘空间不足"},
		{syscall.EROFS, "文件系统只读"},
		{errors.New("something else"), "something else"},
	} {
		if got := OS(c.err).Error(); got != c.want {
			t.Errorf("%v: %q, want %q", c.err, got, c.want)
		}
	}
}
