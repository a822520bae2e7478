package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qdatool/qda/corpus/demo"
)

// writeCounter counts the writes made to it, each a system call on a
// real stdout.
type writeCounter struct {
	bytes.Buffer
	writes int
}

func (w *writeCounter) Write(p []byte) (int, error) {
	w.writes++
	return w.Buffer.Write(p)
}

// TestListsBuffered: the list of files 'codebook rename' prints and the
// list of changes 'fix' prints go through a buffer (printLines), not a
// write a line: at 10,000 participants they are tens of thousands of
// lines. fix used to write each line on its own.
func TestListsBuffered(t *testing.T) {
	dir := t.TempDir()
	if _, err := demo.Write(dir, demo.Options{Participants: 200}); err != nil {
		t.Fatal(err)
	}
	qda := func(args ...string) *writeCounter {
		t.Helper()
		var out writeCounter
		var errb bytes.Buffer
		if code := run(append([]string{"-C", dir}, args...), &out, &errb); code != 0 {
			t.Fatalf("qda %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
		}
		return &out
	}
	buffered := func(what string, out *writeCounter) {
		t.Helper()
		lines := strings.Count(out.String(), "\n")
		if lines < 100 {
			t.Fatalf("%s printed %d lines, too few to tell", what, lines)
		}
		if out.writes > lines/10 {
			t.Errorf("%s printed %d lines in %d writes", what, lines, out.writes)
		}
	}
	buffered("codebook rename", qda("codebook", "rename", "confidence", "self-belief"))
	// Every coding of it written back by its former name, for fix.
	codings, err := filepath.Glob(filepath.Join(dir, "codings", "*", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range codings {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, bytes.ReplaceAll(data, []byte("self-belief"), []byte("confidence")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	buffered("fix", qda("fix"))
}
