// Package layout fits text to a width in terminal columns: wrapping at
// spaces, clipping, eliding the middle of code paths, and laying out
// tables and a transcript with its margin of codes. It knows nothing of
// terminals: every function takes the width and returns lines; the caller
// chooses the width (and any colour) and prints.
//
// Widths are display widths (github.com/rivo/uniseg), so accented letters,
// wide CJK characters and emoji take the columns a terminal gives them.
// A width of 0 or less means no limit.
package layout

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Ellipsis marks where text was cut or elided.
const Ellipsis = "…"

// Width returns the number of terminal columns s takes.
func Width(s string) int { return uniseg.StringWidth(s) }

// Pad returns s followed by spaces up to width columns.
func Pad(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-Width(s)))
}

// Wrap breaks s into rows of at most width columns at spaces, keeping
// the spaces between words on a row as they are. A word longer than a row
// is cut between graphemes (never inside one). Wrap returns one row for
// an empty s, and s as it is when width <= 0.
func Wrap(s string, width int) []string {
	if width <= 0 || Width(s) <= width {
		return []string{s}
	}
	var rows []string
	row, rowWidth := "", 0
	for _, w := range words(s) {
		word, ww := w.word, Width(w.word)
		for ww > width {
			if row != "" {
				rows, row, rowWidth = append(rows, row), "", 0
			}
			cut := breakAt(word, width)
			rows, word = append(rows, word[:cut]), word[cut:]
			ww = Width(word)
		}
		if word == "" {
			continue
		}
		gw := Width(w.gap)
		switch {
		case row == "":
			row, rowWidth = word, ww
		case rowWidth+gw+ww <= width:
			row, rowWidth = row+w.gap+word, rowWidth+gw+ww
		default:
			rows, row, rowWidth = append(rows, row), word, ww
		}
	}
	if row == "" && len(rows) > 0 {
		return rows
	}
	return append(rows, row)
}

type gapWord struct{ gap, word string }

// words splits s into its words, each with the spaces before it.
func words(s string) []gapWord {
	var out []gapWord
	for len(s) > 0 {
		rest := strings.TrimLeft(s, " \t")
		gap := s[:len(s)-len(rest)]
		end := strings.IndexAny(rest, " \t")
		if end < 0 {
			end = len(rest)
		}
		if end > 0 {
			out = append(out, gapWord{gap, rest[:end]})
		}
		s = rest[end:]
	}
	return out
}

// breakAt returns where to break a word too long for a row: after the
// last hyphen, underscore or slash that fits ("mobility-" / "health",
// "ucla_" / "initial"), which reads better than a cut; failing that, where
// the row is full.
func breakAt(word string, width int) int {
	cut := cutAt(word, width)
	for i := cut - 1; i > 0; i-- {
		if wordBreak(word, i) {
			return i + 1
		}
	}
	return cut
}

// wordBreak reports whether a word may be broken after its byte i: a
// hyphen, underscore or slash between letters ("face-to-face",
// "ucla_initial", "travel/taxis"), never in a date or an id ("2018-04-23",
// "brenda-1").
func wordBreak(word string, i int) bool {
	if i <= 0 || i+1 >= len(word) || !strings.ContainsRune("-_/", rune(word[i])) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(word[:i])
	after, _ := utf8.DecodeRuneInString(word[i+1:])
	return unicode.IsLetter(before) && unicode.IsLetter(after)
}

// cutAt returns the byte offset where s fills width columns, at least one
// grapheme in so that a character wider than width still makes progress.
func cutAt(s string, width int) int {
	w, end := 0, 0
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		if w+g.Width() > width && end > 0 {
			break
		}
		w += g.Width()
		_, end = g.Positions()
	}
	return end
}

// Clip shortens s to at most width columns, ending it with "…" when cut.
func Clip(s string, width int) string {
	if width <= 0 || Width(s) <= width {
		return s
	}
	if width == 1 {
		return Ellipsis
	}
	var b strings.Builder
	w := 0
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		if w+g.Width() > width-1 {
			break
		}
		w += g.Width()
		b.WriteString(g.Str())
	}
	return strings.TrimRight(b.String(), " ") + Ellipsis
}

