package assistant

import (
	"os"
	"testing"
)

// BenchmarkTools times each read tool on the study $QDA_BENCH_STUDY (a
// 'qda demo --participants 10000' study, say), one call an iteration:
//
//	QDA_BENCH_STUDY=path/to/study go test ./assistant -run X -bench Tools -benchtime 3x
func BenchmarkTools(b *testing.B) {
	dir := os.Getenv("QDA_BENCH_STUDY")
	if dir == "" {
		b.Skip("set QDA_BENCH_STUDY to a study's folder")
	}
	a, err := New(dir, "ai-bench", "bench")
	if err != nil {
		b.Fatal(err)
	}
	tools := []struct {
		name string
		call func() error
	}{
		{"overview", func() error { _, err := a.Overview(OverviewInput{}); return err }},
		{"codebook", func() error { _, err := a.Codebook(CodebookInput{}); return err }},
		{"transcripts", func() error { _, err := a.Transcripts(ListInput{Where: []string{"gender=female"}}); return err }},
		{"participants", func() error { _, err := a.Participants(ListInput{}); return err }},
		{"transcript_lines", func() error { _, err := a.TranscriptLines(LinesInput{Transcript: "may-1"}); return err }},
		{"excerpts", func() error { _, err := a.Excerpts(ExcerptsInput{Code: "confidence"}); return err }},
		{"search", func() error { _, err := a.Search(SearchInput{Query: "tea"}); return err }},
		{"stats", func() error { _, err := a.Stats(CountInput{Depth: 1}); return err }},
		{"matrix", func() error { _, err := a.Matrix(CountInput{Depth: 1}); return err }},
		{"agreement", func() error { _, err := a.Agreement(AgreementInput{Depth: 1}); return err }},
		{"memos", func() error { _, err := a.Memos(MemosInput{}); return err }},
	}
	for _, tl := range tools {
		b.Run(tl.name, func(b *testing.B) {
			for b.Loop() {
				if err := tl.call(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
