package export

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// textLinesSplit is textLines as it was written first, splitting the text
// into lines and words: the one-pass version must agree with it.
func textLinesSplit(s string, w float64, bold bool) int {
	per := (w - 1) * 1.15
	if bold {
		per = w*0.9 - 1
	}
	per = max(per, 1)
	n := 0
	for _, par := range strings.Split(s, "\n") {
		n++
		line := 0.0
		for _, word := range strings.Fields(par) {
			ww := float64(utf8.RuneCountInString(word))
			switch {
			case line == 0:
				line = ww
			case line+1+ww <= per:
				line += 1 + ww
				continue
			default:
				n++
				line = ww
			}
			for line > per {
				n++
				line -= per
			}
		}
	}
	return n
}

var textLinesCases = []string{
	"", "\n", "\n\n", "word", " lead", "trail ", "a b c", "two\nlines", "blank\n\nline",
	"tabs\tand\vfeeds\fand\rreturns", "nbsp\u00a0here nel\u0085there ideographic\u3000space",
	"bad \xff\xfe utf8", strings.Repeat("long ", 60), strings.Repeat("x", 300),
	"héllo wörld 日本語 😀", "a\n\n\nb  c   d\n ",
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
