package corpus

import "testing"

func TestSplitSpeaker(t *testing.T) {
	tests := []struct {
		name, line, label, body string
		ok                      bool
	}{
		{"name", "May: I had a fall.", "May", "I had a fall.", true},
		{"three words", "Mary-Jane O'Neil Smith: Yes.", "Mary-Jane O'Neil Smith", "Yes.", true},
		{"four words", "A very long name: no.", "", "A very long name: no.", false},
		{"colon in a sentence", "There was one thing: the bus.", "", "There was one thing: the bus.", false},
		{"no space after the colon", "Note:the bus", "", "Note:the bus", false},
		{"label alone", "Interviewer:", "Interviewer", "", true},
		{"curly apostrophe", "O’Neil: hello", "O’Neil", "hello", true},
		// Two bytes a letter: 33 characters, 66 bytes.
		{"cyrillic", "Анастасия Александровна Кузнецова: да, конечно", "Анастасия Александровна Кузнецова", "да, конечно", true},
		{"greek", "Αλεξάνδρα Παπαδοπούλου-Κωνσταντινίδου: ναι", "Αλεξάνδρα Παπαδοπούλου-Κωνσταντινίδου", "ναι", true},
		// Three bytes a letter: 14 characters, 42 bytes.
		{"cjk", "欧阳娜娜 司马相如 诸葛孔明明明: 你好", "欧阳娜娜 司马相如 诸葛孔明明明", "你好", true},
		{"40 characters", "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: x", "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "x", true},
		{"41 characters", "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: x", "", "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: x", false},
		{"41 cyrillic characters", "Ааааааааааааааааааааааааааааааааааааааааа: x", "", "Ааааааааааааааааааааааааааааааааааааааааа: x", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			label, body, ok := SplitSpeaker(tc.line)
			if label != tc.label || body != tc.body || ok != tc.ok {
				t.Errorf("SplitSpeaker(%q) = %q, %q, %v; want %q, %q, %v", tc.line, label, body, ok, tc.label, tc.body, tc.ok)
			}
		})
	}
}

// The words of a line leave its speaker label out, whatever its script.
func TestWordsLeaveOutLabels(t *testing.T) {
	tr := ParseTranscript("x", []byte("Interviewer: Вы довольны?\n\nАнастасия Александровна Кузнецова: Да, конечно.\nОчень.\n"))
	want := []int{2, 0, 2, 1}
	for i, w := range want {
		if got := tr.Words(i + 1); got != w {
			t.Errorf("line %d: %d words, want %d", i+1, got, w)
		}
	}
	if s := tr.Line(3).Speaker; s != "Анастасия Александровна Кузнецова" {
		t.Errorf("line 3 speaker %q", s)
	}
}
