// Package anon finds what may identify a participant in a line of text:
// email addresses, web addresses, UK phone numbers, UK postcodes, NHS
// numbers and the names a study team lists as identifying.
//
// It is the scan 'qda check' runs over every line of every transcript and
// memo, a million lines in a large study, so each detector runs only on
// lines that could hold its kind (an email needs '@', a phone number a
// digit), and a line with nothing to report costs no allocation. The
// detectors are byte scanners rather than regular expressions: each is a
// single pass that also applies the rules a pattern states badly, such as
// what may stand before and after a phone number, and RE2 would walk the
// line again for every pattern.
package anon

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
