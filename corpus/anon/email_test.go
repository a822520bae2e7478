package anon

import "testing"

func TestLineEmail(t *testing.T) {
	runLines(t, New(nil), []lineCase{
		{"alone", "jo@example.com", []Match{{Email, 1, "jo@example.com"}}},
		{"in a sentence", "email me at jo.bloggs@example.co.uk please", []Match{{Email, 13, "jo.bloggs@example.co.uk"}}},
		{"plus and underscore", "Jo_Bloggs+qda@nhs.net", []Match{{Email, 1, "Jo_Bloggs+qda@nhs.net"}}},
		{"upper case", "JO@EXAMPLE.COM", []Match{{Email, 1, "JO@EXAMPLE.COM"}}},
		{"full stop after", "it was jo@example.com.", []Match{{Email, 8, "jo@example.com"}}},
		{"in brackets", "(jo@example.com)", []Match{{Email, 2, "jo@example.com"}}},
		{"quoted", `"jo@example.com"`, []Match{{Email, 2, "jo@example.com"}}},
		{"mailto", "mailto:jo@example.com", []Match{{Email, 8, "jo@example.com"}}},
		{"hyphenated domain", "a.b@my-gp.nhs.uk", []Match{{Email, 1, "a.b@my-gp.nhs.uk"}}},
		{"digits", "jo2018@mail2.example.com", []Match{{Email, 1, "jo2018@mail2.example.com"}}},
		{"leading dot dropped", "...jo@example.com", []Match{{Email, 4, "jo@example.com"}}},
		{"two", "jo@a.com, al@b.org", []Match{{Email, 1, "jo@a.com"}, {Email, 11, "al@b.org"}}},
		{"back to back", "jo@a.com@b.org", []Match{{Email, 1, "jo@a.com"}}},
		{"after non-ASCII", "Zoë.x@example.com", []Match{{Email, 6, "x@example.com"}}},

		{"handle", "follow @qda on there", nil},
		{"no TLD", "jo@localhost", nil},
		{"one-letter TLD", "jo@example.c", nil},
		{"digit TLD", "jo@example.123", nil},
		{"empty label", "jo@example..com", nil},
		{"domain starts with dot", "jo@.com", nil},
		{"domain starts with dash", "jo@-x.com", nil},
		{"no local part", "@example.com", nil},
		{"at as a word", "me @ home.com", nil},
		{"at sign in text", "we met @ 10", nil},
	})
}
