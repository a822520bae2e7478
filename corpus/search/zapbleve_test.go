package search

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/search/zapwrite"
)

// segmentRequests are searches of every form the commands make.
var segmentRequests = []Request{
	{Query: "tea"}, {Query: `"cup of tea"`}, {Query: "BUS*"}, {Query: "confidance~1"},
	{Query: "speaker:ted"}, {Query: "helps OR bus"}, {Query: "zebra"}, {Query: "taxi"},
	{Query: "self-help"}, {Query: `"self help"`}, {Query: "24/7"}, {Query: `"don't"`},
	{Query: "+taxi +bus", Within: WithinTurn}, {Query: `"taxi bus"~12`},
	{Query: "code:confidence"}, {Query: "code:confidence -code_eh:confidence"}, {Query: "coder:jt tea"},
	{Query: "line:>10 bus"}, {Query: "line:3"}, {Query: "/tax[a-z]+/"}, {Query: "gender:female bus"},
	{Query: "neighbour", ByScore: true}, {Query: "bus", Limit: 20},
	{Query: "", Speaker: "interviewer"}, {Query: "tea", Speaker: "participant", WithRefs: true},
	{Query: "", Uncoded: true, Coders: []string{"jt"}},
	{Query: "tea", Filters: []corpus.Filter{{Key: "gender", Values: []string{"male"}}}},
}

// comparable makes a result the same for any two builds of the same
// documents. bleve's own builds differ from one another there: a score
// in its last bits (sums taken in another order, 0.0070104150672078884
// against 0.007010415067207887), and the order of hits of equal score,
// which is the order of the documents in the segments (a batch's
// documents are a map's, in no order). So scores are rounded to 12
// digits and hits by score are sorted by score, then line.
func comparable(r Request, res *Result) {
	round := func(hs []Hit) {
		for i := range hs {
			hs[i].Score, _ = strconv.ParseFloat(strconv.FormatFloat(hs[i].Score, 'g', 12, 64), 64)
		}
	}
	round(res.Hits)
	for _, th := range res.Turns {
		round(th.Hits)
	}
	if r.ByScore {
		slices.SortStableFunc(res.Hits, func(a, b Hit) int {
			if c := cmp.Compare(b.Score, a.Score); c != 0 {
				return c
			}
			return cmp.Or(cmp.Compare(a.Transcript, b.Transcript), cmp.Compare(a.Line, b.Line))
		})
	}
}

// TestSegmentInBleve: an index whose bleve part is one segment written
// by qda answers every request as the index qda builds through bleve.
// The segment goes into an index made by bleve's offline builder (zap
// forced to version 15), in place of the builder's own segment: bleve's
// root.bolt records a segment's file name, not its content. The
// manifest, the seal and the rest of qda's files are the build's.
func TestSegmentInBleve(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and indexes a demo study")
	}
	dir := demoStudyOf(t, 60)
	run := func(ix *Index) []string {
		t.Helper()
		var out []string
		for _, r := range segmentRequests {
			res, err := ix.Search(r)
			if res != nil {
				comparable(r, res)
			}
			out = append(out, fmt.Sprintf("%+v: %v %+v", r, err, res))
		}
		return out
	}
	// The reference: the index as bleve builds it, zap 17, batch by batch.
	bleveBuild = true
	ix := openWith(t, dir, Options{})
	bleveBuild = false
	want := run(ix)
	ix.Close()

	// bleve's part of the index again, from qda's segment.
	path := filepath.Join(dir, filepath.FromSlash(bleveDir))
	if err := os.RemoveAll(path); err != nil {
		t.Fatal(err)
	}
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bleve.NewBuilder(path, m, map[string]any{"forceSegmentType": "zap", "forceSegmentVersion": zapwrite.Version})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Index("placeholder", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	w := zapwrite.New()
	an := testAnalyzers(t)
	for _, s := range studyInputs(t, dir) {
		segmentLines(w, s.t, s.codings, s.attrs, an)
		segmentTranscript(w, s.t.ID, s.attrs)
	}
	f, err := os.Create(filepath.Join(path, "store", "000000000002.zap"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	ix = openWith(t, dir, Options{})
	got := run(ix)
	if ix.Stats.Rebuilt || ix.Stats.Reindexed != 0 {
		t.Fatalf("qda's segment was not used: rebuilt %v, %d transcripts indexed again", ix.Stats.Rebuilt, ix.Stats.Reindexed)
	}
	ix.Close()
	defer func() {
		if t.Failed() {
			return
		}
		// An edit after: bleve indexes it in a segment of its own, and
		// every segment, its new one and any merge, is zap 15 still.
		st, _ := corpus.Open(dir)
		cix, _, _ := st.LoadIndex()
		id := cix.Transcripts.Rows[0].ID
		f, err := os.OpenFile(st.Path(corpus.TranscriptFile(id)), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("\nInterviewer: And the zeppelin?\n")
		f.Close()
		ix := openWith(t, dir, Options{})
		defer ix.Close()
		res, err := ix.Search(Request{Query: "zeppelin"})
		if err != nil || ix.Stats.Rebuilt || ix.Stats.Reindexed != 1 || len(res.Hits) != 1 || res.Hits[0].Transcript != id {
			t.Fatalf("after an edit: %v, rebuilt %v, %d indexed again, hits %v", err, ix.Stats.Rebuilt, ix.Stats.Reindexed, res.Hits)
		}
		paths, err := segmentPaths(ix.idx)
		if err != nil || len(paths) == 0 {
			t.Fatal(err, paths)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if v := binary.BigEndian.Uint32(data[len(data)-8:]); v != zapwrite.Version {
				t.Errorf("%s is zap version %d", filepath.Base(p), v)
			}
		}
	}()
	for i := range want {
		if got[i] != want[i] {
			j := 0
			for j < min(len(got[i]), len(want[i])) && got[i][j] == want[i][j] {
				j++
			}
			t.Errorf("with qda's segment, from byte %d:\n got %.300s\nwant %.300s", j, got[i][max(0, j-150):], want[i][max(0, j-150):])
		}
	}
}
