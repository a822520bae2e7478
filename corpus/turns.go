package corpus

import (
	"fmt"
	"strings"
)

// Turn is the part of one speaker turn that falls inside a passage: its
// speaker's label (also when the turn began before the passage), whether
// the speaker is the interviewer, and its lines, blank ones left out.
type Turn struct {
	Speaker     string
	Interviewer bool
	// Continued is set when the turn began before the passage.
	Continued bool
	Lines     Range
	// Text holds each line's words without the speaker label, in order.
	Text []TurnLine
}

// TurnLine is one line of a turn: its number and its text, label left out.
type TurnLine struct {
	N    int
	Text string
}

// Turns splits lines r of t into the speaker turns they hold, so that a
// passage can be shown as its turns rather than as one run of lines.
func Turns(t *Transcript, r Range) []Turn {
	var turns []Turn
	open := false
	for n := max(r.Start, 1); n <= min(r.End, t.Len()); n++ {
		l := t.Line(n)
		if l.Blank {
			open = false
			continue
		}
		if !open || l.TurnStart {
			turns = append(turns, Turn{Speaker: l.Speaker, Interviewer: IsInterviewer(l.Speaker),
				Continued: !l.TurnStart, Lines: Range{n, n}})
			open = true
		}
		tu := &turns[len(turns)-1]
		tu.Lines.End = n
		tu.Text = append(tu.Text, TurnLine{n, strings.TrimSpace(l.Body)})
	}
	return turns
}

// String is the turn as one paragraph: "Label: " and its lines joined by
// a space; with numbers, each line prefixed with its number in brackets.
func (tu Turn) String() string { return tu.Format(false) }

// Format is String with each line's number ("[12] ") when numbers is set.
func (tu Turn) Format(numbers bool) string {
	var b strings.Builder
	if tu.Speaker != "" {
		b.WriteString(tu.Speaker + ": ")
	}
	for i, l := range tu.Text {
		if i > 0 {
			b.WriteByte(' ')
		}
		if numbers {
			fmt.Fprintf(&b, "[%d] ", l.N)
		}
		b.WriteString(l.Text)
	}
	return b.String()
}

// TurnsText is a passage as its turns, one paragraph each, separated by
// sep ("\n" in a spreadsheet cell).
func TurnsText(turns []Turn, numbers bool, sep string) string {
	parts := make([]string, len(turns))
	for i, tu := range turns {
		parts[i] = tu.Format(numbers)
	}
	return strings.Join(parts, sep)
}
