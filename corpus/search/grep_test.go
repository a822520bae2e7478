package search

import (
	"bufio"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
)

// TestAgreesWithGrep: on the demo study, a quoted word or phrase finds
// exactly the lines grep -n -i -w finds, no more and no fewer.
func TestAgreesWithGrep(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and indexes a demo study")
	}
	dir := filepath.Join(t.TempDir(), "study")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Write(dir, demo.Options{Participants: 30}); err != nil {
		t.Fatal(err)
	}
	ix := openIndex(t, dir)
	for _, phrase := range []string{"taxi", "bus", "the", "lonely", "confidence", "cup of tea", "on my own", "I", "didn't", "s", "knit and natter", "name removed", "may"} {
		t.Run(phrase, func(t *testing.T) {
			res, err := ix.Search(Request{Query: `"` + phrase + `"`})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, docID(h.Transcript, h.Line))
			}
			want := grepW(t, dir, ix.cix, phrase)
			if !slices.Equal(got, want) {
				t.Errorf("%q: %d hits, grep -w %d\nonly qda: %q\nonly grep: %q", phrase, len(got), len(want), minus(got, want), minus(want, got))
			}
		})
	}
}

// TestAgreesWithGrepOnPunctuation: punctuation and spacing between words
// count as grep sees them, so a phrase does not match across a hyphen, a
// comma or a double space, and a bare term with punctuation inside
// (self-help, 24/7) is searched word for word rather than as any of its
// pieces.
func TestAgreesWithGrepOnPunctuation(t *testing.T) {
	odd := `Interviewer: Anything else, taxi or bus?

May: I couldn't afford a taxi, taxi's too dear; taxis twice a week!
The café's naïve résumé: Zoë said the CAFÉ was über-good.
We paid £12.50 for 3 taxis; the 2nd time 1,000 steps; 24/7 help.
It's a co-operative self-help group, well-being and wellbeing.
Cup of tea? cup-of-tea! cup, of tea. Cups of tea, a cup of teas.
A cup  of tea, a cup	of tea, and a cup of tea.
Don't, don’t or dont; e-mail, email, e.mail and E-Mail.
Self help is not the same.
"Taxi!" she said -- taxi-driver, taxi_driver, taxidriver.
`
	files := maps.Clone(tiny)
	files["transcripts/ted-1.txt"] = odd
	dir := writeStudy(t, files)
	ix := openIndex(t, dir)
	for _, tc := range []struct{ query, grep string }{
		{`"cup of tea"`, "cup of tea"},
		{`"cup-of-tea"`, "cup-of-tea"},
		{`"cup, of tea"`, "cup, of tea"},
		{`"cup  of tea"`, "cup  of tea"},
		{`"self help"`, "self help"},
		{`"self-help"`, "self-help"},
		{`self-help`, "self-help"},
		{`co-operative`, "co-operative"},
		{`24/7`, "24/7"},
		{`"1,000"`, "1,000"},
		{`"£12.50"`, "£12.50"},
		{`e-mail`, "e-mail"},
		{`e.mail`, "e.mail"},
		{`"taxi's"`, "taxi's"},
		{`taxi's`, "taxi's"},
		{`"taxi"`, "taxi"},
		{`"don’t"`, "don’t"},
		{`"don't"`, "don't"},
		{`"café"`, "café"},
		{`"naïve résumé"`, "naïve résumé"},
		{`"taxi_driver"`, "taxi_driver"},
		{`"taxi-driver"`, "taxi-driver"},
		{`"Taxi!"`, "Taxi!"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			res, err := ix.Search(Request{Query: tc.query})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, docID(h.Transcript, h.Line))
			}
			want := grepW(t, dir, ix.cix, tc.grep)
			if len(want) == 0 {
				t.Fatalf("grep -w %q finds nothing: the case tests nothing", tc.grep)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: %q, grep -w %q: %q", tc.query, got, tc.grep, want)
			}
		})
	}
	// Fuzzy looks for the words: the hyphen is not one edit from "a".
	fuzzy, err := ix.Search(Request{Query: "self-help~1"})
	if err != nil {
		t.Fatal(err)
	}
	words, err := ix.Search(Request{Query: "self~1 help~1"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := lineIDs(fuzzy), lineIDs(words); !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("self-help~1: %q, self~1 help~1: %q", got, want)
	}
}

func lineIDs(res *Result) []string {
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, docID(h.Transcript, h.Line))
	}
	return ids
}

// grepW is grep -n -i -w: a match not preceded or followed by a word
// character (letter, digit, underscore).
func grepW(t *testing.T, dir string, cix *corpus.Index, phrase string) []string {
	re := regexp.MustCompile(`(?i)(^|[^\pL\pM\pN_])` + regexp.QuoteMeta(phrase) + `([^\pL\pM\pN_]|$)`)
	var out []string
	for _, r := range cix.Transcripts.Rows {
		f, err := os.Open(filepath.Join(dir, corpus.TranscriptFile(r.ID)))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			if re.MatchString(sc.Text()) {
				out = append(out, docID(r.ID, n))
			}
		}
		f.Close()
	}
	return out
}

func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}
