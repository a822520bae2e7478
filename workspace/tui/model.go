// Package tui is the coding workspace on a terminal, built on Bubble
// Tea: it draws the workspace's state and maps keys (and the mouse) to
// its calls. What a key does to the study is package workspace's.
package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/qdatool/qda/internal/layout"
	"github.com/qdatool/qda/workspace"
)

// Options say how to draw.
type Options struct {
	// Colour shows codes in their codebook colours (a terminal without
	// NO_COLOR); Plain draws for a screen reader: ASCII marks, no colour.
	Colour, Plain bool
	// Refresh is how often the open transcript's codings are read again,
	// for another terminal's changes; 0 means every second.
	Refresh time.Duration
}

type mode int

const (
	modeList mode = iota
	modeRead
	modePick   // the code picker, to apply codes
	modeParent // the parent of a new code
	modeFind   // the picker, to jump to a code
	modeMemo
	modeSearch
	modeHelp
)

// Model is the Bubble Tea model of the workspace.
type Model struct {
	w      *workspace.Workspace
	opt    Options
	st     styles
	help   help.Model
	mode   mode
	back   mode // where help returns to
	width  int
	height int
	input  textinput.Model

	top   int // first row of the reading pane shown
	rows  []row
	rowsK rowsKey

	listTop int

	others  bool // show other coders' stripes
	status  string
	isErr   bool
	newName string // the new code whose parent is being picked
	parent  *workspace.Picker
	again   func() (bool, bool) // what n repeats
	againOf string
	drag    int // the line a mouse drag started on, 0 for none
	quit    bool
}

// New makes the model; the workspace's list must be loaded, and a
// transcript open when the session starts on one.
func New(w *workspace.Workspace, opt Options) *Model {
	if opt.Refresh == 0 {
		opt.Refresh = time.Second
	}
	m := &Model{w: w, opt: opt, st: newStyles(opt.Colour, opt.Plain), width: 80, height: 24}
	m.help = m.st.help()
	m.input = textinput.New()
	m.input.Prompt = ""
	m.input.Focus()
	if w.Doc != nil {
		m.mode = modeRead
	}
	return m
}

type tickMsg struct{}

func (m *Model) tick() tea.Cmd {
	return tea.Tick(m.opt.Refresh, func(time.Time) tea.Msg { return tickMsg{} })
}

// Init starts the timer that reads the codings again.
func (m *Model) Init() tea.Cmd { return m.tick() }

// Update maps a message to the workspace's calls.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(msg.Width, 20), max(msg.Height, 8)
		m.help.SetWidth(m.width)
		return m, nil
	case tickMsg:
		if _, err := m.w.Refresh(); err != nil {
			m.fail(err)
		}
		return m, m.tick()
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+c" {
			m.quit = true
			return m, tea.Quit
		}
		m.status, m.isErr = "", false
		var cmd tea.Cmd
		switch m.mode {
		case modeList:
			cmd = m.listKey(msg)
		case modeRead:
			cmd = m.readKey(msg)
		case modePick, modeParent, modeFind:
			cmd = m.pickKey(msg)
		case modeMemo, modeSearch:
			cmd = m.promptKey(msg)
		case modeHelp:
			m.mode = m.back
		}
		return m, cmd
	case tea.PasteMsg:
		if m.typing() {
			m.input, _ = m.input.Update(msg)
			m.inputChanged()
		}
		return m, nil
	case tea.MouseMsg:
		m.mouse(msg)
		return m, nil
	}
	return m, nil
}

// typing reports whether keys go into the text input.
func (m *Model) typing() bool {
	switch m.mode {
	case modeList, modePick, modeParent, modeFind, modeMemo, modeSearch:
		return true
	}
	return false
}

// edit passes a key to the text input and reports whether its text
// changed.
func (m *Model) edit(msg tea.KeyPressMsg) bool {
	before := m.input.Value()
	m.input, _ = m.input.Update(msg)
	if m.input.Value() == before {
		return false
	}
	m.inputChanged()
	return true
}

// inputChanged filters what the input filters.
func (m *Model) inputChanged() {
	switch m.mode {
	case modeList:
		m.w.List.SetQuery(m.input.Value())
	case modePick, modeFind:
		m.w.Picker.SetQuery(m.input.Value())
	case modeParent:
		m.parent.SetQuery(m.input.Value())
	}
}

func (m *Model) setInput(s string) {
	m.input.SetValue(s)
	m.input.CursorEnd()
}

func (m *Model) fail(err error) {
	m.status, m.isErr = err.Error(), true
}

func (m *Model) say(s string, err error) {
	if err != nil {
		m.fail(err)
		return
	}
	m.status = s
}

// View draws the screen.
func (m *Model) View() tea.View {
	var content string
	switch m.mode {
	case modeList:
		content = m.listView()
	case modeHelp:
		content = m.helpView()
	case modePick, modeParent, modeFind:
		content = m.pickView()
	default:
		content = m.readView()
	}
	v := tea.NewView(content)
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "qda code"
	return v
}

// Quitting reports whether the user asked to quit.
func (m *Model) Quitting() bool { return m.quit }

func (m *Model) helpView() string {
	var groups [][]key.Binding
	title := "keys of the reading pane"
	if m.back == modeList {
		groups, title = listKeyMap.FullHelp(), "keys of the transcript list"
	} else {
		groups = append(readKeyMap.FullHelp(), pickKeyMap.FullHelp()...)
	}
	return m.frame(m.st.title.Render("qda code: "+title), m.helpColumns(groups), "", "any key goes back")
}

// helpColumns lays every key out in as many columns as the width holds,
// filled downwards. The help bubble's full view puts each group in a
// column of its own and cuts what does not fit, which at 80 columns
// would hide a third of the keys.
func (m *Model) helpColumns(groups [][]key.Binding) string {
	var cells []string
	keyW := 0
	for _, g := range groups {
		for _, b := range g {
			keyW = max(keyW, layout.Width(b.Help().Key))
		}
	}
	for _, g := range groups {
		for _, b := range g {
			h := b.Help()
			cells = append(cells, layout.Pad(h.Key, keyW)+"  "+h.Desc)
		}
	}
	colW := 0
	for _, c := range cells {
		colW = max(colW, layout.Width(c)+3)
	}
	cols := max(1, m.width/colW)
	rows := (len(cells) + cols - 1) / cols
	var b strings.Builder
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			if i := c*rows + r; i < len(cells) {
				b.WriteString(layout.Pad(cells[i], colW))
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func matches(msg tea.KeyPressMsg, b ...key.Binding) bool { return key.Matches(msg, b...) }
