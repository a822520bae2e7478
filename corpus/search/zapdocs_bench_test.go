package search

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zapv15 "github.com/blevesearch/zapx/v15"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/search/zapwrite"
)

// BenchmarkSegmentWrite writes a study's whole index as segments written
// by qda (zapwrite), as a cold build would: every transcript and codings
// file read and parsed (corpus.Study.Scan), every line tokenized, a
// segment for the whole study, or one each time the writer holds
// QDA_BENCH_SEGMENT_TOKENS tokens. With QDA_BENCH_MERGE=1 the
// segments are then merged into one by zapx v15, as scorch would. The
// segments go to a temporary folder, never into the study. Time it
// with GNU time beside `cat` of the study (docs/performance.md,
// session 8); the phases are reported as metrics.
func BenchmarkSegmentWrite(b *testing.B) {
	dir := benchDir(b)
	limit := 0
	if s := os.Getenv("QDA_BENCH_SEGMENT_TOKENS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		limit = n
	}
	for range b.N {
		out := b.TempDir()
		st, err := corpus.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		cix, _, err := st.LoadIndex()
		if err != nil {
			b.Fatal(err)
		}
		an := testAnalyzers(b)
		start := time.Now()
		var paths []string
		var tokens, size int64
		w := zapwrite.New()
		flush := func() {
			path := filepath.Join(out, fmt.Sprintf("%06d.zap", len(paths)))
			f, err := os.Create(path)
			if err != nil {
				b.Fatal(err)
			}
			n, err := w.WriteTo(f)
			if err == nil {
				err = f.Close()
			}
			if err != nil {
				b.Fatal(err)
			}
			paths = append(paths, path)
			tokens += int64(w.Tokens())
			size += n
			w = zapwrite.New()
		}
		err = st.Scan(cix, corpus.ScanOptions{}, func(it *corpus.Item) error {
			segmentLines(w, it.Transcript, it.Codings, it.Attrs, an)
			segmentTranscript(w, it.ID, it.Attrs)
			if limit > 0 && w.Tokens() >= limit {
				flush()
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if w.Docs() > 0 {
			flush()
		}
		st.Close()
		written := time.Since(start)
		b.ReportMetric(written.Seconds(), "write-s")
		b.ReportMetric(float64(len(paths)), "segments")
		b.ReportMetric(float64(tokens), "tokens")
		b.ReportMetric(float64(size)/1e6, "MB")
		if os.Getenv("QDA_BENCH_MERGE") == "1" && len(paths) > 1 {
			start := time.Now()
			var segs []segment.Segment
			for _, p := range paths {
				s, err := (&zapv15.ZapPlugin{}).Open(p)
				if err != nil {
					b.Fatal(err)
				}
				segs = append(segs, s)
			}
			merged := filepath.Join(out, "merged.zap")
			_, n, err := (&zapv15.ZapPlugin{}).Merge(segs, make([]*roaring.Bitmap, len(segs)), merged, nil, nil)
			if err != nil {
				b.Fatal(err)
			}
			for _, s := range segs {
				s.Close()
			}
			b.ReportMetric(time.Since(start).Seconds(), "merge-s")
			b.ReportMetric(float64(n)/1e6, "merged-MB")
		}
	}
}
