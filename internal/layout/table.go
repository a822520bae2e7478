package layout

import (
	"slices"
	"strconv"
	"strings"
)

// Table is rows of cells, the first row its header, laid out in aligned
// columns two spaces apart: text left, numbers right.
//
// When the table is wider than the width it is given, it is fitted by
// wrapping its free-text columns (Wrap, or the widest column that is
// neither numbers nor a path), by eliding the middle of the code paths in
// the Paths columns, by wrapping and then hyphenating headers, and last
// by wrapping other text columns, the one that costs fewest lines first
// (see fit). A table that still cannot fit is laid out as records, one
// row's columns under its name (see records). Numbers are never broken.
type Table struct {
	Rows  [][]string
	Paths map[int]bool // columns of code paths: elided, never wrapped
	Wrap  []int        // the columns to wrap, first narrowed first; nil for the widest free text
}

// Style dresses a cell's shown text (for colour, say) after the layout is
// done: row and col index the table, full is the cell as given and shown
// the part of it on this line. It must not change the text's width.
type Style func(row, col int, full, shown string) string

// The stages of fitting a table: the wrapped column down to a width that
// still reads well, then the paths to one that still tells codes apart,
// then each further down to the least that is of any use.
const (
	easyWrap = 30
	easyPath = 20
	minWrap  = 12
	minPath  = 12
	// leastPath is the last a path gives before the table is laid out
	// as records.
	leastPath = 8
)

// Lines lays the table out in width columns (no limit when width <= 0)
// and returns its lines, without trailing spaces.
func (t *Table) Lines(width int, style Style) []string {
	widths, numeric := t.measure()
	if width > 0 {
		natural := slices.Clone(widths)
		wraps := t.fit(widths, numeric, width)
		// An elided path may come out narrower than its column: give what
		// is left over back to the wrapped column.
		for i := range widths {
			if !t.Paths[i] || widths[i] >= natural[i] {
				continue
			}
			used := 0
			for _, row := range t.Rows {
				if i < len(row) {
					used = max(used, Width(ElidePath(row[i], widths[i])))
				}
			}
			slack := widths[i] - used
			for _, w := range wraps {
				give := min(slack, natural[w]-widths[w])
				widths[w] += give
				slack -= give
			}
			widths[i] = used
		}
		// And a wrapped column needs no more than its longest row.
		for _, wrap := range wraps {
			if widths[wrap] >= natural[wrap] {
				continue
			}
			used := 0
			for _, row := range t.Rows {
				if wrap < len(row) {
					for _, r := range Wrap(row[wrap], widths[wrap]) {
						used = max(used, Width(r))
					}
				}
			}
			widths[wrap] = used
		}
	}
	if width > 0 && t.total(widths) > width && len(t.Rows) > 1 {
		return t.records(width, style)
	}
	var out []string
	var b strings.Builder
	for r, row := range t.Rows {
		cells := make([][]string, len(row))
		height := 1
		for i, c := range row {
			switch {
			case t.Paths[i]:
				cells[i] = []string{ElidePath(c, widths[i])}
			case r == 0 && Width(c) > widths[i]:
				cells[i] = Wrap(hyphenate(c, widths[i]), widths[i])
			case Width(c) > widths[i]:
				cells[i] = Wrap(c, widths[i])
			default:
				cells[i] = []string{c}
			}
			height = max(height, len(cells[i]))
		}
		for k := 0; k < height; k++ {
			b.Reset()
			for i := range row {
				shown := ""
				if k < len(cells[i]) {
					shown = cells[i][k]
				}
				pad := strings.Repeat(" ", max(0, widths[i]-Width(shown)))
				if style != nil && shown != "" {
					shown = style(r, i, row[i], shown)
				}
				if i > 0 {
					b.WriteString("  ")
				}
				switch {
				case numeric[i] && i > 0:
					b.WriteString(pad + shown)
				case i < len(row)-1:
					b.WriteString(shown + pad)
				default:
					b.WriteString(shown)
				}
			}
			out = append(out, strings.TrimRight(b.String(), " "))
		}
	}
	return out
}

// measure returns each column's natural width and whether it holds
// numbers only (below the header).
func (t *Table) measure() ([]int, []bool) {
	var widths []int
	var numeric []bool
	for r, row := range t.Rows {
		for i, c := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
				numeric = append(numeric, true)
			}
			widths[i] = max(widths[i], Width(c))
			if r > 0 && c != "" && !IsNumber(c) {
				numeric[i] = false
			}
		}
	}
	return widths, numeric
}

