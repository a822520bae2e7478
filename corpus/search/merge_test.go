package search

import (
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
)

// TestMerged: a build leaves one segment, saved for the next process; a
// one-file edit then merges nothing big and its lines are found.
func TestMerged(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and indexes a demo study")
	}
	dir := filepath.Join(t.TempDir(), "study")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// 100 participants are about 6,700 lines: two batches, so two
	// segments without the merge.
	if _, err := demo.Write(dir, demo.Options{Participants: 100}); err != nil {
		t.Fatal(err)
	}
	open := func() (*Index, bool) {
		t.Helper()
		merged := false
		ix := openWith(t, dir, Options{Merging: func() { merged = true }})
		return ix, merged
	}

	ix, merged := open()
	if n := ix.segments(); n != 1 || !merged || !ix.Stats.Rebuilt || ix.Stats.Documents <= batchDocs {
		t.Errorf("after the build: %d segments (want 1), Merging called %v, %d documents", n, merged, ix.Stats.Documents)
	}
	want, err := ix.Search(Request{Query: "taxi"})
	if err != nil || len(want.Hits) == 0 {
		t.Fatal(err, "no hits")
	}
	ix.Close()

	ix, _ = open()
	if n := ix.segments(); n != 1 || ix.Stats.Rebuilt {
		t.Errorf("opened again: %d segments (want 1), rebuilt %v", n, ix.Stats.Rebuilt)
	}
	got, err := ix.Search(Request{Query: "taxi"})
	if err != nil || !slices.Equal(hitIDs(got.Hits), hitIDs(want.Hits)) {
		t.Errorf("opened again: %v, %d hits, want %d", err, len(got.Hits), len(want.Hits))
	}
	ix.Close()

	st, _ := corpus.Open(dir)
	cix, _, _ := st.LoadIndex()
	id := cix.Transcripts.Rows[0].ID
	f, err := os.OpenFile(st.Path(corpus.TranscriptFile(id)), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\nInterviewer: And the zeppelin?\n")
	f.Close()
	ix, merged = open()
	if n := ix.segments(); n > 2 || merged || ix.Stats.Reindexed != 1 {
		t.Errorf("after an edit: %d segments (want 1 or 2), whole merge %v, %d re-indexed", n, merged, ix.Stats.Reindexed)
	}
	res, err := ix.Search(Request{Query: "zeppelin"})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].Transcript != id {
		t.Errorf("after an edit: %v, hits %v", err, res.Hits)
	}
}

func hitIDs(hits []Hit) []string {
	var ids []string
	for _, h := range hits {
		ids = append(ids, docID(h.Transcript, h.Line))
	}
	return ids
}

// segments is the number of the index's segments on disk; 0 when bleve
// cannot say.
func (ix *Index) segments() int {
	adv, err := ix.idx.Advanced()
	if err != nil {
		return 0
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return 0
	}
	return int(atomic.LoadUint64(&s.Stats().(*scorch.Stats).TotFileSegmentsAtRoot))
}
