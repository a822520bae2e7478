package workspace_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/workspace"
	"github.com/qdatool/qda/workspace/wstest"
)

// newDemo opens a session on a copy of the demo study for coder "me",
// who has coded nothing yet.
func newDemo(t testing.TB) *workspace.Workspace {
	t.Helper()
	return wstest.Session(t, wstest.Study(t), "me")
}

func openSession(t testing.TB, dir, coder string) *workspace.Workspace {
	return wstest.Session(t, dir, coder)
}

// mine reads coder me's codings file of may-1 as "lines codes [memo]"
// rows, "absent" when there is none.
func mine(t *testing.T, w *workspace.Workspace, id string) string {
	t.Helper()
	cs, err := w.Study.ReadCodings(w.Coder, id)
	if err != nil {
		t.Fatal(err)
	}
	if cs == nil {
		return "absent"
	}
	var rows []string
	for _, s := range cs.Segments {
		row := s.Lines.String() + " " + strings.Join(s.Codes, ",")
		if s.Memo != "" {
			row += " [" + s.Memo + "]"
		}
		rows = append(rows, row)
	}
	return strings.Join(rows, "; ")
}

// step is one call on the workspace, as a key would make it.
type step struct {
	do      func(w *workspace.Workspace) (string, error)
	wantErr string // a part of the error, when the step must fail
}

func move(n int) step {
	return step{do: func(w *workspace.Workspace) (string, error) { w.Doc.MoveTo(n); return "", nil }}
}
func sel(a, b int) step {
	return step{do: func(w *workspace.Workspace) (string, error) { w.Doc.SelectRange(a, b); return "", nil }}
}
func extend(n int) step {
	return step{do: func(w *workspace.Workspace) (string, error) { w.Doc.Extend(n); return "", nil }}
}
func code(codes ...string) step {
	return step{do: func(w *workspace.Workspace) (string, error) { return w.Code(codes) }}
}
func undo() step { return step{do: (*workspace.Workspace).Undo} }
func redo() step { return step{do: (*workspace.Workspace).Redo} }
func fails(s step, msg string) step {
	s.wantErr = msg
	return s
}

