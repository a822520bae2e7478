package corpus

import (
	"strings"
	"testing"
)

func TestParseRange(t *testing.T) {
	tests := []struct {
		in      string
		want    Range
		wantErr string
	}{
		{in: "5", want: Range{5, 5}},
		{in: "3-5", want: Range{3, 5}},
		{in: " 3 - 5 ", want: Range{3, 5}},
		{in: "7-7", want: Range{7, 7}},
		{in: "", wantErr: "empty line range: give N or A-B, e.g. 3-5"},
		{in: "0", wantErr: `line range "0": line numbers start at 1, not 0`},
		{in: "5-3", wantErr: `line range "5-3" ends before it starts: write 3-5`},
		{in: "a-3", wantErr: `line range "a-3": "a" is not a line number: give N or A-B, e.g. 3-5`},
		{in: "3-", wantErr: `line range "3-": "" is not a line number: give N or A-B, e.g. 3-5`},
		{in: "-3", wantErr: `line range "-3": "" is not a line number: give N or A-B, e.g. 3-5`},
		{in: "+3", wantErr: `line range "+3": "+3" is not a line number: give N or A-B, e.g. 3-5`},
		{in: "3-5-7", wantErr: `line range "3-5-7": "5-7" is not a line number: give N or A-B, e.g. 3-5`},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseRange(tc.in)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("ParseRange(%q) error = %v, want %q", tc.in, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseRange(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestParseCodings(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     []Segment
		findings []string
	}{
		{
			name: "integer, string and range lines",
			in:   "- lines: 5\n  codes: [a]\n- lines: \"6\"\n  codes: [b]\n- lines: 3-4\n  codes: [c, d/e]\n  quote: Hello there\n  memo: note\n",
			want: []Segment{
				{Lines: Range{5, 5}, Codes: []string{"a"}, Line: 1, CodeLines: []int{2}},
				{Lines: Range{6, 6}, Codes: []string{"b"}, Line: 3, CodeLines: []int{4}},
				{Lines: Range{3, 4}, Codes: []string{"c", "d/e"}, Quote: "Hello there", Memo: "note", Line: 5, CodeLines: []int{6, 6}},
			},
		},
		{name: "empty list", in: "[]\n"},
		{name: "empty file", in: ""},
		{name: "comment only", in: "# nothing yet\n"},
		{
			name: "single code without brackets",
			in:   "- lines: 2\n  codes: tea\n",
			want: []Segment{{Lines: Range{2, 2}, Codes: []string{"tea"}, Line: 1, CodeLines: []int{2}}},
		},
		{
			name:     "syntax error has its line",
			in:       "- lines: 2\n  codes: [tea\n",
			findings: []string{`f.yaml:2: invalid YAML: did not find expected ',' or ']' (check the indentation, and quote text that contains ": " or starts with a special character)`},
		},
		{
			name:     "bad range",
			in:       "- lines: 5-3\n  codes: [a]\n",
			findings: []string{`f.yaml:1: line range "5-3" ends before it starts: write 3-5`},
		},
		{
			name:     "no lines, no codes",
			in:       "- codes: [a]\n- lines: 4\n",
			findings: []string{"f.yaml:1: segment has no lines (add 'lines: N' or 'lines: A-B')", "f.yaml:2: segment on lines 4 has no codes (add codes, or remove the segment with 'qda uncode')"},
		},
		{
			name:     "unknown field",
			in:       "- lines: 4\n  codes: [a]\n  colour: red\n",
			findings: []string{`f.yaml:3: unknown segment field "colour" (a segment has lines, codes, quote and memo)`},
		},
		{
			name:     "not a list",
			in:       "lines: 4\n",
			findings: []string{"f.yaml:1: a codings file is a list of segments, not a mapping (start each segment with '- lines: N')"},
		},
		{
			name:     "aliases refused",
			in:       "- &a\n  lines: 4\n  codes: [x]\n- *a\n",
			findings: []string{"f.yaml:4: YAML aliases are not supported (write the value out in full instead of *a)"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, fs := ParseCodings("f.yaml", []byte(tc.in))
			var msgs []string
			for _, f := range fs {
				msgs = append(msgs, f.Error())
			}
			if len(msgs) != len(tc.findings) {
				t.Fatalf("findings = %q, want %q", msgs, tc.findings)
			}
			for i := range msgs {
				if msgs[i] != tc.findings[i] {
					t.Errorf("finding %d = %q, want %q", i, msgs[i], tc.findings[i])
				}
			}
			if len(tc.findings) > 0 {
				return
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d segments, want %d: %+v", len(got), len(tc.want), got)
			}
			for i := range got {
				g, w := got[i], tc.want[i]
				if g.Lines != w.Lines || g.Quote != w.Quote || g.Memo != w.Memo || g.Line != w.Line ||
					!equalStrings(g.Codes, w.Codes) || !equalInts(g.CodeLines, w.CodeLines) {
					t.Errorf("segment %d = %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestMarshalCodingsCanonical(t *testing.T) {
	segs := []Segment{
		{Lines: Range{9, 10}, Codes: []string{"tea", "confidence"}, Quote: "We have: tea"},
		{Lines: Range{3, 5}, Codes: []string{"b", "a", "b"}, Memo: "two\nlines"},
		{Lines: Range{3, 4}, Codes: []string{"z"}},
	}
	want := `- lines: 3-4
  codes: [z]
- lines: 3-5
  codes: [a, b]
  memo: |-
    two
    lines
- lines: 9-10
  codes: [confidence, tea]
  quote: 'We have: tea'
`
	got := string(MarshalCodings(segs))
	if got != want {
		t.Fatalf("MarshalCodings =\n%s\nwant\n%s", got, want)
	}
	back, fs := ParseCodings("f.yaml", []byte(got))
	if len(fs) != 0 {
		t.Fatalf("round trip findings: %v", fs)
	}
	if again := string(MarshalCodings(back)); again != want {
		t.Fatalf("round trip changed the file:\n%s", again)
	}
	none, fs := ParseCodingsDoc("f.yaml", MarshalCodings(nil))
	if len(fs) != 0 || !none.None || none.Empty {
		t.Fatalf("codings left with no segments must say nothing applies: %+v, %v", none, fs)
	}
}

func TestParseCodingsDoc(t *testing.T) {
	tests := []struct {
		name, data  string
		none, empty bool
		segs        int
		err         string
	}{
		{"segments", "- lines: 3\n  codes: [tea]\n", false, false, 1, ""},
		{"none", "- none: true\n", true, false, 0, ""},
		{"none with a memo", "# read in full\n- none: true\n  memo: only small talk\n", true, false, 0, ""},
		{"an empty list", "[]\n", false, true, 0, ""},
		{"an empty file", "", false, true, 0, ""},
		{"none and segments", "- none: true\n- lines: 3\n  codes: [tea]\n", true, false, 1, "f.yaml:1: says nothing applies, but holds 1 segments"},
		{"none false", "- none: false\n", false, false, 0, "f.yaml:1: none must be true"},
		{"none with lines", "- none: true\n  lines: 3\n", true, false, 0, `f.yaml:2: unknown field "lines" beside none`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, fs := ParseCodingsDoc("f.yaml", []byte(tc.data))
			if tc.err != "" {
				if !strings.Contains(fs.Error(), tc.err) {
					t.Fatalf("findings %v, want %q", fs, tc.err)
				}
				return
			}
			if len(fs) != 0 || doc.None != tc.none || doc.Empty != tc.empty || len(doc.Segments) != tc.segs {
				t.Fatalf("got %+v, %v; want none %v, empty %v, %d segments", doc, fs, tc.none, tc.empty, tc.segs)
			}
		})
	}
	back, _ := ParseCodingsDoc("f.yaml", MarshalCodingsNone("only: small talk"))
	if !back.None || back.NoneMemo != "only: small talk" {
		t.Errorf("MarshalCodingsNone round trip = %+v", back)
	}
}
