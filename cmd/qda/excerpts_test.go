package main

import (
	"strings"
	"testing"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/layout"
)

func TestWriteExcerptTurns(t *testing.T) {
	tr := corpus.ParseTranscript("may-1", []byte("May: I had a fall.\nIt was in the winter.\n\nInterviewer: And then?\n\nMay: I stayed in.\n"))
	for _, tc := range []struct {
		name   string
		lines  corpus.Range
		ctx    corpus.Range
		width  int
		colour bool
		want   string
	}{
		{"mid-turn", corpus.Range{Start: 2, End: 2}, corpus.Range{Start: 2, End: 2}, 0, false,
			"  May: It was in the winter.\n"},
		{"interviewer between", corpus.Range{Start: 2, End: 6}, corpus.Range{Start: 2, End: 6}, 0, false,
			"  May: It was in the winter.\n  Interviewer: And then?\n  May: I stayed in.\n"},
		{"dimmed in colour", corpus.Range{Start: 4, End: 6}, corpus.Range{Start: 4, End: 6}, 0, true,
			layout.Dim("  Interviewer: And then?") + "\n  May: I stayed in.\n"},
		{"context", corpus.Range{Start: 6, End: 6}, corpus.Range{Start: 4, End: 6}, 0, false,
			"  : Interviewer: And then?\n  May: I stayed in.\n"},
		{"wrapped", corpus.Range{Start: 1, End: 2}, corpus.Range{Start: 1, End: 2}, 30, false,
			"  May: I had a fall. It was in\n  the winter.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			writeExcerptTurns(&b, &corpus.Excerpt{T: tr, Lines: tc.lines, Context: tc.ctx}, tc.width, tc.colour)
			if b.String() != tc.want {
				t.Errorf("got\n%q\nwant\n%q", b.String(), tc.want)
			}
		})
	}
}
