package main

import (
	"context"
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/nianbao/nianbao/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite the expected output in the test scripts")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"nianbao": func() {
			os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs the CLI end to end (testdata/script/*.txtar). $CORPUS is
// the real corpus in ../shared/corpus/real and $FIXTURES the repository's
// fixtures folder; scripts that need the corpus skip when it is absent.
func TestScripts(t *testing.T) {
	corpus := testutil.SharedPath(t, "corpus", "real")
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("CORPUS", corpus)
			env.Setenv("FIXTURES", testutil.Fixture(t))
			env.Setenv("LANG", "C.UTF-8")
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond == "corpus" {
				_, err := os.Stat(corpus)
				return err == nil, nil
			}
			return false, nil
		},
	})
}
