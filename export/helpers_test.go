package export

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// tinyStudy is testdata/tiny.txtar written out and opened: two
// participants, three transcripts, two coders whose segments overlap,
// aliases, roll-up, and text that starts like a formula.
type tinyStudy struct {
	s  *corpus.Study
	cb *codebook.Codebook
	ix *corpus.Index
}

func openTiny(t *testing.T, extra ...txtar.File) tinyStudy {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/tiny.txtar")
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
	return openStudyAt(t, dir)
}

func openStudyAt(t *testing.T, dir string) tinyStudy {
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
	if err != nil || fs.Err() != nil {
		t.Fatal(err, fs)
	}
	return tinyStudy{s, cb, ix}
}
