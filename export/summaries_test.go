package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qdatool/qda/corpus"
)

func TestParseSummaries(t *testing.T) {
	tests := []struct {
		name, in string
		want     map[string]string
		err      string
	}{
		{"empty", "", map[string]string{}, ""},
		{"empty map", "{}\n", map[string]string{}, ""},
		{"two", "tea: Weekly tea.\nconfidence/travel: |-\n  Buses alone.\n  Then trains.\n", map[string]string{"tea": "Weekly tea.", "confidence/travel": "Buses alone.\nThen trains."}, ""},
		{"list", "- tea\n", nil, "memos/summaries/may.yaml:1: write a mapping"},
		{"nested", "tea:\n  a: b\n", nil, "memos/summaries/may.yaml:1: a summary is a code path and a text"},
		{"duplicate", "tea: a\ntea: b\n", nil, "tea has two summaries"},
		{"broken", "tea: [\n", nil, "memos/summaries/may.yaml:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseSummaries("memos/summaries/may.yaml", []byte(tc.in))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q", k, got[k], v)
				}
			}
			back, err := ParseSummaries("x", MarshalSummaries(got))
			if err != nil || len(back) != len(got) {
				t.Fatalf("round trip: %v, %v", back, err)
			}
		})
	}
}

func TestSetSummary(t *testing.T) {
	ts := openTiny(t)
	if _, err := SetSummary(ts.s, "may", "tea", "Weekly tea."); err != nil {
		t.Fatal(err)
	}
	if _, err := SetSummary(ts.s, "may", "confidence", "Rebuilt\nslowly."); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(ts.s.Root, "memos/summaries/may.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := "confidence: |-\n    Rebuilt\n    slowly.\ntea: Weekly tea.\n"
	if string(data) != want {
		t.Errorf("file:\n%s\nwant:\n%s", data, want)
	}
	old, err := SetSummary(ts.s, "may", "tea", "")
	if err != nil || old != "Weekly tea." {
		t.Fatalf("removing: %q, %v", old, err)
	}
	sums, err := ReadSummaries(ts.s)
	if err != nil || sums.Get("may", "tea") != "" || sums.Get("may", "confidence") != "Rebuilt\nslowly." {
		t.Errorf("after removing: %v, %v", sums, err)
	}
}

func FuzzParseSummaries(f *testing.F) {
	f.Add([]byte("tea: Weekly tea.\n"))
	f.Add([]byte("confidence/travel: |-\n  a\n  b\n"))
	f.Add([]byte("{}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseSummaries("f.yaml", data)
		if err != nil {
			return
		}
		back, err := ParseSummaries("f.yaml", MarshalSummaries(m))
		if err != nil {
			t.Fatalf("written summaries do not parse: %v", err)
		}
		for k, v := range m {
			if back[k] != v {
				t.Fatalf("%q: %q became %q", k, v, back[k])
			}
		}
	})
}

func TestCheckSummaries(t *testing.T) {
	tests := []struct {
		name, file, text string
		want             string // the findings, one per line
	}{
		{"none", "", "", ""},
		{"fine", "may.yaml", "confidence: text\n", ""},
		{"not a mapping", "may.yaml", "- a\n", "memos/summaries/may.yaml:1: write a mapping of code paths to summaries, e.g. confidence: text (fix the file; it holds the summaries 'qda summarize' writes)"},
		{"aliases", "may.yaml", "a: &a [x, x]\nb: [*a, *a]\n", "memos/summaries/may.yaml:1: a summary is a code path and a text, e.g. confidence: text (fix the file; it holds the summaries 'qda summarize' writes)"},
		{"twice", "ted.yaml", "tea: a\ntea: b\n", "memos/summaries/ted.yaml:2: tea has two summaries: keep one (fix the file; it holds the summaries 'qda summarize' writes)"},
		{"not YAML", "ted.yaml", "tea: [\n", "memos/summaries/ted.yaml: line 1: did not find expected node content (fix the file; it holds the summaries 'qda summarize' writes)"},
		{"not a summaries file", "notes.txt", "- a\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := &corpus.Study{Root: t.TempDir()}
			defer st.Close()
			if tc.file != "" {
				if err := os.MkdirAll(st.Path(SummariesDir), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(st.Path(SummariesDir, tc.file), []byte(tc.text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var got []string
			for _, f := range CheckSummaries(st) {
				got = append(got, f.Error())
			}
			if g := strings.Join(got, "\n"); g != tc.want {
				t.Errorf("findings:\n%s\nwant:\n%s", g, tc.want)
			}
		})
	}
}
