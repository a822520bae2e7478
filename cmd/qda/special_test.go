package main

import (
	"fmt"
	"net"
	"os"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// watchdog ends the script's qda after d (QDA_TEST_TIMEOUT, e.g. "10s"),
// saying so on stderr with status 124, as timeout(1) does: a script that
// checks qda never blocks (on a named pipe in the study) then fails at
// once, naming the command, rather than hang the whole test run.
func watchdog(d string) {
	if d == "" {
		return
	}
	limit, err := time.ParseDuration(d)
	if err != nil {
		fmt.Fprintf(os.Stderr, "QDA_TEST_TIMEOUT: %v\n", err)
		os.Exit(2)
	}
	time.AfterFunc(limit, func() {
		fmt.Fprintf(os.Stderr, "qda: still running after %v: blocked?\n[exit 124]\n", limit)
		os.Exit(124)
	})
}

// cmdMksocket replaces PATH with a Unix socket file, as a program that
// listened there and died would: mksocket PATH.
func cmdMksocket(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: mksocket PATH")
	}
	p := ts.MkAbs(args[0])
	ts.Check(os.RemoveAll(p))
	l, err := net.ListenUnix("unix", &net.UnixAddr{Name: p, Net: "unix"})
	ts.Check(err)
	l.SetUnlinkOnClose(false)
	ts.Check(l.Close())
}
