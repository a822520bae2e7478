package assistant

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
)

func TestReviewedCoder(t *testing.T) {
	tests := []struct {
		yaml, want string
		machines   []string
	}{
		{"coders:\n  jt: Jill\n  auto: {machine: true}\n  ai-claude: {machine: true}\n", "ai-claude", nil},
		{"coders:\n  jt: Jill\n  auto: {machine: true}\n", "auto", nil},
		{"coders:\n  jt: Jill\n  auto: {machine: true}\n  ai-gpt: {machine: true}\n", "", []string{"auto", "ai-gpt"}},
		{"coders:\n  jt: Jill\n", "", nil},
		{"title: x\n", "", nil},
	}
	for _, tc := range tests {
		cfg, fs := corpus.ParseConfig("qda.yaml", []byte(tc.yaml))
		if fs.Err() != nil {
			t.Fatal(fs)
		}
		got, machines := ReviewedCoder(cfg)
		slices.Sort(machines)
		slices.Sort(tc.machines)
		if got != tc.want || !slices.Equal(machines, tc.machines) {
			t.Errorf("%q: got %q %v, want %q %v", tc.yaml, got, machines, tc.want, tc.machines)
		}
	}
}

func TestCheckCoders(t *testing.T) {
	cfg, fs := corpus.ParseConfig("qda.yaml", []byte("coders:\n  jt: Jill\n  ai-claude: {name: AI, machine: true}\n  auto: {machine: true}\n"))
	if fs.Err() != nil {
		t.Fatal(fs)
	}
	tests := []struct{ machine, reviewer, want string }{
		{"ai-claude", "jt", ""},
		{"auto", "jt", ""},
		{"jt", "ai-claude", "not declared as a machine coder"},
		{"ai-claude", "ai-claude", "cannot review its own"},
		{"ai-claude", "auto", "is a machine coder"},
		{"nobody", "jt", "not declared as a machine coder"},
		{"../x", "jt", "not a name"},
	}
	for _, tc := range tests {
		err := CheckCoders(cfg, tc.machine, tc.reviewer)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("CheckCoders(%s, %s) = %v, want %q", tc.machine, tc.reviewer, err, tc.want)
		}
	}
}

// TestReview proposes, decides and counts: what is decided leaves the
// pending list, a second decision on it is refused, and the stats count
// each code of each decision.
func TestReview(t *testing.T) {
	dir := t.TempDir()
	if _, err := demo.Write(dir, demo.Options{Participants: 2}); err != nil {
		t.Fatal(err)
	}
	a, err := New(dir, "ai-claude", "m")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []ProposeCodingInput{
		{Transcript: "may-1", Lines: "10-12", Codes: []string{"referral", "confidence"}, Rationale: "r1"},
		{Transcript: "may-1", Lines: "17", Codes: []string{"confidence"}, Rationale: "r2"},
		{Transcript: "may-1", Lines: "24", Codes: []string{"referral"}, Rationale: "r3"},
	} {
		if _, err := a.ProposeCoding(p); err != nil {
			t.Fatal(err)
		}
	}
	jtBefore, _ := os.ReadFile(filepath.Join(dir, "codings", "jt", "may-1.yaml"))
	ehBefore, _ := os.ReadFile(filepath.Join(dir, "codings", "eh", "may-1.yaml"))
	r := &Review{Dir: dir, Machine: "ai-claude", Reviewer: "zz", Now: func() time.Time { return time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC) }}
	pending, err := r.Pending("may-1")
	if err != nil || len(pending) != 3 {
		t.Fatalf("pending: %v %v", pending, err)
	}
	// Accept the first with one code dropped, reject the second, leave the third.
	d, err := r.Accept(pending[0], "", []string{"referral"}, "")
	if err != nil || d.Decision != Changed || strings.Join(d.AcceptedCodes, ",") != "referral" {
		t.Fatalf("accept with changes: %+v %v", d, err)
	}
	if _, err := r.Reject(pending[1], "no"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Reject(pending[1], "again"); err == nil || !strings.Contains(err.Error(), "decided meanwhile") {
		t.Errorf("deciding twice: %v", err)
	}
	left, err := r.Pending("")
	if err != nil || len(left) != 1 || left[0].Lines.String() != pending[2].Lines.String() {
		t.Errorf("left: %+v %v", left, err)
	}
	if _, err := r.Accept(left[0], "9000", nil, ""); err == nil || !strings.Contains(err.Error(), "outside") {
		t.Errorf("accepting onto lines outside: %v", err)
	}
	if _, err := r.Accept(left[0], "", []string{"no-such"}, ""); err == nil {
		t.Errorf("accepting with an unknown code")
	}
	s, err := r.Stats()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][4]int{"confidence": {2, 0, 0, 2}, "referral": {1, 0, 1, 0}}
	for _, c := range s.Codes {
		if w := want[c.Code]; [4]int{c.Proposed, c.Accepted, c.Changed, c.Rejected} != w {
			t.Errorf("%s: %+v, want %v", c.Code, c, w)
		}
	}
	if len(s.Codes) != 2 || s.Total.Proposed != 3 || s.Pending != 1 || s.Total.Rate < 0.33 || s.Total.Rate > 0.34 {
		t.Errorf("stats: %+v", s)
	}
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	zz, err := st.ReadCodings("zz", "may-1")
	if err != nil || zz == nil || string(corpus.MarshalCodings(zz.Segments)) != "- lines: 10-12\n  codes: [referral]\n  quote: I saw a poster in the library.\n" {
		t.Errorf("the reviewer's codings: %+v %v", zz, err)
	}
	jtAfter, _ := os.ReadFile(filepath.Join(dir, "codings", "jt", "may-1.yaml"))
	ehAfter, _ := os.ReadFile(filepath.Join(dir, "codings", "eh", "may-1.yaml"))
	if string(jtBefore) != string(jtAfter) || string(ehBefore) != string(ehAfter) {
		t.Errorf("another person's file changed")
	}
}
