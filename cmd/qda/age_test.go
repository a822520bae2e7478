package main

import (
	"os"
	"path/filepath"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdAge dates every file and folder under DIR an hour back, so that a
// search trusts their stats at once (corpus/search's racy window) and
// the next one takes the quick check, as a search minutes after the
// last edit does: age DIR.
func cmdAge(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: age DIR")
	}
	past := time.Now().Add(-time.Hour)
	ts.Check(filepath.Walk(ts.MkAbs(args[0]), func(path string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(path, past, past)
	}))
}
