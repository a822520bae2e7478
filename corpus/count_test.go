package corpus

import (
	"fmt"
	"strings"
	"testing"

	"github.com/qdatool/qda/codebook"
)

const countCodebook = `codes:
  - name: confidence
    children:
      - name: daily-tasks
      - name: travel
        children:
          - name: buses
  - name: tea
`

// countTranscript: lines 2, 6 and 9 are blank (turn breaks).
const countTranscript = `Interviewer: What did you hope for?

May: I wanted my confidence back.
I didn't want to go out.
I didn't want to do anything.

Interviewer: And now?
May: We have a cup of tea.

May: It helps.
I take the bus.
`

func testCodebook(t *testing.T) *codebook.Codebook {
	t.Helper()
	cb, fs := codebook.Parse("codebook.yaml", []byte(countCodebook))
	if fs.HasErrors() {
		t.Fatal(fs)
	}
	return cb
}

// segs reads "coder: 3-5 code code; 7 code" into codings.
func segs(spec ...string) []*Codings {
	var out []*Codings
	for _, s := range spec {
		coder, rest, _ := strings.Cut(s, ":")
		c := &Codings{Coder: coder}
		for _, part := range strings.Split(rest, ";") {
			fields := strings.Fields(part)
			r, err := ParseRange(fields[0])
			if err != nil {
				panic(err)
			}
			c.Segments = append(c.Segments, Segment{Lines: r, Codes: fields[1:]})
		}
		out = append(out, c)
	}
	return out
}

func TestCoverage(t *testing.T) {
	tr := ParseTranscript("may-1", []byte(countTranscript))
	tests := []struct {
		name    string
		codings []*Codings
		code    string
		refs    string
		m       Measures
	}{
		{
			name: "one segment", codings: segs("jt: 3-5 confidence"), code: "confidence",
			refs: "[3-5]", m: Measures{References: 1, Lines: 3, Words: 17, Transcripts: 1, Presence: 1},
		},
		{
			name: "overlapping segments count once", codings: segs("jt: 3-4 confidence; 4-5 confidence"), code: "confidence",
			refs: "[3-5]", m: Measures{References: 1, Lines: 3, Words: 17, Transcripts: 1, Presence: 1},
		},
		{
			name: "adjacent segments are one reference", codings: segs("jt: 3 confidence; 4-5 confidence"), code: "confidence",
			refs: "[3-5]", m: Measures{References: 1, Lines: 3, Words: 17, Transcripts: 1, Presence: 1},
		},
		{
			name: "two coders on one passage count once", codings: segs("jt: 3-5 confidence", "eh: 4-5 confidence"), code: "confidence",
			refs: "[3-5]", m: Measures{References: 1, Lines: 3, Words: 17, Transcripts: 1, Presence: 1},
		},
		{
			name: "parent rolls up children without double counting", codings: segs("jt: 3-4 confidence/daily-tasks; 4-5 confidence/travel/buses"), code: "confidence",
			refs: "[3-5]", m: Measures{References: 1, Lines: 3, Words: 17, Transcripts: 1, Presence: 1},
		},
		{
			name: "a child counts only its own lines", codings: segs("jt: 3-4 confidence/daily-tasks; 4-5 confidence/travel/buses"), code: "confidence/travel",
			refs: "[4-5]", m: Measures{References: 1, Lines: 2, Words: 12, Transcripts: 1, Presence: 1},
		},
		{
			name: "a blank line does not break a run", codings: segs("jt: 7-8 tea; 10 tea"), code: "tea",
			// Line 8 is not a turn's first line, so "May:" there is text.
			refs: "[7-10]", m: Measures{References: 1, Lines: 3, Words: 11, Transcripts: 1, Presence: 1},
		},
		{
			name: "a segment across a blank line covers only text", codings: segs("jt: 5-7 tea"), code: "tea",
			refs: "[5-7]", m: Measures{References: 1, Lines: 2, Words: 8, Transcripts: 1, Presence: 1},
		},
		{
			name: "an uncovered text line breaks a run", codings: segs("jt: 3 confidence; 5 confidence"), code: "confidence",
			refs: "[3-3 5-5]", m: Measures{References: 2, Lines: 2, Words: 11, Transcripts: 1, Presence: 1},
		},
		{
			name: "lines outside the transcript are never covered", codings: segs("jt: 11-40 confidence/travel/buses"), code: "confidence",
			refs: "[11-11]", m: Measures{References: 1, Lines: 1, Words: 4, Transcripts: 1, Presence: 1},
		},
		{
			name: "unknown codes are left out", codings: segs("jt: 3-5 nothing"), code: "confidence",
			refs: "[]", m: Measures{},
		},
		{
			name: "a code used nowhere", codings: segs("jt: 3-5 confidence"), code: "tea",
			refs: "[]", m: Measures{},
		},
	}
	cb := testCodebook(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cov := Cover(tr, tc.codings, NewResolver(cb))
			code := cb.Lookup(tc.code)
			var refs []string
			for _, r := range cov.References(code) {
				refs = append(refs, fmt.Sprintf("%d-%d", r.Start, r.End))
			}
			if got := "[" + strings.Join(refs, " ") + "]"; got != tc.refs {
				t.Errorf("references = %s, want %s", got, tc.refs)
			}
			if got := cov.Measure(code); got != tc.m {
				t.Errorf("measures = %+v, want %+v", got, tc.m)
			}
		})
	}
}

