package refi

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tools disagree on what a position counts. The standard counts code
// points of the text as it is in the file, so a CRLF is two; ATLAS.ti,
// and QualCoder when it writes CRLF for MAXQDA, count a CRLF as one;
// some tools count UTF-16 units (an emoji is two); and when NVivo's
// plain text is empty the positions are of its own text, whose paragraph
// breaks may be two characters where the Word file qda reads gives one.
// One character per line adds up to lines by the end of an interview, so
// each source's positions are read the way its selections fit best.

// counting maps a tool's positions in a source to code points of its
// text. It is worked out for the positions asked about only, in one
// reading of the text: a table of every position took four bytes a
// character, the text as code points four more.
type counting struct {
	name  string // how the report describes it; "" for the standard
	asked []int64
	at    []textPos // where each position asked about is
}

// textPos is a place in a text: a code point's index (-1 past the end)
// and its byte offset.
type textPos struct{ cp, b int }

// offset returns the code point at the tool's position p, or -1 when p
// is past the end. p must have been asked about.
func (c counting) offset(p int64) int {
	return c.pos(p).cp
}

func (c counting) pos(p int64) textPos {
	i, ok := slices.BinarySearch(c.asked, p)
	if !ok || p < 0 {
		return textPos{-1, -1}
	}
	return c.at[i]
}

// way is one way of counting.
type way struct{ crOne, lfTwo, utf16 bool }

// ways are the ways of counting that differ on text, the standard first.
func ways(text string) []way {
	hasCRLF, hasLF, hasAstral := false, false, false
	prev := rune(-1)
	for _, r := range text {
		switch {
		case r == '\n' && prev == '\r':
			hasCRLF = true
		case r == '\n':
			hasLF = true
		case r > 0xFFFF:
			hasAstral = true
		}
		prev = r
	}
	out := []way{{}}
	if hasCRLF {
		out = append(out, way{crOne: true})
	}
	if hasLF {
		out = append(out, way{lfTwo: true})
	}
	if hasAstral {
		for _, w := range slices.Clone(out) {
			w.utf16 = true
			out = append(out, w)
		}
	}
	return out
}

// counting finds the positions asked about (ascending, none negative) in
// text, counted w's way.
func (w way) counting(text string, asked []int64) counting {
	at := make([]textPos, len(asked))
	k := 0
	var u int64
	i, prev := 0, rune(-1)
	for b, r := range text {
		for ; k < len(asked) && asked[k] <= u; k++ {
			at[k] = textPos{i, b}
		}
		switch {
		case w.crOne && r == '\r' && b+1 < len(text) && text[b+1] == '\n':
		case w.lfTwo && r == '\n' && prev != '\r':
			u += 2
		case w.utf16 && r > 0xFFFF:
			u += 2
		default:
			u++
		}
		i++
		prev = r
	}
	for ; k < len(asked); k++ {
		at[k] = textPos{-1, -1}
		if asked[k] <= u {
			at[k] = textPos{i, len(text)}
		}
	}
	var name []string
	if w.crOne {
		name = append(name, "a line break (CRLF) as one character")
	}
	if w.lfTwo {
		name = append(name, "a line break as two characters, as CRLF")
	}
	if w.utf16 {
		name = append(name, "in UTF-16 units (an emoji as two characters)")
	}
	return counting{name: strings.Join(name, " and "), asked: asked, at: at}
}

// positions are the selections' positions, ascending, each once; none
// negative.
func positions(sels []Selection) []int64 {
	var out []int64
	for _, sel := range sels {
		for _, p := range []int64{sel.Start, sel.End} {
			if p >= 0 {
				out = append(out, p)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// bestCounting picks the counting under which the selections look most
// like what a person selects: their names (QualCoder and ATLAS.ti name a
// selection by its text) found at their positions, and their ends on
// word boundaries. The standard wins unless another fits clearly better.
func bestCounting(text string, sels []Selection) counting {
	asked := positions(sels)
	var best counting
	bestScore := 0
	for k, w := range ways(text) {
		c := w.counting(text, asked)
		score := 0
		for _, sel := range sels {
			score += fit(text, c, sel)
		}
		if k == 0 {
			best, bestScore = c, score
		} else if score > bestScore+1 {
			best, bestScore = c, score
		}
	}
	return best
}

// fit scores one selection under counting c.
func fit(text string, c counting, sel Selection) int {
	s, e := c.pos(sel.Start), c.pos(sel.End)
	if s.cp < 0 || e.cp < s.cp {
		return -4
	}
	score := 0
	if boundary(text, s.b) {
		score++
	}
	if boundary(text, e.b) {
		score++
	}
	name := foldedPrefix(strings.TrimRight(strings.TrimSpace(sel.Name), ".…"), 12)
	if len(name) >= 4 {
		if got := foldedPrefix(text[s.b:e.b], len(name)); got == name {
			score += 4
		}
	}
	return score
}

// boundary says whether the code point at byte offset b starts or ends a
// word.
func boundary(text string, b int) bool {
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	if b == 0 || b >= len(text) {
		return true
	}
	before, _ := utf8.DecodeLastRuneInString(text[:b])
	at, _ := utf8.DecodeRuneInString(text[b:])
	return !word(before) || !word(at)
}

// foldedPrefix is the first n letters and digits of s, folded as the
// alignment folds them.
func foldedPrefix(s string, n int) string {
	// A name is a short prefix: folding a whole long selection is waste.
	b := make([]rune, 0, n)
	f := folder{s: s}
	for r, at, ok := f.next(); ok && len(b) < n && at < int32(20*n); r, at, ok = f.next() {
		b = append(b, r)
	}
	return string(b)
}
