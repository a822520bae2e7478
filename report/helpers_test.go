package report

import (
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/export"
	"github.com/qdatool/qda/internal/studytest"
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
	o := studytest.Open(t, studytest.Write(t, "testdata/small.txtar", extra...))
	return small{dir: o.Dir, s: o.S, cb: o.CB, ix: o.IX}
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
