// Package anon finds what may identify a participant in a line of text:
// email addresses, web addresses, UK phone numbers, UK postcodes, NHS
// numbers and the names a study team lists as identifying.
//
// It is the scan 'qda check' runs over every line of every transcript and
// memo, a million lines in a large study, so each detector runs only on
// lines that could hold its kind (an email needs '@', a phone number a
// digit), the detectors are hand-written byte scanners rather than
// regular expressions, and a line with nothing to report costs no
// allocation.
package anon

import "slices"

// Kind is what sort of identifier a Match is.
type Kind string

// The kinds of identifier the scan reports.
const (
	Email     Kind = "email"
	Phone     Kind = "phone"
	Postcode  Kind = "postcode"
	URL       Kind = "url"
	NHSNumber Kind = "nhs-number"
	Name      Kind = "name"
)

// Describe names k for a sentence: "possible identifier: an email address".
func (k Kind) Describe() string {
	switch k {
	case Email:
		return "an email address"
	case Phone:
		return "a UK phone number"
	case Postcode:
		return "a UK postcode"
	case URL:
		return "a URL"
	case NHSNumber:
		return "an NHS number"
	case Name:
		return "a listed identifying name"
	}
	return string(k)
}

// rank orders kinds from most to least specific, to choose between two
// matches of the same length over the same text.
func (k Kind) rank() int {
	switch k {
	case Email:
		return 0
	case URL:
		return 1
	case NHSNumber:
		return 2
	case Phone:
		return 3
	case Postcode:
		return 4
	}
	return 5
}

// Match is one possible identifier in a line.
type Match struct {
	Kind Kind
	Col  int    // 1-based byte column of the first byte of Text
	Text string // the text as it is in the line
}

// end is the 0-based byte offset just past m in its line.
func (m Match) end() int { return m.Col - 1 + len(m.Text) }

// Scanner finds identifiers in lines. It holds no state between lines, so
// one Scanner may be used by several goroutines at once.
type Scanner struct {
	names nameIndex
}

// New returns a Scanner that also looks for names: people, streets,
// places. They match whole words, in any case, a multi-word name across
// single spaces; empty names and duplicates are ignored.
func New(names []string) *Scanner {
	return &Scanner{names: newNameIndex(names)}
}

// Line returns the possible identifiers in line in column order. Where
// two overlap, the longer is kept, as it holds the shorter (an email
// address holds a name or a web address), and at equal length the more
// specific kind.
func (s *Scanner) Line(line string) []Match {
	var ms []Match
	if hasDigit(line) {
		ms = numbers(line, ms)
		ms = postcodes(line, ms)
	}
	if hasAt(line) {
		ms = emails(line, ms)
	}
	if mayHaveURL(line) {
		ms = urls(line, ms)
	}
	ms = s.names.scan(line, ms)
	return resolve(ms)
}

// resolve makes ms non-overlapping and sorts it by column.
func resolve(ms []Match) []Match {
	if len(ms) < 2 {
		return ms
	}
	slices.SortFunc(ms, func(a, b Match) int {
		if a.Col != b.Col {
			return a.Col - b.Col
		}
		return len(b.Text) - len(a.Text)
	})
	clean := true
	for i := 1; i < len(ms); i++ {
		if ms[i].Col-1 < ms[i-1].end() {
			clean = false
			break
		}
	}
	if clean {
		return ms
	}
	// Keep the longest (then most specific) first; a line has few matches,
	// so comparing each with those kept is cheap.
	slices.SortFunc(ms, func(a, b Match) int {
		if len(a.Text) != len(b.Text) {
			return len(b.Text) - len(a.Text)
		}
		if a.Kind.rank() != b.Kind.rank() {
			return a.Kind.rank() - b.Kind.rank()
		}
		return a.Col - b.Col
	})
	kept := ms[:0]
	for _, m := range ms {
		if !slices.ContainsFunc(kept, func(k Match) bool { return overlap(k, m) }) {
			kept = append(kept, m)
		}
	}
	slices.SortFunc(kept, func(a, b Match) int { return a.Col - b.Col })
	return kept
}

func overlap(a, b Match) bool { return a.Col-1 < b.end() && b.Col-1 < a.end() }
