package corpus_test

import (
	"testing"

	"github.com/qdatool/qda/corpus"
)

// BenchmarkAgree1000 compares every coder on every code of a demo study
// of 1,000 participants, line by line, with every disagreement taken: the
// cost of qda agree --json.
func BenchmarkAgree1000(b *testing.B) {
	s := benchStudy(b, 1000)
	ix, _, err := s.LoadIndex()
	if err != nil {
		b.Fatal(err)
	}
	cb, _ := s.Codebook()
	b.ResetTimer()
	for b.Loop() {
		n := 0
		opt := corpus.AgreeOptions{Coders: ix.Coders, Codes: cb.All(),
			OnDisagreement: func(*corpus.Disagreement) error { n++; return nil }}
		res, err := s.Agree(ix, cb, opt)
		if err != nil {
			b.Fatal(err)
		}
		if res.Transcripts == 0 || n == 0 {
			b.Fatalf("compared %d transcripts, %d disagreements: the demo study should have both", res.Transcripts, n)
		}
	}
}