func TestTallyParticipantsDistinct(t *testing.T) {
	cb := testCodebook(t)
	tr := ParseTranscript("may-1", []byte(countTranscript))
	tally := NewTally()
	res := NewResolver(cb)
	// may has two transcripts, ted one; ted's has no tea.
	tally.AddCoverage(Cover(tr, segs("jt: 3 confidence; 8 tea"), res), "", "may")
	tally.AddCoverage(Cover(tr, segs("jt: 3-5 confidence"), res), "", "may")
	tally.AddCoverage(Cover(tr, segs("jt: 11 confidence/travel/buses"), res), "", "ted")
	got := tally.Get(cb.Lookup("confidence"), "")
	want := Measures{References: 3, Transcripts: 3, Participants: 2, Lines: 5, Words: 26, Presence: 1}
	if got != want {
		t.Errorf("confidence = %+v, want %+v", got, want)
	}
	if got := tally.Get(cb.Lookup("tea"), ""); got.Participants != 1 || got.Transcripts != 1 {
		t.Errorf("tea = %+v, want one participant and one transcript", got)
	}
	if got := tally.Get(cb.Lookup("confidence/daily-tasks"), ""); got != (Measures{}) {
		t.Errorf("an unused code = %+v, want zero", got)
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"I didn't want to go out.", 6},
		{"", 0},
		{"...", 0},
		{"a cup of tea — and company", 6},
		{"Siân's café, 3 times", 4},
		{"[name removed] said so", 4},
	}
	for _, tc := range tests {
		if got := Words(tc.in); got != tc.want {
			t.Errorf("Words(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestParseTranscriptSpeakers(t *testing.T) {
	tr := ParseTranscript("x", []byte("Interviewer: Hi: there?\nStill the interviewer.\n\nMay: Yes.\n\nThere was one thing: the bus.\n"))
	want := []struct {
		speaker, body string
		blank, start  bool
	}{
		{"Interviewer", "Hi: there?", false, true},
		{"Interviewer", "Still the interviewer.", false, false},
		{"", "", true, false},
		{"May", "Yes.", false, true},
		{"", "", true, false},
		{"", "There was one thing: the bus.", false, true},
	}
	if tr.Len() != len(want) {
		t.Fatalf("%d lines, want %d", tr.Len(), len(want))
	}
	for i, w := range want {
		l := tr.Lines[i]
		if l.Speaker != w.speaker || l.Body != w.body || l.Blank != w.blank || l.TurnStart != w.start {
			t.Errorf("line %d = %+v, want %+v", i+1, l, w)
		}
	}
}
