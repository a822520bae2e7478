package export

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// The columns of a matrix-shaped sheet: the row's key (frozen, with the
// two header rows), the codes, the total (on Matrix), then the row's
// attributes, so the codes are on screen first.

// gridHeader writes the two header rows of a matrix-shaped sheet: labels
// above, in each code's colour, then the key, the code paths and the
// attribute names, which carry the filter buttons. Column widths are
// fitted to the content, codes to codeWidth when it is set.
func (w *workbook) gridHeader(sh *Sheet, codeWidth float64, total bool) error {
	m := w.matrix
	top := fmt.Sprintf("%s by %s", m.Measure, m.RowsBy)
	switch {
	case sh.Name == SheetMatrix && w.opt.InCells:
		top = "summaries by " + m.RowsBy
	case sh.Name != SheetMatrix:
		top = strings.ToLower(sh.Name) + " by " + m.RowsBy
	}
	sh.Title = sh.Name + ": " + top
	// Widths: the key column fits the keys, each code its path and the
	// longest word of its label, each attribute its name and values.
	// Header text is bold, a tenth wider.
	keyW := max(utf8.RuneCountInString(m.RowsBy), longestWord(top)) * 11 / 10
	for _, r := range m.Rows {
		keyW = max(keyW, utf8.RuneCountInString(r.Key))
	}
	if err := sh.Width(1, 1, fitWidth(keyW+1, 10, 24)); err != nil {
		return err
	}
	col := 2
	for _, c := range m.Columns {
		wd := codeWidth
		if wd == 0 {
			// A label wraps over at most three lines or so; a path (bold, as
			// the header is) over one.
			label := c.DisplayLabel()
			wd = fitWidth(max(utf8.RuneCountInString(c.Path)*11/10+1, longestWord(label)*11/10+1, (utf8.RuneCountInString(label)+2)/3, 4), 9, 24)
		}
		if err := sh.Width(col, col, wd); err != nil {
			return err
		}
		col++
	}
	if total {
		if err := sh.Width(col, col, 8); err != nil {
			return err
		}
		col++
	}
	for i, a := range m.AttrNames {
		n := utf8.RuneCountInString(a)*11/10 + 1
		for _, r := range m.Rows {
			n = max(n, utf8.RuneCountInString(r.Attrs[i]))
		}
		if err := sh.Width(col, col, fitWidth(n, 6, 30)); err != nil {
			return err
		}
		col++
	}
	if err := sh.Freeze(1, 2); err != nil {
		return err
	}
	sh.PrintTitles(2, 1)
	first := []Cell{Text(top)}
	second := []Cell{Text(m.RowsBy)}
	for i, c := range m.Columns {
		style, err := w.codeHeader(CodeColor(c, i))
		if err != nil {
			return err
		}
		label := Text(c.DisplayLabel())
		label.style = style
		first = append(first, label)
		second = append(second, Text(c.Path))
	}
	if total {
		first = append(first, Text("Total"))
		second = append(second, Text("total"))
	}
	for _, a := range m.AttrNames {
		first = append(first, Text(""))
		second = append(second, Text(a))
	}
	if err := sh.Row(Header, first...); err != nil {
		return err
	}
	return sh.Row(Header, second...)
}

func (w *workbook) matrixSheet() error {
	m := w.matrix
	sh := w.sheets[SheetMatrix]
	if w.opt.InCells {
		return w.gridSheetOn(sh, func(i int) ([]pieceSource, error) {
			out := make([]string, len(m.Columns))
			for j, c := range m.Columns {
				out[j] = w.opt.Summaries.Get(m.Rows[i].Participant, c.Path)
			}
			return textCells(out), nil
		})
	}
	if err := w.gridHeader(sh, 0, true); err != nil {
		return err
	}
	for _, r := range m.Rows {
		row := []Cell{Text(r.Key)}
		for _, v := range r.Values {
			row = append(row, Int(v))
		}
		row = append(row, Int(r.Total))
		attrs := AutoRow(r.Attrs...)
		if len(attrs) > 0 {
			attrs[0].style = w.styles.apart
		}
		if err := sh.Row(Plain, append(row, attrs...)...); err != nil {
			return err
		}
	}
	last := sh.Rows()
	total := []Cell{Text("total")}
	for _, v := range m.Totals {
		total = append(total, Int(v))
	}
	if err := sh.Row(Total, append(total, Int(m.Total))...); err != nil {
		return err
	}
	if err := sh.AutoFilter(2, last, 1+len(m.Columns)+1+len(m.AttrNames)); err != nil {
		return err
	}
	return sh.ColorScale(2, 3, 1+len(m.Columns), last)
}

// gridSheet writes a sheet shaped like the matrix whose cells are text:
// the passages behind each cell, or the summaries.
func (w *workbook) gridSheet(name string, cells func(row int) ([]pieceSource, error)) error {
	return w.gridSheetOn(w.sheets[name], cells)
}

// textCells gives a row's cells whole, one piece each.
func textCells(texts []string) []pieceSource {
	out := make([]pieceSource, len(texts))
	for j, t := range texts {
		out[j] = &textSource{text: t}
	}
	return out
}

func (w *workbook) gridSheetOn(sh *Sheet, cells func(row int) ([]pieceSource, error)) error {
	m := w.matrix
	if err := w.gridHeader(sh, 60, false); err != nil {
		return err
	}
	for i, r := range m.Rows {
		srcs, err := cells(i)
		if err != nil {
			return err
		}
		// A row whose passages are taller than a row can be is written as
		// several rows of the same key and attributes, split between
		// passages: a capped row hides the rest on screen and prints over
		// the next row. The parts are made as the rows are written.
		parts := make([]*partSplitter, len(srcs))
		for j, src := range srcs {
			parts[j] = newPartSplitter(src, sh.widths[j+2], maxRowLines)
		}
		for k := 0; ; k++ {
			row := []Cell{Text(r.Key)}
			more := false
			for j, p := range parts {
				t, ok, err := p.next()
				if err != nil {
					return err
				}
				more = more || ok
				head, err := w.cut(sh, j+2, t)
				if err != nil {
					return err
				}
				row = append(row, Text(head))
			}
			if !more && k > 0 {
				break
			}
			if err := sh.Row(Wrap, append(row, AutoRow(r.Attrs...)...)...); err != nil {
				return err
			}
		}
	}
	return sh.AutoFilter(2, sh.Rows(), 1+len(m.Columns)+len(m.AttrNames))
}

// maxRowLines is the lines of text a row of MaxRowHeight shows.
var maxRowLines = int(math.Floor((MaxRowHeight - 3) / LineHeight))

// splitPassages splits a cell's passages (separated by blank lines) into
// parts of at most lines lines in a column width wide, each part whole
// passages; a passage taller than that alone is split between its turns,
// (its first line, the reference, kept with the first), and a turn taller
// still is a part of its own, shown to the row's cap. The sheets make the
// parts one at a time (partSplitter).
func splitPassages(text string, width float64, lines int) []string {
	s := newPartSplitter(&textSource{text: text}, width, lines)
	var parts []string
	for {
		p, ok, _ := s.next() // a text in memory gives no error
		if !ok {
			return parts
		}
		parts = append(parts, p)
	}
}
