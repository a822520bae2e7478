package figure

import "fmt"

// widths are the widths a figure is drawn at, by name.
var widths = map[string]float64{"column": Column, "page": Page}

// Width is the width named name, "column" or "page"; ok is false for any
// other name.
func Width(name string) (w float64, ok bool) {
	w, ok = widths[name]
	return w, ok
}

// WidthName says a width for a reader: a column, or the page's width.
func WidthName(width float64) string {
	if width == Page {
		return "the page's width (7 in)"
	}
	return "a column (3.5 in)"
}

// Fit is how a figure sits in the place it is drawn for: a journal scales
// a figure wider than its place down, and its labels with it.
type Fit struct {
	// Shrink is the share the figure's text shrinks to in its place,
	// below 1 when it is wider than the place (by more than a point).
	Shrink float64
	// Tall is whether it is taller than a page of text.
	Tall bool
}

// Wide is whether the figure is scaled down to fit its place.
func (f Fit) Wide() bool { return f.Shrink < 1 }

// Fit is how f sits in width.
func (f *Figure) Fit(width float64) Fit {
	fit := Fit{Shrink: 1, Tall: f.H > PageHeight+1}
	if f.W > width+1 {
		fit.Shrink = width / f.W
	}
	return fit
}

// What a figure has too many of, in a TooLarge.
const (
	Rows   = "rows"
	Cols   = "columns"
	Series = "series"
)

// TooLarge is a figure of more rows, columns or series than a reader
// takes in.
type TooLarge struct {
	What   string // Rows, Cols or Series
	N, Max int
}

func (e *TooLarge) Error() string {
	return fmt.Sprintf("a figure of %d %s is not read in a paper (at most %d)", e.N, e.What, e.Max)
}

// CheckSize refuses a figure of more than MaxRows rows or MaxCols columns,
// or more series than OkabeIto's colours tell apart (past them colours
// would repeat, and two series read as one); a count not known yet is 0.
func CheckSize(rows, cols, series int) error {
	switch {
	case rows > MaxRows:
		return &TooLarge{What: Rows, N: rows, Max: MaxRows}
	case cols > MaxCols:
		return &TooLarge{What: Cols, N: cols, Max: MaxCols}
	case series > len(OkabeIto):
		return &TooLarge{What: Series, N: series, Max: len(OkabeIto)}
	}
	return nil
}
