package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/workspace"
	"github.com/qdatool/qda/workspace/wstest"
)

// TestWorkspaceConcurrentCode codes one transcript from the workspace
// and, at the same time, with 'qda code' processes, as two terminals of
// the same coder would: every coding of both must be in the file, none
// written over.
func TestWorkspaceConcurrentCode(t *testing.T) {
	if testing.Short() {
		t.Skip("runs qda processes: not with -short")
	}
	study := demoStudy(t, t.TempDir())
	w := wstest.Session(t, study, "me")
	if err := w.Open("may-1"); err != nil {
		t.Fatal(err)
	}
	// Every other line of text to each side, so no two codings are of the
	// same line and each one can be told apart in the file.
	var mine, theirs []int
	for n := 1; n <= w.Doc.Len() && len(theirs) < 8; n++ {
		if w.Doc.T.Line(n).Blank {
			continue
		}
		if len(mine) == len(theirs) {
			mine = append(mine, n)
		} else {
			theirs = append(theirs, n)
		}
	}
	const myCode, theirCode = "expectations/hopes", "confidence/travel"
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, n := range theirs {
			if _, err := qdaAs(study, "code", "may-1", strconv.Itoa(n), theirCode); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	// Each of the workspace's codings after the other side's last one
	// is in the file, which the workspace has not read since its own
	// write: the write must read the file again, not write what it had.
	for i, n := range mine {
		if i > 0 {
			waitCoded(t, study, theirs[i-1], theirCode)
		}
		w.Doc.MoveTo(n)
		if _, err := w.Code([]string{myCode}); err != nil {
			t.Error(err)
		}
	}
	wg.Wait()

	st, err := corpus.Open(study)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cs, err := st.ReadCodings("me", "may-1")
	if err != nil || cs == nil {
		t.Fatalf("codings: %v", err)
	}
	has := func(n int, code string) bool { return slices.Contains(workspace.CodesAt(cs.Segments, n), code) }
	for _, n := range mine {
		if !has(n, myCode) {
			t.Errorf("line %d lost the workspace's %s", n, myCode)
		}
	}
	for _, n := range theirs {
		if !has(n, theirCode) {
			t.Errorf("line %d lost qda code's %s", n, theirCode)
		}
	}
	if out := runQda(t, study, "check"); t.Failed() {
		t.Log(out)
	}
}

// waitCoded waits (up to half a minute) until me's codings of may-1 put
// code on line n.
func waitCoded(t *testing.T, study string, n int, code string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		data, err := os.ReadFile(filepath.Join(study, "codings", "me", "may-1.yaml"))
		if err != nil {
			continue
		}
		segs, _ := corpus.ParseCodings("may-1.yaml", data)
		if slices.Contains(workspace.CodesAt(segs, n), code) {
			return
		}
	}
	t.Fatalf("line %d never got %s", n, code)
}
