package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/qdatool/qda/corpus/demo"
)

// TestKillDuringBuild kills qda search with SIGKILL while it builds the
// index from nothing (the dirty flag is there: the build has begun),
// at several delays after, so the signal lands in the reading, the
// analysis or the writing of the segment. The next search builds the
// index again and prints what a search of a whole index prints, and the
// one after uses that index as it is.
func TestKillDuringBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a search index a dozen times")
	}
	orig := t.TempDir()
	if _, err := demo.Write(orig, demo.Options{Participants: 300}); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "QDA_TEST_MAIN=1", "QDA_CODER=", "NO_COLOR=1")
	search := func(dir string) (string, string) {
		t.Helper()
		cmd := exec.Command(os.Args[0], "search", "taxi OR \"cup of tea\"")
		cmd.Dir, cmd.Env = dir, env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("qda search: %v\n%s", err, stderr.String())
		}
		return stdout.String(), stderr.String()
	}
	want, _ := search(copyStudy(t, orig))
	if want == "" {
		t.Fatal("no hits")
	}
	for _, delay := range []time.Duration{0, 10 * time.Millisecond, 50 * time.Millisecond, 150 * time.Millisecond, 300 * time.Millisecond, 600 * time.Millisecond} {
		dir := copyStudy(t, orig)
		cmd := exec.Command(os.Args[0], "search", "taxi")
		cmd.Dir, cmd.Env = dir, env
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		dirty := filepath.Join(dir, ".qda", "index", "dirty")
		finished := false
	wait:
		for {
			select {
			case <-exited:
				finished = true
				break wait
			default:
			}
			if _, err := os.Stat(dirty); err == nil {
				time.Sleep(delay)
				cmd.Process.Signal(os.Kill)
				finished = (<-exited) == nil
				break
			}
			time.Sleep(time.Millisecond)
		}
		if finished {
			t.Logf("killed %v after the build began: it had finished", delay)
		}
		got, stderr := search(dir)
		if got != want {
			t.Errorf("killed %v after the build began: the next search printed\n%.500s\nwant\n%.500s\n%s", delay, got, want, stderr)
		}
		if got, stderr := search(dir); got != want || bytes.Contains([]byte(stderr), []byte("rebuilding")) {
			t.Errorf("killed %v after the build began: the search after the next: %s", delay, stderr)
		}
	}
}
