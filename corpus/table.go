package corpus

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/qdatool/qda/internal/diag"
	"github.com/qdatool/qda/internal/lazyre"
)

var typeErrLineRE = lazyre.New(`^line \d+: (.*)$`)

// Table is participants.csv or transcripts.csv: an id column first, then
// attribute columns, one row per participant or transcript.
type Table struct {
	File   string
	Header []string
	Rows   []Row
	index  map[string]int
}

// Row is one record; Values line up with the table's Header.
type Row struct {
	ID     string
	Values []string
	Line   int // line in the CSV file, for findings
}

// Lookup returns the row with id, if any.
func (t *Table) Lookup(id string) (Row, bool) {
	i, ok := t.index[id]
	if !ok {
		return Row{}, false
	}
	return t.Rows[i], true
}

// Col returns the index of column name, or -1.
func (t *Table) Col(name string) int {
	for i, h := range t.Header {
		if h == name {
			return i
		}
	}
	return -1
}

// Get returns the value of column name in r ("" when absent).
func (t *Table) Get(r Row, name string) string {
	if i := t.Col(name); i >= 0 && i < len(r.Values) {
		return r.Values[i]
	}
	return ""
}

// ReadTable reads a CSV whose first columns are wantCols (e.g. "id",
// "participant"). Rows with problems are reported and left out; the table
// holds the rest, so one bad row does not hide the others. A missing file
// is an empty table.
func ReadTable(root, file string, wantCols ...string) (*Table, diag.List) {
	t := &Table{File: file, Header: wantCols, index: map[string]int{}}
	// Through an os.Root, as every file of the study: a table linked to a
	// file elsewhere is refused, not read.
	r, err := os.OpenRoot(root)
	if err != nil {
		return t, diag.List{diag.Errorf(file, 0, "%v", err)}
	}
	defer r.Close()
	f, err := openIn(r, file, file, wantFile)
	if errors.Is(err, fs.ErrNotExist) {
		return t, nil
	}
	if err != nil {
		return t, diag.List{diag.As(file, err)}
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > MaxFileSize {
		return t, diag.List{tooLarge(file)}
	}
	return parseTable(t, f, wantCols)
}

// ParseTable reads a table from r, as ReadTable does from a file.
func ParseTable(file string, r io.Reader, wantCols ...string) (*Table, diag.List) {
	return parseTable(&Table{File: file, Header: wantCols, index: map[string]int{}}, r, wantCols)
}

func parseTable(t *Table, r io.Reader, wantCols []string) (*Table, diag.List) {
	file := t.File
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	var findings diag.List
	header, err := cr.Read()
	if err == io.EOF {
		return t, nil
	}
	if err != nil {
		return t, diag.List{csvError(file, err)}
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	for i, want := range wantCols {
		if i >= len(header) || header[i] != want {
			return t, diag.List{diag.Errorf(file, 1, "the header must start with %s", strings.Join(wantCols, ",")).
				WithHint("the first columns are %s, then any attributes", strings.Join(wantCols, ", "))}
		}
	}
	// Exports would turn bytes that are not text into U+FFFD, and a NUL
	// into a broken cell, without a word: say where they are instead.
	if bad := badText(header); bad >= 0 {
		findings = append(findings, notText(file, 1, header[bad]))
	}
	seenCol := map[string]bool{}
	for _, h := range header {
		if h == "" {
			findings = append(findings, diag.Errorf(file, 1, "a column has no name").WithHint("name every column in the header"))
		} else if seenCol[h] {
			findings = append(findings, diag.Errorf(file, 1, "column %q appears twice", h))
		}
		seenCol[h] = true
	}
	t.Header = header
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			findings = append(findings, csvError(file, err))
			break
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(header) {
			findings = append(findings, diag.Errorf(file, line, "row has %d fields but the header has %d", len(rec), len(header)).
				WithHint("quote values that hold commas"))
			continue
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if bad := badText(rec); bad >= 0 {
			col := ""
			if bad < len(header) {
				col = header[bad]
			}
			findings = append(findings, notText(file, line, col))
		}
		id := rec[0]
		switch {
		case id == "":
			findings = append(findings, diag.Errorf(file, line, "row has no id"))
			continue
		case !ValidName(id):
			findings = append(findings, diag.Errorf(file, line, "id %q is not a valid id", id).
				WithHint("use lowercase letters, digits, '-' and '_', e.g. %q", Slug(id)))
			continue
		}
		if prev, dup := t.index[id]; dup {
			findings = append(findings, diag.Errorf(file, line, "duplicate id %q (first on line %d)", id, t.Rows[prev].Line).
				WithHint("give each row its own id"))
			continue
		}
		t.index[id] = len(t.Rows)
		t.Rows = append(t.Rows, Row{ID: id, Values: rec, Line: line})
	}
	return t, findings
}

// badText returns the index of the first cell that is not UTF-8 text or
// holds a NUL byte, or -1.
func badText(cells []string) int {
	for i, c := range cells {
		if !utf8.ValidString(c) || strings.IndexByte(c, 0) >= 0 {
			return i
		}
	}
	return -1
}

func notText(file string, line int, col string) *diag.Finding {
	return diag.Errorf(file, line, "column %q holds bytes that are not UTF-8 text (or a NUL byte)", col).
		WithHint("save the table as UTF-8 (Excel: CSV UTF-8), or retype the value")
}

func csvError(file string, err error) *diag.Finding {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return diag.Errorf(file, pe.Line, "CSV: %v", pe.Err)
	}
	return diag.Errorf(file, 0, "CSV: %v", err)
}

// Attributes returns the row's values by column name, id column excluded.
func (t *Table) Attributes(r Row) map[string]string {
	m := make(map[string]string, len(t.Header))
	for i, h := range t.Header {
		if i > 0 && i < len(r.Values) {
			m[h] = r.Values[i]
		}
	}
	return m
}

// String describes the table for error messages.
func (t *Table) String() string { return fmt.Sprintf("%s (%d rows)", t.File, len(t.Rows)) }

// Set sets column name of row id, adding the column (empty for every other
// row) or the row when they are new. It reports whether the value changed.
func (t *Table) Set(id, name, value string) bool {
	col := t.Col(name)
	if col < 0 {
		t.Header = append(t.Header, name)
		for i := range t.Rows {
			t.Rows[i].Values = append(t.Rows[i].Values, "")
		}
		col = len(t.Header) - 1
	}
	i, ok := t.index[id]
	if !ok {
		vals := make([]string, len(t.Header))
		vals[0] = id
		t.index[id] = len(t.Rows)
		t.Rows = append(t.Rows, Row{ID: id, Values: vals})
		i = len(t.Rows) - 1
	}
	r := &t.Rows[i]
	for len(r.Values) < len(t.Header) {
		r.Values = append(r.Values, "")
	}
	if r.Values[col] == value {
		return false
	}
	r.Values[col] = value
	return true
}

// Marshal writes the table as CSV: the header, then the rows in their
// order, quoting only where CSV needs it, LF line endings.
func (t *Table) Marshal() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(t.Header)
	for _, r := range t.Rows {
		vals := r.Values
		for len(vals) < len(t.Header) {
			vals = append(vals, "")
		}
		w.Write(vals[:len(t.Header)])
	}
	w.Flush()
	return b.Bytes()
}

// Clone copies the table, so a change can be prepared and dropped.
func (t *Table) Clone() *Table {
	c := &Table{File: t.File, Header: slices.Clone(t.Header), Rows: make([]Row, len(t.Rows)), index: make(map[string]int, len(t.index))}
	for i, r := range t.Rows {
		c.Rows[i] = Row{ID: r.ID, Values: slices.Clone(r.Values), Line: r.Line}
	}
	for k, v := range t.index {
		c.index[k] = v
	}
	return c
}
