package main

import (
	"fmt"
	"strings"

	"github.com/rivo/uniseg"
)

// marginPrinter lays a transcript out in three columns: line number,
// text wrapped to fit, and the margin of codes.
type marginPrinter struct {
	numWidth, textWidth, marginWidth int
	colour                           bool
}

func newMarginPrinter(width, numWidth int, colour bool) *marginPrinter {
	numWidth = max(numWidth, 3)
	rest := max(width-numWidth-2-3, 40)
	text := rest * 3 / 5
	return &marginPrinter{numWidth: numWidth, textWidth: text, marginWidth: rest - text, colour: colour}
}

func (p *marginPrinter) line(b *strings.Builder, n int, text string, notes []string) {
	rows := wrap(text, p.textWidth)
	var margin []string
	for _, note := range notes {
		margin = append(margin, wrap(note, p.marginWidth)...)
	}
	for i := 0; i < max(len(rows), len(margin)); i++ {
		num := ""
		if i == 0 {
			num = fmt.Sprint(n)
		}
		row := ""
		if i < len(rows) {
			row = rows[i]
		}
		num = fmt.Sprintf("%*s", p.numWidth, num)
		if p.colour {
			num = "\x1b[2m" + num + "\x1b[0m"
		}
		if i >= len(margin) {
			b.WriteString(strings.TrimRight(num+"  "+row, " ") + "\n")
			continue
		}
		b.WriteString(num + "  ")
		b.WriteString(row + strings.Repeat(" ", max(0, p.textWidth-uniseg.StringWidth(row))))
		note := margin[i]
		if p.colour {
			note = "\x1b[36m" + note + "\x1b[0m"
		}
		b.WriteString(" │ " + note + "\n")
	}
}

// wrap breaks s into rows of at most width columns at spaces; a word
// longer than a row is cut.
func wrap(s string, width int) []string {
	if s == "" {
		return []string{""}
	}
	var rows []string
	row := ""
	for _, word := range strings.Fields(s) {
		for uniseg.StringWidth(word) > width {
			if row != "" {
				rows, row = append(rows, row), ""
			}
			cut := cutWidth(word, width)
			rows, word = append(rows, word[:cut]), word[cut:]
		}
		switch {
		case row == "":
			row = word
		case uniseg.StringWidth(row)+1+uniseg.StringWidth(word) <= width:
			row += " " + word
		default:
			rows, row = append(rows, row), word
		}
	}
	return append(rows, row)
}

// cutWidth returns the byte offset where s fills width columns, after
// the last '/' that fits if there is one, so a code path breaks between
// its names.
func cutWidth(s string, width int) int {
	w, i, slash := 0, 0, 0
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		if w+g.Width() > width {
			break
		}
		w += g.Width()
		_, i = g.Positions()
		if g.Str() == "/" {
			slash = i
		}
	}
	if slash > 0 {
		return slash
	}
	return max(i, 1)
}
