//go:build unix

package legacy

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup starts the command in its own process group and, on
// cancellation, kills the whole group: soffice starts soffice.bin, which a
// kill of the first process alone would leave running.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
