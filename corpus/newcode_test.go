package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qdatool/qda/codebook"
)

const newCodeBook = "codes:\n  - name: health\n    label: Health\n    children:\n      - name: symptoms\n  - name: tea\n"

func newCodeStudy(t *testing.T) *Study {
	t.Helper()
	s := studyOf(t, map[string]string{
		"qda.yaml":              "title: New codes\n",
		"codebook.yaml":         newCodeBook,
		"participants.csv":      "id\nmay\n",
		"transcripts.csv":       "id,participant\nmay-1,may\n",
		"transcripts/may-1.txt": "Interviewer: How are you?\n\nMay: Tired, always tired.\nI sleep badly.\n\n",
		"codings/jt/may-1.yaml": "- lines: 3\n  codes: [tea]\n  quote: Tired, always tired.\n",
	})
	t.Cleanup(func() { s.Close() })
	return s
}

// studyOf writes files (by path in the study) to a new folder and opens
// the study there.
func studyOf(t *testing.T, files map[string]string) *Study {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func readStudyFile(t *testing.T, s *Study, rel string) string {
	t.Helper()
	data, err := os.ReadFile(s.Path(rel))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(data)
}

func TestAddCodeAndApply(t *testing.T) {
	label := "Always tired"
	tests := []struct {
		name string
		nc   NewCoding
		// path and added of the result, and what the two files hold after
		path     string
		added    []string
		codebook string // appended to newCodeBook's text, or its whole text when it starts with "codes:"
		codings  string
		file     string // the codings file, when not jt's of may-1
		// wantErr is in the error, which then must be a *RefusedError
		// unless refused is false.
		wantErr   string
		notRefuse bool
	}{
		{
			name: "under a unique name, with a label and a memo",
			nc:   NewCoding{Coder: "jt", Transcript: "may-1", Lines: Range{3, 4}, Parent: "Symptoms", Name: "fatigue", Fields: codebook.Fields{Label: &label}, Memo: "twice"},
			path: "health/symptoms/fatigue", added: []string{"health/symptoms/fatigue"},
			codebook: "codes:\n  - name: health\n    label: Health\n    children:\n      - name: symptoms\n        children:\n          - name: fatigue\n            label: Always tired\n  - name: tea\n",
			codings:  "- lines: 3\n  codes: [tea]\n  quote: Tired, always tired.\n- lines: 3-4\n  codes: [health/symptoms/fatigue]\n  quote: Tired, always tired.\n  memo: twice\n",
		},
		{
			name: "at the top, blank edges trimmed, a new coder",
			nc:   NewCoding{Coder: "eh", Transcript: "may-1", Lines: Range{2, 5}, Name: "sleep"},
			path: "sleep", added: []string{"sleep"},
			codebook: newCodeBook + "  - name: sleep\n",
			file:     "codings/eh/may-1.yaml",
			codings:  "- lines: 3-4\n  codes: [sleep]\n  quote: Tired, always tired.\n",
		},
		{
			name: "missing parents made",
			nc:   NewCoding{Coder: "jt", Transcript: "may-1", Lines: Range{4, 4}, Parent: "health/sleep/quality", Name: "poor", Parents: true},
			path: "health/sleep/quality/poor", added: []string{"health/sleep", "health/sleep/quality", "health/sleep/quality/poor"},
			codebook: "codes:\n  - name: health\n    label: Health\n    children:\n      - name: symptoms\n      - name: sleep\n        children:\n          - name: quality\n            children:\n              - name: poor\n  - name: tea\n",
			codings:  "- lines: 3\n  codes: [tea]\n  quote: Tired, always tired.\n- lines: 4\n  codes: [health/sleep/quality/poor]\n  quote: I sleep badly.\n",
		},
		{name: "missing parent", nc: NewCoding{Coder: "jt", Transcript: "may-1", Lines: Range{3, 3}, Parent: "wellbeing", Name: "sleep"},
			wantErr: `its parent "wellbeing" is not in the codebook`},
		{name: "name taken", nc: NewCoding{Coder: "jt", Transcript: "may-1", Lines: Range{3, 3}, Name: "tea"},
			wantErr: `there is already a top-level code named "tea"`},
		{name: "not a slug", nc: NewCoding{Coder: "jt", Transcript: "may-1", Lines: Range{3, 3}, Name: "Sleep well"},
			wantErr: `invalid code name "Sleep well"`},
		{name: "blank lines", nc: NewCoding{Coder: "jt", Transcript: "may-1", Lines: Range{2, 2}, Name: "sleep"},
			wantErr: "the lines are blank"},
		{name: "outside the transcript", nc: NewCoding{Coder: "jt", Transcript: "may-1", Lines: Range{4, 9}, Name: "sleep"},
			wantErr: "lines 4-9 are outside transcripts/may-1.txt, which has 5 lines"},
		{name: "no such transcript", nc: NewCoding{Coder: "jt", Transcript: "ted-1", Lines: Range{1, 1}, Name: "sleep"},
			wantErr: "ted-1", notRefuse: true},
		{name: "a coder that is no name", nc: NewCoding{Coder: "../x", Transcript: "may-1", Lines: Range{3, 3}, Name: "sleep"},
			wantErr: "not a valid coder name", notRefuse: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newCodeStudy(t)
			file := tc.file
			if file == "" {
				file = "codings/jt/may-1.yaml"
			}
			beforeCodings := readStudyFile(t, s, file)
			got, err := s.AddCodeAndApply(tc.nc, nil)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				var re *RefusedError
				if errors.As(err, &re) == tc.notRefuse {
					t.Errorf("error %#v: a *RefusedError is %v, want %v", err, !tc.notRefuse, !tc.notRefuse)
				}
				if readStudyFile(t, s, CodebookFile) != newCodeBook || readStudyFile(t, s, file) != beforeCodings {
					t.Error("a refused new coding changed a file")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Path != tc.path || !slices.Equal(got.Added, tc.added) {
				t.Errorf("path %q added %q, want %q %q", got.Path, got.Added, tc.path, tc.added)
			}
			if got.Codebook.Lookup(tc.path) == nil {
				t.Errorf("the codebook returned has no %q", tc.path)
			}
			if cb := readStudyFile(t, s, CodebookFile); cb != tc.codebook {
				t.Errorf("codebook.yaml:\n%s\nwant\n%s", cb, tc.codebook)
			}
			if cs := readStudyFile(t, s, file); cs != tc.codings {
				t.Errorf("%s:\n%s\nwant\n%s", file, cs, tc.codings)
			}
			if _, err := os.Stat(s.Path(JournalFile)); !os.IsNotExist(err) {
				t.Errorf("the journal is left: %v", err)
			}
		})
	}
}

// A study opened to read takes the writer lock for the change, so a
// second writer holding it makes AddCodeAndApply wait, and the change it
// made meanwhile is read afresh, not overwritten.
func TestAddCodeAndApplyWaitsForTheLock(t *testing.T) {
	s := newCodeStudy(t)
	other := &Study{Root: s.Root}
	l, err := other.Lock(nil)
	if err != nil {
		t.Fatal(err)
	}
	waited := make(chan Holder, 1)
	done := make(chan error, 1)
	go func() {
		_, err := s.AddCodeAndApply(NewCoding{Coder: "jt", Transcript: "may-1", Lines: Range{4, 4}, Parent: "health", Name: "sleep"},
			func(h Holder) { waited <- h })
		done <- err
	}()
	<-waited
	// The other writer adds a code and codes a line while it holds the lock.
	if err := other.WriteStudyFile(CodebookFile, []byte(newCodeBook+"  - name: walks\n")); err != nil {
		t.Fatal(err)
	}
	if err := other.WriteStudyFile("codings/jt/may-1.yaml", []byte("- lines: 3\n  codes: [walks]\n  quote: Tired, always tired.\n")); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		t.Fatalf("AddCodeAndApply returned (%v) while another writer held the lock", err)
	case <-time.After(3 * lockPoll):
	}
	l.Unlock()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	cb := readStudyFile(t, s, CodebookFile)
	if !strings.Contains(cb, "  - name: walks\n") || !strings.Contains(cb, "      - name: sleep\n") {
		t.Errorf("codebook.yaml lost a change:\n%s", cb)
	}
	cs := readStudyFile(t, s, "codings/jt/may-1.yaml")
	if want := "- lines: 3\n  codes: [walks]\n  quote: Tired, always tired.\n- lines: 4\n  codes: [health/sleep]\n  quote: I sleep badly.\n"; cs != want {
		t.Errorf("codings:\n%s\nwant\n%s", cs, want)
	}
}
