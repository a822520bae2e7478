package corpus

import (
	"testing"
)

func TestReanchor(t *testing.T) {
	old := ParseTranscript("may-1", []byte(`Interviewer: What did you hope for?

May: I wanted my confidence back.
I didn't want to go out.

Interviewer: And now?

May: We have a cup of tea every week.
It helps.
`))
	// The new text has a turn more at the top and a sentence split in two.
	new := ParseTranscript("may-1", []byte(`Interviewer: Hello again.

May: Hello.

Interviewer: What did you hope for?

May: I wanted my confidence back.
I didn't want to go out.

Interviewer: And now?

May: We have a cup of tea every week.
It really helps.
`))
	tests := []struct {
		name  string
		seg   Segment
		want  Range
		found bool
	}{
		{"moved by its quote", Segment{Lines: Range{3, 4}, Quote: "I wanted my confidence back."}, Range{7, 8}, true},
		{"no quote: the old first line's text", Segment{Lines: Range{8, 9}}, Range{12, 13}, true},
		{"end follows its text", Segment{Lines: Range{6, 8}, Quote: "And now?"}, Range{10, 12}, true},
		{"text gone: kept where it was", Segment{Lines: Range{9, 9}, Quote: "It helps."}, Range{9, 9}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.seg.Codes = []string{"a"}
			out, rep := Reanchor([]Segment{tc.seg}, old, new)
			if len(out) != 1 || out[0].Lines != tc.want {
				t.Fatalf("Reanchor = %+v, want lines %v", out, tc.want)
			}
			if len(rep) != 1 || rep[0].Found != tc.found || rep[0].Old != tc.seg.Lines {
				t.Fatalf("report = %+v, want found=%v", rep, tc.found)
			}
			if tc.found && out[0].Quote != new.Quote(tc.want.Start) {
				t.Errorf("quote = %q, want the new first line's", out[0].Quote)
			}
		})
	}
	// A segment already in place is not reported.
	same := ParseTranscript("x", []byte("A: one.\n"))
	out, rep := Reanchor([]Segment{{Lines: Range{1, 1}, Codes: []string{"a"}, Quote: "one."}}, same, same)
	if len(out) != 1 || len(rep) != 0 {
		t.Fatalf("unchanged segment: out %+v, report %+v", out, rep)
	}
}
