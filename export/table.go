package export

import (
	"slices"
	"strconv"
	"strings"
)

// Cell is one value of a table: text, or a number that every writer keeps
// a number (xlsx stores it as one, so a reader can sum it).
type Cell struct {
	Text  string
	Num   float64
	IsNum bool
	// Decimals is how many decimals a number shows in text formats.
	Decimals int
	// Missing marks a number that does not exist, such as a percentage
	// of nothing: empty in text formats and workbooks, null in JSON, so
	// a JSON column of numbers holds no strings.
	Missing bool
	// style, when set, is the cell's style in a workbook in place of its
	// row's.
	style int
}

// Text is a text cell.
func Text(s string) Cell { return Cell{Text: s} }

// Int is a whole number cell.
func Int(n int) Cell { return Cell{Num: float64(n), IsNum: true} }

// NoNumber is an empty cell in a column of numbers (see Cell.Missing).
func NoNumber() Cell { return Cell{Missing: true} }

// Percent is a percentage with one decimal, as a number (12.5 for 12.5%).
func Percent(n, of int) Cell {
	if of == 0 {
		return NoNumber()
	}
	return Cell{Num: float64(int64(1000*float64(n)/float64(of)+0.5)) / 10, IsNum: true, Decimals: 1}
}

// Auto is a number cell when s is written as a plain number (no sign but
// "-", no leading zero, no exponent: "72", "4.5"), so a spreadsheet can
// sort and sum attributes such as scores; otherwise text, so ids such as
// "007" keep their zeros. Text formats print s as it was.
func Auto(s string) Cell {
	if !plainNumber(s) {
		return Text(s)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return Text(s)
	}
	return Cell{Text: s, Num: f, IsNum: true}
}

func plainNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" || len(s) > 15 {
		return false
	}
	intPart, frac, dot := strings.Cut(s, ".")
	if intPart == "" || (len(intPart) > 1 && intPart[0] == '0') || (dot && frac == "") {
		return false
	}
	for _, r := range intPart + frac {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// AutoRow makes a row of Auto cells.
func AutoRow(s ...string) []Cell {
	row := make([]Cell, len(s))
	for i, v := range s {
		row[i] = Auto(v)
	}
	return row
}

// String is the cell as text formats print it.
func (c Cell) String() string {
	if !c.IsNum || c.Text != "" {
		return c.Text
	}
	return strconv.FormatFloat(c.Num, 'f', c.Decimals, 64)
}

// Table is a report table: a title, a header and rows. The large sheets
// of the workbook stream instead of building one; a table of a row per
// passage (excerpts) makes its rows as they are written, through Each.
type Table struct {
	Title  string
	Header []string
	Rows   [][]Cell
	// Each, when set, makes the rows after Rows, one at a time, each
	// given to yield; it may be called more than once (Markdown reads
	// the rows twice). A row is yield's only while it runs.
	Each func(yield func(row []Cell) error) error
	// Notes are lines said under the table (markdown) or beside it (About).
	Notes []string
}

// eachRow calls fn with every row: Rows, then those Each makes.
func (t *Table) eachRow(fn func(row []Cell) error) error {
	for _, r := range t.Rows {
		if err := fn(r); err != nil {
			return err
		}
	}
	if t.Each == nil {
		return nil
	}
	return t.Each(fn)
}

// Row appends a row.
func (t *Table) Row(cells ...Cell) { t.Rows = append(t.Rows, cells) }

// TextRow makes a row of text cells.
func TextRow(s ...string) []Cell {
	row := make([]Cell, len(s))
	for i, v := range s {
		row[i] = Text(v)
	}
	return row
}

func joinNames(names []string) string { return strings.Join(names, ", ") }

func itoa(n int) string { return strconv.Itoa(n) }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
