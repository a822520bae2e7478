package main

import (
	"io"
	"testing"

	"github.com/qdatool/qda/internal/ahead"
)

// The sweep started as qda starts (internal/ahead) reads the command
// line before cobra does: it must find the search and its folder where
// cobra finds them, or it stats for nothing (a search never uses a sweep
// of another study, so a disagreement costs CPU, not hits).
func TestAheadReadsFlagsAsCobra(t *testing.T) {
	for _, args := range [][]string{
		{"search", "bus"},
		{"-C", "/s", "search", "bus"},
		{"--dir", "/s", "search", "bus"},
		{"--dir=/s", "search", "bus"},
		{"-C/s", "search", "bus"},
		{"-C=/s", "search", "bus"},
		{"search", "bus", "-C", "/s", "--limit", "20"},
		{"--coder", "jt", "--json", "search", "bus"},
		{"--coder=jt", "search", "bus", "--where", "gender=female", "--context", "2"},
		{"search", "--code", "-C", "bus"},
		{"search", "--speaker", "search", "--within", "turn", "--sort", "score", "bus"},
		{"search", "--uncoded", "", "--coder", "jt"},
		{"stats", "search"},
		{"--json", "stats"},
		{"search", "bus", "--dir", "/t", "-C", "/s"},
	} {
		g := &globals{stdout: io.Discard, stderr: io.Discard}
		root := newRootCmd(g)
		cmd, rest, err := root.Find(args)
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		if err := cmd.ParseFlags(rest); err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		isSearch := cmd.Name() == "search"
		dir, ok := ahead.SearchDir(args)
		if ok != isSearch || ok && dir != g.dir {
			t.Errorf("%q: ahead reads %q, %v; cobra runs %s in %q", args, dir, ok, cmd.Name(), g.dir)
		}
	}
}

// A line qda's start misreads as a search (an unknown flag taken for one
// with a value, the command word its value) turned the collector off:
// the command cobra runs instead gets it back.
func TestAheadCollectorBack(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	args := []string{"--search", "search", "excerpts", "X"}
	if _, ok := ahead.SearchDir(args); !ok {
		t.Skip("ahead no longer reads this line as a search")
	}
	for _, args := range [][]string{args, {"--search", "search", "stats"}, {"stats", "search"}} {
		ahead.QuietGC()
		run(append([]string{"-C", t.TempDir()}, args...), io.Discard, io.Discard)
		if ahead.StartGC() {
			t.Errorf("%q: the collector was left off", args)
		}
	}
}
