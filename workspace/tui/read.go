package tui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/layout"
	"github.com/qdatool/qda/workspace"
)

// row is one screen row of the reading pane: part of a line's text, and
// the margin beside it.
type row struct {
	line    int
	first   bool
	text    string
	stripes string
	margin  string
}

// rowsKey says what the rows were laid out for: they are laid out again
// when the transcript, the width, the codings or the codebook change,
// not when the cursor moves.
type rowsKey struct {
	doc     *workspace.Doc
	width   int
	others  bool
	mine    *corpus.Segment
	nMine   int
	theirs  *workspace.CoderCodings
	nOthers int
	cb      any // the codebook, whose colours the margin shows
}

func (m *Model) key() rowsKey {
	d := m.w.Doc
	k := rowsKey{doc: d, width: m.width, others: m.others, nMine: len(d.Mine.Segments), nOthers: len(d.Others), cb: m.w.CB}
	if k.nMine > 0 {
		k.mine = &d.Mine.Segments[0]
	}
	if k.nOthers > 0 {
		k.theirs = &d.Others[0]
	}
	return k
}

// widths of the reading pane: line numbers, text, the others' stripes
// and the margin of codes.
func (m *Model) widths() (num, text, stripes, margin int) {
	d := m.w.Doc
	num = len(strconv.Itoa(d.Len()))
	if m.others && len(d.Others) > 0 {
		stripes = len(d.Others) + 2
	}
	margin = max(14, min(32, m.width/4))
	text = m.width - 2 - num - 1 - stripes - 1 - margin
	if text < 20 {
		margin = max(6, margin-(20-text))
		text = m.width - 2 - num - 1 - stripes - 1 - margin
	}
	return num, max(10, text), stripes, margin
}

// layout wraps every line of the open transcript to the pane's width
// with its margin; only when what it shows has changed.
func (m *Model) layout() []row {
	if k := m.key(); k == m.rowsK && m.rows != nil {
		return m.rows
	}
	d := m.w.Doc
	_, textW, _, marginW := m.widths()
	rows := make([]row, 0, d.Len())
	for n := 1; n <= d.Len(); n++ {
		texts := layout.Wrap(d.T.Line(n).Text, textW)
		notes := m.marginOf(n, marginW)
		stripes := m.stripesOf(n)
		for i := 0; i < max(len(texts), len(notes)); i++ {
			r := row{line: n, first: i == 0, stripes: stripes}
			if i < len(texts) {
				r.text = texts[i]
			}
			if i < len(notes) {
				r.margin = notes[i]
			}
			rows = append(rows, r)
		}
	}
	m.rows, m.rowsK = rows, m.key()
	return rows
}

// marginOf is this coder's codes on line n, one a row: the code's name
// where its segment starts, a bar in its colour where it goes on (the
// name again without colour, where a bar would not tell codes apart).
func (m *Model) marginOf(n, width int) []string {
	d := m.w.Doc
	var out []string
	for _, c := range workspace.CodesAt(d.Mine.Segments, n) {
		starts := false
		for _, s := range d.Mine.Segments {
			if s.Lines.Start == n && s.HasCode(c) {
				starts = true
			}
		}
		bar := m.st.bar
		if !starts {
			bar = m.st.cont
		}
		text := bar
		if starts || !m.st.colour {
			text += " " + layout.ElidePath(c, width-2)
		}
		out = append(out, m.st.paint(m.w.Colour(c), text))
	}
	return out
}

// stripesOf is the other coders' column on line n: each coder's letter,
// in the colour of their first code there, where they coded the line;
// then a mark where the coders differ.
func (m *Model) stripesOf(n int) string {
	d := m.w.Doc
	if !m.others || len(d.Others) == 0 {
		return ""
	}
	var b strings.Builder
	for i, o := range d.Others {
		codes := workspace.CodesAt(o.Segments, n)
		if len(codes) == 0 {
			b.WriteString(" ")
			continue
		}
		b.WriteString(m.st.paint(m.w.Colour(codes[0]), m.letter(i)))
	}
	if m.w.Disagrees(n) {
		b.WriteString(m.st.paint("#e15759", m.st.differ))
	} else {
		b.WriteString(" ")
	}
	return b.String() + " "
}

// letter is the mark of the other coder i: the first letter of their
// name, or their number when two share it.
func (m *Model) letter(i int) string {
	d := m.w.Doc
	first := strings.ToUpper(d.Others[i].Coder[:1])
	for j, o := range d.Others {
		if j != i && strings.ToUpper(o.Coder[:1]) == first {
			return strconv.Itoa(i + 1)
		}
	}
	return first
}

func (m *Model) paneHeight() int { return m.height - 3 }

