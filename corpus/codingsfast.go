package corpus

import (
	"bytes"
	"strings"
)

// This file holds the fast paths of reading and writing codings files.
// yaml.v3 parsing a codings file and yaml.Marshal rendering each quote
// were most of the CPU of every command that reads or rewrites the
// codings of a whole study (a third of stats and the exports, half of a
// rename's CPU at 10,000 participants). Nearly every codings file is in
// the canonical form qda writes, so these recognise exactly that form,
// byte by byte, and give up on anything else: a comment, a blank line, a
// double-quoted or multi-line scalar, non-ASCII text, another key order.
// What they give up on goes through yaml.v3 as before, so the answers,
// the findings and their lines are yaml.v3's. Each fast path is checked
// against yaml.v3 by FuzzCodingsFast and the tests in codingsfast_test.go.

// parseCanonicalCodings reads a codings file written in the canonical
// form MarshalCodings writes, when every scalar in it is one whose
// meaning yaml.v3 gives no room to differ on. It returns false for
// anything else, and the caller parses the file with yaml.v3.
func parseCanonicalCodings(data []byte) ([]Segment, bool) {
	if len(data) == 0 || data[len(data)-1] != '\n' {
		return nil, false
	}
	// Count the segments first, so the slice is made once.
	n := 0
	for i := 0; i < len(data); {
		if hasPrefixAt(data, i, "- ") {
			n++
		}
		j := indexByteFrom(data, i, '\n')
		i = j + 1
	}
	if n == 0 {
		return nil, false
	}
	segs := make([]Segment, 0, n)
	line := 0
	var seg *Segment
	for i := 0; i < len(data); {
		j := indexByteFrom(data, i, '\n')
		l := data[i:j]
		i = j + 1
		line++
		switch {
		case hasPrefix(l, "- lines: "):
			r, ok := canonicalRange(string(l[len("- lines: "):]))
			if !ok {
				return nil, false
			}
			segs = append(segs, Segment{Lines: r, Line: line})
			seg = &segs[len(segs)-1]
		case seg == nil:
			return nil, false
		case hasPrefix(l, "  codes: ["):
			if seg.Codes != nil || seg.Quote != "" || seg.Memo != "" {
				return nil, false
			}
			rest := l[len("  codes: ["):]
			if len(rest) == 0 || rest[len(rest)-1] != ']' {
				return nil, false
			}
			rest = rest[:len(rest)-1]
			k := strings.Count(string(rest), ", ") + 1
			seg.Codes = make([]string, 0, k)
			seg.CodeLines = make([]int, 0, k)
			for _, c := range strings.Split(string(rest), ", ") {
				if !isCodePath(c) {
					return nil, false
				}
				seg.Codes = append(seg.Codes, c)
				seg.CodeLines = append(seg.CodeLines, line)
			}
		case hasPrefix(l, "  quote: "):
			v, ok := simpleScalar(string(l[len("  quote: "):]))
			if !ok || seg.Codes == nil || seg.Quote != "" || seg.Memo != "" || v == "" {
				return nil, false
			}
			seg.Quote = v
		case hasPrefix(l, "  memo: "):
			v, ok := simpleScalar(string(l[len("  memo: "):]))
			if !ok || seg.Codes == nil || seg.Memo != "" || v == "" {
				return nil, false
			}
			seg.Memo = v
		default:
			return nil, false
		}
	}
	for _, s := range segs {
		if s.Codes == nil {
			return nil, false
		}
	}
	return segs, true
}

// canonicalRange reads "N" or "A-B" as Range.String writes them: digits
// only, no sign, no space, no leading zero, so yaml.v3 reads the same
// text and ParseRange the same numbers.
func canonicalRange(s string) (Range, bool) {
	a, b, dash := strings.Cut(s, "-")
	if !isCanonicalNumber(a) || dash && !isCanonicalNumber(b) {
		return Range{}, false
	}
	r, err := ParseRange(s)
	if err != nil || r.String() != s {
		return Range{}, false
	}
	return r, true
}

