package report

import (
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
	"github.com/qdatool/qda/export"
)

// BenchmarkReport builds, renders and scans the report of a demo study of
// 1,000 participants: go test -bench Report -cpuprofile cpu.out ./report/.
// bench/report measures the command at 10,000 against cat.
func BenchmarkReport(b *testing.B) {
	// QDA_BENCH_STUDY names a study to measure instead (a larger demo).
	dir := os.Getenv("QDA_BENCH_STUDY")
	if dir == "" {
		dir = b.TempDir()
		if _, err := demo.Write(dir, demo.Options{Participants: 1000}); err != nil {
			b.Fatal(err)
		}
	}
	s, err := corpus.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	cb, _ := s.Codebook()
	ix, _, err := s.LoadIndex()
	if err != nil {
		b.Fatal(err)
	}
	opt := Options{Matrix: export.MatrixOptions{Rows: export.RowsParticipant, Depth: 1, Measure: "references"},
		About: export.About{Date: time.Unix(0, 0)}, AgreeCoders: ix.Coders}
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		r, err := Build(s, ix, cb, opt)
		if err != nil {
			b.Fatal(err)
		}
		built := time.Now()
		files, err := r.Render(false)
		if err != nil {
			b.Fatal(err)
		}
		rendered := time.Now()
		if p := os.Getenv("QDA_BENCH_HEAP"); p != "" {
			// What is held once the pages are rendered, the model still
			// with them: the report's peak.
			runtime.GC()
			if f, err := os.Create(p); err == nil {
				pprof.WriteHeapProfile(f)
				f.Close()
			}
			runtime.KeepAlive(r)
		}
		Scan(files, nil)
		b.Logf("build %v, render %v, scan %v", built.Sub(start), rendered.Sub(built), time.Since(rendered))
	}
}
