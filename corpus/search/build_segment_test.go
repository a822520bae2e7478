package search

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/search/zapwrite"
)

// buildStudy is a 60-participant demo with a line long enough to be
// indexed in pieces, and a study folder aged so nothing is racy.
func buildStudy(t *testing.T) (dir, longID string, n int) {
	t.Helper()
	dir = demoStudyOf(t, 60)
	st, _ := corpus.Open(dir)
	cix, _, _ := st.LoadIndex()
	longID, n = cix.Transcripts.Rows[1].ID, len(cix.Transcripts.Rows)
	f, err := os.OpenFile(st.Path(corpus.TranscriptFile(longID)), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\nParticipant: " + strings.Repeat("the long road by taxi and bus to town ", 5000) + "zeppelinish end\n")
	f.Close()
	ageStudy(dir)
	return dir, longID, n
}

// answers runs segmentRequests, made comparable across builds.
func answers(t *testing.T, ix *Index) []string {
	t.Helper()
	var out []string
	for _, r := range append(slices.Clone(segmentRequests), Request{Query: "zeppelinish"}, Request{Query: `"bus to town"`}) {
		res, err := ix.Search(r)
		if res != nil {
			comparable(r, res)
		}
		out = append(out, fmt.Sprintf("%+v: %v %+v", r, err, res))
	}
	return out
}

func sameAnswers(t *testing.T, what string, got, want []string) {
	t.Helper()
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s: request %d:\n got %.400s\nwant %.400s", what, i, got[i], want[i])
		}
	}
}

// manifestEntries are the manifest's entries as text, for comparing two
// builds (the index folder's home differs).
func manifestEntries(ix *Index) string {
	var b strings.Builder
	for _, id := range sortedEntryIDs(ix.man.Transcripts) {
		fmt.Fprintf(&b, "%s %+v\n", id, *ix.man.Transcripts[id])
	}
	return b.String()
}

func sortedEntryIDs(m map[string]*entry) []string {
	var ids []string
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// zapVersions are the zap versions of the index's segment files.
func zapVersions(t *testing.T, ix *Index) []uint32 {
	t.Helper()
	paths, err := segmentPaths(ix.idx)
	if err != nil || len(paths) == 0 {
		t.Fatal(err, paths)
	}
	var vs []uint32
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		vs = append(vs, binary.BigEndian.Uint32(data[len(data)-8:]))
	}
	return vs
}

// TestBuildFromNothing: a build from nothing writes one zap 15 segment
// of its own (build_segment.go) and answers every request, and records
// the same manifest, as a build through bleve's batches. Opened again it
// is used as it is; an edit after it (of the transcript with a long
// line, whose pieces must be deleted) is indexed through bleve into zap
// 15 segments.
func TestBuildFromNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and indexes a demo study")
	}
	dir, longID, n := buildStudy(t)
	bleveBuild = true
	ix := openWith(t, dir, Options{})
	bleveBuild = false
	want, wantMan := answers(t, ix), manifestEntries(ix)
	ix.Close()
	if !strings.Contains(wantMan, "Pieces:") || strings.Count(wantMan, "Pieces:0") == strings.Count(wantMan, "Pieces:") {
		t.Fatalf("no transcript has pieces:\n%s", wantMan)
	}

	// One segment, then a segment per chunk of 30,000 tokens merged
	// (about ten of them).
	defer func(n int) { chunkTokens = n }(chunkTokens)
	for _, chunk := range []int{chunkTokens, 30000} {
		chunkTokens = chunk
		builtByQda(t, dir, n, want, wantMan)
	}
	ix = openWith(t, dir, Options{})
	if ix.Stats.Rebuilt || ix.Stats.Reindexed != 0 || len(ix.Notices) != 0 {
		t.Fatalf("opened again: %+v %q", ix.Stats, ix.Notices)
	}
	sameAnswers(t, "opened again", answers(t, ix), want)
	ix.Close()

	st, _ := corpus.Open(dir)
	path := st.Path(corpus.TranscriptFile(longID))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The long line's words gone, a new one in.
	data = []byte(strings.Replace(string(data), "zeppelinish", "dirigible", 1))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ix = openWith(t, dir, Options{})
	if ix.Stats.Rebuilt || ix.Stats.Reindexed != 1 {
		t.Fatalf("after an edit: %+v", ix.Stats)
	}
	for q, n := range map[string]int{"zeppelinish": 0, "dirigible": 1} {
		res, err := ix.Search(Request{Query: q})
		if err != nil || len(res.Hits) != n {
			t.Errorf("after an edit, %s: %v, %d hits, want %d", q, err, len(res.Hits), n)
		}
	}
	for _, v := range zapVersions(t, ix) {
		if v != zapwrite.Version {
			t.Errorf("after an edit, a segment of zap %d", v)
		}
	}
}

