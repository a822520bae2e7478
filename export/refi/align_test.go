package refi

import (
	"testing"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

func TestPlace(t *testing.T) {
	// The source as a tool holds it, and the transcript ingest made of it:
	// the labels renamed, a timestamp dropped, sentences on lines.
	source := "I: [00:01:02] How are you?\nR: Fine. Siân came round, we had café au lait.\nI: Good 👍 Really good."
	transcript := corpus.ParseTranscript("t", []byte("Interviewer: How are you?\n\nsian: Fine.\nSiân came round, we had café au lait.\n\nInterviewer: Good 👍 Really good.\n"))
	m := newLineMap(source, transcript)
	at := func(s string) (int, int) {
		r := []rune(source)
		for i := range r {
			if string(r[i:min(len(r), i+len([]rune(s)))]) == s {
				return i, i + len([]rune(s))
			}
		}
		t.Fatalf("%q not in the source", s)
		return 0, 0
	}
	tests := []struct {
		sel     string
		want    corpus.Range
		widened int
	}{
		{"How are you?", corpus.Range{Start: 1, End: 1}, 0},
		{"Fine. Siân came round, we had café au lait.", corpus.Range{Start: 3, End: 4}, 0},
		{"café", corpus.Range{Start: 4, End: 4}, len([]rune("Siân came round, we had café au lait")) - 4},
		{"Really good.", corpus.Range{Start: 6, End: 6}, len([]rune("Good 👍 "))},
		{"👍", corpus.Range{Start: 6, End: 6}, len([]rune("Good 👍 Really good"))},
	}
	for _, tc := range tests {
		s, e := at(tc.sel)
		r, w, ok := m.place(s, e)
		if !ok || r != tc.want || w != tc.widened {
			t.Errorf("place(%q) = %v, %d, %v; want %v, %d", tc.sel, r, w, ok, tc.want, tc.widened)
		}
	}
}

func TestNormColor(t *testing.T) {
	for in, want := range map[string]string{
		"#4E79A7": "#4e79a7", "#abc": "#abc", "#FF4E79A7": "#4e79a7", "#4e79a7ff": "#4e79a7",
		"#804e79a7": "#4e79a7", "4e79a7": "#4e79a7", "red": "", "#12345": "", "": "",
	} {
		if got := normColor(in); got != want {
			t.Errorf("normColor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUndescribe(t *testing.T) {
	tests := []struct{ name, desc string }{
		{"Day to day", "Everyday things."},
		{"Day to day", "Everyday things.\n\nInclude: chores\n\nExclude: work\n\nExamples:\n- I cook\n- I clean\n\nqda aliases:\n- daily\n\nqda patterns:\n- \"cook*\"\n\nMemo: check\n\nqda name: daily-tasks"},
		{"rq1_definition", ""},
		{"Café", "Two paragraphs.\n\nOf description."},
	}
	for _, tc := range tests {
		f := undescribe(tc.name, tc.desc)
		if !f.named && f.name != corpus.Slug(tc.name) {
			t.Errorf("%q: name %q", tc.name, f.name)
		}
		c := &codebook.Code{Name: f.name, Label: f.label, Description: f.description, Include: f.include, Exclude: f.exclude,
			Examples: f.examples, Aliases: f.aliases, Patterns: f.patterns, Memo: f.memo}
		got := describe(c)
		if got != tc.desc {
			t.Errorf("%q: describe(undescribe(d)) =\n%q\nwant\n%q", tc.name, got, tc.desc)
		}
	}
}
