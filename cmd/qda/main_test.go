package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	if os.Getenv("QDA_TEST_MAIN") == "1" {
		// The crash tests run the test binary as qda, to kill it.
		os.Exit(Main(os.Args[1:]))
	}
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
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"waitfile": cmdWaitfile,
		},
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

// cmdWaitfile waits for a file a background qda creates (up to a minute),
// so a script can go on once that qda has reached a point, however slow
// the machine is: waitfile FILE.
func cmdWaitfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfile FILE")
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(ts.MkAbs(args[0])); err == nil {
			return
		}
	}
	ts.Fatalf("%s did not appear within a minute", args[0])
}
