//go:build !unix

package main

import (
	"os"
	"syscall"
)

// dieBy ends qda as a shell reports a command killed by sig: 128+signo
// (130 for Ctrl-C). Windows has no way for a process to end itself by a
// signal.
func dieBy(sig os.Signal) {
	if s, ok := sig.(syscall.Signal); ok {
		os.Exit(128 + int(s))
	}
	os.Exit(130)
}
