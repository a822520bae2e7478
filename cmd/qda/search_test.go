package main

import "testing"

func TestHighlight(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		spans      [][2]int
		want       string
	}{
		{"none", "a cup of tea", nil, "a cup of tea"},
		{"word", "a cup of tea", [][2]int{{2, 5}}, "a \x1b[1;31mcup\x1b[0m of tea"},
		{"phrase as one run", "a cup of tea", [][2]int{{2, 5}, {6, 8}, {9, 12}}, "a \x1b[1;31mcup of tea\x1b[0m"},
		{"two words apart", "tea, then tea", [][2]int{{0, 3}, {10, 13}}, "\x1b[1;31mtea\x1b[0m, then \x1b[1;31mtea\x1b[0m"},
		{"span past the end is left out", "tea", [][2]int{{0, 3}, {5, 9}}, "\x1b[1;31mtea\x1b[0m"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := highlight(tc.text, tc.spans); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
