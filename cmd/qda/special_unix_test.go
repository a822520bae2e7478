//go:build unix

package main

import (
	"os"
	"syscall"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdMkfifo replaces PATH (a file or folder, if there is one) with a
// named pipe that nothing writes to, which blocks whoever opens it to
// read: mkfifo PATH.
func cmdMkfifo(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: mkfifo PATH")
	}
	p := ts.MkAbs(args[0])
	ts.Check(os.RemoveAll(p))
	ts.Check(syscall.Mkfifo(p, 0o644))
}