func isCanonicalNumber(s string) bool {
	if s == "" || len(s) > 9 || s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// simpleScalar reads the value of "key: VALUE" when VALUE is one line of
// printable ASCII written plain or single-quoted the way yaml.v3 writes
// it (quickScalar is the writing side): then its text is unambiguous.
func simpleScalar(v string) (string, bool) {
	if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		in := v[1 : len(v)-1]
		if !printableASCII(in) {
			return "", false
		}
		if strings.IndexByte(in, '\'') < 0 {
			return in, true
		}
		var b strings.Builder
		for i := 0; i < len(in); i++ {
			if in[i] == '\'' {
				if i+1 >= len(in) || in[i+1] != '\'' {
					return "", false
				}
				i++
			}
			b.WriteByte(in[i])
		}
		return b.String(), true
	}
	if !printableASCII(v) || !plainAllowed(v) {
		return "", false
	}
	return v, true
}

// quickScalar renders s after "key: " as yaml.Marshal does, for a string
// of one line of printable ASCII that yaml.v3 reads as a string; false
// for anything else (blockScalar then asks yaml.v3).
func quickScalar(s string) (string, bool) {
	if !printableASCII(s) || !resolvesToString(s) {
		return "", false
	}
	if plainAllowed(s) {
		return s, true
	}
	// yaml.v3 falls back from plain to single quotes, which hold any
	// printable one-line text with ' doubled.
	return "'" + strings.ReplaceAll(s, "'", "''") + "'", true
}

// printableASCII reports whether s is non-empty and all of it between
// space and '~': no tab, no line break, nothing yaml.v3 would escape.
func printableASCII(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// resolvesToString reports, conservatively, that yaml.v3 resolves s
// written plain to a string (its resolve and its YAML 1.1 checks), so
// Marshal would not quote it for its type: s starts neither with a sign,
// a digit or a dot (numbers, timestamps, .inf), nor, when short, with a
// letter of true/false/null/yes/no/on/off/~/<<.
func resolvesToString(s string) bool {
	switch c := s[0]; {
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
		return false
	case len(s) <= 5 && strings.IndexByte("yYnNtTfFoO~<", c) >= 0:
		return false
	}
	return true
}

// plainAllowed is yaml.v3's test (yaml_emitter_analyze_scalar) of
// whether printable one-line ASCII may be written plain as a value in a
// block mapping: no leading or trailing space, no indicator first, no
// ": " or " #" inside, no "---" or "..." first, no ':' last.
func plainAllowed(s string) bool {
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	if strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...") {
		return false
	}
	followedByBlank := func(i int) bool { return i+1 >= len(s) || s[i+1] == ' ' }
	switch s[0] {
	case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	case '?', ':', '-':
		if followedByBlank(0) {
			return false
		}
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case ':':
			if followedByBlank(i) {
				return false
			}
		case '#':
			if s[i-1] == ' ' {
				return false
			}
		}
	}
	return true
}

// isCodePath reports whether s is a path of slugs (what codePathRE
// matched): names of a-z and 0-9 joined by single dashes, joined by "/".
// Hand-written because the regexp was a tenth of a rename's CPU.
func isCodePath(s string) bool {
	if s == "" {
		return false
	}
	prev := byte('/') // the start is like the start of a name
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case c == '-' || c == '/':
			if prev == '-' || prev == '/' {
				return false
			}
		default:
			return false
		}
		prev = c
	}
	return prev != '-' && prev != '/'
}

func hasPrefix(b []byte, p string) bool { return len(b) >= len(p) && string(b[:len(p)]) == p }

func hasPrefixAt(b []byte, i int, p string) bool { return hasPrefix(b[i:], p) }

// indexByteFrom is the index of c in b at or after i, or len(b).
func indexByteFrom(b []byte, i int, c byte) int {
	if j := bytes.IndexByte(b[i:], c); j >= 0 {
		return i + j
	}
	return len(b)
}
