package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		// The scripts' qda notes a failing exit status on stderr, so a
		// script can tell misuse (2) from problems found (1).
		"qda": func() {
			code := Main(os.Args[1:])
			if code != 0 {
				fmt.Fprintf(os.Stderr, "[exit %d]\n", code)
			}
			os.Exit(code)
		},
	})
}

// TestScripts runs cmd/qda/testdata/script/*.txtar. QDA_UPDATE=1 rewrites
// the golden files inside the scripts from the actual output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       os.Getenv("QDA_UPDATE") == "1",
		Setup: func(env *testscript.Env) error {
			// A coder from the developer's own git config must not leak in.
			env.Setenv("QDA_CODER", "")
			env.Setenv("GIT_CONFIG_GLOBAL", env.WorkDir+"/.gitconfig-none")
			env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
			env.Setenv("NO_COLOR", "1")
			// Binary fixtures (Word files) cannot live in a txtar archive.
			testdata, err := filepath.Abs("../../testdata")
			if err != nil {
				return err
			}
			env.Setenv("TESTDATA", testdata)
			return nil
		},
	})
}
