package refi

import (
	"slices"
	"strings"
	"unicode"
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
// text.
type counting struct {
	name string // how the report describes it; "" for the standard
	// units[i] is the tool's position of code point i; len n+1. 32 bits
	// hold the positions of a text under the transcript limit.
	units []int32
}

// offset returns the code point at the tool's position p, or -1 when p
// is past the end.
func (c counting) offset(p int64) int {
	if p < 0 || p > int64(c.units[len(c.units)-1]) {
		return -1
	}
	i, _ := slices.BinarySearch(c.units, int32(p))
	return i
}

// way is one way of counting.
type way struct{ crOne, lfTwo, utf16 bool }

// ways are the ways of counting that differ on text, the standard first.
func ways(text []rune) []way {
	hasCRLF, hasLF, hasAstral := false, false, false
	for i, r := range text {
		switch {
		case r == '\n' && i > 0 && text[i-1] == '\r':
			hasCRLF = true
		case r == '\n':
			hasLF = true
		case r > 0xFFFF:
			hasAstral = true
		}
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

// countings are the ways of counting that differ on text, the standard
// first.
func countings(text []rune) []counting {
	var out []counting
	for _, w := range ways(text) {
		out = append(out, w.counting(text))
	}
	return out
}

// counting counts text's positions w's way.
func (w way) counting(text []rune) counting {
	units := make([]int32, len(text)+1)
	var u int32
	for i, r := range text {
		units[i] = u
		switch {
		case w.crOne && r == '\r' && i+1 < len(text) && text[i+1] == '\n':
		case w.lfTwo && r == '\n' && (i == 0 || text[i-1] != '\r'):
			u += 2
		case w.utf16 && r > 0xFFFF:
			u += 2
		default:
			u++
		}
	}
	units[len(text)] = u
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
	return counting{name: strings.Join(name, " and "), units: units}
}

// bestCounting picks the counting under which the selections look most
// like what a person selects: their names (QualCoder and ATLAS.ti name a
// selection by its text) found at their positions, and their ends on
// word boundaries. The standard wins unless another fits clearly better.
// One counting is made at a time, as each is as long as the text.
func bestCounting(text []rune, sels []Selection) counting {
	var best counting
	bestScore := 0
	for k, w := range ways(text) {
		c := w.counting(text)
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
func fit(text []rune, c counting, sel Selection) int {
	s, e := c.offset(sel.Start), c.offset(sel.End)
	if s < 0 || e < s {
		return -4
	}
	score := 0
	if boundary(text, s) {
		score++
	}
	if boundary(text, e) {
		score++
	}
	name := foldedPrefix([]rune(strings.TrimRight(strings.TrimSpace(sel.Name), ".…")), 12)
	if len(name) >= 4 {
		if got := foldedPrefix(text[s:e], len(name)); got == name {
			score += 4
		}
	}
	return score
}

// boundary says whether code point i starts or ends a word.
func boundary(text []rune, i int) bool {
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	return i == 0 || i >= len(text) || !word(text[i-1]) || !word(text[i])
}

// foldedPrefix is the first n letters and digits of s, folded as the
// alignment folds them.
func foldedPrefix(s []rune, n int) string {
	var b []rune
	// A name is a short prefix: folding a whole long selection is waste.
	for _, k := range foldKeys(string(s[:min(len(s), 20*n)]), func(i int) int { return i }) {
		if len(b) == n {
			break
		}
		b = append(b, k.r)
	}
	return string(b)
}
