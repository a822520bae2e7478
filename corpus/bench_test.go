package corpus_test

import (
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
)

// benchStudy writes a demo study of n participants once per process, in
// a folder of the benchmark's; QDA_BENCH_STUDY points at a bigger one
// made with 'qda demo DIR --participants 10000' instead.
var benchStudies sync.Map

func benchStudy(b *testing.B, n int) *corpus.Study {
	b.Helper()
	dir := os.Getenv("QDA_BENCH_STUDY")
	if dir == "" {
		v, _ := benchStudies.LoadOrStore(n, new(sync.Once))
		dir = filepath.Join(os.TempDir(), "qda-bench-"+strconv.Itoa(n)+"-"+strconv.Itoa(os.Getpid()))
		v.(*sync.Once).Do(func() {
			os.RemoveAll(dir)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				b.Fatal(err)
			}
			if _, err := demo.Write(dir, demo.Options{Participants: n}); err != nil {
				b.Fatal(err)
			}
		})
	}
	s, err := corpus.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func BenchmarkStats1000(b *testing.B) {
	s := benchStudy(b, 1000)
	b.ResetTimer()
	for b.Loop() {
		ix, _, err := s.LoadIndex()
		if err != nil {
			b.Fatal(err)
		}
		cb, _ := s.Codebook()
		if _, err := s.Stats(ix, cb, corpus.StatsOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheck1000(b *testing.B) {
	s := benchStudy(b, 1000)
	b.ResetTimer()
	for b.Loop() {
		rep, err := s.Check()
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Findings) != 0 {
			b.Fatalf("the demo study has findings: %v", rep.Findings)
		}
	}
}
