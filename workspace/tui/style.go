package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// styles is how the workspace marks things: in colour on a terminal that
// allows it, and in plain text otherwise (NO_COLOR, --plain), where
// every mark is a character a screen reader reads out.
type styles struct {
	colour bool
	plain  bool
	// marks: the cursor's line, a selected line, a coded line's bar,
	// a line where the coders differ.
	cursor, selected, bar, differ, cont, rule, more string
	title, dim, errText, reverse                    lipgloss.Style
}

func newStyles(colour, plain bool) styles {
	s := styles{colour: colour && !plain, plain: plain,
		cursor: "▶", selected: "┃", bar: "▌", differ: "≠", cont: "│", rule: "─", more: "…"}
	if plain {
		s.cursor, s.selected, s.bar, s.differ, s.cont, s.rule, s.more = ">", "*", "|", "!", "|", "-", "..."
	}
	s.title = lipgloss.NewStyle()
	s.dim = lipgloss.NewStyle()
	s.errText = lipgloss.NewStyle()
	s.reverse = lipgloss.NewStyle()
	if !plain {
		s.title = s.title.Bold(true)
		s.reverse = s.reverse.Reverse(true)
	}
	if s.colour {
		s.dim = s.dim.Faint(true)
		s.errText = s.errText.Foreground(lipgloss.Color("#e15759"))
	}
	return s
}

// paint shows text in a code's colour, when there is colour.
func (s styles) paint(hex, text string) string {
	if !s.colour || hex == "" {
		return text
	}
	return lipgloss.NewStyle().Foreground(lipgloss.Color(hex)).Render(text)
}

// helpStyles are the key help's: faint keys and descriptions in colour,
// none without.
func (s styles) help() help.Model {
	h := help.New()
	h.Ellipsis = s.more
	if s.plain {
		h.ShortSeparator = " | "
	}
	if !s.colour {
		plain := lipgloss.NewStyle()
		h.Styles = help.Styles{Ellipsis: plain, ShortKey: plain, ShortDesc: plain, ShortSeparator: plain,
			FullKey: plain, FullDesc: plain, FullSeparator: plain}
	} else {
		h.Styles = help.DefaultDarkStyles()
		h.Styles.ShortKey = lipgloss.NewStyle().Bold(true)
		h.Styles.FullKey = lipgloss.NewStyle().Bold(true)
	}
	return h
}
