package corpus

import (
	"fmt"
	"strconv"
	"strings"
)

// Range is an inclusive range of transcript lines, 1-based.
type Range struct{ Start, End int }

// ParseRange reads "5" or "3-5" (spaces around the dash allowed). It is the
// one parser for line ranges, in codings files and on the command line.
func ParseRange(s string) (Range, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Range{}, fmt.Errorf("empty line range: give N or A-B, e.g. 3-5")
	}
	a, b, dash := strings.Cut(s, "-")
	start, err := parseLineNumber(a)
	if err != nil {
		return Range{}, fmt.Errorf("line range %q: %v", s, err)
	}
	end := start
	if dash {
		if end, err = parseLineNumber(b); err != nil {
			return Range{}, fmt.Errorf("line range %q: %v", s, err)
		}
	}
	if end < start {
		return Range{}, fmt.Errorf("line range %q ends before it starts: write %d-%d", s, end, start)
	}
	return Range{start, end}, nil
}

func parseLineNumber(s string) (int, error) {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	if err != nil || strings.HasPrefix(s, "+") {
		return 0, fmt.Errorf("%q is not a line number: give N or A-B, e.g. 3-5", s)
	}
	if n < 1 {
		return 0, fmt.Errorf("line numbers start at 1, not %d", n)
	}
	return n, nil
}

func (r Range) String() string {
	if r.Start == r.End {
		return strconv.Itoa(r.Start)
	}
	return fmt.Sprintf("%d-%d", r.Start, r.End)
}

// Len is the number of lines in r.
func (r Range) Len() int { return r.End - r.Start + 1 }

// Overlaps reports whether r and o share a line.
func (r Range) Overlaps(o Range) bool { return r.Start <= o.End && o.Start <= r.End }

// Touches reports whether r and o overlap or are adjacent.
func (r Range) Touches(o Range) bool { return r.Start <= o.End+1 && o.Start <= r.End+1 }

// Segment is one coded passage in a codings file: a line range with one or
// more codes, and the quote and memo that travel with it.
type Segment struct {
	Lines Range
	Codes []string // as written in the file; canonical paths when qda wrote them
	Quote string
	Memo  string
	// Line is the segment's line in its codings file, and CodeLines the
	// line of each code, so findings point at the right place.
	Line      int
	CodeLines []int
}

// HasCode reports whether s carries code (compared as written).
func (s *Segment) HasCode(code string) bool {
	for _, c := range s.Codes {
		if c == code {
			return true
		}
	}
	return false
}
