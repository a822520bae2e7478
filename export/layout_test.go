package export

import (
	"strings"
	"testing"
)

// textLinesSplit is textLines written the plain way, splitting the text
// into lines, words and the pieces of a word after its hyphens: the
// one-pass version must agree with it.
func textLinesSplit(s string, w float64, bold bool) int {
	per := w - 1
	if bold {
		per /= boldWidth
	}
	per = max(per, 1)
	n := 0
	for _, par := range strings.Split(s, "\n") {
		n++
		line := 0.0
		for _, word := range strings.FieldsFunc(par, breakSpace) {
			sep := spaceWidth
			for _, piece := range splitAfterBreaks(word) {
				ww := 0.0
				for _, r := range piece {
					ww += runeWidth(r)
				}
				if ww == 0 {
					continue
				}
				switch {
				case line == 0:
					line = ww
				case line+sep+ww <= per:
					line += sep + ww
					sep = 0
					continue
				default:
					n++
					line = ww
				}
				sep = 0
				for line > per {
					n++
					line -= per
				}
			}
		}
	}
	return n
}

// splitAfterBreaks splits word after each hyphen and slash.
func splitAfterBreaks(word string) []string {
	var pieces []string
	for word != "" {
		i := strings.IndexAny(word, "-/")
		if i < 0 {
			return append(pieces, word)
		}
		pieces = append(pieces, word[:i+1])
		word = word[i+1:]
	}
	return pieces
}

var textLinesCases = []string{
	"", "\n", "\n\n", "word", " lead", "trail ", "a b c", "two\nlines", "blank\n\nline",
	"tabs\tand\vfeeds\fand\rreturns", "nbsp\u00a0here nel\u0085there ideographic\u3000space",
	"bad \xff\xfe utf8", strings.Repeat("long ", 60), strings.Repeat("x", 300),
	"héllo wörld 日本語 😀", "a\n\n\nb  c   d\n ",
	"sustainability/infrastructure/transport/public-transport", "well-being - and self- care", "--x--", "a -b- c",
	"e\u0301 combining", "MMMM WWWW mmmm", strings.Repeat("mi-", 40), "no\u00a0break\u202fhere",
}

func TestTextLinesFast(t *testing.T) {
	for _, s := range textLinesCases {
		for _, w := range []float64{0, 1, 8.43, 12, 60, 90} {
			for _, bold := range []bool{false, true} {
				if got, want := textLines(s, w, bold), textLinesSplit(s, w, bold); got != want {
					t.Errorf("textLines(%q, %v, %v) = %d, splitting gives %d", s, w, bold, got, want)
				}
			}
		}
	}
}

func FuzzTextLines(f *testing.F) {
	for _, s := range textLinesCases {
		f.Add(s, 12.0)
	}
	f.Fuzz(func(t *testing.T, s string, w float64) {
		if w != w || w > 1e6 || w < -1e6 {
			return
		}
		if got, want := textLines(s, w, false), textLinesSplit(s, w, false); got != want {
			t.Fatalf("textLines(%q, %v) = %d, splitting gives %d", s, w, got, want)
		}
	})
}
