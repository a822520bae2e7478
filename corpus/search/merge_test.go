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

// TestMerged: a build leaves one segment (written by qda, so nothing to
// merge), saved for the next process; a one-file edit then merges
// nothing big and its lines are found.
func TestMerged(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and indexes a demo study")
	}
	dir := demoStudy(t)
	open := func() (*Index, bool) {
		t.Helper()
		merged := false
		ix := openWith(t, dir, Options{Merging: func() { merged = true }})
		return ix, merged
	}

	ix, merged := open()
	if n := ix.segments(); n != 1 || merged || !ix.Stats.Rebuilt || ix.Stats.Documents <= batchDocs {
		t.Errorf("after the build: %d segments (want 1), Merging called %v (want false), %d documents", n, merged, ix.Stats.Documents)
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

// demoStudy writes a demo of 100 participants: about 6,700 lines, two
// batches, so two segments without the merge.
func demoStudy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "study")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Write(dir, demo.Options{Participants: 100}); err != nil {
		t.Fatal(err)
	}
	return dir
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

// TestBuildWrittenBeforeClean: bleve's batches return before their
// segments are written (unsafeBatch), so an update waits for them before
// it saves the manifest and removes the dirty flag. The index's files as
// they are at that point (a copy taken when the merge starts, put back
// after the update as if the process had been killed there) must open as
// a whole index: not rebuilt, nothing indexed again, the same hits. The
// update is of every transcript, through bleve: a build from nothing
// writes its one segment itself (build_segment.go) and merges nothing.
func TestBuildWrittenBeforeClean(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and indexes a demo study")
	}
	dir := demoStudy(t)
	openWith(t, dir, Options{}).Close()
	st, _ := corpus.Open(dir)
	cix, _, _ := st.LoadIndex()
	for _, r := range cix.Transcripts.Rows {
		f, err := os.OpenFile(st.Path(corpus.TranscriptFile(r.ID)), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("\nInterviewer: And the taxi?\n")
		f.Close()
	}
	ageStudy(dir)
	index := filepath.Join(dir, Dir)
	killed := filepath.Join(t.TempDir(), "killed")
	var copyErr error
	merged := false
	ix := openWith(t, dir, Options{Merging: func() { merged, copyErr = true, os.CopyFS(killed, os.DirFS(index)) }})
	want, err := ix.Search(Request{Query: "taxi"})
	ix.Close()
	if err != nil || copyErr != nil || !merged || ix.Stats.Rebuilt || ix.Stats.Reindexed != len(cix.Transcripts.Rows) {
		t.Fatal(err, copyErr, merged, ix.Stats)
	}
	if _, err := os.Stat(filepath.Join(killed, "dirty")); err == nil {
		t.Fatal("the dirty flag was still there when the merge began")
	}
	// Put back in the same folder, which is the index's home (home.go).
	entries, _ := os.ReadDir(index)
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(index, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.CopyFS(index, os.DirFS(killed)); err != nil {
		t.Fatal(err)
	}
	ix = openWith(t, dir, Options{})
	defer ix.Close()
	if ix.Stats.Rebuilt || ix.Stats.Reindexed != 0 || len(ix.Notices) != 0 {
		t.Fatalf("the index as the build left it before merging: rebuilt %v, %d re-indexed, notices %q",
			ix.Stats.Rebuilt, ix.Stats.Reindexed, ix.Notices)
	}
	got, err := ix.Search(Request{Query: "taxi"})
	if err != nil || !slices.Equal(hitIDs(got.Hits), hitIDs(want.Hits)) || len(got.Hits) == 0 {
		t.Fatalf("%v: %d hits, want %d", err, len(got.Hits), len(want.Hits))
	}
}
