package ingest

import (
	"strings"
	"testing"
)

// TestTooLarge checks that a transcript over the limit is refused, also
// when the file read is under it: labels and line breaks make the
// transcript larger than its source. The limit is lowered to keep the
// test small.
func TestTooLarge(t *testing.T) {
	defer func(n int) { maxText = n }(maxText)
	maxText = 1000
	tests := []struct {
		name, file, text string
		opt              Options
		wantErr          bool
	}{
		{"under the limit", "a.txt", strings.Repeat("I: a\nR: b\n", 20), Options{Participant: "may"}, false},
		{"labels grow it past the limit", "a.txt", strings.Repeat("I: a\nR: b\n", 60), Options{Participant: "a-participant-with-a-long-id"}, true},
		{"one long turn", "a.md", "May: " + strings.Repeat("Tea. ", 300), Options{}, true},
		{"text before any label", "a.txt", strings.Repeat("Tea and cake.\n", 100), Options{}, true},
		{"white space is not text", "a.txt", "May: tea" + strings.Repeat(" \n\n", 3000) + "I: cake\n", Options{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := File(tc.file, []byte(tc.text), tc.opt)
			if !tc.wantErr {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error; %d bytes", len(res.Text))
			}
			want := tc.file + ": its transcript would be larger than 64 MB, more than qda writes as one file (is it the right file? a two-hour interview is well under 1 MB; split a longer one into parts and ingest each with its own --id)"
			if err.Error() != want {
				t.Errorf("error\n got  %s\n want %s", err, want)
			}
		})
	}
}

// TestBlankLines checks that blank lines and paragraphs, which the
// readers leave out, change nothing in the transcript.
func TestBlankLines(t *testing.T) {
	for _, tc := range []struct{ name, a, b string }{
		{"txt", "Title\nI: Hello.\nMay: Tea.\nand cake\n", "\n\nTitle\n \n\nI: Hello.\n\n\t\nMay: Tea.\n\n\nand cake\n\n"},
		{"md", "# Title\nI: Hello.\n", "# Title\n\n---\n\nI: Hello.\n\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := File("x."+tc.name, []byte(tc.a), Options{Participant: "may"})
			if err != nil {
				t.Fatal(err)
			}
			b, err := File("x."+tc.name, []byte(tc.b), Options{Participant: "may"})
			if err != nil {
				t.Fatal(err)
			}
			if string(a.Text) != string(b.Text) || a.Turns != b.Turns || a.Lines != b.Lines {
				t.Errorf("with blank lines\n%s\nwithout\n%s", b.Text, a.Text)
			}
		})
	}
}

// TestSplitWindows checks that splitting a long turn a window at a time
// gives the sentences that splitting it whole does.
func TestSplitWindows(t *testing.T) {
	defer func(n int) { splitWindow = n }(splitWindow)
	text := collapseSpace(strings.Repeat("I went to the cafe, e.g. on Tuesdays... And Dr. Smith said \"fine.\" Then - well - no! ", 40))
	want := splitSentences(text)
	for _, w := range []int{10, 37, 64, 100, 1000} {
		splitWindow = w
		got := splitSentences(text)
		if strings.Join(got, " ") != text {
			t.Fatalf("window %d: the sentences do not join to the text", w)
		}
		if w >= 100 && strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("window %d: got\n%s\nwant\n%s", w, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
