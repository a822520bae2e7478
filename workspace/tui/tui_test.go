package tui_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/workspace"
	"github.com/qdatool/qda/workspace/tui"
	"github.com/qdatool/qda/workspace/wstest"
)

func TestMain(m *testing.M) { wstest.Main(m) }

// press turns a key's name into the message the terminal sends: "enter",
// "shift+down", "ctrl+r", a single character, or "text:..." for each of
// its characters.
func press(name string) []tea.Msg {
	if text, ok := strings.CutPrefix(name, "text:"); ok {
		var out []tea.Msg
		for _, r := range text {
			out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
		}
		return out
	}
	special := map[string]tea.KeyPressMsg{
		"enter": {Code: tea.KeyEnter}, "esc": {Code: tea.KeyEscape}, "tab": {Code: tea.KeyTab},
		"up": {Code: tea.KeyUp}, "down": {Code: tea.KeyDown}, "backspace": {Code: tea.KeyBackspace},
		"shift+up": {Code: tea.KeyUp, Mod: tea.ModShift}, "shift+down": {Code: tea.KeyDown, Mod: tea.ModShift},
		"ctrl+r": {Code: 'r', Mod: tea.ModCtrl}, "space": {Code: tea.KeySpace, Text: " "},
	}
	if k, ok := special[name]; ok {
		return []tea.Msg{k}
	}
	r, _ := utf8.DecodeRuneInString(name)
	return []tea.Msg{tea.KeyPressMsg{Code: r, Text: name}}
}

// drive sends keys to the model as the terminal would, and returns the
// screen as text.
func drive(t *testing.T, m *tui.Model, keys ...string) string {
	t.Helper()
	for _, k := range keys {
		for _, msg := range press(k) {
			m.Update(msg)
		}
	}
	return ansi.Strip(m.View().Content)
}

func start(t *testing.T, width, height int, opt tui.Options) (*tui.Model, *workspace.Workspace) {
	t.Helper()
	w := wstest.Session(t, wstest.Study(t), "me")
	if err := w.LoadList(); err != nil {
		t.Fatal(err)
	}
	m := tui.New(w, opt)
	m.Update(tea.WindowSizeMsg{Width: width, Height: height})
	return m, w
}

func codings(t *testing.T, w *workspace.Workspace, id string) string {
	t.Helper()
	data, err := w.Study.ReadFile(corpus.CodingsFile("me", id))
	if err != nil {
		return "absent"
	}
	return string(data)
}

func down(n int) []string { return strings.Split(strings.Repeat("down ", n), " ")[:n] }

// keys joins key lists.
func keys(parts ...any) []string {
	var out []string
	for _, p := range parts {
		switch p := p.(type) {
		case string:
			out = append(out, p)
		case []string:
			out = append(out, p...)
		}
	}
	return out
}

// TestKeys drives key sequences and checks the codings file written.
func TestKeys(t *testing.T) {
	open := keys("text:may-1", "enter") // filter the list, open may-1
	tests := []struct {
		name string
		keys []string
		want []string // lines the codings file must hold
		not  []string // and must not
	}{
		{"code with shift+arrows and the picker", keys(open, down(9), "shift+down", "shift+down", "shift+down", "enter", "text:self-ref", "enter"),
			[]string{"- lines: 10-13", "codes: [referral/self-referral]"}, nil},
		{"select with v, two codes with tab", keys(open, down(16), "v", "down", "down", "enter", "text:hopes", "tab", "text:remit", "tab", "enter"),
			[]string{"- lines: 17-19", "codes: [expectations/hopes, expectations/remit]"}, nil},
		{"extend the segment's end", keys(open, down(9), "enter", "text:self-ref", "enter", "]", "]"),
			[]string{"- lines: 10-12"}, nil},
		{"undo", keys(open, down(9), "enter", "text:self-ref", "enter", "u"),
			[]string{"absent"}, nil},
		{"undo, redo", keys(open, down(9), "enter", "text:self-ref", "enter", "u", "ctrl+r"),
			[]string{"- lines: 10"}, nil},
		{"remove a segment", keys(open, down(9), "enter", "text:self-ref", "enter", "d"),
			[]string{"absent"}, nil},
		{"memo", keys(open, down(9), "enter", "text:self-ref", "enter", "m", "text:the poster", "enter"),
			[]string{"memo: the poster"}, nil},
		{"esc leaves the picker without coding", keys(open, down(9), "enter", "text:self-ref", "esc"),
			[]string{"absent"}, nil},
		{"new code under a parent", keys(open, down(16), "enter", "text:Not knowing", "enter", "text:expectations", "enter"),
			[]string{"codes: [expectations/not-knowing]"}, nil},
		{"new code at the top level", keys(open, down(16), "enter", "text:Waiting", "enter", "enter"),
			[]string{"codes: [waiting]"}, nil},
		// eh and jt first differ on line 26 (jt alone coded it).
		{"the disagreement jump then code there", keys(open, "D", "enter", "text:self-ref", "enter"),
			[]string{"- lines: 26\n"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, w := start(t, 80, 24, tui.Options{})
			screen := drive(t, m, tc.keys...)
			got := codings(t, w, "may-1")
			for _, want := range tc.want {
				if !strings.Contains(got, want) {
					t.Errorf("codings file lacks %q:\n%s\nscreen:\n%s", want, got, screen)
				}
			}
		})
	}
}

