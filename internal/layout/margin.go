package layout

import (
	"fmt"
	"strings"
)

// Note is one entry in a transcript's margin: a code and who coded it.
type Note struct {
	Code   string // the code's path, elided when the margin is narrow
	Suffix string // what follows it: the coders, "(unknown code)"
}

// Margin lays a transcript out in three columns: the line number, the
// text wrapped to fit, and a margin of codes after " │ ".
type Margin struct {
	NumWidth, TextWidth, MarginWidth int
}

// marginGap is the space between the number and the text, and the rule
// between the text and the margin.
const (
	numGap    = "  "
	marginBar = " │ "
	minText   = 20
	minMargin = 12
)

// FitMargin splits width between number, text and margin: the margin as
// wide as its widest note (noteWidth) up to two fifths of what is left
// after the number, the text the rest.
func FitMargin(width, numWidth, noteWidth int) Margin {
	numWidth = max(numWidth, 3)
	rest := max(width-numWidth-Width(numGap)-Width(marginBar), minText+minMargin)
	margin := min(noteWidth, max(rest*2/5, minMargin))
	return Margin{NumWidth: numWidth, TextWidth: rest - margin, MarginWidth: margin}
}

// FixedMargin is the split qda has always made when no width is known:
// three fifths of the rest for the text, two for the margin.
func FixedMargin(width, numWidth int) Margin {
	numWidth = max(numWidth, 3)
	rest := max(width-numWidth-Width(numGap)-Width(marginBar), 40)
	text := rest * 3 / 5
	return Margin{NumWidth: numWidth, TextWidth: text, MarginWidth: rest - text}
}

// NoteWidth is the width a note takes unshortened.
func NoteWidth(n Note) int {
	if n.Suffix == "" {
		return Width(n.Code)
	}
	return Width(n.Code) + 1 + Width(n.Suffix)
}

// MarginStyle dresses the line number and the codes after layout (for
// colour); nil functions leave them plain.
type MarginStyle struct {
	Num  func(shown string) string
	Code func(code, shown string) string
}

// Lines returns the rows of transcript line n: its text wrapped to the
// text column and its notes in the margin, a code path elided rather than
// broken, and the coders moved to a row of their own when there is no
// room for them after the path's last name.
func (m Margin) Lines(n int, text string, notes []Note, st MarginStyle) []string {
	rows := Wrap(text, m.TextWidth)
	type mrow struct{ code, shown, rest string }
	var margin []mrow
	for _, note := range notes {
		suffix := ""
		if note.Suffix != "" {
			suffix = " " + note.Suffix
		}
		shown := ElidePath(note.Code, m.MarginWidth-Width(suffix))
		switch {
		case Width(note.Code)+Width(suffix) <= m.MarginWidth:
			margin = append(margin, mrow{note.Code, note.Code, suffix})
		case Whole(note.Code, shown):
			margin = append(margin, mrow{note.Code, shown, suffix})
		default:
			margin = append(margin, mrow{note.Code, ElidePath(note.Code, m.MarginWidth), ""})
			for _, r := range Wrap(note.Suffix, m.MarginWidth) {
				margin = append(margin, mrow{rest: r})
			}
		}
	}
	var out []string
	for i := 0; i < max(len(rows), len(margin)); i++ {
		num := ""
		if i == 0 {
			num = fmt.Sprint(n)
		}
		num = fmt.Sprintf("%*s", m.NumWidth, num)
		if st.Num != nil {
			num = st.Num(num)
		}
		row := ""
		if i < len(rows) {
			row = rows[i]
		}
		if i >= len(margin) {
			out = append(out, strings.TrimRight(num+numGap+row, " "))
			continue
		}
		mr := margin[i]
		shown := mr.shown
		if st.Code != nil && shown != "" {
			shown = st.Code(mr.code, shown)
		}
		out = append(out, num+numGap+Pad(row, m.TextWidth)+marginBar+shown+mr.rest)
	}
	return out
}
