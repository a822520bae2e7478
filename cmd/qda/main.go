// Command qda is a toolkit for qualitative interview analysis: a study is
// a folder of plain text under git, and qda codes, checks, counts, searches
// and exports it.
package main

import "os"

func main() { mainExit(os.Args[1:]) }

// mainExit runs qda and ends the process with its exit status or, when a
// signal interrupted it (it has cleaned up and said so by now), by that
// signal, so that a shell stops a script there as after any command
// Ctrl-C kills.
func mainExit(args []string) {
	code, sig := runSignal(args, os.Stdout, os.Stderr)
	if sig != nil {
		dieBy(sig)
	}
	os.Exit(code)
}
