package anon

import "testing"

func TestLineURL(t *testing.T) {
	runLines(t, New(nil), []lineCase{
		{"http", "http://example.com", []Match{{URL, 1, "http://example.com"}}},
		{"https with path", "see https://www.example.co.uk/a/b?q=1&r=2#top now", []Match{{URL, 5, "https://www.example.co.uk/a/b?q=1&r=2#top"}}},
		{"www", "www.bbc.co.uk", []Match{{URL, 1, "www.bbc.co.uk"}}},
		{"upper case", "WWW.EXAMPLE.COM", []Match{{URL, 1, "WWW.EXAMPLE.COM"}}},
		{"upper scheme", "HTTPS://Example.com/X", []Match{{URL, 1, "HTTPS://Example.com/X"}}},
		{"full stop after", "it's on www.example.org.", []Match{{URL, 9, "www.example.org"}}},
		{"comma after", "http://x.io/a, then", []Match{{URL, 1, "http://x.io/a"}}},
		{"in brackets", "(see www.example.org)", []Match{{URL, 6, "www.example.org"}}},
		{"own brackets kept", "https://en.wikipedia.org/wiki/Foo_(bar)", []Match{{URL, 1, "https://en.wikipedia.org/wiki/Foo_(bar)"}}},
		{"angle brackets", "<https://example.com>", []Match{{URL, 2, "https://example.com"}}},
		{"curly quotes", "“www.example.com”", []Match{{URL, 4, "www.example.com"}}},
		{"port", "http://localhost:8080/x", []Match{{URL, 1, "http://localhost:8080/x"}}},
		{"two", "http://a.com and www.b.org", []Match{{URL, 1, "http://a.com"}, {URL, 18, "www.b.org"}}},
		{"http www", "http://www.example.com", []Match{{URL, 1, "http://www.example.com"}}},

		{"www alone", "the www. bit", nil},
		{"www without domain", "www.example", nil},
		{"scheme alone", "type http:// first", nil},
		{"scheme without host", "http:///path", nil},
		{"inside a word", "awww.example.com", nil},
		{"wwwx", "wwwx.example.com", nil},
		{"bare domain", "on example.com or bbc.co.uk", nil},
		{"ftp", "ftp://example.com", nil},
		{"http as a word", "the http protocol", nil},
	})
}
