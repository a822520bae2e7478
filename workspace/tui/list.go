package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/qdatool/qda/internal/layout"
	"github.com/qdatool/qda/workspace"
)

func (m *Model) listKey(msg tea.KeyPressMsg) tea.Cmd {
	l := m.w.List
	switch {
	case matches(msg, listKeyMap.Up):
		l.Move(-1)
	case matches(msg, listKeyMap.Down):
		l.Move(1)
	case msg.String() == "pgup":
		l.Move(-m.listRoom())
	case msg.String() == "pgdown":
		l.Move(m.listRoom())
	case matches(msg, listKeyMap.Open):
		if it, ok := l.Selected(); ok {
			m.open(it.ID)
		}
	case matches(msg, listKeyMap.Clear):
		if m.input.Value() == "" {
			m.quit = true
			return tea.Quit
		}
		m.setInput("")
		l.SetQuery("")
	case msg.String() == "?" && m.input.Value() == "":
		m.back, m.mode = modeList, modeHelp
	default:
		m.edit(msg)
	}
	return nil
}

// open opens transcript id in the reading pane.
func (m *Model) open(id string) {
	if err := m.w.Open(id); err != nil {
		m.fail(err)
		return
	}
	m.mode, m.top = modeRead, 0
	m.rowsK = rowsKey{}
}

// listRoom is the rows of transcripts the list shows.
func (m *Model) listRoom() int { return max(1, m.height-6) }

// listColumns are the list's widths: id, participant, lines, yours; the
// others' column takes what is left.
func (m *Model) listColumns() (id, part int) {
	id, part = 12, 12
	if m.width >= 110 {
		id, part = 20, 18
	}
	return id, part
}

func (m *Model) listView() string {
	l := m.w.List
	room := m.listRoom()
	if l.Cursor < m.listTop {
		m.listTop = l.Cursor
	}
	if l.Cursor >= m.listTop+room {
		m.listTop = l.Cursor - room + 1
	}
	m.listTop = max(0, min(m.listTop, max(0, len(l.Shown)-room)))
	idW, partW := m.listColumns()
	var b strings.Builder
	fmt.Fprintf(&b, "Filter: %s\n", m.input.View())
	head := fmt.Sprintf("  %s %s %6s  %-16s %s", layout.Pad("TRANSCRIPT", idW), layout.Pad("PARTICIPANT", partW), "LINES", "YOURS", "OTHERS")
	b.WriteString(m.st.dim.Render(head) + "\n")
	for i := m.listTop; i < len(l.Shown) && i < m.listTop+room; i++ {
		lines := l.Lines(i)
		it := &l.Items[l.Shown[i]]
		mark := "  "
		if i == l.Cursor {
			mark = m.st.cursor + " "
		}
		row := fmt.Sprintf("%s%s %s %6d  %-16s %s", mark, layout.Pad(layout.Clip(it.ID, idW), idW),
			layout.Pad(layout.Clip(it.Participant, partW), partW), lines, m.progress(it), strings.Join(it.Others, ", "))
		if i == l.Cursor {
			row = m.st.reverse.Render(row)
		}
		b.WriteString(row + "\n")
	}
	if len(l.Shown) == 0 {
		b.WriteString("  no transcript matches " + fmt.Sprintf("%q", l.Query) + "\n")
	}
	done := 0
	for i := range l.Items {
		if l.Items[i].Done() {
			done++
		}
	}
	header := m.st.title.Render("qda code") + fmt.Sprintf(" · coder %s · %d transcripts, %d coded by you · %d shown",
		m.w.Coder, len(l.Items), done, len(l.Shown))
	return m.frame(header, b.String(), m.status, m.help.ShortHelpView(listKeyMap.ShortHelp()))
}

// progress is this coder's column: lines coded and whether done.
func (m *Model) progress(it *workspace.Item) string {
	switch {
	case it.None:
		return "none applies"
	case !it.Mine:
		return "-"
	}
	pct := 0
	if it.Lines > 0 {
		pct = it.Coded * 100 / it.Lines
	}
	done := "✓"
	if m.st.plain {
		done = "done"
	}
	return fmt.Sprintf("%d lines %d%% %s", it.Coded, pct, done)
}
