package errtext

import (
	"errors"
	"io/fs"
	"syscall"
)

// Read says an operating-system error met while reading in Chinese (no
// such file, no permission to read), without the path an *fs.PathError
// repeats — for messages that name the file already. errors.Is still sees
// the cause (fs.ErrNotExist …); an error it does not know is returned as it
// is, its path dropped.
func Read(err error) error { return osError(err, "没有读取权限") }

// Write is Read for writing: no permission to write, disk full, read-only
// file system. It also drops Go's "open …:" prefix that names a temporary
// file the user never asked for.
func Write(err error) error { return osError(err, "没有写入权限") }

func osError(err error, permission string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Explained("文件或目录不存在", err)
	case errors.Is(err, fs.ErrPermission):
		return Explained(permission, err)
	case errors.Is(err, syscall.ENOSPC):
		return Explained("磁盘空间不足", err)
	case errors.Is(err, syscall.EROFS):
		return Explained("文件系统只读", err)
	}
	return err
}