// scroll keeps the cursor's line in view.
func (m *Model) scroll(rows []row) {
	d := m.w.Doc
	first, last := -1, -1
	for i, r := range rows {
		if r.line == d.Cursor {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	h := m.paneHeight()
	if first < m.top {
		m.top = first
	}
	if last >= m.top+h {
		m.top = last - h + 1
	}
	m.top = max(0, min(m.top, max(0, len(rows)-h)))
}

func (m *Model) readView() string {
	d := m.w.Doc
	rows := m.layout()
	m.scroll(rows)
	numW, textW, _, _ := m.widths()
	sel := d.Selection()
	var b strings.Builder
	for i := m.top; i < len(rows) && i < m.top+m.paneHeight(); i++ {
		r := rows[i]
		inSel := d.Selecting() && r.line >= sel.Start && r.line <= sel.End
		mark := " "
		switch {
		case r.line == d.Cursor && r.first:
			mark = m.st.cursor
		case inSel || r.line == d.Cursor:
			mark = m.st.selected
		}
		num := strings.Repeat(" ", numW)
		if r.first {
			num = fmt.Sprintf("%*d", numW, r.line)
			num = m.st.dim.Render(num)
		}
		text := layout.Pad(r.text, textW)
		if inSel || r.line == d.Cursor {
			text = m.st.reverse.Render(text)
		} else {
			text = m.speech(r, text)
		}
		fmt.Fprintf(&b, "%s%s %s %s%s\n", mark, num, text, r.stripes, r.margin)
	}
	status := m.status
	if status == "" {
		status = m.readStatus()
	}
	footer := m.help.ShortHelpView(readKeyMap.ShortHelp())
	switch m.mode {
	case modeMemo:
		status = "memo: " + m.input.View()
		footer = m.help.ShortHelpView(promptKeyMap.ShortHelp())
	case modeSearch:
		status = "search: " + m.input.View()
		footer = m.help.ShortHelpView(promptKeyMap.ShortHelp())
	}
	return m.frame(m.readHeader(), b.String(), status, footer)
}

// speech marks who speaks, in colour: the speaker's label in bold where
// a turn starts, the interviewer's words faint, so the participant's
// stand out.
func (m *Model) speech(r row, text string) string {
	if !m.st.colour {
		return text
	}
	l := m.w.Doc.T.Line(r.line)
	if corpus.IsInterviewer(l.Speaker) {
		return m.st.dim.Render(text)
	}
	if r.first && l.TurnStart && l.Speaker != "" && strings.HasPrefix(text, l.Speaker+":") {
		n := len(l.Speaker) + 1
		return m.st.title.Render(text[:n]) + text[n:]
	}
	return text
}

func (m *Model) readHeader() string {
	d := m.w.Doc
	who := d.Participant
	if d.Pseudonym != "" {
		who += " (" + d.Pseudonym + ")"
	}
	h := m.st.title.Render(d.ID) + fmt.Sprintf(" · %s · %d lines · %s coded %d", who, d.Len(), m.w.Coder, workspace.CodedLines(d.Mine.Segments))
	if len(d.Others) > 0 {
		var os []string
		for i, o := range d.Others {
			if m.others {
				os = append(os, m.letter(i)+"="+o.Coder)
			} else {
				os = append(os, o.Coder)
			}
		}
		if m.others {
			h += " · " + strings.Join(os, " ")
		} else {
			h += " · also " + strings.Join(os, ", ")
		}
	}
	return h
}

// readStatus says what is under the cursor when there is no message: the
// selection, or the segment that segment keys act on; with the others'
// stripes shown, what the other coders put on the line.
func (m *Model) readStatus() string {
	d := m.w.Doc
	var parts []string
	if d.Selecting() {
		r := d.Selection()
		parts = append(parts, fmt.Sprintf("selected %s (%d lines): enter codes it", r, r.Len()))
	} else if seg, ok := d.Focused(); ok {
		s := fmt.Sprintf("segment %s %s", seg.Lines, strings.Join(seg.Codes, ", "))
		if n := len(d.SegmentsAt(d.Cursor)); n > 1 {
			s += fmt.Sprintf(" (%d of %d: tab)", d.Focus%n+1, n)
		}
		if seg.Memo != "" {
			s += " · memo: " + strings.ReplaceAll(seg.Memo, "\n", " ")
		}
		parts = append(parts, s)
	}
	if m.others || len(parts) == 0 {
		for _, o := range d.Others {
			if cs := workspace.CodesAt(o.Segments, d.Cursor); len(cs) > 0 {
				parts = append(parts, o.Coder+": "+strings.Join(cs, ", "))
			}
		}
	}
	return strings.Join(parts, " · ")
}

func (m *Model) readKey(msg tea.KeyPressMsg) tea.Cmd {
	d := m.w.Doc
	k := readKeyMap
	switch {
	case matches(msg, k.Up):
		d.Move(-1)
	case matches(msg, k.Down):
		d.Move(1)
	case matches(msg, k.PageUp):
		d.Move(-m.paneHeight() + 1)
	case matches(msg, k.PageDown):
		d.Move(m.paneHeight() - 1)
	case matches(msg, k.Top):
		d.MoveTo(1)
	case matches(msg, k.Bottom):
		d.MoveTo(d.Len())
	case matches(msg, k.Turn):
		d.NextTurn(1)
	case matches(msg, k.TurnBack):
		d.NextTurn(-1)
	case matches(msg, k.Select):
		d.ToggleSelect()
	case matches(msg, k.ExtendUp):
		d.Extend(-1)
	case matches(msg, k.ExtendDown):
		d.Extend(1)
	case matches(msg, k.Code):
		m.w.Picker.Reset()
		m.setInput("")
		m.mode = modePick
	case matches(msg, k.Uncode):
		m.say(m.w.Uncode())
	case matches(msg, k.Focus):
		d.CycleFocus()
	case matches(msg, k.EndDown):
		m.say(m.w.Resize(workspace.End, 1))
	case matches(msg, k.EndUp):
		m.say(m.w.Resize(workspace.End, -1))
	case matches(msg, k.StartUp):
		m.say(m.w.Resize(workspace.Start, -1))
	case matches(msg, k.StartDown):
		m.say(m.w.Resize(workspace.Start, 1))
	case matches(msg, k.Remove):
		m.say(m.w.RemoveSegment())
	case matches(msg, k.Memo):
		seg, ok := d.Focused()
		if !ok {
			m.fail(fmt.Errorf("no segment of yours on this line to write a memo on"))
			break
		}
		m.setInput(strings.ReplaceAll(seg.Memo, "\n", " "))
		m.mode = modeMemo
	case matches(msg, k.Undo):
		m.say(m.w.Undo())
	case matches(msg, k.Redo):
		m.say(m.w.Redo())
	case matches(msg, k.Uncoded):
		m.jump("uncoded turn of the participant", m.w.NextUncoded)
	case matches(msg, k.Differ):
		m.jump("place where the coders differ", m.w.NextDisagreement)
	case matches(msg, k.Search):
		m.setInput("")
		m.mode = modeSearch
	case matches(msg, k.FindCode):
		m.w.Picker.Reset()
		m.setInput("")
		m.mode = modeFind
	case matches(msg, k.Again):
		if m.again == nil {
			m.fail(fmt.Errorf("nothing to repeat: search with / or find a code with f first"))
			break
		}
		m.jump(m.againOf, m.again)
	case matches(msg, k.Others):
		m.others = !m.others
	case matches(msg, k.Help):
		m.back, m.mode = modeRead, modeHelp
	case matches(msg, k.Back):
		if d.Selecting() {
			d.ClearSelection()
			break
		}
		m.w.Close()
		m.mode = modeList
		m.setInput(m.w.List.Query)
		m.w.List.Find(d.ID)
	}
	return nil
}

// jump runs a jump and says where it went.
func (m *Model) jump(what string, fn func() (bool, bool)) {
	if what != "uncoded turn of the participant" && what != "place where the coders differ" {
		m.again, m.againOf = fn, what
	}
	found, wrapped := fn()
	switch {
	case !found:
		m.fail(fmt.Errorf("no %s", what))
	case wrapped:
		m.status = fmt.Sprintf("%s at line %d (from the top)", what, m.w.Doc.Cursor)
	default:
		m.status = fmt.Sprintf("%s at line %d", what, m.w.Doc.Cursor)
	}
}

func (m *Model) promptKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case matches(msg, promptKeyMap.Cancel):
		m.mode = modeRead
	case matches(msg, promptKeyMap.Done):
		text := m.input.Value()
		mode := m.mode
		m.mode = modeRead
		if mode == modeMemo {
			m.say(m.w.SetMemo(text))
			break
		}
		q := text
		m.jump(fmt.Sprintf("line with %q", q), func() (bool, bool) { return m.w.NextMatch(q) })
	default:
		m.edit(msg)
	}
	return nil
}

// mouse: a click puts the cursor on the line, a drag selects lines, the
// wheel scrolls.
func (m *Model) mouse(msg tea.MouseMsg) {
	if m.mode != modeRead {
		return
	}
	d := m.w.Doc
	mo := msg.Mouse()
	line := 0
	if i := m.top + mo.Y - 1; mo.Y >= 1 && i >= 0 && i < len(m.rows) {
		line = m.rows[i].line
	}
	switch msg.(type) {
	case tea.MouseClickMsg:
		if mo.Button == tea.MouseLeft && line > 0 {
			d.ClearSelection()
			d.MoveTo(line)
			m.drag = line
		}
	case tea.MouseMotionMsg:
		if m.drag > 0 && line > 0 && line != m.drag {
			d.SelectRange(m.drag, line)
		}
	case tea.MouseReleaseMsg:
		m.drag = 0
	case tea.MouseWheelMsg:
		switch mo.Button {
		case tea.MouseWheelUp:
			d.Move(-3)
		case tea.MouseWheelDown:
			d.Move(3)
		}
	}
}
