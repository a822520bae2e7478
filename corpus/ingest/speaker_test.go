package ingest

import "testing"

func TestSplitLabel(t *testing.T) {
	tests := []struct {
		line         string
		label, rest  string
		alone, found bool
	}{
		{"Interviewer: What did you hope for?", "Interviewer", "What did you hope for?", false, true},
		{"I: So how was it?", "I", "So how was it?", false, true},
		{"Int: Hello", "Int", "Hello", false, true},
		{"P1: I was lonely.", "P1", "I was lonely.", false, true},
		{"R: Yes.", "R", "Yes.", false, true},
		{"Q: And then?", "Q", "And then?", false, true},
		{"A: We had tea.", "A", "We had tea.", false, true},
		{"[00:01:02] May: I had a fall.", "May", "I had a fall.", false, true},
		{"(00:01:02) May: I had a fall.", "May", "I had a fall.", false, true},
		{"00:01:02.500 May: I had a fall.", "May", "I had a fall.", false, true},
		{"May (00:01:02): I had a fall.", "May", "I had a fall.", false, true},
		{"May Smith 00:01:02: I had a fall.", "May Smith", "I had a fall.", false, true},
		{"MAY: I had a fall.", "May", "I had a fall.", false, true},
		{"INT: Hello.", "INT", "Hello.", false, true},
		{"Speaker 1", "Speaker 1", "", true, true},
		{"Speaker 2  0:05", "Speaker 2", "", true, true},
		{"May Smith 1:02:03", "May Smith", "", true, true},
		{"Interviewer", "Interviewer", "", true, true},
		{"May:", "May", "", true, true},
		{"**May:** I had a fall.", "May", "I had a fall.", false, true},
		{"**Interviewer**: And the group?", "Interviewer", "And the group?", false, true},
		{"**Bold** start of speech.", "", "**Bold** start of speech.", false, false},
		{"Dr. Patel: Come in.", "Dr. Patel", "Come in.", false, true},
		// Speech, not labels.
		{"There was one thing: the bus.", "", "There was one thing: the bus.", false, false},
		{"We left 10:30", "", "We left 10:30", false, false},
		{"10:30 was when she came.", "", "10:30 was when she came.", false, false},
		{"It was 10:30: late.", "", "It was 10:30: late.", false, false},
		{"Yes", "", "Yes", false, false},
		{"[name removed] came round.", "", "[name removed] came round.", false, false},
		{"I said: no.", "I said", "no.", false, true},
		{"Date: 3 March, telephone", "", "Date: 3 March, telephone", false, false},
		{"Transcribed by: [name removed]", "", "Transcribed by: [name removed]", false, false},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			label, rest, alone, found := splitLabel(tc.line)
			if label != tc.label || rest != tc.rest || alone != tc.alone || found != tc.found {
				t.Errorf("splitLabel(%q) = %q, %q, %v, %v; want %q, %q, %v, %v",
					tc.line, label, rest, alone, found, tc.label, tc.rest, tc.alone, tc.found)
			}
		})
	}
}

func TestSpeakerName(t *testing.T) {
	mapping := map[string]string{"p1": "May", "speaker 2": "Interviewer"}
	tests := []struct{ label, want string }{
		{"P1", "May"},
		{"Speaker 2", "Interviewer"},
		{"Speaker 1", "Speaker 1"},
		{"I", "Interviewer"},
		{"INT", "Interviewer"},
		{"Q", "Interviewer"},
		{"R", "may"},
		{"A", "may"},
		{"Respondent", "may"},
		{"May", "may"},
		{"MAY", "may"},
		{"Ted", "Ted"},
	}
	for _, tc := range tests {
		if got := speakerName(tc.label, mapping, "may"); got != tc.want {
			t.Errorf("speakerName(%q) = %q, want %q", tc.label, got, tc.want)
		}
	}
}
