package anon

import (
	"slices"
	"strings"
	"testing"
)

// FuzzLine scans arbitrary lines, with arbitrary names listed ('|' between
// names), and checks what every caller of Line relies on.
func FuzzLine(f *testing.F) {
	for _, line := range benchLines {
		f.Add(line, "Ann|Kate Smith|Sheffield")
	}
	f.Fuzz(func(t *testing.T, line, names string) {
		s := New(append(strings.Split(names, "|"), testNames...))
		ms := s.Line(line)
		for i, m := range ms {
			if m.Col < 1 || m.Text == "" || m.end() > len(line) {
				t.Fatalf("match %d %+v is out of the line %q", i, m, line)
			}
			if got := line[m.Col-1 : m.end()]; got != m.Text {
				t.Fatalf("match %d %+v: line has %q at its column", i, m, got)
			}
			if i > 0 && m.Col-1 < ms[i-1].end() {
				t.Fatalf("match %d %+v overlaps or comes before %+v", i, m, ms[i-1])
			}
			switch m.Kind {
			case Email:
				if !strings.Contains(m.Text, "@") {
					t.Fatalf("email %q has no @", m.Text)
				}
			case NHSNumber:
				digits := strings.NewReplacer(" ", "", "-", "").Replace(m.Text)
				if !ValidNHSNumber(digits) {
					t.Fatalf("NHS number %q fails the check", m.Text)
				}
			case URL, Phone, Postcode, Name:
			default:
				t.Fatalf("match %d has unknown kind %q", i, m.Kind)
			}
		}
		if again := s.Line(line); !slices.Equal(again, ms) {
			t.Fatalf("second scan found %+v, first %+v", again, ms)
		}
	})
}
