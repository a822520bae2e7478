package export

import (
	"fmt"
	"io"
)

// Table is the matrix as a table: the key and attribute columns, a column
// per code (headed by its path, or its label when labels is set), the row
// total, and a last row of column totals. With sums, each cell holds the
// participant's summary of that code instead of a number, and there are
// no totals.
func (m *Matrix) Table(labels bool, sums Summaries) *Table {
	return m.table(labels, sums, m.AttrNames)
}

// CountTable is Table of the counts by path without the rows' attribute
// columns: the key, a column per code, the total, and the totals row. The
// assistant's matrix tool gives this shape, as a row's attributes are its
// overview tool's and would repeat on every row of every page.
func (m *Matrix) CountTable() *Table { return m.table(false, nil, nil) }

// table is Table with attrNames as the attribute columns (m.AttrNames, or
// none).
func (m *Matrix) table(labels bool, sums Summaries, attrNames []string) *Table {
	t := &Table{Title: fmt.Sprintf("%s by %s", m.Measure, m.RowsBy)}
	if sums != nil {
		t.Title = "summaries by " + m.RowsBy
	}
	t.Header = append([]string{m.RowsBy}, attrNames...)
	for _, c := range m.Columns {
		if labels {
			t.Header = append(t.Header, c.DisplayLabel())
		} else {
			t.Header = append(t.Header, c.Path)
		}
	}
	if sums == nil {
		t.Header = append(t.Header, "total")
	}
	for _, r := range m.Rows {
		row := []Cell{Text(r.Key)}
		if attrNames != nil {
			row = append(row, AutoRow(r.Attrs...)...)
		}
		for j, v := range r.Values {
			if sums != nil {
				row = append(row, Text(sums.Get(r.Participant, m.Columns[j].Path)))
			} else {
				row = append(row, Int(v))
			}
		}
		if sums == nil {
			row = append(row, Int(r.Total))
		}
		t.Row(row...)
	}
	if sums == nil {
		row := append([]Cell{Text("total")}, TextRow(make([]string, len(attrNames))...)...)
		for _, v := range m.Totals {
			row = append(row, Int(v))
		}
		t.Row(append(row, Int(m.Total))...)
	}
	if labels {
		for _, c := range m.Columns {
			t.Notes = append(t.Notes, fmt.Sprintf("- %s: `%s`", c.DisplayLabel(), c.Path))
		}
	}
	return t
}

// matrixJSON is the documented JSON shape of a matrix.
type matrixJSON struct {
	RowsBy  string          `json:"rows_by"`
	Measure string          `json:"measure"`
	Depth   int             `json:"depth"`
	Columns []string        `json:"columns"`
	Rows    []matrixRowJSON `json:"rows"`
	Totals  orderedObject   `json:"totals"`
}

type matrixRowJSON struct {
	Key        string            `json:"key"`
	Attributes map[string]string `json:"attributes"`
	Values     orderedObject     `json:"values"`
	Total      int               `json:"total"`
	Summaries  map[string]string `json:"summaries,omitempty"`
}

// WriteJSON writes the matrix in its documented shape; values and totals
// keep the column order. With sums, each row gains the summaries of its
// participant's cells.
func (m *Matrix) WriteJSON(w io.Writer, sums Summaries) error {
	out := matrixJSON{RowsBy: m.RowsBy, Measure: m.Measure, Depth: m.Depth, Rows: []matrixRowJSON{}, Columns: []string{}}
	for _, c := range m.Columns {
		out.Columns = append(out.Columns, c.Path)
	}
	values := func(vs []int) orderedObject {
		o := orderedObject{keys: out.Columns, vals: make([]any, len(vs))}
		for i, v := range vs {
			o.vals[i] = v
		}
		return o
	}
	for _, r := range m.Rows {
		row := matrixRowJSON{Key: r.Key, Attributes: map[string]string{}, Values: values(r.Values), Total: r.Total}
		for i, n := range m.AttrNames {
			row.Attributes[n] = r.Attrs[i]
		}
		if sums != nil {
			for _, c := range m.Columns {
				if s := sums.Get(r.Participant, c.Path); s != "" {
					if row.Summaries == nil {
						row.Summaries = map[string]string{}
					}
					row.Summaries[c.Path] = s
				}
			}
		}
		out.Rows = append(out.Rows, row)
	}
	out.Totals = values(m.Totals)
	return writeJSON(w, out)
}
