package export

import (
	"fmt"
	"strings"
)

// gridHeader writes the two header rows of a matrix-shaped sheet: labels
// above, then the key and attribute names and the code paths, which carry
// the filter buttons.
func (w *workbook) gridHeader(sh *Sheet, codeWidth float64, total bool) error {
	m := w.matrix
	keys := 1 + len(m.AttrNames)
	if err := sh.Width(1, 1, 16); err != nil {
		return err
	}
	if err := sh.Width(2, keys, 12); err != nil {
		return err
	}
	if err := sh.Width(keys+1, keys+len(m.Columns), codeWidth); err != nil {
		return err
	}
	if err := sh.Freeze(keys, 2); err != nil {
		return err
	}
	top := make([]string, keys)
	top[0] = fmt.Sprintf("%s by %s", m.Measure, m.RowsBy)
	switch {
	case sh.Name == SheetMatrix && w.opt.InCells:
		top[0] = "summaries by " + m.RowsBy
	case sh.Name != SheetMatrix:
		top[0] = strings.ToLower(sh.Name) + " by " + m.RowsBy
	}
	second := append([]string{m.RowsBy}, m.AttrNames...)
	for _, c := range m.Columns {
		top = append(top, c.DisplayLabel())
		second = append(second, c.Path)
	}
	if total {
		top = append(top, "Total")
		second = append(second, "total")
	}
	if err := sh.Row(Header, TextRow(top...)...); err != nil {
		return err
	}
	return sh.Row(Header, TextRow(second...)...)
}

func (w *workbook) matrixSheet() error {
	m := w.matrix
	sh := w.sheets[SheetMatrix]
	if w.opt.InCells {
		return w.gridSheetOn(sh, func(i int) ([]string, error) {
			out := make([]string, len(m.Columns))
			for j, c := range m.Columns {
				out[j] = w.opt.Summaries.Get(m.Rows[i].Participant, c.Path)
			}
			return out, nil
		})
	}
	if err := w.gridHeader(sh, 14, true); err != nil {
		return err
	}
	keys := 1 + len(m.AttrNames)
	for _, r := range m.Rows {
		row := append([]Cell{Text(r.Key)}, AutoRow(r.Attrs...)...)
		for _, v := range r.Values {
			row = append(row, Int(v))
		}
		if err := sh.Row(Plain, append(row, Int(r.Total))...); err != nil {
			return err
		}
	}
	last := sh.Rows()
	total := append([]Cell{Text("total")}, TextRow(make([]string, len(m.AttrNames))...)...)
	for _, v := range m.Totals {
		total = append(total, Int(v))
	}
	if err := sh.Row(Total, append(total, Int(m.Total))...); err != nil {
		return err
	}
	if err := sh.AutoFilter(2, last, keys+len(m.Columns)+1); err != nil {
		return err
	}
	return sh.ColorScale(keys+1, 3, keys+len(m.Columns), last)
}

// gridSheet writes a sheet shaped like the matrix whose cells are text:
// the passages behind each cell, or the summaries.
func (w *workbook) gridSheet(name string, cells func(row int) ([]string, error)) error {
	return w.gridSheetOn(w.sheets[name], cells)
}

func (w *workbook) gridSheetOn(sh *Sheet, cells func(row int) ([]string, error)) error {
	m := w.matrix
	if err := w.gridHeader(sh, 60, false); err != nil {
		return err
	}
	keys := 1 + len(m.AttrNames)
	for i, r := range m.Rows {
		texts, err := cells(i)
		if err != nil {
			return err
		}
		row := append([]Cell{Text(r.Key)}, AutoRow(r.Attrs...)...)
		for j, t := range texts {
			head, err := w.cut(sh, keys+j+1, t)
			if err != nil {
				return err
			}
			row = append(row, Text(head))
		}
		if err := sh.Row(Wrap, row...); err != nil {
			return err
		}
	}
	return sh.AutoFilter(2, sh.Rows(), keys+len(m.Columns))
}
