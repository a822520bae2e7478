package refi

import (
	"strings"
	"testing"
	u16 "unicode/utf16"
)

// toolPos is where a tool that counts the way named puts the start of
// prefix's end: worked out from the text, not from countings.
func toolPos(prefix, way string) int64 {
	switch way {
	case "crlf-as-one":
		prefix = strings.ReplaceAll(prefix, "\r\n", "\n")
	case "lf-as-two":
		prefix = strings.ReplaceAll(prefix, "\n", "\r\n")
	case "utf16":
		return int64(len(u16.Encode([]rune(prefix))))
	}
	return int64(len([]rune(prefix)))
}

func TestBestCounting(t *testing.T) {
	lf := "I: How did you hear of it?\nR: My neighbour Llŷr told me.\nI: And then?\nR: I went to the café.\nIt was lovely.\nI: Anything else?\nR: The bus is every two hours.\nSo I walk.\n"
	crlf := strings.ReplaceAll(lf, "\n", "\r\n")
	emoji := strings.ReplaceAll(lf, "Llŷr", "Llŷr 😀🏴󠁧󠁢󠁷󠁬󠁳󠁿")
	tests := []struct {
		name, text, way string
		quotes          []string
		named           bool // selections carry their text as their name
		want            string
	}{
		{"standard over LF", lf, "standard", []string{"My neighbour", "I went to the café.", "So I walk."}, false, ""},
		{"standard over CRLF", crlf, "standard", []string{"My neighbour", "I went to the café.", "So I walk."}, false, ""},
		{"standard, emoji", emoji, "standard", []string{"told me.", "So I walk."}, true, ""},
		{"CRLF as one (ATLAS.ti)", crlf, "crlf-as-one", []string{"I went to the café.", "It was lovely.", "So I walk."}, false, "a line break (CRLF) as one character"},
		{"CRLF as one, named", crlf, "crlf-as-one", []string{"So I walk."}, true, "a line break (CRLF) as one character"},
		{"LF as two (NVivo's Word text)", lf, "lf-as-two", []string{"The bus is every two hours.", "It was lovely.", "So I walk."}, false, "a line break as two characters, as CRLF"},
		{"UTF-16 units", emoji, "utf16", []string{"I went to the café.", "It was lovely.", "So I walk.", "two hours"}, false, "in UTF-16 units (an emoji as two characters)"},
		// One selection before any line break: every count agrees, the
		// standard stays.
		{"nothing to tell", crlf, "crlf-as-one", []string{"How did you"}, false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var sels []Selection
			for _, q := range tc.quotes {
				i := strings.Index(tc.text, q)
				if i < 0 {
					t.Fatalf("%q not in the text", q)
				}
				sel := Selection{Start: toolPos(tc.text[:i], tc.way), End: toolPos(tc.text[:i+len(q)], tc.way)}
				if tc.named {
					sel.Name = q
				}
				sels = append(sels, sel)
			}
			text := []rune(tc.text)
			c := bestCounting(tc.text, sels)
			if c.name != tc.want {
				t.Fatalf("counted with %q, want %q", c.name, tc.want)
			}
			for k, q := range tc.quotes {
				s, e := c.offset(sels[k].Start), c.offset(sels[k].End)
				if tc.want == "" && tc.way != "standard" {
					continue // the standard kept where nothing told the counts apart
				}
				if got := string(text[s:e]); got != q {
					t.Errorf("selection %d reads %q, want %q", k, got, q)
				}
			}
		})
	}
}

func TestCountingOffset(t *testing.T) {
	for _, text := range []string{"ab\r\ncd😀e\n", "\n\r\n\r\r😀", "plain", "", "x\xe2\x82y\r\n\xff😀"} {
		runes := []rune(text)
		var starts []int // byte offsets of the code points, and the end
		for b := range text {
			starts = append(starts, b)
		}
		starts = append(starts, len(text))
		var asked []int64
		for p := range int64(3*len(runes) + 3) {
			asked = append(asked, p)
		}
		for _, w := range ways(text) {
			// Every position reads as a table of them all reads it: its
			// own end as the text's end, and nothing past it.
			c, units := w.counting(text, asked), refCounting(w, runes)
			for _, p := range append(asked, -1) {
				if got, want := c.offset(p), refOffset(units, p); got != want {
					t.Errorf("%q counted %+v: position %d reads %d, want %d", text, w, p, got, want)
				}
				if cp := c.offset(p); cp >= 0 && c.pos(p).b != starts[cp] {
					t.Errorf("%q counted %+v: position %d at byte %d, want %d", text, w, p, c.pos(p).b, starts[cp])
				}
			}
		}
	}
	if n := len(ways("ab\r\ncd😀e\n")); n != 6 {
		t.Errorf("%d countings of a text with CRLF, LF and an emoji; want 6", n)
	}
	if n := len(ways("plain")); n != 1 {
		t.Errorf("%d countings of plain text; want the standard alone", n)
	}
}
