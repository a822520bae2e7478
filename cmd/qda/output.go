package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/qdatool/qda/internal/layout"
)

// printJSON writes v indented, with stable field names (the structs' tags).
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printLines writes each item on a line of its own, as format says
// ("  %s\n"), through one buffer: a rename of a top-level code or a fix
// at 10,000 participants lists tens of thousands of files or changes,
// and a write each was a system call each. A write error is not
// returned, as with a print: the change is made whatever stdout does.
func printLines(w io.Writer, format string, items []string) {
	out := bufio.NewWriter(w)
	for _, it := range items {
		fmt.Fprintf(out, format, it)
	}
	out.Flush()
}

// table prints aligned columns, text left and numbers right, fitted to
// the terminal's width (internal/layout does the fitting; see termWidth
// for the width). It is written here because text/tabwriter aligns every
// column the same way and the table libraries bring borders and styling
// qda does not want.
type table struct {
	w     io.Writer
	width int
	t     layout.Table
	style layout.Style
	codes []string // each row's code path, for its colour; "" for none
}

func newTable(w io.Writer, header ...string) *table {
	t := &table{w: w, width: termWidth(w), t: layout.Table{Paths: map[int]bool{}}}
	if len(header) > 0 {
		t.row(header...)
	}
	return t
}

func (t *table) row(cells ...string) { t.codeRow("", cells...) }

// codeRow adds a row about the code at path, whose first cell (its name,
// say) is shown in the code's colour on a terminal.
func (t *table) codeRow(path string, cells ...string) {
	t.t.Rows = append(t.t.Rows, cells)
	t.codes = append(t.codes, path)
}

// paths marks columns of code paths, shortened in the middle rather than
// wrapped when the table is too wide.
func (t *table) paths(cols ...int) *table {
	for _, c := range cols {
		t.t.Paths[c] = true
	}
	return t
}

// wrap names the free-text columns to wrap when the table is too wide,
// the one to narrow first first.
func (t *table) wrap(cols ...int) *table {
	t.t.Wrap = cols
	return t
}

func (t *table) flush() error {
	for _, l := range t.t.Lines(t.width, t.style) {
		if _, err := fmt.Fprintln(t.w, l); err != nil {
			return err
		}
	}
	t.t.Rows, t.codes = nil, nil
	return nil
}

// isTerminal reports whether w is a terminal that may get colour: never
// with NO_COLOR set.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && os.Getenv("NO_COLOR") == "" && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// sortByCount orders names by their count, most first, then by name.
func sortByCount(names []string, count map[string]int) {
	slices.SortFunc(names, func(a, b string) int {
		if count[a] != count[b] {
			return count[b] - count[a]
		}
		return strings.Compare(a, b)
	})
}
