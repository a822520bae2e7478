package refi

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/ingest"
)

func TestPlace(t *testing.T) {
	// The source as a tool holds it, and the transcript ingest made of it:
	// the labels renamed, a timestamp dropped, sentences on lines.
	source := "I: [00:01:02] How are you?\nR: Fine. Siân came round, we had café au lait.\nI: Good 👍 Really good."
	transcript := []byte("Interviewer: How are you?\n\nsian: Fine.\nSiân came round, we had café au lait.\n\nInterviewer: Good 👍 Really good.\n")
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
	var asked []int
	for _, tc := range tests {
		s, e := at(tc.sel)
		asked = append(asked, s, e)
	}
	m := align(source, transcript, asked)
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

// TestPlaceAfterIngest aligns a source with what ingest really makes of
// it: labels alone on their line with times, timestamps inside speech,
// curly quotes, hard-wrapped lines.
func TestPlaceAfterIngest(t *testing.T) {
	source := "Speaker 1 0:05\nHello, how are you today?\nSpeaker 2 0:09\nI’m fine thanks. [00:00:12] The bus was\nlate again. It always is.\n"
	res, err := ingest.File("t.txt", []byte(source), ingest.Options{Participant: "p"})
	if err != nil {
		t.Fatal(err)
	}
	tr := corpus.ParseTranscript("t", res.Text)
	tests := []struct{ sel, line string }{
		{"Hello, how are you today?", "Speaker 1: Hello, how are you today?"},
		{"The bus was\nlate again.", "The bus was late again."},
		{"always", "It always is."},
		{"I’m fine", "Speaker 2: I'm fine thanks."},
	}
	at := func(sel string) (int, int) {
		s := utf8.RuneCountInString(source[:strings.Index(source, sel)])
		return s, s + utf8.RuneCountInString(sel)
	}
	var asked []int
	for _, tc := range tests {
		s, e := at(tc.sel)
		asked = append(asked, s, e)
	}
	m := align(source, res.Text, asked)
	for _, tc := range tests {
		s, e := at(tc.sel)
		r, _, ok := m.place(s, e)
		if !ok || r.Start != r.End || tr.Line(r.Start).Text != tc.line {
			t.Errorf("place(%q) = %v %v; want the line %q in\n%s", tc.sel, r, ok, tc.line, res.Text)
		}
	}
}

// TestAlignMemory bounds what placing selections allocates for each
// character of a long source: the alignment and the ways of counting
// positions read the texts as they go, and keep nothing as long as them
// (holding every character's key, an index of them and a table of
// positions took some 44 bytes a character, and a 60 MB source 3 GB).
func TestAlignMemory(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 1<<20; i++ {
		fmt.Fprintf(&b, "I: [00:%02d:%02d] Question %d, café?\r\nR: Answer 👍 number %d.\n", i/60%60, i%60, i, i*7)
	}
	source := b.String()
	transcript := []byte(strings.NewReplacer("\r\n", "\n", "I: ", "Interviewer: ").Replace(source))
	sels := []Selection{{Start: 5, End: 20}, {Start: 1000, End: 900000}}
	tests := []struct {
		name string
		most float64 // bytes allocated per byte of the source
		run  func()
	}{
		// A line's text is taken as a string to find its label.
		{"alignment", 1.5, func() { align(source, transcript, []int{5, 20, 1000, 900000}) }},
		{"countings", 0.01, func() { bestCounting(source, sels) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			tc.run()
			runtime.ReadMemStats(&after)
			if per := float64(after.TotalAlloc-before.TotalAlloc) / float64(len(source)); per > tc.most {
				t.Errorf("%.2f bytes allocated for each byte of the source; want %.2f at most", per, tc.most)
			}
		})
	}
}