// fit narrows widths so that the table fits in width, in stages (see
// easyWrap); a table that still does not fit is left wider.
func (t *Table) fit(widths []int, numeric []bool, width int) (wraps []int) {
	total := 2 * max(0, len(widths)-1)
	for _, w := range widths {
		total += w
	}
	over := total - width
	natural := slices.Clone(widths)
	for _, w := range t.Wrap {
		if w >= 0 && w < len(widths) {
			wraps = append(wraps, w)
		}
	}
	if t.Wrap == nil {
		wrap := -1
		for i, w := range widths {
			if !numeric[i] && !t.Paths[i] && (wrap < 0 || w > widths[wrap]) {
				wrap = i
			}
		}
		if wrap >= 0 {
			wraps = []int{wrap}
		}
	}
	if over <= 0 {
		return wraps
	}
	shrink := func(floor int) {
		for _, col := range wraps {
			if over <= 0 || widths[col] <= floor {
				continue
			}
			cut := min(over, widths[col]-floor)
			widths[col] -= cut
			over -= cut
		}
	}
	shrinkPaths := func(floor int) {
		// One column at a time, the widest first, so the paths share what
		// is cut.
		for over > 0 {
			widest := -1
			for i, w := range widths {
				if t.Paths[i] && w > floor && (widest < 0 || w > widths[widest]) {
					widest = i
				}
			}
			if widest < 0 {
				return
			}
			widths[widest]--
			over--
		}
	}
	// take narrows column i by n and marks it wrapped.
	take := func(i, n int) {
		widths[i] -= n
		over -= n
		if !slices.Contains(wraps, i) {
			wraps = append(wraps, i)
		}
	}
	// narrow takes the columns after the first (the row's name) down
	// toward floor, the one with most to give first, until the table fits.
	narrow := func(floor func(i int) int) {
		for over > 0 {
			best, slack := -1, 0
			for i := 1; i < len(widths); i++ {
				if s := widths[i] - floor(i); !t.Paths[i] && s > slack {
					best, slack = i, s
				}
			}
			if best < 0 {
				return
			}
			take(best, 1)
		}
	}
	// What each column's values need whole, and what its header needs
	// broken at its spaces, then hyphenated ("partic-" / "ipants").
	values, header, hyphened := make([]int, len(widths)), make([]int, len(widths)), make([]int, len(widths))
	for i := range widths {
		values[i] = t.valueWidth(i, numeric[i], Width)
		if len(t.Rows) > 0 && i < len(t.Rows[0]) {
			h := t.Rows[0][i]
			header[i] = wordFloor(h)
			hyphened[i] = header[i]
			if header[i] > minHeader+2 {
				hyphened[i] = max(minHeader, (header[i]+1)/2+1)
			}
		}
	}
	shrink(easyWrap)
	narrow(func(i int) int { return max(values[i], header[i]) })
	shrinkPaths(easyPath)
	// A header is hyphenated whole, into even parts, the one that gives
	// most first; what it gives beyond need goes back at the end.
	for over > 0 {
		best, most := -1, 0
		for i := 1; i < len(widths); i++ {
			if give := widths[i] - max(values[i], hyphened[i]); !t.Paths[i] && give > most {
				best, most = i, give
			}
		}
		if best < 0 {
			break
		}
		take(best, most)
	}
	shrink(minWrap)
	shrinkPaths(minPath)
	// A path shortened a little more still says more than a table broken
	// into records.
	shrinkPaths(leastPath)
	// Then the values wrap too, at spaces and between the parts of a word
	// ("living-" / "alone"), a number never: a column at a time, the one
	// whose narrowing wraps the fewest rows first, so that a few long
	// cells take two lines rather than every row.
	if over > 0 {
		// The lines a column's values take at a width, counted over its
		// distinct values in the first rows (enough to choose well, and
		// bounded however long the table).
		const sample = 1000
		counts := make([]map[string]int, len(widths))
		for i := range widths {
			counts[i] = map[string]int{}
			for _, row := range t.Rows[1:min(len(t.Rows), sample+1)] {
				if i < len(row) {
					counts[i][row[i]]++
				}
			}
		}
		lines := func(i, w int) int {
			n := 0
			for v, k := range counts[i] {
				n += k * len(Wrap(v, w))
			}
			return n
		}
		wrapped := func(i, w int) int { return lines(i, w) - lines(i, w+1) }
		floors := make([]int, len(widths))
		for i := range widths {
			floors[i] = max(t.valueWidth(i, numeric[i], wordFloor), hyphened[i])
			if slices.Contains(t.Wrap, i) {
				// Free text narrower than this is no longer read as text.
				floors[i] = max(floors[i], minWrap)
			}
		}
		for over > 0 {
			best, cost := -1, 0
			for i := 1; i < len(widths); i++ {
				if t.Paths[i] || numeric[i] || widths[i] <= floors[i] {
					continue
				}
				if c := wrapped(i, widths[i]-1); best < 0 || c < cost {
					best, cost = i, c
				}
			}
			if best < 0 {
				break
			}
			take(best, 1)
		}
	}
	// Room left over goes back to the free text, then to the paths.
	for _, col := range wraps {
		if over < 0 && !numeric[col] && !t.Paths[col] {
			give := min(-over, natural[col]-widths[col])
			widths[col] += give
			over += give
		}
	}
	for i := range widths {
		if over < 0 && t.Paths[i] {
			give := min(-over, natural[i]-widths[i])
			widths[i] += give
			over += give
		}
	}
	return wraps
}

