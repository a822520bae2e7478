package anon

import "testing"

func TestLinePostcode(t *testing.T) {
	runLines(t, New(nil), []lineCase{
		{"Sheffield", "S10 2LA", []Match{{Postcode, 1, "S10 2LA"}}},
		{"Westminster", "SW1A 1AA", []Match{{Postcode, 1, "SW1A 1AA"}}},
		{"Manchester", "M1 1AE", []Match{{Postcode, 1, "M1 1AE"}}},
		{"Birmingham", "B33 8TH", []Match{{Postcode, 1, "B33 8TH"}}},
		{"Croydon", "CR2 6XH", []Match{{Postcode, 1, "CR2 6XH"}}},
		{"Doncaster", "DN55 1PT", []Match{{Postcode, 1, "DN55 1PT"}}},
		{"London W1A", "W1A 0AX", []Match{{Postcode, 1, "W1A 0AX"}}},
		{"lower case", "s10 2la", []Match{{Postcode, 1, "s10 2la"}}},
		{"no space", "S102LA", []Match{{Postcode, 1, "S102LA"}}},
		{"no space letter", "SW1A1AA", []Match{{Postcode, 1, "SW1A1AA"}}},
		{"no space short", "M11AE", []Match{{Postcode, 1, "M11AE"}}},
		{"in a sentence", "we lived at S10 2LA.", []Match{{Postcode, 13, "S10 2LA"}}},
		{"in brackets", "(S10 2LA)", []Match{{Postcode, 2, "S10 2LA"}}},
		{"possessive", "S10 2LA's", []Match{{Postcode, 1, "S10 2LA"}}},
		{"two", "S10 2LA and M1 1AE", []Match{{Postcode, 1, "S10 2LA"}, {Postcode, 13, "M1 1AE"}}},

		{"outward only", "the S10 area", nil},
		{"inward only", "2LA", nil},
		{"short inward", "S10 2L", nil},
		{"long inward", "S10 2LAX", nil},
		{"three letters", "ABC1 2DE", nil},
		{"double space", "S10  2LA", nil},
		{"hyphen", "S10-2LA", nil},
		{"digit before", "1S10 2LA", nil},
		{"letter before", "éS10 2LA", nil},
		{"letter after", "S10 2LAé", nil},
		{"digit inward letters", "S10 222", nil},
		{"outward too long", "S100 2LA", nil},
		{"ordinal", "covid19 2nd wave", nil},
		{"road", "the A1 road", nil},
		{"redaction", "[postcode removed]", nil},
	})
}
