package main

import (
	"io"
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/internal/layout"
)

// codeColours returns a code path's colour (see codebook.Colours).
func codeColours(cb *codebook.Codebook) func(path string) string { return codebook.Colours(cb) }

// marginStyle colours show's margin on a terminal without NO_COLOR: the
// line numbers faint, each code in its colour.
func marginStyle(w io.Writer, cb *codebook.Codebook) layout.MarginStyle {
	if !isTerminal(w) {
		return layout.MarginStyle{}
	}
	colour := codeColours(cb)
	return layout.MarginStyle{
		Num:  layout.Dim,
		Code: func(code, shown string) string { return layout.Colour(colour(code), shown) },
	}
}

// colourCodes shows codes in their colours on a terminal without
// NO_COLOR: the first cell of a codeRow, and the cells of path columns.
func (t *table) colourCodes(cb *codebook.Codebook) *table {
	if !isTerminal(t.w) || cb == nil {
		return t
	}
	colour := codeColours(cb)
	t.style = func(row, col int, full, shown string) string {
		switch {
		case row == 0:
			return shown
		case col == 0 && row < len(t.codes) && t.codes[row] != "":
			return layout.Colour(colour(t.codes[row]), shown)
		case t.t.Paths[col]:
			return layout.Colour(colour(strings.TrimSpace(full)), shown)
		}
		return shown
	}
	return t
}
