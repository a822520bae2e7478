package sentence

// This module scores qda's rules against the Punkt tokenizer of
// github.com/neurosnap/sentences on the package's fixtures. It lives under
// testdata, with its own go.mod, so that qda does not depend on Punkt; run
// it with "go test -v" in this directory. split.go, rules.go and
// cases_test.go are links to the package's own.

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/neurosnap/sentences"
	"github.com/neurosnap/sentences/english"
)

func TestCompare(t *testing.T) {
	tok, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		t.Fatal(err)
	}
	splitters := []struct {
		name  string
		split func(string) []string
	}{
		{"qda rules", Split},
		{"Punkt wrapped in qda's protections", func(s string) []string { return punktSplit(tok, s, wrapped) }},
		{"Punkt wrapped, and no break before lowercase", func(s string) []string { return punktSplit(tok, s, wrappedLower) }},
		{"Punkt alone, re-mapped to the input", func(s string) []string { return punktSplit(tok, s, alone) }},
	}
	for _, sp := range splitters {
		right := 0
		for _, tc := range splitCases {
			got := sp.split(tc.in)
			if strings.Join(got, " ") != strings.Join(strings.Fields(tc.in), " ") {
				t.Errorf("%s: %s: join invariant broken: %q", sp.name, tc.name, got)
			}
			if slices.Equal(got, tc.want) {
				right++
			} else if testing.Verbose() {
				t.Logf("%s: %s:\n  got  %q\n  want %q", sp.name, tc.name, got, tc.want)
			}
		}
		t.Logf("%s: %d of %d fixtures right", sp.name, right, len(splitCases))
	}
}

type mode int

const (
	alone mode = iota
	wrapped
	wrappedLower
)

// punktSplit takes Punkt's sentence ends as byte offsets into text and
// moves each to the word boundary at or before it, so that no text is
// trimmed or altered. Wrapped, qda's rules decide instead of Punkt
// inside and after redaction markers, after ellipses and after the listed
// abbreviations (the lists in rules.go, U.K.-style initialisms included);
// wrappedLower also takes qda's rule that a lowercase word continues the
// sentence.
func punktSplit(tok *sentences.DefaultSentenceTokenizer, text string, m mode) []string {
	words := fields(text)
	if len(words) == 0 {
		return nil
	}
	punktAfter := make([]bool, len(words))
	for _, p := range tok.SentencePositions(text) {
		i := -1
		for i+1 < len(words) && int(words[i+1].end) <= p {
			i++
		}
		// An end inside a word ("etc.So") moves to the boundary before it.
		if i >= 0 && i < len(words)-1 {
			punktAfter[i] = true
		}
	}
	toks := group(text, words)
	protect := markerSpans(text, words)
	if m == alone {
		toks = make([]token, len(words))
		for i := range words {
			toks[i] = token{first: int32(i), last: int32(i)}
		}
		protect = nil
	}
	var out []string
	from := 0
	for t := 0; t < len(toks)-1; t++ {
		brk := false
		for i := toks[t].first; i <= toks[t].last; i++ {
			brk = brk || punktAfter[i]
		}
		if m != alone {
			if !hasContent(text[words[toks[from].first].start:words[toks[t].last].end]) ||
				!hasContent(text[words[toks[t+1].first].start:]) ||
				(protect != nil && protect[toks[t].last]) {
				continue
			}
			next := text[words[toks[t+1].first].start:words[toks[t+1].last].end]
			if qdaDecides(text, words, toks, from, t) {
				brk = breakAfter(text, words, toks, from, t)
			} else if m == wrappedLower && startOf(next) == startLower {
				brk = false
			}
		}
		if brk {
			out = append(out, join(text, words, toks[from].first, toks[t].last))
			from = t + 1
		}
	}
	return append(out, join(text, words, toks[from].first, int32(len(words)-1)))
}

func qdaDecides(text string, words []word, toks []token, from, t int) bool {
	if isMarker(text[words[toks[from].first].start:words[toks[t].last].end]) {
		return true
	}
	switch endingOf(text[words[toks[t].first].start:words[toks[t].last].end]) {
	case ellipsis:
		return true
	case fullStop:
		switch classify(stemOf(text, words, toks[t])) {
		case abbrNever, abbrTitle, abbrFlexible, abbrInitialism:
			return true
		case abbrNumber:
			next := toks[t+1]
			return startOf(text[words[next.first].start:words[next.last].end]) == startDigit
		}
	}
	return false
}

// BenchmarkPunkt splits the benchmark interview as BenchmarkSplit does
// (collapsed turns), for the speed comparison.
func BenchmarkPunkt(b *testing.B) {
	tok, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile("../interview.txt")
	if err != nil {
		b.Fatal(err)
	}
	var turns []string
	n := 0
	for _, block := range strings.Split(string(data), "\n\n") {
		_, speech, _ := strings.Cut(block, ": ")
		turns = append(turns, strings.Join(strings.Fields(speech), " "))
		n += len(turns[len(turns)-1])
	}
	for _, bc := range []struct {
		name  string
		split func(string) []string
	}{
		{"qda", Split},
		{"punkt-wrapped", func(s string) []string { return punktSplit(tok, s, wrapped) }},
		{"punkt-alone", func(s string) []string { return punktSplit(tok, s, alone) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				for _, s := range turns {
					bc.split(s)
				}
			}
		})
	}
}
