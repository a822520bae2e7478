package search

import (
	"fmt"
	"slices"
	"testing"
)

func TestWithinTurn(t *testing.T) {
	dir := writeStudy(t, tiny)
	for _, tc := range []struct {
		name  string
		req   Request
		turns []string // transcript:first-last marked lines
	}{
		{"both words in one turn, on two lines", Request{Query: "+confidence +out", Within: WithinTurn}, []string{"may-1:3-4 [3 4]"}},
		{"the same words line by line find nothing", Request{Query: "+confidence +out"}, nil},
		{"one word in each of two turns", Request{Query: "+confidence +tea", Within: WithinTurn}, nil},
		{"a term the turn must not hold", Request{Query: "+confidence -out", Within: WithinTurn}, nil},
		{"a term only another turn holds", Request{Query: "+confidence -tea", Within: WithinTurn}, []string{"may-1:3-4 [3]"}},
		{"any of the terms", Request{Query: "confidence buses", Within: WithinTurn}, []string{"may-1:3-4 [3]", "ted-1:3-4 [4]"}},
		{"a filter on the lines", Request{Query: "+bus", Speaker: "interviewer", Within: WithinTurn}, nil},
		{"only - terms: every other turn", Request{Query: "-interviewer -bus", Within: WithinTurn}, []string{"may-1:3-4 [3 4]", "may-1:8-9 [8 9]"}},
		{"proximity across lines, near enough", Request{Query: `"confidence out"~7`, Within: WithinTurn}, []string{"may-1:3-4 [3 4]"}},
		{"proximity, one word too far", Request{Query: `"confidence out"~6`, Within: WithinTurn}, nil},
		{"proximity in any order", Request{Query: `"out confidence"~7`, Within: WithinTurn}, []string{"may-1:3-4 [3 4]"}},
		{"proximity within a line", Request{Query: `"took alone"~2`, Within: WithinTurn}, []string{"ted-1:3-4 [3]"}},
		{"proximity never across turns", Request{Query: `"now tea"~10`, Within: WithinTurn}, nil},
		{"proximity and a + term", Request{Query: `+"took alone"~2 +dear`, Within: WithinTurn}, []string{"ted-1:3-4 [3 4]"}},
		{"proximity, limited", Request{Query: `"interviewer"~0`, Within: WithinTurn, Limit: 2}, []string{"may-1:1-1 [1]", "may-1:6-6 [6]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix := openIndex(t, dir)
			res, err := ix.Search(tc.req)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, th := range res.Turns {
				var marked []int
				for _, h := range th.Hits {
					marked = append(marked, h.Line)
				}
				got = append(got, fmt.Sprintf("%s:%d-%d %v", th.Transcript, th.Lines.Start, th.Lines.End, marked))
			}
			if !slices.Equal(got, tc.turns) {
				t.Errorf("got %q, want %q", got, tc.turns)
			}
		})
	}
}

// TestProximityLines: a proximity term in a search of lines finds the
// lines that hold a match, with the matched words as spans.
func TestProximityLines(t *testing.T) {
	dir := writeStudy(t, tiny)
	ix := openIndex(t, dir)
	res, err := ix.Search(Request{Query: `"confidence out"~7`})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, fmt.Sprintf("%s:%d %v", h.Transcript, h.Line, h.Spans))
	}
	want := []string{"may-1:3 [{17 27}]", "may-1:4 [{20 23}]"}
	if !slices.Equal(got, want) || res.Total != 2 {
		t.Errorf("got %q (total %d), want %q", got, res.Total, want)
	}
}

func TestProximityWindow(t *testing.T) {
	words := func(s ...string) []wordPos {
		var out []wordPos
		for i, w := range s {
			out = append(out, wordPos{pos: i, line: 1, word: w})
		}
		return out
	}
	all := func(wordPos) bool { return true }
	for _, tc := range []struct {
		words []string
		slop  int
		turn  []wordPos
		want  []int
	}{
		{[]string{"a", "b"}, 0, words("a", "b"), []int{0, 1}},
		{[]string{"a", "b"}, 0, words("b", "a"), []int{0, 1}},
		{[]string{"a", "b"}, 0, words("a", "x", "b"), nil},
		{[]string{"a", "b"}, 1, words("a", "x", "b"), []int{0, 2}},
		{[]string{"a", "b"}, 1, words("a", "x", "b", "y", "a"), []int{0, 2, 4}},
		{[]string{"a", "a"}, 0, words("a", "x", "a"), nil},
		{[]string{"a", "a"}, 1, words("a", "x", "a"), []int{0, 2}},
		{[]string{"a", "b", "c"}, 2, words("c", "x", "a", "y", "b"), []int{0, 2, 4}},
		{[]string{"a", "b", "c"}, 1, words("c", "x", "a", "y", "b"), nil},
	} {
		p := proximity{words: tc.words, slop: tc.slop}
		var got []int
		for _, w := range p.window(tc.turn, all) {
			got = append(got, w.pos)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q~%d in %v: got %v, want %v", tc.words, tc.slop, tc.turn, got, tc.want)
		}
	}
}

func TestProximityErrors(t *testing.T) {
	for _, q := range []string{`"a b"~x1`, `"a b"~101`, `"..."~2`} {
		_, _, err := parse(q)
		if err == nil {
			t.Errorf("parse(%q): no error", q)
		}
	}
}

// MatchingLines gives every line of a matching turn, and only the
// matching lines of a search of lines; a limit does not cut it short.
func TestMatchingLines(t *testing.T) {
	dir := writeStudy(t, tiny)
	for _, tc := range []struct {
		name string
		req  Request
		want []string // transcript:line, sorted
	}{
		{"lines", Request{Query: "confidence buses"}, []string{"may-1:3", "ted-1:4"}},
		{"turns, every line of each", Request{Query: "confidence buses", Within: WithinTurn}, []string{"may-1:3", "may-1:4", "ted-1:3", "ted-1:4"}},
		{"turns need every + term", Request{Query: "+confidence +out", Within: WithinTurn}, []string{"may-1:3", "may-1:4"}},
		{"no line has both", Request{Query: "+confidence +out"}, nil},
		{"a limit is not applied", Request{Query: "confidence buses", Within: WithinTurn, Limit: 1}, []string{"may-1:3", "may-1:4", "ted-1:3", "ted-1:4"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix := openIndex(t, dir)
			lines, err := ix.MatchingLines(tc.req)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for tr, ls := range lines {
				for l := range ls {
					got = append(got, fmt.Sprintf("%s:%d", tr, l))
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseWithin(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"", WithinLine, ""},
		{"line", WithinLine, ""},
		{"turn", WithinTurn, ""},
		{"answer", "", `within "answer": choose line or turn`},
		{"Turn", "", `within "Turn": choose line or turn`},
	} {
		got, err := ParseWithin(tc.in)
		if got != tc.want || (err == nil) != (tc.err == "") || err != nil && err.Error() != tc.err {
			t.Errorf("ParseWithin(%q) = %q, %v; want %q, %s", tc.in, got, err, tc.want, tc.err)
		}
	}
}
