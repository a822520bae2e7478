// Package figure lays out qda's figures (a heat map, grouped bars) once, in
// points, and writes them as SVG or as PNG at 300 dpi. The layout is
// measured with the metrics of Liberation Sans, the font gonum/plot
// bundles, so the SVG (its text as that font's outlines, or as text for a
// web page) and the PNG (drawn by gonum/plot's vgimg canvas with the same
// font) have the same shapes. It has no terminal and no network.
//
// SVG is written here rather than by gonum/plot's vgsvg because a figure
// for a paper must carry its numbers for a reader who cannot see the
// colours: every cell and bar is an element with a <title> holding its
// value, which a drawing canvas cannot add.
package figure

// Figure is a drawing: a size in points and the items drawn, in order.
type Figure struct {
	W, H  float64
	Title string // the figure's accessible name
	Desc  string
	Items []Item
}

// Kind is what an Item draws.
type Kind int

// The kinds of item.
const (
	Rect Kind = iota
	Text
	Line
)

// Anchor is where a text's point is: its start, middle or end.
type Anchor int

// The anchors of a text.
const (
	Start Anchor = iota
	Middle
	End
)

// Item is one shape of a figure. Coordinates are points from the top left.
type Item struct {
	Kind Kind
	// X, Y and W, H: a rectangle; a line from (X, Y) to (X+W, Y+H); for a
	// text, its anchor point on the baseline.
	X, Y, W, H float64
	Fill       string // "#rrggbb", "" for none
	Stroke     string
	Text       string
	Size       float64 // a text's size in points
	Anchor     Anchor
	Bold       bool
	Vertical   bool // text read bottom to top
	// Title is the item's tooltip and accessible text (a cell's value).
	Title string
	// Class and Data mark items for a reader of the SVG: "cell" with its
	// row and column, "bar" with its category and series.
	Class string
	Data  [2]int
}

// Format is a figure file's format.
type Format string

// The formats a figure is written in.
const (
	SVG Format = "svg"
	PNG Format = "png"
)

// DPI is the resolution of a PNG figure: what journals ask for of line art
// with text, and what a Word or LaTeX document places at the figure's size.
const DPI = 300

// Column and Page are the widths of a figure for one column of a two-column
// journal page and for the whole text width, in points (3.5 and 7 inches).
const (
	Column = 252.0
	Page   = 504.0
)

// MaxRows and MaxCols are the most rows and columns a figure is drawn
// with. A row is 12 points: about 45 fill a page, 100 are two pages of a
// supplement, and beyond that a figure is no longer read cell by cell (a
// heat map of 10,000 participants would be 40 metres long, and its PNG
// gigabytes); grouped rows, or the HTML report, show such a study.
const (
	MaxRows = 100
	MaxCols = 60
)

// PageHeight is the tallest figure that fits a journal's page of text
// (9 in), in points.
const PageHeight = 648.0