// builtByQda builds dir's index from nothing, through zapwrite, and
// wants it to answer want and record the manifest entries wantMan.
func builtByQda(t *testing.T, dir string, n int, want []string, wantMan string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(dir, Dir)); err != nil {
		t.Fatal(err)
	}
	progressed, chunks := 0, 0
	buildPoint = func(step string) {
		if step == "chunk" {
			chunks++
		}
	}
	ix := openWith(t, dir, Options{Progress: func(done, total int) { progressed = done }})
	buildPoint = nil
	if big := chunkTokens < 100000; big != (chunks > 1) {
		t.Errorf("chunks of %d tokens: %d chunks written", chunkTokens, chunks)
	}
	if !ix.Stats.Rebuilt || ix.Stats.Reindexed != n || progressed != n {
		t.Fatalf("built: %+v, progress to %d", ix.Stats, progressed)
	}
	if vs := zapVersions(t, ix); !slices.Equal(vs, []uint32{zapwrite.Version}) {
		t.Fatalf("segments' versions %v, want one of %d", vs, zapwrite.Version)
	}
	sameAnswers(t, fmt.Sprintf("built by qda, chunks of %d tokens", chunkTokens), answers(t, ix), want)
	if got := manifestEntries(ix); got != wantMan {
		t.Errorf("manifest:\n%s\nwant\n%s", got, wantMan)
	}
	ix.Close()
	if left, _ := filepath.Glob(filepath.Join(dir, Dir, "build-*")); len(left) != 0 {
		t.Errorf("chunks of %d tokens: left %q", chunkTokens, left)
	}
}

// TestBuildKilled: a build from nothing killed at any step (its index
// as it was there, copied and put back) is built again by the next
// open, which answers as a whole build does.
func TestBuildKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and indexes a demo study")
	}
	dir, _, n := buildStudy(t)
	index := filepath.Join(dir, Dir)
	copies := t.TempDir()
	var steps []string
	buildPoint = func(step string) {
		steps = append(steps, step)
		if err := os.CopyFS(filepath.Join(copies, step), os.DirFS(index)); err != nil {
			t.Error(err)
		}
	}
	ix := openWith(t, dir, Options{})
	buildPoint = nil
	want := answers(t, ix)
	ix.Close()
	if !slices.Equal(steps, []string{"analysed", "builder", "segment", "opened"}) {
		t.Fatalf("steps %q", steps)
	}
	for _, s := range steps {
		if err := os.RemoveAll(index); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(index, os.DirFS(filepath.Join(copies, s))); err != nil {
			t.Fatal(err)
		}
		ix := openWith(t, dir, Options{})
		if !ix.Stats.Rebuilt || ix.Stats.Reindexed != n {
			t.Errorf("killed after %s: not built again: %+v %q", s, ix.Stats, ix.Notices)
		}
		sameAnswers(t, "killed after "+s, answers(t, ix), want)
		ix.Close()
	}
}
