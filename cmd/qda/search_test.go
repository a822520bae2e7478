package main

import (
	"bytes"
	"testing"

	"github.com/qdatool/qda/corpus"
)

func TestHighlight(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		spans      [][2]int
		want       string
	}{
		{"none", "a cup of tea", nil, "a cup of tea"},
		{"word", "a cup of tea", [][2]int{{2, 5}}, "a \x1b[1;31mcup\x1b[0m of tea"},
		{"phrase as one run", "a cup of tea", [][2]int{{2, 5}, {6, 8}, {9, 12}}, "a \x1b[1;31mcup of tea\x1b[0m"},
		{"two words apart", "tea, then tea", [][2]int{{0, 3}, {10, 13}}, "\x1b[1;31mtea\x1b[0m, then \x1b[1;31mtea\x1b[0m"},
		{"span past the end is left out", "tea", [][2]int{{0, 3}, {5, 9}}, "\x1b[1;31mtea\x1b[0m"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := highlight(tc.text, tc.spans); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestPrintHitsJSON: hits streamed one at a time print byte for byte as
// printJSON prints them whole, a text that holds the matches key included.
func TestPrintHitsJSON(t *testing.T) {
	hit := hitJSON{Transcript: "may-1", File: "transcripts/may-1.txt", Participant: "may", Line: 3, Speaker: "May",
		Text: `May: "matches": [] <b>tea</b> & more`, Score: 0.25, Matches: [][2]int{{5, 14}, {20, 23}},
		Codes: []corpus.LineCode{{Code: "tea", Coders: []string{"jt"}}}, Context: []excerptLine{{Line: 2, Text: "", Context: true}}}
	bare := hitJSON{Transcript: "ted-1", File: "transcripts/ted-1.txt", Line: 1, Matches: [][2]int{}, Codes: []corpus.LineCode{}}
	for _, tc := range []struct {
		name string
		hits []hitJSON
	}{
		{"none", []hitJSON{}},
		{"one", []hitJSON{hit}},
		{"no matches", []hitJSON{bare}},
		{"several", []hitJSON{hit, bare, hit}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want, got bytes.Buffer
			if err := printJSON(&want, tc.hits); err != nil {
				t.Fatal(err)
			}
			if err := printHitsJSON(&got, tc.hits); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("got\n%s\nwant\n%s", got.String(), want.String())
			}
		})
	}
}