// minHeader is the narrowest a hyphenated header is made ("inte-" says
// less than nothing); a word of up to two more is never hyphenated.
const minHeader = 6

// valueWidth is the width column i's values need below the header, each
// measured by need (Width for whole, wordFloor for wrapped); a number is
// always whole.
func (t *Table) valueWidth(i int, numeric bool, need func(string) int) int {
	least := 0
	for _, row := range t.Rows[1:] {
		switch {
		case i >= len(row):
		case numeric:
			least = max(least, Width(row[i]))
		default:
			least = max(least, need(row[i]))
		}
	}
	return least
}

// hyphenate breaks the words of a header longer than width where
// wordBreak allows, or else into even parts ended with a hyphen, so that
// Wrap need not cut them bare.
func hyphenate(header string, width int) string {
	if width < 2 {
		return header
	}
	var out []string
	for _, w := range strings.Fields(header) {
		for Width(w) > width {
			if cut := breakAt(w, width); wordBreak(w, cut-1) {
				out, w = append(out, w[:cut]), w[cut:]
				continue
			}
			n := Width(w)
			parts := (n + width - 2) / (width - 1)
			cut := cutAt(w, min((n+parts-1)/parts, width-1))
			out, w = append(out, w[:cut]+"-"), w[cut:]
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// wordFloor is the width of the longest piece of s between spaces and
// the places wordBreak allows.
func wordFloor(s string) int {
	least := 0
	for _, w := range strings.Fields(s) {
		start := 0
		for k := range len(w) {
			if wordBreak(w, k) {
				least = max(least, Width(w[start:k+1]))
				start = k + 1
			}
		}
		least = max(least, Width(w[start:]))
	}
	return least
}

// IsNumber reports whether a cell reads as a number (a percentage, "-"
// and "n/a" included), to be aligned right.
func IsNumber(s string) bool {
	s = strings.TrimSuffix(s, "%")
	_, err := strconv.ParseFloat(s, 64)
	return err == nil || s == "-" || s == "n/a"
}

// total is the width of the table laid out in widths.
func (t *Table) total(widths []int) int {
	total := 2 * max(0, len(widths)-1)
	for _, w := range widths {
		total += w
	}
	return total
}

// records lays out a table too wide for width as one record per row, as
// psql's expanded mode does: the row's first cell on a line of its own,
// then each other column as "header  value", the value wrapped under
// itself. Nothing is cut, and every line fits.
func (t *Table) records(width int, style Style) []string {
	header := t.Rows[0]
	label := 0
	for _, h := range header[1:] {
		label = max(label, Width(h))
	}
	var out []string
	for r, row := range t.Rows[1:] {
		r++
		if r > 1 {
			out = append(out, "")
		}
		for i, c := range row {
			if i == 0 {
				shown := ElidePath(c, width)
				if !t.Paths[0] {
					shown = Clip(c, width)
				}
				if style != nil && shown != "" {
					shown = style(r, 0, c, shown)
				}
				out = append(out, shown)
				continue
			}
			if c == "" {
				continue
			}
			name := ""
			if i < len(header) {
				name = header[i]
			}
			prefix := "  " + Pad(name, label) + "  "
			// Each line is the part before the value, then the value's part.
			var lines [][2]string
			switch room := width - Width(prefix); {
			case t.Paths[i]:
				lines = [][2]string{{prefix, ElidePath(c, room)}}
			case room >= minWrap || Width(c) <= room:
				indent := strings.Repeat(" ", len(prefix))
				for k, r := range Wrap(c, room) {
					lines = append(lines, [2]string{indent, r})
					if k == 0 {
						lines[0][0] = prefix
					}
				}
			default:
				// Too little room beside the header: the value goes under it.
				lines = [][2]string{{strings.TrimRight(prefix, " "), ""}}
				for _, r := range Wrap(c, width-4) {
					lines = append(lines, [2]string{"    ", r})
				}
			}
			for _, l := range lines {
				if style != nil && l[1] != "" {
					l[1] = style(r, i, c, l[1])
				}
				out = append(out, strings.TrimRight(l[0]+l[1], " "))
			}
		}
	}
	return out
}
