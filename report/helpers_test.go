package report

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/export"
)

// small is testdata/small.txtar written out and opened.
type small struct {
	dir string
	s   *corpus.Study
	cb  *codebook.Codebook
	ix  *corpus.Index
}

func openSmall(t testing.TB, extra ...txtar.File) small {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/small.txtar")
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
	return small{dir: dir, s: s, cb: cb, ix: ix}
}

// options are the report's defaults, as qda report's flags give them.
func (sm small) options(t testing.TB) Options {
	t.Helper()
	sums, err := export.ReadSummaries(sm.s)
	if err != nil {
		t.Fatal(err)
	}
	return Options{
		Matrix:      export.MatrixOptions{Rows: export.RowsParticipant, Depth: 1, Measure: "references"},
		About:       export.About{Title: sm.s.Config.Title, Command: "qda report -o rep", Version: "test", Date: time.Unix(1700000000, 0).UTC()},
		Summaries:   sums,
		AgreeCoders: []string{"eh", "jt"},
	}
}

func (sm small) build(t testing.TB, opt Options) *Report {
	t.Helper()
	r, err := Build(sm.s, sm.ix, sm.cb, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
