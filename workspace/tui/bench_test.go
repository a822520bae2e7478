package tui_test

import (
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/qdatool/qda/corpus/demo"
	"github.com/qdatool/qda/workspace"
	"github.com/qdatool/qda/workspace/tui"
	"github.com/qdatool/qda/workspace/wstest"
)

// The workspace's goal: opening a transcript and every keystroke's
// update and redraw within a frame (16 ms) on a study of 10,000
// participants, and the list of 15,000 transcripts filtering as one
// types. QDA_BENCH_STUDY points at a study made with 'qda demo DIR
// --participants 10000'; without it one is written once per process
// (which takes a few minutes).
var bigOnce sync.Once
var bigDir string

func bigStudy(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("QDA_BENCH_STUDY"); dir != "" {
		return dir
	}
	bigOnce.Do(func() {
		bigDir = filepath.Join(os.TempDir(), "qda-bench-ws-10000-"+strconv.Itoa(os.Getpid()))
		os.RemoveAll(bigDir)
		if err := os.MkdirAll(bigDir, 0o755); err != nil {
			b.Fatal(err)
		}
		if _, err := demo.Write(bigDir, demo.Options{Participants: 10000}); err != nil {
			b.Fatal(err)
		}
	})
	return bigDir
}

func bigModel(b *testing.B) (*tui.Model, *workspace.Workspace) {
	b.Helper()
	w := wstest.Session(b, bigStudy(b), "me")
	if err := w.LoadList(); err != nil {
		b.Fatal(err)
	}
	m := tui.New(w, tui.Options{Colour: true})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	return m, w
}

// BenchmarkOpen10000 opens a transcript from the list and draws it.
func BenchmarkOpen10000(b *testing.B) {
	m, w := bigModel(b)
	id := w.List.Items[len(w.List.Items)/2].ID
	b.ResetTimer()
	for b.Loop() {
		if err := w.Open(id); err != nil {
			b.Fatal(err)
		}
		m.Update(tea.KeyPressMsg{Code: 'q', Text: "q"}) // back to the list, then in again
		m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
		_ = m.View()
	}
}

// BenchmarkKeystroke10000 is one key in the reading pane (the cursor
// down, extending a selection) with its redraw.
func BenchmarkKeystroke10000(b *testing.B) {
	m, w := bigModel(b)
	if err := w.Open(w.List.Items[0].ID); err != nil {
		b.Fatal(err)
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyEnter}) // the list's enter opens the one under the cursor
	keys := []tea.Msg{tea.KeyPressMsg{Code: tea.KeyDown, Mod: tea.ModShift}, tea.KeyPressMsg{Code: tea.KeyUp, Mod: tea.ModShift}}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		m.Update(keys[i%2])
		_ = m.View()
		i++
	}
}

// BenchmarkCode10000 codes a line and undoes it, each written at once
// under the lock, with the redraws: the cost of a keystroke that writes.
func BenchmarkCode10000(b *testing.B) {
	// The benchmark writes to the big study, and undoes what it wrote.
	m, w := bigModel(b)
	if err := w.Open(w.List.Items[0].ID); err != nil {
		b.Fatal(err)
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	line := 0
	for n := 1; n <= w.Doc.Len(); n++ {
		if !w.Doc.T.Line(n).Blank && len(w.Doc.SegmentsAt(n)) == 0 {
			line = n
			break
		}
	}
	if line == 0 {
		b.Skip("no uncoded line")
	}
	w.Doc.MoveTo(line)
	code := w.Picker.Entries[0].Path
	b.ResetTimer()
	for b.Loop() {
		if _, err := w.Code([]string{code}); err != nil {
			b.Fatal(err)
		}
		_ = m.View()
		if _, err := w.Undo(); err != nil {
			b.Fatal(err)
		}
		_ = m.View()
	}
}

// BenchmarkListFilter15000 is one key typed in the filter of a list of
// 15,000 transcripts, with its redraw.
func BenchmarkListFilter15000(b *testing.B) {
	items := make([]workspace.Item, 15000)
	for i := range items {
		p := "p" + strconv.Itoa(i)
		items[i] = workspace.Item{ID: p + "-1", Participant: p, Lines: 80, Others: []string{"ah", "jt"}}
	}
	w := wstest.Session(b, wstest.Study(b), "me")
	w.List = workspace.NewList(items)
	m := tui.New(w, tui.Options{Colour: true})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	keys := []tea.Msg{tea.KeyPressMsg{Code: '7', Text: "7"}, tea.KeyPressMsg{Code: tea.KeyBackspace}}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		m.Update(keys[i%2])
		_ = m.View()
		i++
	}
}