func TestActions(t *testing.T) {
	const hopes, self, remit = "expectations/hopes", "referral/self-referral", "expectations/remit"
	tests := []struct {
		name  string
		steps []step
		want  string
	}{
		{"code the cursor's line", []step{move(10), code(self)}, "10 " + self},
		{"code a selection made with shift+arrows", []step{move(10), extend(3), code(self)}, "10-13 " + self},
		{"blank edges are left out", []step{sel(9, 14), code(self)}, "10-13 " + self},
		{"a blank line is refused", []step{move(9), fails(code(self), "blank")}, "absent"},
		{"several codes at once", []step{sel(17, 19), code(hopes, remit)}, "17-19 " + hopes + "," + remit},
		{"a category is refused", []step{move(10), fails(code("referral"), "category")}, "absent"},
		{"coding twice changes nothing", []step{move(10), code(self), fails(code(self), "already coded")}, "10 " + self},
		{"coding next to a segment extends it", []step{sel(10, 11), code(self), sel(12, 13), code(self)}, "10-13 " + self},
		{"undo", []step{sel(10, 13), code(self), undo()}, "absent"},
		{"undo then redo", []step{sel(10, 13), code(self), undo(), redo()}, "10-13 " + self},
		{"undo twice", []step{sel(10, 13), code(self), sel(17, 19), code(hopes), undo(), undo()}, "absent"},
		{"undo once of two", []step{sel(10, 13), code(self), sel(17, 19), code(hopes), undo()}, "10-13 " + self},
		{"a new action drops what redo had", []step{move(10), code(self), undo(), move(17), code(hopes), fails(redo(), "nothing to redo")}, "17 " + hopes},
		{"nothing to undo", []step{fails(undo(), "nothing to undo")}, "absent"},
		{"extend the end over blank lines", []step{sel(10, 13), code(self), {do: func(w *workspace.Workspace) (string, error) { return w.Resize(workspace.End, 1) }}}, "10-15 " + self},
		{"shrink the end", []step{sel(10, 13), code(self), {do: func(w *workspace.Workspace) (string, error) { return w.Resize(workspace.End, -1) }}}, "10-12 " + self},
		{"move the start up", []step{sel(10, 13), code(self), {do: func(w *workspace.Workspace) (string, error) { return w.Resize(workspace.Start, -1) }}}, "8-13 " + self},
		{"shrink to nothing is refused", []step{move(10), code(self), fails(step{do: func(w *workspace.Workspace) (string, error) { return w.Resize(workspace.Start, 1) }}, "one line")}, "10 " + self},
		{"resize is undone", []step{sel(10, 13), code(self), {do: func(w *workspace.Workspace) (string, error) { return w.Resize(workspace.End, 1) }}, undo()}, "10-13 " + self},
		{"remove a segment", []step{sel(10, 13), code(self), move(11), {do: (*workspace.Workspace).RemoveSegment}}, "absent"},
		{"remove with no segment", []step{move(10), fails(step{do: (*workspace.Workspace).RemoveSegment}, "no segment")}, "absent"},
		{"remove the focused one of two", []step{sel(10, 13), code(self), move(11), code(hopes), move(11), {do: (*workspace.Workspace).RemoveSegment}}, "10-13 " + self},
		{"memo on a segment", []step{sel(10, 13), code(self), {do: func(w *workspace.Workspace) (string, error) { return w.SetMemo("the poster") }}}, "10-13 " + self + " [the poster]"},
		{"memo undone", []step{sel(10, 13), code(self), {do: func(w *workspace.Workspace) (string, error) { return w.SetMemo("the poster") }}, undo()}, "10-13 " + self},
		{"uncode a part splits", []step{sel(10, 13), code(self), move(11), {do: (*workspace.Workspace).Uncode}}, "10 " + self + "; 12-13 " + self},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newDemo(t)
			if err := w.Open("may-1"); err != nil {
				t.Fatal(err)
			}
			for i, s := range tc.steps {
				_, err := s.do(w)
				switch {
				case s.wantErr == "" && err != nil:
					t.Fatalf("step %d: %v", i, err)
				case s.wantErr != "" && (err == nil || !strings.Contains(err.Error(), s.wantErr)):
					t.Fatalf("step %d: got error %v, want one with %q", i, err, s.wantErr)
				}
			}
			if got := mine(t, w, "may-1"); got != tc.want {
				t.Errorf("codings:\n got %s\nwant %s", got, tc.want)
			}
			// What the session shows is what the file holds.
			if got, want := len(w.Doc.Mine.Segments), strings.Count(tc.want, ";")+1; tc.want != "absent" && got != want {
				t.Errorf("session shows %d segments, file has %d", got, want)
			}
		})
	}
}

