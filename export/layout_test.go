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

// splitAfterBreaks splits word after each hyphen, slash, en and em dash
// that has no digit on both sides.
func splitAfterBreaks(word string) []string {
	var pieces []string
	start := 0
	for i, r := range word {
		if !strings.ContainsRune("-/–—", r) {
			continue
		}
		end := i + len(string(r))
		if i > 0 && end < len(word) && strings.ContainsRune("0123456789", rune(word[i-1])) && strings.ContainsRune("0123456789", rune(word[end])) {
			continue
		}
		pieces = append(pieces, word[start:end])
		start = end
	}
	if start < len(word) {
		pieces = append(pieces, word[start:])
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
	"aged 18-24 on 12/05/2019", "1-a-2 a-1 1/ /1 9-", "en–dash em—dash 1990–2000 5—6 –x— 1–", "12-34-56-78-90-12-34",
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

// TestFitsPage: a sheet is fitted to one landscape page wide only while
// that prints its 11 point text at 65% or larger (211 characters of
// column width on Letter, Calibri's digit 5.25 points); wider sheets print at full size across pages.
func TestFitsPage(t *testing.T) {
	for _, tc := range []struct {
		name  string
		width float64
		fit   bool
	}{
		{"empty sheet", 0, true},
		{"About: 16 and 90", 106, true},
		{"Participants", 89.9, true},
		{"the demo's Matrix at depth 1", 195, true},
		{"at the limit", 210.9, true},
		{"just past it", 211.1, false},
		{"the demo's Codebook", 328, false},
		{"the demo's Excerpts at depth 1: 15 and 5 of 60", 403, false},
		{"the demo's Excerpts at depth 3: 15 and 16 of 60 and totals", 1063, false},
	} {
		if got := fitsPage(tc.width); got != tc.fit {
			t.Errorf("%s: fitsPage(%v) = %v, want %v", tc.name, tc.width, got, tc.fit)
		}
	}
}

// TestSheetPrintWidth: a sheet's printed width counts every column it
// wrote, at its set width or the default.
func TestSheetPrintWidth(t *testing.T) {
	wb, err := NewWorkbook(testDate)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.close()
	sh, err := wb.Sheet("S")
	if err != nil {
		t.Fatal(err)
	}
	if err := sh.Width(1, 1, 15); err != nil {
		t.Fatal(err)
	}
	if err := sh.Width(2, 3, 60); err != nil {
		t.Fatal(err)
	}
	if got := sh.printWidth(); got != 0 {
		t.Errorf("before any row, printWidth = %v, want 0", got)
	}
	if err := sh.Row(Plain, Cell{Text: "a"}, Cell{Text: "b"}, Cell{Text: "c"}, Cell{Text: "d"}); err != nil {
		t.Fatal(err)
	}
	if got, want := sh.printWidth(), 15+60+60+defaultWidth; got != want {
		t.Errorf("printWidth = %v, want %v", got, want)
	}
}
