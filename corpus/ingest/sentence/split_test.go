package sentence

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplit(t *testing.T) {
	for _, tc := range splitCases {
		t.Run(tc.name, func(t *testing.T) {
			got := Split(tc.in)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Split(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			checkInvariants(t, tc.in, got)
		})
	}
}

// checkInvariants holds for any input: what FuzzSplit checks.
func checkInvariants(t *testing.T, in string, got []string) {
	t.Helper()
	for i, s := range got {
		if s == "" || s != strings.TrimSpace(s) || strings.ContainsRune(s, '\n') {
			t.Fatalf("Split(%q): sentence %d is %q", in, i, s)
		}
	}
	if want := strings.Join(strings.Fields(in), " "); strings.Join(got, " ") != want {
		t.Fatalf("Split(%q) = %q: joined, it is not %q", in, got, want)
	}
	if utf8.ValidString(in) {
		for i, s := range got {
			if !utf8.ValidString(s) {
				t.Fatalf("Split(%q): sentence %d is not valid UTF-8: %q", in, i, s)
			}
		}
	}
}

// TestSplitShares checks that collapsed input is returned as substrings,
// which is what keeps ingest from copying every transcript twice.
func TestSplitShares(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		Split("Yes. No. Okay. I went to St. Mary's at 10 a.m. and then home.")
	})
	// The words, the tokens and the result.
	if allocs > 3 {
		t.Errorf("%v allocations for collapsed input, want 3", allocs)
	}
}

// TestListsFitClassify keeps classify's shortcut honest: it looks stems up
// only when they are short enough to be listed.
func TestListsFitClassify(t *testing.T) {
	for _, m := range []map[string]bool{neverFinal, titles, flexible} {
		for w := range m {
			if len(w) > maxListed || w != strings.ToLower(w) {
				t.Errorf("%q: listed words must be lower case and at most %d bytes", w, maxListed)
			}
		}
	}
	for w := range sentenceStarters {
		if w != strings.ToLower(w) || strings.Contains(w, "’") {
			t.Errorf("%q: starters must be lower case with straight apostrophes", w)
		}
	}
}

// FuzzSplit: no panic, and any input, invalid UTF-8 included, keeps the
// invariants of checkInvariants.
func FuzzSplit(f *testing.F) {
	for _, tc := range splitCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkInvariants(t, in, Split(in))
	})
}

// interviewTurns reads testdata/interview.txt, a synthetic interview of
// about 3000 words written for these tests, as the speech of its turns.
func interviewTurns(tb testing.TB) []string {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "interview.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	var turns []string
	for _, block := range strings.Split(string(data), "\n\n") {
		_, speech, ok := strings.Cut(block, ": ")
		if !ok {
			tb.Fatalf("turn without a speaker: %q", block)
		}
		turns = append(turns, speech)
	}
	return turns
}

// TestInterview compares the split of the benchmark interview with
// testdata/interview.golden, one sentence a line and a blank line between
// turns, so that a change of rule shows as a reviewable diff. QDA_UPDATE=1
// rewrites the golden file.
func TestInterview(t *testing.T) {
	var b strings.Builder
	for i, turn := range interviewTurns(t) {
		if i > 0 {
			b.WriteString("\n")
		}
		got := Split(turn)
		checkInvariants(t, turn, got)
		for _, s := range got {
			b.WriteString(s + "\n")
		}
	}
	golden := filepath.Join("testdata", "interview.golden")
	if os.Getenv("QDA_UPDATE") != "" {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("split of testdata/interview.txt differs from %s (QDA_UPDATE=1 rewrites it):\n%s", golden, firstDiff(b.String(), string(want)))
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got %q\nwant %q", i+1, gl, wl)
		}
	}
	return ""
}

// BenchmarkSplit splits every turn of the 3000-word interview: collapsed
// is how ingest calls Split, raw has the line breaks and runs of spaces of
// a pasted transcript.
func BenchmarkSplit(b *testing.B) {
	raw := interviewTurns(b)
	collapsed := make([]string, len(raw))
	for i, s := range raw {
		collapsed[i] = strings.Join(strings.Fields(s), " ")
	}
	for _, bc := range []struct {
		name  string
		turns []string
	}{{"collapsed", collapsed}, {"raw", raw}} {
		b.Run(bc.name, func(b *testing.B) {
			n := 0
			for _, s := range bc.turns {
				n += len(s)
			}
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				for _, s := range bc.turns {
					Split(s)
				}
			}
		})
	}
}
