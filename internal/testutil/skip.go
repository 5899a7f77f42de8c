package testutil

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// SkipLogEnv names the file where skipped prerequisites are recorded, one
// line each; `make test` sets it and prints one summary line at the end,
// so that a skip is visible without -v.
const SkipLogEnv = "NIANBAO_SKIP_LOG"

// Missing stops a test whose prerequisite is absent: under CI=true it
// fails (CI installs everything the tests need), elsewhere it skips and
// records what was missing in the skip log.
func Missing(t testing.TB, what, howToGet string) {
	t.Helper()
	msg := fmt.Sprintf("%s 不可用（%s）", what, howToGet)
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true 时不允许跳过：%s", msg)
	}
	if p := os.Getenv(SkipLogEnv); p != "" {
		if f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
			fmt.Fprintf(f, "%s\t%s\n", what, t.Name())
			f.Close()
		}
	}
	t.Skip(msg)
}

// NeedTool returns the path of an external program, or stops the test via
// Missing with the Debian package that provides it.
func NeedTool(t testing.TB, name, debianPackage string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name, "apt-get install "+debianPackage+"，或运行 scripts/setup-test-deps.sh")
	}
	return p
}

// sharedMissing is the Missing call for an absent ../shared.
func sharedMissing(t testing.TB, root string, err error) {
	t.Helper()
	Missing(t, "../shared", fmt.Sprintf("把 shared/ 放在仓库旁边，即 %s：%v", filepath.Clean(root), err))
}