// ElidePath shortens a code path to at most width columns by leaving out
// names in its middle: "sustainability/…/taxis". It keeps the first name
// and as many of the last ones as fit; when even "first/…/last" is too
// wide it tries "…/last", and failing that clips that.
func ElidePath(path string, width int) string {
	if width <= 0 || Width(path) <= width {
		return path
	}
	names := strings.Split(path, "/")
	if len(names) > 2 {
		head := names[0] + "/" + Ellipsis
		// Keep the most trailing names that fit after the head.
		best := ""
		for k := len(names) - 1; k >= 2; k-- {
			cand := head + "/" + strings.Join(names[k:], "/")
			if Width(cand) <= width {
				best = cand
				continue
			}
			break
		}
		if best != "" {
			return best
		}
	}
	last := names[len(names)-1]
	if len(names) == 1 || width < 4 {
		return Clip(last, width)
	}
	return Clip(Ellipsis+"/"+last, width)
}

// Whole reports whether a shortened path still shows its last name in
// full, so that the code it names can be told.
func Whole(path, shown string) bool {
	last := path[strings.LastIndexByte(path, '/')+1:]
	return strings.HasSuffix(shown, last)
}

// ElidePaths shortens the longest of paths, in turn, until they fit in
// width columns when joined with sep: first no further than "…/" and the
// last name, then, if that is not enough, down to minPath columns. It
// returns the shortened paths, which may still be too wide.
func ElidePaths(paths []string, sep string, width int) []string {
	out := slices.Clone(paths)
	if width <= 0 {
		return out
	}
	widths := make([]int, len(out))
	floors := make([]int, len(out))
	total := Width(sep) * max(0, len(out)-1)
	for i, p := range out {
		widths[i] = Width(p)
		last := p[strings.LastIndexByte(p, '/')+1:]
		floors[i] = min(widths[i], max(minPath, Width(Ellipsis+"/"+last)))
		total += widths[i]
	}
	shrink := func() {
		for total > width {
			longest := -1
			for i, w := range widths {
				if w > floors[i] && (longest < 0 || w > widths[longest]) {
					longest = i
				}
			}
			if longest < 0 {
				return
			}
			widths[longest]--
			total--
		}
	}
	shrink()
	for i := range floors {
		floors[i] = min(floors[i], minPath)
	}
	shrink()
	for i, p := range out {
		out[i] = ElidePath(p, widths[i])
	}
	return out
}

// Hanging wraps value to fit after prefix in width columns, its further
// rows indented under the first: a labelled field of a listing. With no
// limit, or too little room, it is one line.
func Hanging(prefix, value string, width int) []string {
	room := width - Width(prefix)
	if width <= 0 || room < minWrap {
		return []string{prefix + value}
	}
	rows := Wrap(value, room)
	indent := strings.Repeat(" ", Width(prefix))
	for i := range rows {
		if i == 0 {
			rows[i] = prefix + rows[i]
		} else {
			rows[i] = indent + rows[i]
		}
	}
	return rows
}

// ClipAround clips s to width columns as Clip does, but so that the bytes
// s[from:to] (a search match, say) are shown: when they would be cut off,
// the start of s gives way to "…" and a little of what comes before them.
// It returns the text shown and the byte offset in s where the text after
// any leading "…" begins.
func ClipAround(s string, width, from, to int) (string, int) {
	if width <= 0 || Width(s) <= width || from < 0 || to > len(s) || from > to {
		return Clip(s, width), 0
	}
	if Width(s[:to]) <= width-1 {
		return Clip(s, width), 0
	}
	// Keep what comes before the match, from a space: what room the rest
	// of s leaves, or a third of the width at least.
	keep := max(width/3, width-1-Width(s[from:]))
	start := from
	for i := from - 1; i > 0; i-- {
		if s[i] == ' ' {
			if Width(s[i+1:from]) > keep {
				break
			}
			start = i + 1
		}
	}
	return Ellipsis + Clip(s[start:], width-1), start
}
