package codebook

import (
	"regexp"
	"strings"
	"testing"
)

func TestParseColour(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"#4e79a7", "#4e79a7", true},
		{"#4E79A7", "#4e79a7", true},
		{"#abc", "#aabbcc", true},
		{"#ABC", "#aabbcc", true},
		{"#000", "#000000", true},
		{"", "", false},
		{"#", "", false},
		{"4e79a7", "", false},    // no '#'
		{" #4e79a7", "", false},  // space around
		{"#4e79a7 ", "", false},  //
		{"#4e79a", "", false},    // five digits
		{"#4e79a7ff", "", false}, // alpha
		{"#abcd", "", false},     // four digits
		{"#gggggg", "", false},   // not hex
		{"#+12345", "", false},   // a sign ParseUint might take
		{"#0x1234", "", false},   // a prefix
		{"#12_456", "", false},   // an underscore
		{"red", "", false},       // names are not colours here
		{"#ａｂｃ", "", false},      // full-width letters
		{"#4e79a7\n", "", false}, // a newline
		{"##4e79a", "", false},   // two '#'
		{"#FFFFFF", "#ffffff", true},
	}
	for _, tt := range tests {
		got, ok := ParseColour(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseColour(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCodeColour(t *testing.T) {
	cb, fs := Parse("codebook.yaml", []byte(`codes:
  - name: a
    color: "#ABC"
    children:
      - name: own
        color: "#112233"
      - name: none
      - name: bad
        color: "red"
        children:
          - name: deep
  - name: b
    children:
      - name: c
  - name: d
    color: "not a colour"
`))
	// check warns of exactly the colours Colour passes over.
	var warned []string
	for _, f := range fs {
		if strings.Contains(f.Error(), "is not a hex color") {
			warned = append(warned, f.Error())
		}
	}
	if len(warned) != 2 {
		t.Errorf("check warned %d times of colours, want 2 (a/bad, d): %v", len(warned), warned)
	}
	colours := Colours(cb)
	tests := []struct{ path, colour, shown string }{
		{"a", "#aabbcc", "#aabbcc"},
		{"a/own", "#112233", "#112233"},
		{"a/none", "#aabbcc", "#aabbcc"},
		{"a/bad", "#aabbcc", "#aabbcc"}, // passed over: the parent's
		{"a/bad/deep", "#aabbcc", "#aabbcc"},
		{"b", "", Palette[1]}, // none: the palette's, by the top-level code's place
		{"b/c", "", Palette[1]},
		{"d", "", Palette[2]},
	}
	for _, tt := range tests {
		c := cb.Lookup(tt.path)
		if c == nil {
			t.Fatalf("no code %s", tt.path)
		}
		if got := c.Colour(); got != tt.colour {
			t.Errorf("%s.Colour() = %q, want %q", tt.path, got, tt.colour)
		}
		if got := colours(tt.path); got != tt.shown {
			t.Errorf("Colours(%s) = %q, want %q", tt.path, got, tt.shown)
		}
	}
	if got := colours("nowhere"); got != "" {
		t.Errorf("Colours(unknown) = %q, want none", got)
	}
	if got := (*Code)(nil).Colour(); got != "" {
		t.Errorf("nil code's colour %q, want none", got)
	}
	if got := DefaultColour(len(Palette) + 3); got != Palette[3] {
		t.Errorf("DefaultColour past the palette = %q, want it to repeat from %q", got, Palette[3])
	}
}

// hexRE is what a codebook's colour was checked against before
// ParseColour: what it takes must stay the same.
var hexRE = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

func FuzzParseColour(f *testing.F) {
	for _, s := range []string{"#4e79a7", "#ABC", "", "#", "4e79a7", "#+12345", "#0x1234", "#12_456", "red", "#abcd", "#ａｂｃ", "#4e79a7ff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseColour(s)
		if ok != hexRE.MatchString(s) {
			t.Fatalf("ParseColour(%q) ok = %v, the codebook's pattern says %v", s, ok, !ok)
		}
		if !ok {
			if got != "" {
				t.Fatalf("ParseColour(%q) = %q with ok false", s, got)
			}
			return
		}
		if len(got) != 7 || got != strings.ToLower(got) {
			t.Fatalf("ParseColour(%q) = %q, want #rrggbb in lower case", s, got)
		}
		if again, ok := ParseColour(got); !ok || again != got {
			t.Fatalf("ParseColour(%q) = %q, %v: not a fixed point", got, again, ok)
		}
		if len(s) == 7 && !strings.EqualFold(s, got) {
			t.Fatalf("ParseColour(%q) = %q: changed more than case", s, got)
		}
	})
}