func TestNewCode(t *testing.T) {
	w := newDemo(t)
	if err := w.Open("may-1"); err != nil {
		t.Fatal(err)
	}
	before, _ := w.Study.ReadFile(corpus.CodebookFile)
	w.Doc.SelectRange(10, 13)
	if _, err := w.NewCode("referral", "The library poster"); err != nil {
		t.Fatal(err)
	}
	const path = "referral/the-library-poster"
	if got := mine(t, w, "may-1"); got != "10-13 "+path {
		t.Errorf("codings: %s", got)
	}
	c := w.CB.Lookup(path)
	if c == nil || c.Label != "The library poster" {
		t.Fatalf("codebook has %+v", c)
	}
	if e := w.Picker; !slices.ContainsFunc(e.Entries, func(e workspace.Entry) bool { return e.Path == path }) {
		t.Error("the picker does not offer the new code")
	}
	// The same name again is refused, and changes nothing.
	w.Doc.MoveTo(17)
	if _, err := w.NewCode("referral", "the-library-poster"); err == nil {
		t.Error("a code made twice was accepted")
	}
	if _, err := w.Undo(); err != nil {
		t.Fatal(err)
	}
	after, _ := w.Study.ReadFile(corpus.CodebookFile)
	if string(after) != string(before) {
		t.Error("undo left the codebook changed")
	}
	if got := mine(t, w, "may-1"); got != "absent" {
		t.Errorf("after undo: %s", got)
	}
	if w.CB.Lookup(path) != nil {
		t.Error("the session still has the undone code")
	}
	if _, err := w.Redo(); err != nil {
		t.Fatal(err)
	}
	if got := mine(t, w, "may-1"); got != "10-13 "+path || w.CB.Lookup(path) == nil {
		t.Errorf("after redo: %s", got)
	}
	// A top-level code, and one whose parent is unknown.
	w.Doc.MoveTo(17)
	if _, err := w.NewCode("", "waiting"); err != nil {
		t.Fatal(err)
	}
	if w.CB.Lookup("waiting") == nil {
		t.Error("no top-level code")
	}
	w.Doc.MoveTo(24)
	if _, err := w.NewCode("no-such-parent", "x"); err == nil {
		t.Error("an unknown parent was accepted")
	}
	if got := mine(t, w, "may-1"); got != "10-13 "+path+"; 17 waiting" {
		t.Errorf("codings: %s", got)
	}
}

