package search

import (
	"os"
	"path/filepath"
	"testing"

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
