package corpus

import (
	"strings"
	"testing"
)

func render(segs []Segment) string {
	var parts []string
	for _, s := range segs {
		parts = append(parts, s.Lines.String()+" "+strings.Join(s.Codes, ","))
	}
	return strings.Join(parts, "; ")
}

func identity(s string) string { return s }

func TestAddCoding(t *testing.T) {
	tr := ParseTranscript("may-1", []byte(countTranscript))
	tests := []struct {
		name    string
		start   string
		r       Range
		codes   []string
		want    string
		changed bool
	}{
		{name: "into an empty file", start: "", r: Range{3, 5}, codes: []string{"a"}, want: "3-5 a", changed: true},
		{name: "extends an adjacent segment", start: "3-4 a", r: Range{5, 5}, codes: []string{"a"}, want: "3-5 a", changed: true},
		{name: "joins two segments it bridges", start: "3 a; 5 a", r: Range{4, 4}, codes: []string{"a"}, want: "3-5 a", changed: true},
		{name: "already covered changes nothing", start: "3-5 a", r: Range{4, 4}, codes: []string{"a"}, want: "3-5 a", changed: false},
		{name: "covered by two segments changes nothing", start: "3-4 a; 5 a,b", r: Range{4, 5}, codes: []string{"a"}, want: "3-4 a; 5 a,b", changed: false},
		{name: "same range takes the new code", start: "3-5 a", r: Range{3, 5}, codes: []string{"b"}, want: "3-5 a,b", changed: true},
		{name: "other codes stay separate", start: "3-5 a", r: Range{4, 7}, codes: []string{"b"}, want: "3-5 a; 4-7 b", changed: true},
		{name: "codes are sorted, duplicates dropped", start: "", r: Range{3, 3}, codes: []string{"b", "a", "b"}, want: "3 a,b", changed: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var start []Segment
			if tc.start != "" {
				start = segs("jt:" + strings.ReplaceAll(strings.ReplaceAll(tc.start, ",", " "), "; ", ";"))[0].Segments
			}
			got, changed := AddCoding(start, tr, tc.r, tc.codes, "", identity)
			if render(got) != tc.want || changed != tc.changed {
				t.Errorf("AddCoding = %q, changed %v; want %q, %v", render(got), changed, tc.want, tc.changed)
			}
		})
	}
}

func TestAddCodingQuoteAndMemo(t *testing.T) {
	tr := ParseTranscript("may-1", []byte(countTranscript))
	got, _ := AddCoding(nil, tr, Range{4, 5}, []string{"a"}, "first", identity)
	got, _ = AddCoding(got, tr, Range{3, 3}, []string{"a"}, "second", identity)
	if len(got) != 1 || got[0].Quote != "I wanted my confidence back." || got[0].Memo != "second\nfirst" {
		t.Fatalf("merged segment = %+v; want quote of line 3 and both memos in line order", got)
	}
}

func TestRemoveCoding(t *testing.T) {
	tr := ParseTranscript("may-1", []byte(countTranscript))
	tests := []struct {
		name    string
		start   string
		r       Range
		codes   []string
		want    string
		removed int
	}{
		{name: "whole segment", start: "3-5 a", r: Range{3, 5}, codes: []string{"a"}, want: "", removed: 1},
		{name: "split in the middle", start: "3-5 a", r: Range{4, 4}, codes: []string{"a"}, want: "3 a; 5 a", removed: 1},
		{name: "one of two codes", start: "3-5 a,b", r: Range{4, 4}, codes: []string{"b"}, want: "3 a,b; 4 a; 5 a,b", removed: 1},
		{name: "every code", start: "3-5 a,b; 7-8 c", r: Range{1, 11}, codes: nil, want: "", removed: 3},
		{name: "trims blank edges of pieces", start: "3-8 a", r: Range{4, 5}, codes: []string{"a"}, want: "3 a; 7-8 a", removed: 1},
		{name: "nothing to remove", start: "3-5 a", r: Range{7, 8}, codes: nil, want: "3-5 a", removed: 0},
		{name: "other code untouched", start: "3-5 a", r: Range{3, 5}, codes: []string{"b"}, want: "3-5 a", removed: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := segs("jt:" + strings.ReplaceAll(strings.ReplaceAll(tc.start, ",", " "), "; ", ";"))[0].Segments
			got, removed := RemoveCoding(start, tr, tc.r, tc.codes, identity)
			if render(got) != tc.want || removed != tc.removed {
				t.Errorf("RemoveCoding = %q, removed %d; want %q, %d", render(got), removed, tc.want, tc.removed)
			}
		})
	}
}
