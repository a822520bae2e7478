package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/layout"
	"github.com/qdatool/qda/workspace"
)

// picker is the picker the mode shows: the codebook's codes, or the
// places a new code may go.
func (m *Model) picker() *workspace.Picker {
	if m.mode == modeParent {
		return m.parent
	}
	return m.w.Picker
}

// offersNew reports whether the picker shows a row to make a new code of
// what was typed.
func (m *Model) offersNew() bool { return m.mode == modePick && m.w.Picker.IsNew() }

func (m *Model) pickKey(msg tea.KeyPressMsg) tea.Cmd {
	p := m.picker()
	switch msg.String() {
	case "up", "ctrl+p":
		if p.Cursor == 0 && m.offersNew() {
			p.Cursor = -1
			break
		}
		p.Move(-1)
	case "down", "ctrl+n":
		p.Move(1)
	case "pgup":
		p.Move(-10)
	case "pgdown":
		p.Move(10)
	case "tab":
		// Chosen, the query is cleared for the next code's.
		if m.mode == modePick {
			p.Toggle()
			m.setInput("")
			p.SetQuery("")
		}
	case "esc":
		if m.mode == modeParent {
			m.mode = modePick
			m.setInput(m.newName)
			m.w.Picker.SetQuery(m.newName)
			break
		}
		m.mode = modeRead
	case "enter":
		m.pickEnter()
	default:
		if m.edit(msg) && m.offersNew() && len(m.w.Picker.Shown) == 0 {
			m.w.Picker.Cursor = -1
		}
	}
	return nil
}

func (m *Model) pickEnter() {
	switch m.mode {
	case modePick:
		p := m.w.Picker
		if p.Cursor < 0 || len(p.Shown) == 0 && m.offersNew() {
			m.newName = strings.TrimSpace(p.Query)
			m.parent = workspace.NewParentPicker(m.w.CB)
			m.setInput("")
			m.mode = modeParent
			return
		}
		codes := p.Picked()
		m.mode = modeRead
		m.say(m.w.Code(codes))
	case modeParent:
		e, ok := m.parent.Current()
		if !ok {
			m.fail(fmt.Errorf("choose where %q goes", m.newName))
			return
		}
		m.mode = modeRead
		m.say(m.w.NewCode(e.Path, m.newName))
	case modeFind:
		e, ok := m.w.Picker.Current()
		m.mode = modeRead
		if !ok {
			return
		}
		path := e.Path
		m.jump("passage coded "+path, func() (bool, bool) { return m.w.NextCode(path) })
	}
}

func (m *Model) pickView() string {
	p := m.picker()
	d := m.w.Doc
	var header string
	r, _ := d.T.TrimBlank(d.Selection())
	switch m.mode {
	case modePick:
		header = fmt.Sprintf("Code %s:%s “%s”", d.ID, r, d.T.Quote(r.Start))
	case modeParent:
		header = fmt.Sprintf("Where does the new code %q go? (%s)", m.newName, corpus.Slug(m.newName))
	case modeFind:
		header = "Find the next passage coded with"
	}
	detailH := 5
	room := max(1, m.height-3-1-detailH)
	var b strings.Builder
	prompt := "Code"
	if m.mode == modeParent {
		prompt = "Parent"
	}
	fmt.Fprintf(&b, "%s: %s\n", prompt, m.input.View())
	var lines []string
	if m.offersNew() {
		mark := "  "
		if p.Cursor < 0 {
			mark = m.st.cursor + " "
		}
		lines = append(lines, mark+fmt.Sprintf("+ new code %q (enter: choose where it goes)", strings.TrimSpace(p.Query)))
	}
	top := max(0, p.Cursor-room+len(lines)+1)
	pathW := min(40, m.width/2)
	for i := top; i < len(p.Shown) && len(lines) < room; i++ {
		e := &p.Entries[p.Shown[i]]
		mark := "  "
		if i == p.Cursor {
			mark = m.st.cursor + " "
		}
		box := ""
		if m.mode == modePick {
			box = "[ ] "
			if p.IsChosen(e.Path) {
				box = "[x] "
			}
		}
		name := e.Path
		if name == "" {
			name = e.Label
		}
		name = layout.Pad(layout.ElidePath(name, pathW), pathW)
		line := mark + box + m.st.paint(m.w.Colour(e.Path), name) + " " + m.st.dim.Render(e.Label)
		if e.Path == "" {
			line = mark + box + name
		}
		if i == p.Cursor {
			line = m.st.reverse.Render(ansiPad(line, m.width))
		}
		lines = append(lines, line)
	}
	if len(p.Shown) == 0 && !m.offersNew() {
		lines = append(lines, "  no code matches")
	}
	for len(lines) < room {
		lines = append(lines, "")
	}
	b.WriteString(strings.Join(lines, "\n") + "\n")
	b.WriteString(strings.Repeat(m.st.rule, m.width) + "\n")
	b.WriteString(strings.Join(m.detail(detailH-1), "\n"))
	status := m.status
	if m.mode == modePick && len(p.Chosen) > 0 && status == "" {
		status = "chosen: " + strings.Join(p.Chosen, ", ")
	}
	keys := pickKeyMap.ShortHelp()
	if m.mode != modePick {
		keys = []key.Binding{pickKeyMap.Move, promptKeyMap.Done, pickKeyMap.Cancel}
	}
	return m.frame(m.st.title.Render(header), b.String(), status, m.help.ShortHelpView(keys))
}

// detail is the description, inclusion and exclusion of the code under
// the picker's cursor, wrapped to n rows.
func (m *Model) detail(n int) []string {
	e, ok := m.picker().Current()
	if !ok || m.picker().Cursor < 0 {
		return nil
	}
	var out []string
	add := func(label, text string) {
		if text != "" {
			out = append(out, layout.Hanging(label, strings.Join(strings.Fields(text), " "), m.width)...)
		}
	}
	add("", e.Description)
	add("Include: ", e.Include)
	add("Exclude: ", e.Exclude)
	if len(e.Aliases) > 0 {
		add("Also: ", strings.Join(e.Aliases, ", "))
	}
	if len(out) > n {
		out = out[:n]
	}
	return out
}
