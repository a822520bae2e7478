package corpus

import (
	"regexp"
	"testing"
)

// nameGrammar is ValidName's grammar as a regexp, to test the hand-written
// check against.
var nameGrammar = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*$`)

func TestValidName(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"may-1", true}, {"jt", true}, {"a", true}, {"0", true}, {"p_1", true},
		{"v1.2", true}, {"a.b.c", true}, {"a.-", true}, {"a._b", true},
		{"", false}, {"-a", false}, {"_a", false}, {".a", false}, {"a.", false},
		{"a..b", false}, {"../x", false}, {"a/b", false}, {`a\b`, false},
		{"May", false}, {"a b", false}, {"siân", false}, {"a\x00", false},
		{string(make([]byte, 101)), false},
	}
	for _, tc := range tests {
		if got := ValidName(tc.name); got != tc.ok {
			t.Errorf("ValidName(%q) = %v; want %v", tc.name, got, tc.ok)
		}
	}
}

// FuzzValidName: the hand-written check accepts exactly the grammar.
func FuzzValidName(f *testing.F) {
	for _, s := range []string{"may-1", "a.b", "a..b", "-a", "a.", "A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := len(s) <= 100 && nameGrammar.MatchString(s)
		if got := ValidName(s); got != want {
			t.Fatalf("ValidName(%q) = %v; the grammar says %v", s, got, want)
		}
	})
}

func TestAttrSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Age (years)", "age_years"},
		{"../x", "x"},
		{"Trigger group", "trigger_group"},
		{"Siân's area", "sian_s_area"},
		{"???", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got := AttrSlug(tc.in)
			if got != tc.want {
				t.Fatalf("AttrSlug(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got != "" && !ValidName(got) {
				t.Fatalf("AttrSlug(%q) = %q is not a valid name", tc.in, got)
			}
		})
	}
}
