package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// frame lays out a screen: a header line, the body cut or padded to fit,
// the status line and the footer of keys, each cut to the width.
func (m *Model) frame(header, body, status, footer string) string {
	lines := strings.Split(strings.TrimRight(body, "\n"), "\n")
	room := m.height - 3
	if len(lines) > room {
		lines = lines[:room]
	}
	for len(lines) < room {
		lines = append(lines, "")
	}
	if m.isErr {
		status = m.st.errText.Render("! " + m.status)
	}
	out := make([]string, 0, m.height)
	out = append(out, header)
	out = append(out, lines...)
	out = append(out, status, footer)
	for i, l := range out {
		out[i] = ansi.Truncate(l, m.width, m.st.more)
	}
	return strings.Join(out, "\n")
}

// ansiPad pads a string that may hold escapes to width columns.
func ansiPad(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-ansi.StringWidth(s)))
}
