package load

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Cause drops the path an *fs.PathError repeats and says the common
// operating-system failures in Chinese, keeping them testable with errors.Is.
func TestCauseChinese(t *testing.T) {
	_, err := os.Stat(filepath.Join(t.TempDir(), "nope.pdf"))
	c := Cause(err)
	if c.Error() != "文件或目录不存在" || !errors.Is(c, fs.ErrNotExist) {
		t.Errorf("Cause(not exist) = %q (errors.Is ErrNotExist: %v)", c, errors.Is(c, fs.ErrNotExist))
	}
	perm := &fs.PathError{Op: "open", Path: "/x", Err: fs.ErrPermission}
	if c := Cause(perm); c.Error() != "没有读取权限" || !errors.Is(c, fs.ErrPermission) {
		t.Errorf("Cause(permission) = %q", c)
	}
	other := errors.New("disk on fire")
	if c := Cause(&fs.PathError{Op: "read", Path: "/x", Err: other}); c != other {
		t.Errorf("Cause(other) = %v, want the underlying error", c)
	}
	if c := Cause(other); c != other {
		t.Errorf("Cause(plain) = %v, want it unchanged", c)
	}
	_, err = File(t.Context(), filepath.Join(t.TempDir(), "gone.txt"))
	if err == nil || !strings.Contains(err.Error(), "gone.txt: 无法读取：文件或目录不存在") {
		t.Errorf("File(missing) error = %v", err)
	}
}
