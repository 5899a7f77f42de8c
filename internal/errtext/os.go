package errtext

import (
	"errors"
	"io/fs"
	"syscall"
)

// OS says an operating-system error in Chinese where it can (no such file,
// permission, disk full, read-only), without Go's "open …:" prefix that
// names a temporary file the user never asked for; any other error is
// returned as it is.
func OS(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("文件或目录不存在")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("没有写入权限")
	case errors.Is(err, syscall.ENOSPC):
		return errors.New("磁盘空间不足")
	case errors.Is(err, syscall.EROFS):
		return errors.New("文件系统只读")
	}
	return err
}
