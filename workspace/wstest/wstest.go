// Package wstest makes studies for the tests of the coding workspace and
// its terminal layer: the demo study, written once a test binary and
// copied for each test.
package wstest

import (
	"os"
	"strings"
	"testing"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
	"github.com/qdatool/qda/workspace"
)

var template string

// Main writes the demo study (the standard 26 participants, so may-1 is
// the transcript the tests read) before m's tests and removes it after.
// Its top-level code referral is made a category ('codable: false'), for
// the tests of those.
func Main(m *testing.M) {
	dir, err := os.MkdirTemp("", "qda-workspace-")
	if err != nil {
		panic(err)
	}
	template = dir
	if _, err := demo.Write(dir, demo.Options{}); err != nil {
		panic(err)
	}
	cb, err := os.ReadFile(dir + "/codebook.yaml")
	if err == nil {
		cb = []byte(strings.Replace(string(cb), "  - name: referral\n", "  - name: referral\n    codable: false\n", 1))
		err = os.WriteFile(dir+"/codebook.yaml", cb, 0o644)
	}
	if err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// Study copies the demo study to a folder of the test's and returns it.
func Study(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(template)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Session opens a workspace on the study in dir for coder, as 'qda code'
// does: the study opened for reading, with its codebook and index.
func Session(t testing.TB, dir, coder string) *workspace.Workspace {
	t.Helper()
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cb, fs := st.Codebook()
	if err := fs.Err(); err != nil {
		t.Fatal(err)
	}
	ix, fs, err := st.LoadIndex()
	if err != nil || fs.Err() != nil {
		t.Fatal(err, fs)
	}
	return workspace.New(st, cb, ix, coder)
}