// TestNewCodeKeys checks the codebook a new code made from the picker.
func TestNewCodeKeys(t *testing.T) {
	m, w := start(t, 80, 24, tui.Options{})
	before, _ := w.Study.ReadFile(corpus.CodebookFile)
	drive(t, m, keys("text:may-1", "enter", down(16), "enter", "text:Not knowing", "enter", "text:expectations", "enter")...)
	cb, _ := w.Study.ReadFile(corpus.CodebookFile)
	if !strings.Contains(string(cb), "      - name: not-knowing\n        label: Not knowing\n") {
		t.Fatalf("codebook.yaml:\n%s", cb)
	}
	screen := drive(t, m, "u")
	after, _ := w.Study.ReadFile(corpus.CodebookFile)
	if string(after) != string(before) || codings(t, w, "may-1") != "absent" {
		t.Errorf("undo left the code:\n%s", screen)
	}
	if !strings.Contains(screen, "undid new code expectations/not-knowing") {
		t.Errorf("screen:\n%s", screen)
	}
}

// TestGolden compares screens with testdata/*.golden (QDA_UPDATE=1
// writes them): the list, the reading pane with a selection, the picker,
// the parent picker and the help, at 80x24 and 120x40, and the plain
// mode.
func TestGolden(t *testing.T) {
	type shot struct {
		name string
		keys []string
	}
	shots := []shot{
		{"list", nil},
		{"list-filtered", keys("text:bren")},
		{"read", keys("text:may-1", "enter", down(9), "enter", "text:self-ref", "enter", down(7), "shift+down", "shift+down")},
		{"others", keys("text:may-1", "enter", down(9), "enter", "text:self-ref", "enter", "o", "D")},
		{"picker", keys("text:may-1", "enter", down(16), "v", "down", "down", "enter", "text:expect")},
		{"new-code", keys("text:may-1", "enter", down(16), "enter", "text:Not knowing", "enter")},
		{"help", keys("text:may-1", "enter", "?")},
	}
	sizes := []struct{ w, h int }{{80, 24}, {120, 40}}
	for _, size := range sizes {
		for _, plain := range []bool{false, true} {
			for _, s := range shots {
				name := s.name + "-" + itoa(size.w) + "x" + itoa(size.h)
				if plain {
					if size.w != 80 {
						continue
					}
					name += "-plain"
				}
				t.Run(name, func(t *testing.T) {
					m, _ := start(t, size.w, size.h, tui.Options{Colour: !plain, Plain: plain})
					got := drive(t, m, s.keys...)
					lines := strings.Split(got, "\n")
					if len(lines) != size.h {
						t.Errorf("%d lines, want %d", len(lines), size.h)
					}
					for i, l := range lines {
						if w := ansi.StringWidth(l); w > size.w {
							t.Errorf("line %d is %d wide: %q", i+1, w, l)
						}
					}
					golden(t, name, got)
				})
			}
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func golden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", name+".golden")
	if os.Getenv("QDA_UPDATE") == "1" {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (QDA_UPDATE=1 writes it)", err)
	}
	if string(want) != got {
		t.Errorf("screen differs from %s (QDA_UPDATE=1 rewrites it):\n got:\n%s\nwant:\n%s", file, got, want)
	}
}

// TestMouse: a click puts the cursor on a line, a drag selects lines.
func TestMouse(t *testing.T) {
	m, w := start(t, 80, 24, tui.Options{})
	screen := drive(t, m, "text:may-1", "enter")
	row := func(n int) int {
		for y, l := range strings.Split(screen, "\n") {
			if y > 0 && strings.HasPrefix(l[1:], strconv.Itoa(n)+" ") || strings.HasPrefix(l, " "+strconv.Itoa(n)+" ") {
				return y
			}
		}
		t.Fatalf("line %d is not on the screen:\n%s", n, screen)
		return 0
	}
	m.Update(tea.MouseClickMsg{X: 8, Y: row(10), Button: tea.MouseLeft})
	m.Update(tea.MouseMotionMsg{X: 8, Y: row(13), Button: tea.MouseLeft})
	m.Update(tea.MouseReleaseMsg{X: 8, Y: row(13), Button: tea.MouseLeft})
	if r := w.Doc.Selection(); r.Start != 10 || r.End != 13 {
		t.Fatalf("selected %s, want 10-13", r)
	}
	drive(t, m, "enter", "text:self-ref", "enter")
	if got := codings(t, w, "may-1"); !strings.Contains(got, "- lines: 10-13\n") {
		t.Errorf("codings:\n%s", got)
	}
}
