//go:build !unix

package main

import "github.com/rogpeppe/go-internal/testscript"

// cmdMkfifo: Windows has no named pipes in a folder; scripts that use it
// skip there ([windows] skip).
func cmdMkfifo(ts *testscript.TestScript, neg bool, args []string) {
	ts.Fatalf("mkfifo: no named pipes in a folder here; skip the script ([windows] skip)")
}
