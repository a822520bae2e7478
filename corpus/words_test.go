package corpus

import (
	"testing"
	"unicode/utf8"
)

func TestASCIIWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"I didn't go.", 3},
		{"e-mail me at 10:30, ok?", 7},
		{"3.5 or 3,5 or 1;2 or 1'000", 7},
		{"a.b.c a..b a.1 1.a", 7},
		{"U.S.A. and so on", 4},
		{"snake_case __ _x x_ _1_", 4},
		{"a:b 1:2 a,b", 5},
		{"  \t\r\n  ", 0},
		{"--- ... !!!", 0},
		{"don't'", 1},
		{"'quoted'", 1},
		{"a_.b", 2},
	} {
		got, ok := asciiWords(tc.in)
		if !ok || got != tc.want {
			t.Errorf("asciiWords(%q) = %d, %v; want %d", tc.in, got, ok, tc.want)
		}
		if ref := unisegWords(tc.in); ref != tc.want {
			t.Errorf("the test is wrong: uniseg counts %d words in %q, not %d", ref, tc.in, tc.want)
		}
	}
	if _, ok := asciiWords("café"); ok {
		t.Error("asciiWords took non-ASCII text")
	}
}

func FuzzASCIIWords(f *testing.F) {
	for _, s := range []string{"I didn't go.", "3.5 or 3,5", "a.b.c a..b", "_x x_ __", "a:b 1:2", "x'y'z 1'2'3", "\r\n\v\f\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := asciiWords(s)
		ascii := true
		for i := 0; i < len(s); i++ {
			ascii = ascii && s[i] < utf8.RuneSelf
		}
		if ok != ascii {
			t.Fatalf("asciiWords(%q) ok = %v", s, ok)
		}
		if ok && got != unisegWords(s) {
			t.Fatalf("asciiWords(%q) = %d, uniseg %d", s, got, unisegWords(s))
		}
	})
}
