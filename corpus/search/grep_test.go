package search

import (
	"bufio"
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
