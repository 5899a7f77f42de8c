package pdf

import (
	"testing"

	lpdf "github.com/ledongthuc/pdf"

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

// firstPage is the first page's dictionary (nullValue when there is none).
func firstPage(rd *lpdf.Reader) lpdf.Value {
	refs, _ := pageTree(rd)
	if len(refs) == 0 {
		return lpdf.Value{}
	}
	return refs[0].v
}