// TestConcurrent: another terminal's 'qda code' (the same corpus calls,
// through a second handle on the study) between two actions is kept,
// and undo does not write over a file it changed since.
func TestConcurrent(t *testing.T) {
	w := newDemo(t)
	if err := w.Open("may-1"); err != nil {
		t.Fatal(err)
	}
	other := openSession(t, w.Study.Root, "me")
	otherCode := func(r corpus.Range, code string) {
		t.Helper()
		st, err := corpus.OpenWrite(w.Study.Root, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		cs, err := st.ReadCodings("me", "may-1")
		if err != nil {
			t.Fatal(err)
		}
		if cs == nil {
			cs = &corpus.Codings{Coder: "me", Transcript: "may-1"}
		}
		tr, _ := st.ReadTranscript("may-1")
		cs.Segments, _ = corpus.AddCoding(cs.Segments, tr, r, []string{code}, "", func(s string) string { return s })
		if err := st.WriteCodings(cs); err != nil {
			t.Fatal(err)
		}
	}
	_ = other
	w.Doc.SelectRange(10, 13)
	if _, err := w.Code([]string{"referral/self-referral"}); err != nil {
		t.Fatal(err)
	}
	otherCode(corpus.Range{Start: 17, End: 19}, "expectations/hopes")
	changed, err := w.Refresh()
	if err != nil || !changed {
		t.Fatalf("refresh did not see the other terminal's change: %v %v", changed, err)
	}
	w.Doc.SelectRange(24, 26)
	if _, err := w.Code([]string{"expectations/remit"}); err != nil {
		t.Fatal(err)
	}
	want := "10-13 referral/self-referral; 17-19 expectations/hopes; 24-26 expectations/remit"
	if got := mine(t, w, "may-1"); got != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
	// Undo of the last action: the file is as it left it, so it is undone,
	// and the other terminal's segment stays.
	if _, err := w.Undo(); err != nil {
		t.Fatal(err)
	}
	want = "10-13 referral/self-referral; 17-19 expectations/hopes"
	if got := mine(t, w, "may-1"); got != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
	// Undo of the first: the other terminal changed the file after it,
	// so it is refused and the file left alone.
	if _, err := w.Undo(); err == nil || !strings.Contains(err.Error(), "changed since") {
		t.Fatalf("undo over another's change: %v", err)
	}
	if got := mine(t, w, "may-1"); got != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
}

func TestJumps(t *testing.T) {
	w := newDemo(t)
	if err := w.Open("may-1"); err != nil {
		t.Fatal(err)
	}
	// May's turns start at 4, 10, 17, 24; code 4 and 10-13.
	w.Doc.MoveTo(4)
	if _, err := w.Code([]string{"referral/self-referral"}); err != nil {
		t.Fatal(err)
	}
	w.Doc.SelectRange(10, 12)
	if _, err := w.Code([]string{"referral/self-referral"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		from        int
		jump        func() (bool, bool)
		want        int
		wantWrapped bool
	}{
		{"uncoded turn", 1, w.NextUncoded, 17, false},
		{"uncoded turn after", 17, w.NextUncoded, 24, false},
		{"code, any coder", 1, func() (bool, bool) { return w.NextCode("expectations") }, 17, false},
		{"code again", 17, func() (bool, bool) { return w.NextCode("expectations") }, 24, false},
		{"code of mine", 5, func() (bool, bool) { return w.NextCode("referral/self-referral") }, 10, false},
		{"search", 1, func() (bool, bool) { return w.NextMatch("POSTER") }, 10, false},
		{"search goes round", 11, func() (bool, bool) { return w.NextMatch("poster") }, 10, true},
		// jt has 10-13 referral/self-referral: me on 4 and on 13 differ from
		// jt's, and eh and ah differ too; the first line where coders
		// differ after 1 is 4 (me alone coded it).
		{"disagreement", 1, w.NextDisagreement, 4, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w.Doc.MoveTo(tc.from)
			found, wrapped := tc.jump()
			if !found || w.Doc.Cursor != tc.want || wrapped != tc.wantWrapped {
				t.Errorf("found %v wrapped %v at %d, want %d wrapped %v", found, wrapped, w.Doc.Cursor, tc.want, tc.wantWrapped)
			}
		})
	}
}

func TestPicker(t *testing.T) {
	w := newDemo(t)
	tests := []struct {
		query, first string
		isNew        bool
	}{
		{"", "referral/health-services", false},
		{"self", "referral/self-referral", true},           // a new code may start so
		{"word-of-mouth", "referral/self-referral", false}, // an alias
		{"GP practice", "referral/health-services", true},  // words of the description
		{"taxis", "sustainability/infrastructure/transport/taxis", false},
		{"remit", "expectations/remit", false},
		{"Understanding of the scheme's remit", "expectations/remit", false}, // the label
		{"fatigue", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			p := w.Picker
			p.SetQuery(tc.query)
			got := ""
			if e, ok := p.Current(); ok {
				got = e.Path
			}
			if got != tc.first || p.IsNew() != tc.isNew {
				t.Errorf("first %q new %v, want %q %v", got, p.IsNew(), tc.first, tc.isNew)
			}
		})
	}
	// Categories are not offered to apply, but are as parents.
	p := workspace.NewPicker(w.CB)
	if slices.ContainsFunc(p.Entries, func(e workspace.Entry) bool { return e.Path == "referral" }) {
		t.Error("a category is offered to apply")
	}
	pp := workspace.NewParentPicker(w.CB)
	if pp.Entries[0].Path != "" || !slices.ContainsFunc(pp.Entries, func(e workspace.Entry) bool { return e.Path == "referral" }) {
		t.Error("the parent picker lacks the top level or a category")
	}
	// Several codes chosen are applied together.
	p.SetQuery("hopes")
	p.Toggle()
	p.SetQuery("remit")
	p.Toggle()
	if got := p.Picked(); !slices.Equal(got, []string{"expectations/hopes", "expectations/remit"}) {
		t.Errorf("picked %v", got)
	}
}

