package anon

import (
	"slices"
	"testing"
)

func TestLineName(t *testing.T) {
	runLines(t, New(testNames), []lineCase{
		{"start", "Ann said so", []Match{{Name, 1, "Ann"}}},
		{"end", "I told ann", []Match{{Name, 8, "ann"}}},
		{"upper case", "ANN", []Match{{Name, 1, "ANN"}}},
		{"month", "in May", []Match{{Name, 4, "May"}}},
		{"verb too", "may I", []Match{{Name, 1, "may"}}},
		{"two words", "Kate Smith came", []Match{{Name, 1, "Kate Smith"}}},
		{"two words lower", "with kate smith.", []Match{{Name, 6, "kate smith"}}},
		{"possessive", "Ann's house", []Match{{Name, 1, "Ann"}}},
		{"hyphenated", "Mary-Ann", []Match{{Name, 6, "Ann"}}},
		{"apostrophe in name", "Mr O'Brien's", []Match{{Name, 4, "O'Brien"}}},
		{"non-ASCII", "ZOË and siân", []Match{{Name, 1, "ZOË"}, {Name, 10, "siân"}}},
		{"longest", "Ann Marie Jones", []Match{{Name, 1, "Ann Marie Jones"}}},
		{"longer not listed", "Ann Marie", []Match{{Name, 1, "Ann"}}},
		{"place", "near Sheffield.", []Match{{Name, 6, "Sheffield"}}},
		{"several", "Ann, May and Leeds", []Match{{Name, 1, "Ann"}, {Name, 6, "May"}, {Name, 14, "Leeds"}}},
		{"quoted", `"Ann"`, []Match{{Name, 2, "Ann"}}},
		{"after digits", "2Ann", nil},

		{"prefix of a word", "Annual leave", nil},
		{"longer name", "Annie", nil},
		{"inside a word", "banana", nil},
		{"word ends after", "mayor", nil},
		{"word starts before", "dismay", nil},
		{"double space", "Kate  Smith", nil},
		{"first word only", "Kate", nil},
		{"second word only", "Smith", nil},
		{"plural", "Sheffields", nil},
		{"combining mark after", "Ann\u0301", nil},
		{"lookalike", "Zoe", nil},
	})
}

func TestNewNames(t *testing.T) {
	s := New([]string{"", "  ", "Ann", "ann", " ANN ", "Ann.", "Kate   Smith", "kate smith", "--", "Dr. Who"})
	var got []string
	for _, fs := range s.names.byFirst {
		got = append(got, fs...)
	}
	slices.Sort(got)
	if want := []string{"ann", "dr. who", "kate smith"}; !slices.Equal(got, want) {
		t.Errorf("names kept = %q, want %q", got, want)
	}
	runLines(t, s, []lineCase{
		{"spaces in list collapsed", "kate smith", []Match{{Name, 1, "kate smith"}}},
		{"inner punctuation", "Dr. Who", []Match{{Name, 1, "Dr. Who"}}},
	})
}

func TestNewNamesLongWord(t *testing.T) {
	long := "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessenschafewarenwohlgepflegeundsorgfaltigkeitbeschutzenvorangreifendurchihrraubgierigfeinde"
	runLines(t, New([]string{long}), []lineCase{
		{"found", "Mr " + long + " said", []Match{{Name, 4, long}}},
		{"longer word", long + "x", nil},
	})
}
