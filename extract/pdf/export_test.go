package pdf

import (
	"testing"

	"github.com/nianbao/nianbao/internal/testutil"
)

// The repository and the shared corpus, for the tests of both packages
// (pdf and pdf_test).
var (
	repoRoot  = testutil.RepoRoot
	sharedDir = func(t testing.TB) string { return testutil.Shared(t) }
	SharedDir = sharedDir
	RepoRoot  = repoRoot
)
