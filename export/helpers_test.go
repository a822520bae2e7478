package export

import (
	"runtime"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/studytest"
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
	return openStudyAt(t, studytest.Write(t, "testdata/tiny.txtar", extra...))
}

func openStudyAt(t *testing.T, dir string) tinyStudy {
	t.Helper()
	o := studytest.Open(t, dir)
	return tinyStudy{o.S, o.CB, o.IX}
}

// liveHeap is the heap in use after a collection.
func liveHeap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
