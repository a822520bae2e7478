package assistant

import (
	"strings"
	"testing"
)

func TestParseList(t *testing.T) {
	tests := []struct {
		name, in string
		entries  int
		errs     []string // each finding's text, in order
	}{
		{"empty", "", 0, nil},
		{"comment only", "# nothing yet\n", 0, nil},
		{"empty list", "[]\n", 0, nil},
		{"one", "- kind: coding\n  transcript: may-1\n  lines: 3-5\n  codes: [tea]\n  decision: accepted\n  reviewer: jt\n  date: 2026-11-24\n", 1, nil},
		{"unknown field", "- kind: coding\n  decison: accepted\n", 0, []string{`f.yaml:2: unknown field "decison"`}},
		{"not a list", "kind: coding\n", 0, []string{"f.yaml:1: must be a list"}},
		{"scalar entry", "- coding\n", 0, []string{"f.yaml:1: an entry must be a mapping"}},
		{"bad type", "- kind: coding\n  codes: {a: b}\n", 0, []string{"f.yaml:1: "}},
		{"bad yaml", "- kind: [\n", 0, []string{"f.yaml"}},
		{"good and bad", "- kind: code\n  codes: [x]\n  decision: rejected\n- nope: 1\n", 1, []string{`f.yaml:4: unknown field "nope"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, lines, fs := parseList[Decision]("f.yaml", []byte(tc.in))
			if len(got) != tc.entries || len(lines) != len(got) {
				t.Errorf("%d entries (%d lines), want %d", len(got), len(lines), tc.entries)
			}
			if len(fs) != len(tc.errs) {
				t.Fatalf("findings %v, want %d", fs, len(tc.errs))
			}
			for i, f := range fs {
				if !strings.HasPrefix(f.Error(), tc.errs[i]) {
					t.Errorf("finding %q, want it to start %q", f.Error(), tc.errs[i])
				}
			}
		})
	}
}

// FuzzParseList: whatever a review log holds, parsing it returns entries
// or findings naming the file, and never panics.
func FuzzParseList(f *testing.F) {
	for _, s := range []string{"", "[]", "- kind: coding\n  codes: [a, b]\n  decision: accepted\n", "- {kind: code, codes: [x/y]}\n", "a: b", "- - -", "- kind: &a [*a]\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, lines, fs := parseList[Decision]("proposals/ai/review.yaml", data)
		if len(got) != len(lines) {
			t.Fatalf("%d entries, %d lines", len(got), len(lines))
		}
		for _, x := range fs {
			if !strings.HasPrefix(x.Error(), "proposals/ai/review.yaml") {
				t.Fatalf("finding %q does not name the file", x.Error())
			}
		}
		parseList[ProposedCode]("proposals/ai/codes.yaml", data)
	})
}

func TestPageBounds(t *testing.T) {
	tests := []struct {
		total, offset, limit int
		from, to, next       int
		err                  bool
	}{
		{10, 0, 0, 0, 10, 0, false},
		{100, 0, 0, 0, defaultLimit, defaultLimit, false},
		{100, 90, 20, 90, 100, 0, false},
		{100, 200, 20, 100, 100, 0, false},
		{10000, 0, 100000, 0, maxLimit, maxLimit, false},
		{10, -1, 0, 0, 0, 0, true},
		{10, 0, -5, 0, 0, 0, true},
	}
	for _, tc := range tests {
		from, to, p, err := pageBounds(tc.total, tc.offset, tc.limit)
		if (err != nil) != tc.err || err == nil && (from != tc.from || to != tc.to || p.NextOffset != tc.next || p.Returned != to-from) {
			t.Errorf("pageBounds(%d, %d, %d) = %d, %d, %+v, %v", tc.total, tc.offset, tc.limit, from, to, p, err)
		}
	}
}

func TestClip(t *testing.T) {
	long := strings.Repeat("é", maxText) // two bytes each: cut mid-rune
	c := clip(long)
	if len(c) > maxText+40 || !strings.HasSuffix(c, "more bytes]") || strings.ContainsRune(c, '\uFFFD') {
		t.Errorf("clip: %d bytes, ends %q", len(c), c[len(c)-30:])
	}
	if clip("short") != "short" {
		t.Errorf("clip changed a short text")
	}
}
