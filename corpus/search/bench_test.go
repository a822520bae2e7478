package search

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
)

// benchDir is QDA_BENCH_STUDY (a study made with 'qda demo DIR
// --participants 10000', indexed once by 'qda -C DIR search x'), else a
// demo of 100 participants made for the run.
func benchDir(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("QDA_BENCH_STUDY"); dir != "" {
		return dir
	}
	dir := filepath.Join(b.TempDir(), "study")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	if _, err := demo.Write(dir, demo.Options{Participants: 100}); err != nil {
		b.Fatal(err)
	}
	// A study's files were written before the search, not a moment ago:
	// files this fresh are hashed again by every update (racyWindow).
	hourAgo := time.Now().Add(-time.Hour)
	filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
		if err == nil {
			os.Chtimes(path, hourAgo, hourAgo)
		}
		return nil
	})
	return dir
}

func benchOpen(b *testing.B, dir string) *Index {
	b.Helper()
	st, err := corpus.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	cix, _, err := st.LoadIndex()
	if err != nil {
		b.Fatal(err)
	}
	cb, _ := st.Codebook()
	ix, err := Open(st, cix, cb, Options{})
	if err != nil {
		b.Fatal(err)
	}
	return ix
}

// BenchmarkQuery is warm query latency: the index open and current, one
// query of each kind per iteration.
func BenchmarkQuery(b *testing.B) {
	ix := benchOpen(b, benchDir(b))
	defer ix.Close()
	for _, q := range []string{"taxi", `"cup of tea"`, "lonel*", "lonely~1", "gender:female +bus"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := ix.Search(Request{Query: q, Limit: 20}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkUpdateNothing is the staleness check of a study where nothing
// changed: what every search pays before its query.
func BenchmarkUpdateNothing(b *testing.B) {
	dir := benchDir(b)
	benchOpen(b, dir).Close()
	for b.Loop() {
		benchOpen(b, dir).Close()
	}
}

// BenchmarkSearchNothingMoved is the fixed cost of a search as qda search
// opens the index (the tables' headers alone, codings lazily: quick.go)
// when nothing moved: open, a word found nowhere, close. The process's
// own start (package init, about 15 ms) is not in it.
func BenchmarkSearchNothingMoved(b *testing.B) {
	dir := benchDir(b)
	benchOpen(b, dir).Close()
	benchOpen(b, dir).Close() // past the racy window of the build
	for b.Loop() {
		st, err := corpus.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		heads, _, err := st.LoadHeads()
		if err != nil {
			b.Fatal(err)
		}
		cb, _ := st.Codebook()
		tables := func() (*corpus.Index, error) {
			b.Fatal("the tables were read: something moved")
			return nil, nil
		}
		ix, err := Open(st, heads, cb, Options{LazyCodings: true, Tables: tables})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ix.Search(Request{Query: "xylophone", WithRefs: true}); err != nil {
			b.Fatal(err)
		}
		ix.Close()
		st.Close()
	}
}

// BenchmarkUpdateOneFile edits one codings file before each update.
func BenchmarkUpdateOneFile(b *testing.B) {
	dir := benchDir(b)
	benchOpen(b, dir).Close()
	st, _ := corpus.Open(dir)
	cix, _, _ := st.LoadIndex()
	coder := cix.Coders[0]
	ids, err := st.CodedBy(coder)
	if err != nil || len(ids) == 0 {
		b.Fatal(err, "no codings")
	}
	file := st.Path(corpus.CodingsFile(coder, ids[0]))
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(file, orig, 0o644)
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		data := append([]byte{}, orig...)
		if i%2 == 1 {
			data = append(data, "- lines: 1\n  codes: [confidence]\n"...)
		}
		os.WriteFile(file, data, 0o644)
		b.StartTimer()
		ix := benchOpen(b, dir)
		if ix.Stats.Reindexed != 1 {
			b.Fatalf("reindexed %d", ix.Stats.Reindexed)
		}
		ix.Close()
	}
}

// queryKinds are bench/search's 20 fixed queries of each kind.
var queryKinds = map[string][]string{
	"word": {"taxi", "bus", "lonely", "tea", "group", "confidence", "letters", "volunteer", "garden", "church",
		"walk", "club", "daughter", "hospital", "scone", "library", "choir", "poster", "weekend", "money"},
	"phrase": {`"cup of tea"`, `"bus pass"`, `"on my own"`, `"knit and natter"`, `"twelve weeks"`, `"get out"`,
		`"the group"`, `"a taxi"`, `"my daughter"`, `"lunch club"`, `"every week"`, `"the bus"`, `"a friend"`,
		`"the library"`, `"my confidence"`, `"in the house"`, `"community bus"`, `"he was"`, `"on the phone"`, `"a lot"`},
	"wildcard": {"taxi*", "bus*", "lonel*", "volunt*", "garden*", "walk*", "friend*", "lett*", "confid*", "club*",
		"shop*", "hosp*", "tea*", "chur*", "dau*", "mone*", "libr*", "pos*", "wee*", "cho*"},
	"fuzzy": {"lonely~1", "taxi~1", "garden~1", "church~1", "letter~1", "friend~1", "money~1", "walk~1", "scone~1", "choir~1",
		"poster~1", "club~1", "tea~1", "bus~1", "group~1", "volunteer~1", "hospital~1", "library~1", "weekend~1", "daughter~1"},
	"field": {"speaker:interviewer", "gender:female +taxi", "code:confidence", "role:participant +bus", "wave:2 +lonely",
		"location:rural +bus", "code:tea-and-company +tea", "speaker:may", "line:<5", "mode:telephone +group",
		"code_jt:sustainability +taxi", "trigger_group:bereaved +friend", "+taxi -bus", "taxi OR bus", "tea AND company",
		"gender:male +walk", "age_range:70+ +club", "code:referral +poster", "role:interviewer +scheme", "coder:eh +library"},
}

// BenchmarkQueryKinds reports p50 and p95 latency of the 20 queries of
// each kind, warm, with --limit 20 as bench/search runs them.
func BenchmarkQueryKinds(b *testing.B) {
	ix := benchOpen(b, benchDir(b))
	defer ix.Close()
	for _, kind := range []string{"word", "phrase", "wildcard", "fuzzy", "field"} {
		b.Run(kind, func(b *testing.B) {
			var times []time.Duration
			for b.Loop() {
				for _, q := range queryKinds[kind] {
					t0 := time.Now()
					if _, err := ix.Search(Request{Query: q, Limit: 20}); err != nil {
						b.Fatal(q, err)
					}
					times = append(times, time.Since(t0))
				}
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
}

// BenchmarkCommonWord is a word on about one line in 40, every hit
// fetched with its codes as qda search prints them: the query whose cost
// grows with the index's segments (merge.go).
func BenchmarkCommonWord(b *testing.B) {
	ix := benchOpen(b, benchDir(b))
	defer ix.Close()
	b.Logf("%d segments", ix.segments())
	for _, q := range []string{"bus", `"cup of tea"`, "taxi*", "noticeboard"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := ix.Search(Request{Query: q, WithRefs: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBuild is the cold build: the index deleted, then opened
// (built and merged) again. On QDA_BENCH_STUDY it deletes that study's
// .qda/index, so run it on a copy.
func BenchmarkBuild(b *testing.B) {
	dir := benchDir(b)
	for b.Loop() {
		if err := os.RemoveAll(filepath.Join(dir, Dir)); err != nil {
			b.Fatal(err)
		}
		benchOpen(b, dir).Close()
	}
}
