package ingest

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// normalised reports what makes text not a normalised transcript.
func normalised(text string) string {
	switch {
	case text == "":
		return ""
	case !utf8.ValidString(text):
		return "invalid UTF-8"
	case !strings.HasSuffix(text, "\n"):
		return "no final newline"
	case strings.HasPrefix(text, "\n"):
		return "starts with a blank line"
	case strings.Contains(text, "\n\n\n"):
		return "two blank lines in a row"
	case strings.ContainsAny(text, "\r\t\u00a0"):
		return "a CR, tab or non-breaking space"
	}
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if l != strings.TrimSpace(l) {
			return "spaces at the edge of a line: " + l
		}
	}
	return ""
}

// letterWords counts the words of s made of letters, the unit the "no text
// lost" property compares (digits may go with timestamps).
func letterWords(s string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		m[strings.ToLower(w)]++
	}
	return m
}

// FuzzText: any text file normalises without panic into normalised text,
// and every word of the output's speech was in the input.
func FuzzText(f *testing.F) {
	f.Add("[00:00:01] I: Hello. How are you?\n[00:00:05] R: Fine, thanks... mostly.\n")
	f.Add("Speaker 1  0:02\nHello?\n\nSpeaker 2  0:05\nYes.\n")
	f.Add("**May:** I went *twice*.\n> Interviewer: why?\n")
	f.Add("no punctuation at all just talk\n")
	f.Fuzz(func(t *testing.T, in string) {
		for _, name := range []string{"x.txt", "x.md"} {
			res, err := File(name, []byte(in), Options{Participant: "may"})
			if err != nil {
				return // binary or undecodable input is refused, not mangled
			}
			text := string(res.Text)
			if why := normalised(text); why != "" {
				t.Fatalf("%s: output is not normalised (%s):\n%q\nfrom %q", name, why, text, in)
			}
			if name != "x.txt" || !utf8.ValidString(in) {
				continue
			}
			have := letterWords(normaliseText(in))
			for _, turn := range strings.Split(text, "\n\n") {
				first, rest, _ := strings.Cut(turn, "\n")
				if i := strings.Index(first, ": "); i >= 0 {
					first = first[i+2:]
				}
				for w, n := range letterWords(first + " " + rest) {
					if have[w] < n {
						t.Fatalf("output has %q %d times, input %d:\n%q\nfrom %q", w, n, have[w], text, in)
					}
					have[w] -= n
				}
			}
		}
	})
}
