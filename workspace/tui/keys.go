package tui

import "charm.land/bubbles/v2/key"

// The keys of each screen; the footer shows the first ones, '?' all.
type listKeys struct {
	Up, Down, Open, Filter, Clear, Help, Quit key.Binding
}

func (k listKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Help, k.Up, k.Down, k.Open, k.Filter, k.Clear, k.Quit}
}
func (k listKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Open}, {k.Filter, k.Clear, k.Help, k.Quit}}
}

var listKeyMap = listKeys{
	Up:     key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "move up")),
	Down:   key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "move down")),
	Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
	Filter: key.NewBinding(key.WithKeys("filter"), key.WithHelp("type", "filter")),
	Clear:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear/quit")),
	Help:   key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
	Quit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("^c", "quit")),
}

type readKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Turn, TurnBack      key.Binding
	Select, ExtendUp, ExtendDown, Code, Uncode                   key.Binding
	Focus, Remove, EndDown, EndUp, StartUp, StartDown, Memo      key.Binding
	Undo, Redo                                                   key.Binding
	Uncoded, Search, FindCode, Again, Differ, Others, Help, Back key.Binding
	Quit                                                         key.Binding
}

func (k readKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Help, k.Select, k.Code, k.Undo, k.Redo, k.Uncoded, k.Differ, k.Back, k.Others}
}

func (k readKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Turn, k.TurnBack},
		{k.Select, k.ExtendUp, k.ExtendDown, k.Code, k.Uncode, k.Undo, k.Redo},
		{k.Focus, k.EndDown, k.EndUp, k.StartUp, k.StartDown, k.Remove, k.Memo},
		{k.Uncoded, k.Search, k.FindCode, k.Again, k.Differ, k.Others, k.Help, k.Back, k.Quit},
	}
}

var readKeyMap = readKeys{
	Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "line up")),
	Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "line down")),
	PageUp:     key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
	PageDown:   key.NewBinding(key.WithKeys("pgdown", "ctrl+f", "space"), key.WithHelp("pgdn", "page down")),
	Top:        key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "first line")),
	Bottom:     key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "last line")),
	Turn:       key.NewBinding(key.WithKeys("ctrl+down", ")"), key.WithHelp(")", "next turn")),
	TurnBack:   key.NewBinding(key.WithKeys("ctrl+up", "("), key.WithHelp("(", "previous turn")),
	Select:     key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "select")),
	ExtendUp:   key.NewBinding(key.WithKeys("shift+up", "K"), key.WithHelp("shift+↑", "select up")),
	ExtendDown: key.NewBinding(key.WithKeys("shift+down", "J"), key.WithHelp("shift+↓", "select down")),
	Code:       key.NewBinding(key.WithKeys("enter", "c"), key.WithHelp("enter", "code")),
	Uncode:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "uncode lines")),
	Focus:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next segment here")),
	EndDown:    key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "segment end down")),
	EndUp:      key.NewBinding(key.WithKeys("["), key.WithHelp("[", "segment end up")),
	StartUp:    key.NewBinding(key.WithKeys("{"), key.WithHelp("{", "segment start up")),
	StartDown:  key.NewBinding(key.WithKeys("}"), key.WithHelp("}", "segment start down")),
	Remove:     key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "remove segment")),
	Memo:       key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "memo on segment")),
	Undo:       key.NewBinding(key.WithKeys("u", "ctrl+z"), key.WithHelp("u", "undo")),
	Redo:       key.NewBinding(key.WithKeys("ctrl+r", "U"), key.WithHelp("^r", "redo")),
	Uncoded:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "next uncoded turn")),
	Search:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search the text")),
	FindCode:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "next passage of a code")),
	Again:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match again")),
	Differ:     key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "next place coders differ")),
	Others:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "others' codes on/off")),
	Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
	Back:       key.NewBinding(key.WithKeys("q", "esc"), key.WithHelp("q", "back to the list")),
	Quit:       key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("^c", "quit")),
}

type pickKeys struct {
	Move, Choose, Apply, Cancel key.Binding
}

func (k pickKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Move, k.Choose, k.Apply, k.Cancel}
}
func (k pickKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ShortHelp()}
}

var pickKeyMap = pickKeys{
	Move:   key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "move in the picker")),
	Choose: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "choose several")),
	Apply:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply, or make the new code")),
	Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
}

type promptKeys struct{ Done, Cancel key.Binding }

func (k promptKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Done, k.Cancel} }
func (k promptKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

var promptKeyMap = promptKeys{
	Done:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "done")),
	Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
}