func TestList(t *testing.T) {
	w := newDemo(t)
	if err := w.LoadList(); err != nil {
		t.Fatal(err)
	}
	l := w.List
	if len(l.Items) != 38 || len(l.Shown) != 38 {
		t.Fatalf("%d items, %d shown", len(l.Items), len(l.Shown))
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"may", []string{"may-1", "may-2"}},
		{"MAY 2", []string{"may-2"}},
		{"zzz", nil},
	}
	for _, tc := range tests {
		l.SetQuery(tc.query)
		var got []string
		for _, i := range l.Shown {
			got = append(got, l.Items[i].ID)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: %v, want %v", tc.query, got, tc.want)
		}
	}
	// Progress follows what is coded when the transcript is closed.
	l.SetQuery("may-1")
	if err := w.Open("may-1"); err != nil {
		t.Fatal(err)
	}
	w.Doc.SelectRange(10, 13)
	if _, err := w.Code([]string{"referral/self-referral"}); err != nil {
		t.Fatal(err)
	}
	w.Close()
	it, _ := l.Selected()
	if it.ID != "may-1" || !it.Mine || it.Coded != 4 || !slices.Equal(it.Others, []string{"eh", "jt"}) {
		t.Errorf("may-1: %+v", *it)
	}
}

func TestCodedLines(t *testing.T) {
	seg := func(a, b int) corpus.Segment { return corpus.Segment{Lines: corpus.Range{Start: a, End: b}} }
	tests := []struct {
		segs []corpus.Segment
		want int
	}{
		{nil, 0},
		{[]corpus.Segment{seg(1, 3)}, 3},
		{[]corpus.Segment{seg(1, 3), seg(2, 5)}, 5},
		{[]corpus.Segment{seg(10, 12), seg(1, 3), seg(2, 2)}, 6},
	}
	for _, tc := range tests {
		if got := workspace.CodedLines(tc.segs); got != tc.want {
			t.Errorf("%v: %d, want %d", tc.segs, got, tc.want)
		}
	}
}

func TestMain(m *testing.M) { wstest.Main(m) }

// TestRefreshCodebook: a code another terminal adds to the codebook is
// offered by the picker after the next refresh.
func TestRefreshCodebook(t *testing.T) {
	w := newDemo(t)
	if err := w.Open("may-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Refresh(); err != nil {
		t.Fatal(err)
	}
	other := openSession(t, w.Study.Root, "jt")
	if err := other.Open("may-2"); err != nil {
		t.Fatal(err)
	}
	other.Doc.MoveTo(4)
	if _, err := other.NewCode("expectations", "lonely"); err != nil {
		t.Fatal(err)
	}
	changed, err := w.Refresh()
	if err != nil || !changed {
		t.Fatalf("refresh: changed %v, %v", changed, err)
	}
	w.Picker.SetQuery("lonely")
	if e, ok := w.Picker.Current(); !ok || e.Path != "expectations/lonely" {
		t.Errorf("the picker does not offer the other terminal's code")
	}
	w.Doc.MoveTo(10)
	if _, err := w.Code([]string{"expectations/lonely"}); err != nil {
		t.Error(err)
	}
}

// TestNewCodeNoCodebook: a study without codebook.yaml gets one with the
// new code, and undo leaves it empty.
func TestNewCodeNoCodebook(t *testing.T) {
	dir := wstest.Study(t)
	if err := os.Remove(filepath.Join(dir, corpus.CodebookFile)); err != nil {
		t.Fatal(err)
	}
	// The demo's codings use codes this codebook no longer has; the
	// session opens all the same, as 'qda code' does.
	w := openSession(t, dir, "me")
	if err := w.Open("may-1"); err != nil {
		t.Fatal(err)
	}
	w.Doc.MoveTo(10)
	if _, err := w.NewCode("", "poster"); err != nil {
		t.Fatal(err)
	}
	if got := mine(t, w, "may-1"); got != "10 poster" {
		t.Errorf("codings: %s", got)
	}
	if _, err := w.Undo(); err != nil {
		t.Fatal(err)
	}
	cb, err := os.ReadFile(filepath.Join(dir, corpus.CodebookFile))
	if err != nil || strings.TrimSpace(string(cb)) != "codes: []" {
		t.Errorf("codebook after undo: %q %v", cb, err)
	}
	if got := mine(t, w, "may-1"); got != "absent" {
		t.Errorf("codings after undo: %s", got)
	}
}
