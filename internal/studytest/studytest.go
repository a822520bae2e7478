// Package studytest opens a study written out from a txtar archive, for
// the tests of the packages that read studies (export, report), so each
// does not carry its own copy of the unpacking and opening.
package studytest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// Study is a study opened for a test: its folder, codebook and index.
type Study struct {
	Dir string
	S   *corpus.Study
	CB  *codebook.Codebook
	IX  *corpus.Index
}

// Write writes the archive's files, then extra's (which replace those of
// the same name), into a new temporary folder and returns it.
func Write(t testing.TB, archive string, extra ...txtar.File) string {
	t.Helper()
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range append(ar.Files, extra...) {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Open opens the study in dir with its codebook and index; any finding
// in either fails the test.
func Open(t testing.TB, dir string) Study {
	t.Helper()
	s, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	cb, fs := s.Codebook()
	if err := fs.Err(); err != nil {
		t.Fatal(err)
	}
	ix, fs, err := s.LoadIndex()
	if err != nil {
		t.Fatal(err)
	}
	if err := fs.Err(); err != nil {
		t.Fatal(err)
	}
	return Study{Dir: dir, S: s, CB: cb, IX: ix}
}
