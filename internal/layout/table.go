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
// neither numbers nor a path) and by eliding the middle of the code paths
// in the Paths columns; other columns keep their width. A table that
// cannot be fitted that way is printed as wide as it must be.
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
	var out []string
	var b strings.Builder
	for r, row := range t.Rows {
		cells := make([][]string, len(row))
		height := 1
		for i, c := range row {
			switch {
			case t.Paths[i]:
				cells[i] = []string{ElidePath(c, widths[i])}
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
	shrink(easyWrap)
	shrinkPaths(easyPath)
	shrink(minWrap)
	shrinkPaths(minPath)
	return wraps
}

// IsNumber reports whether a cell reads as a number (a percentage, "-"
// and "n/a" included), to be aligned right.
func IsNumber(s string) bool {
	s = strings.TrimSuffix(s, "%")
	_, err := strconv.ParseFloat(s, 64)
	return err == nil || s == "-" || s == "n/a"
}
