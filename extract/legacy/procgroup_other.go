//go:build !unix

package legacy

import "os/exec"

// ownProcessGroup keeps exec's default (kill the process) where there are
// no process groups.
func ownProcessGroup(cmd *exec.Cmd) {}
