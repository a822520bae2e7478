package corpus

import (
	"reflect"
	"testing"
)

const turnsText = `Interviewer: How did you get there?

May: I had a fall.
It was in the winter.
I remember the day.

Interviewer: What's there locally for you to go to?

May: The club.
`

func TestTurns(t *testing.T) {
	tr := ParseTranscript("may-1", []byte(turnsText))
	for _, tc := range []struct {
		name    string
		r       Range
		want    []Turn
		text    string
		numbers string
	}{
		{"one line", Range{3, 3},
			[]Turn{{Speaker: "May", Lines: Range{3, 3}, Text: []TurnLine{{3, "I had a fall."}}}},
			"May: I had a fall.", "May: [3] I had a fall."},
		{"mid-turn", Range{4, 5},
			[]Turn{{Speaker: "May", Continued: true, Lines: Range{4, 5}, Text: []TurnLine{{4, "It was in the winter."}, {5, "I remember the day."}}}},
			"May: It was in the winter. I remember the day.", "May: [4] It was in the winter. [5] I remember the day."},
		{"interviewer between", Range{5, 9},
			[]Turn{
				{Speaker: "May", Continued: true, Lines: Range{5, 5}, Text: []TurnLine{{5, "I remember the day."}}},
				{Speaker: "Interviewer", Interviewer: true, Lines: Range{7, 7}, Text: []TurnLine{{7, "What's there locally for you to go to?"}}},
				{Speaker: "May", Lines: Range{9, 9}, Text: []TurnLine{{9, "The club."}}},
			},
			"May: I remember the day.\nInterviewer: What's there locally for you to go to?\nMay: The club.",
			"May: [5] I remember the day.\nInterviewer: [7] What's there locally for you to go to?\nMay: [9] The club."},
		{"two turns", Range{1, 4},
			[]Turn{
				{Speaker: "Interviewer", Interviewer: true, Lines: Range{1, 1}, Text: []TurnLine{{1, "How did you get there?"}}},
				{Speaker: "May", Lines: Range{3, 4}, Text: []TurnLine{{3, "I had a fall."}, {4, "It was in the winter."}}},
			},
			"Interviewer: How did you get there?\nMay: I had a fall. It was in the winter.",
			"Interviewer: [1] How did you get there?\nMay: [3] I had a fall. [4] It was in the winter."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Turns(tr, tc.r)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Turns = %+v\nwant %+v", got, tc.want)
			}
			if s := TurnsText(got, false, "\n"); s != tc.text {
				t.Errorf("text = %q, want %q", s, tc.text)
			}
			if s := TurnsText(got, true, "\n"); s != tc.numbers {
				t.Errorf("numbered = %q, want %q", s, tc.numbers)
			}
		})
	}
}

func TestTurnsUnlabelled(t *testing.T) {
	tr := ParseTranscript("x", []byte("Some notes before anyone speaks.\nMore notes.\n"))
	got := TurnsText(Turns(tr, Range{2, 2}), false, "\n")
	if got != "More notes." {
		t.Errorf("got %q", got)
	}
}

func TestRefCoderLines(t *testing.T) {
	cb := testCodebook(t)
	res := NewResolver(cb)
	tr := ParseTranscript("may-1", []byte(countTranscript))
	conf := res.Code("confidence")
	for _, tc := range []struct {
		name    string
		codings []*Codings
		ref     Range
		want    string
	}{
		{"one coder", segs("jt: 3-5 confidence"), Range{3, 5}, "jt"},
		{"same lines", segs("jt: 3-5 confidence", "eh: 3-5 confidence/daily-tasks"), Range{3, 5}, "jt, eh"},
		{"overlapping", segs("jt: 3-4 confidence", "eh: 4-5 confidence/travel"), Range{3, 5}, "jt 3-4, eh 4-5"},
		{"across a turn break", segs("jt: 3-8 confidence", "eh: 7 confidence"), Range{3, 8}, "jt 3-8, eh 7"},
		{"two runs", segs("jt: 3 confidence; 5 confidence", "eh: 3-5 confidence"), Range{3, 5}, "jt 3,5, eh 3-5"},
		{"other codes left out", segs("jt: 3-5 confidence", "eh: 1-5 tea"), Range{3, 5}, "jt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CodersNote(tc.ref, RefCoderLines(tr, tc.codings, res, conf, tc.ref)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
