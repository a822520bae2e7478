package anon

import (
	"slices"
	"testing"
)

// lineCase is one line and the matches Line must return for it.
type lineCase struct {
	name string
	line string
	want []Match
}

func runLines(t *testing.T, s *Scanner, cases []lineCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := s.Line(tc.line)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Line(%q)\n got %+v\nwant %+v", tc.line, got, tc.want)
			}
		})
	}
}

var testNames = []string{"Ann", "May", "Kate Smith", "Ann Marie Jones", "Sheffield", "O'Brien", "Zoë", "Siân", "Jo Ann", "Leeds"}

func TestLineOverlaps(t *testing.T) {
	runLines(t, New(testNames), []lineCase{
		{"email beats URL inside it", "jo@www.example.com", []Match{{Email, 1, "jo@www.example.com"}}},
		{"email beats name inside it", "write to ann.smith@nhs.net", []Match{{Email, 10, "ann.smith@nhs.net"}}},
		{"email beats name it overlaps", "Jo ann@example.com", []Match{{Email, 4, "ann@example.com"}}},
		{"URL beats name inside it", "see www.ann-jones.co.uk", []Match{{URL, 5, "www.ann-jones.co.uk"}}},
		{"URL beats email inside it", "http://jo@example.com/x", []Match{{URL, 1, "http://jo@example.com/x"}}},
		{"URL beats phone inside it", "https://example.com/07700900123", []Match{{URL, 1, "https://example.com/07700900123"}}},
		{"name beside postcode", "Leeds LS1 4AP", []Match{{Name, 1, "Leeds"}, {Postcode, 7, "LS1 4AP"}}},
		{"every kind in order",
			"Ann (07700 900123, ann@example.com) lives at S10 2LA, NHS 943 476 5919, www.example.org",
			[]Match{
				{Name, 1, "Ann"},
				{Phone, 6, "07700 900123"},
				{Email, 20, "ann@example.com"},
				{Postcode, 46, "S10 2LA"},
				{NHSNumber, 59, "943 476 5919"},
				{URL, 73, "www.example.org"},
			}},
	})
}

func TestLineRedactionMarkers(t *testing.T) {
	runLines(t, New(testNames), []lineCase{
		{"name", "[name removed] said hello", nil},
		{"place", "we moved to [a rural location] in [year]", nil},
		{"phone", "you can ring me on [phone number removed] any time", nil},
		{"several", "[name removed], [email removed], [postcode removed], [NHS number removed], [web address removed]", nil},
		{"speaker labels", "[laughs] Interviewer: and then? Participant 12: yes", nil},
	})
}

func TestLineNothing(t *testing.T) {
	runLines(t, New(nil), []lineCase{
		{"empty", "", nil},
		{"ordinary", "I felt really lonely after the move, to be honest.", nil},
		{"numbers", "In 2018, on 12/03/2018 at 10:30, I paid £1,200 and scored 42 out of 60.", nil},
		{"no names listed", "Ann and Kate went to Sheffield in May", nil},
	})
}

// TestLineNoAlloc holds the scan to its promise for the lines that make up
// most of a study: nothing found, nothing allocated.
func TestLineNoAlloc(t *testing.T) {
	s := New(testNames)
	for _, line := range []string{
		"",
		"I felt really lonely after the move, to be honest.",
		"In 2018, on 12/03/2018 at 10:30, I paid £1,200 and scored 42 out of 60.",
		"I'd say @ home, or on the www. page, maybe http:// something",
		"Annual leave was hard; Annie mayor dismay Kate Sheffields",
		"Zoe, Zoey, Siana and Annish people at 0114 496 (7 digits) and 943 476 5918",
		"unicode: naïve café, Ärger, İstanbul, ﬁne, 東京",
	} {
		if n := testing.AllocsPerRun(100, func() { s.Line(line) }); n != 0 {
			t.Errorf("Line(%q) made %v allocations, want 0", line, n)
		}
	}
}

func TestDescribe(t *testing.T) {
	for _, tc := range []struct {
		kind Kind
		want string
	}{
		{Email, "an email address"},
		{Phone, "a UK phone number"},
		{Postcode, "a UK postcode"},
		{URL, "a URL"},
		{NHSNumber, "an NHS number"},
		{Name, "a listed identifying name"},
		{Kind("other"), "other"},
	} {
		t.Run(string(tc.kind), func(t *testing.T) {
			if got := tc.kind.Describe(); got != tc.want {
				t.Errorf("Describe() = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestLineConcurrent shares one Scanner between goroutines, as 'qda check'
// may; run with -race.
func TestLineConcurrent(t *testing.T) {
	s := New(benchNames)
	done := make(chan bool)
	for range 4 {
		go func() {
			for _, line := range benchLines {
				s.Line(line)
			}
			done <- true
		}()
	}
	for range 4 {
		<-done
	}
}
