package figure

import (
	"fmt"
	"math"
	"strconv"
)

// Blues are ColorBrewer's sequential Blues, lightest first: one hue that
// darkens with the count, which reads the same to the colour-blind and in
// greyscale. The report's stylesheet uses the same shades.
var Blues = []string{"#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"}

// OkabeIto is Okabe and Ito's palette for categories, safe for the common
// kinds of colour blindness, black left out.
var OkabeIto = []string{"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#999999"}

// Shade is the fill of v on a scale up to top: white for 0, else one of
// Blues, linear in v.
func Shade(v, top int) (fill, ink string) {
	if v <= 0 || top <= 0 {
		return "#ffffff", "#57606a"
	}
	step := min((v-1)*(len(Blues)-1)/max(top-1, 1), len(Blues)-1)
	// White counts on the darker half keep a contrast of 4.5:1.
	if step >= 5 {
		return Blues[step], "#ffffff"
	}
	return Blues[step], "#1b1f24"
}

// HeatmapData is a table of counts to draw as a heat map.
type HeatmapData struct {
	Title string
	Rows  []string
	Cols  []string
	// ColColours mark each column's header with its code's colour ("" for none).
	ColColours []string
	Values     [][]int
	// Noun names a count for the cells' titles: "3 references".
	Noun func(int) string
	// Width is the figure's width to aim for, in points (Column or Page).
	Width float64
	// Top, when set, is the top of the scale (larger counts get its
	// shade): a co-occurrence table's diagonal would wash the rest out.
	Top int
}

// Text sizes in points at the figure's own width. A figure 3.5 in wide is
// usually scaled down to a journal's column (84-90 mm; LaTeX's article
// class has 3.2 in): 8 and 7 points stay at 6.4 points or more there, the
// smallest that journals' guides for authors accept.
const (
	labelSize = 8.0
	valueSize = 7.0
	maxLabel  = 48 // characters of a label before it is cut
)

// Heatmap lays out d: row labels on the left, column labels above, read
// upwards, a count in every cell and in its title, and a legend.
func Heatmap(d HeatmapData) *Figure {
	f := &Figure{Title: d.Title}
	largest := 0
	for _, row := range d.Values {
		for _, v := range row {
			largest = max(largest, v)
		}
	}
	top := largest
	if d.Top > 0 {
		top = d.Top
	}
	noun := d.Noun
	if noun == nil {
		noun = strconv.Itoa
	}
	valW := textWidth(strconv.Itoa(largest), valueSize, false)
	const pad = 4.0
	// The narrowest cell holds the largest count and leaves a column's
	// label (read upwards) room beside its neighbours'.
	narrowest := max(valW+4, labelSize+3)
	// Row labels take at most two fifths of the width asked for, less
	// (down to a quarter) when the narrowest cells need the room.
	rowMax := math.Inf(1)
	if d.Width > 0 {
		rowMax = min(d.Width*2/5, max(d.Width/4, d.Width-3*pad-narrowest*float64(len(d.Cols))))
	}
	rowLabels := make([]string, len(d.Rows))
	rowW := 0.0
	for i, r := range d.Rows {
		rowLabels[i] = fit(cut(r), labelSize, rowMax)
		rowW = max(rowW, textWidth(rowLabels[i], labelSize, false))
	}
	left := pad + rowW + pad
	cellH := 12.0
	cellW := max(narrowest, 16)
	if d.Width > 0 && len(d.Cols) > 0 {
		// Fill the width asked for, down to the narrowest cell, up to a
		// cell no wider than it is useful: twelve codes fit a column.
		avail := (d.Width - left - pad) / float64(len(d.Cols))
		cellW = max(narrowest, min(avail, 48))
	}
	// Column labels are read upwards; in a cell wide enough for two lines
	// a long one takes two, so that a theme's name does not make the
	// header taller than the grid of a few rows.
	colLines := make([][]string, len(d.Cols))
	colH := 0.0
	for j, c := range d.Cols {
		colLines[j] = []string{cut(c)}
		if cellW >= 2*colLine+2 && textWidth(cut(c), labelSize, false) > rowMax {
			// Two lines hold twice the characters of one.
			colLines[j] = halve(c)
			for k, l := range colLines[j] {
				colLines[j][k] = cut(l)
			}
		}
		for _, l := range colLines[j] {
			colH = max(colH, textWidth(l, labelSize, false))
		}
	}
	head := pad + colH + pad + 3 // the colour bar under the labels
	gridW := cellW * float64(len(d.Cols))
	gridH := cellH * float64(len(d.Rows))
	f.W = left + gridW + pad
	legendY := head + gridH + 10
	f.H = legendY + 20
	for j, c := range d.Cols {
		// A line's baseline is a third of the text's size right of its
		// middle; two lines sit either side of the cell's middle.
		x := left + cellW*float64(j) + cellW/2 + labelSize/3 - colLine*float64(len(colLines[j])-1)/2
		for k, l := range colLines[j] {
			f.Items = append(f.Items, Item{Kind: Text, X: x + colLine*float64(k), Y: head - 3 - pad, Text: l, Size: labelSize, Vertical: true, Title: c})
		}
		if j < len(d.ColColours) && d.ColColours[j] != "" {
			f.Items = append(f.Items, Item{Kind: Rect, X: left + cellW*float64(j), Y: head - 3, W: cellW, H: 3, Fill: d.ColColours[j]})
		}
	}
	for i, r := range d.Rows {
		y := head + cellH*float64(i)
		f.Items = append(f.Items, Item{Kind: Text, X: left - pad, Y: y + cellH - 3, Text: rowLabels[i], Size: labelSize, Anchor: End, Title: r})
		for j := range d.Cols {
			v := 0
			if i < len(d.Values) && j < len(d.Values[i]) {
				v = d.Values[i][j]
			}
			fill, ink := Shade(v, top)
			x := left + cellW*float64(j)
			f.Items = append(f.Items,
				Item{Kind: Rect, X: x, Y: y, W: cellW, H: cellH, Fill: fill, Stroke: "#d0d7de", Class: "cell", Data: [2]int{i, j},
					Title: fmt.Sprintf("%s · %s: %s", r, d.Cols[j], noun(v))},
				Item{Kind: Text, X: x + cellW/2, Y: y + cellH - 3, Text: strconv.Itoa(v), Size: valueSize, Anchor: Middle, Fill: ink})
		}
	}
	// The legend: the shades from 1 to the largest count.
	f.Items = append(f.Items, Item{Kind: Text, X: left, Y: legendY + 7, Text: "0", Size: labelSize, Anchor: End})
	for k, b := range Blues {
		f.Items = append(f.Items, Item{Kind: Rect, X: left + 4 + 12*float64(k), Y: legendY, W: 12, H: 8, Fill: b, Stroke: "#d0d7de"})
	}
	// A scale topped below the largest count (a co-occurrence table's
	// diagonal) says that its last shade is that count or more.
	topLabel := strconv.Itoa(top)
	if top < largest {
		topLabel += " or more"
	}
	f.Items = append(f.Items, Item{Kind: Text, X: left + 8 + 12*float64(len(Blues)), Y: legendY + 7, Text: topLabel, Size: labelSize})
	f.W = max(f.W, left+8+12*float64(len(Blues))+textWidth(topLabel, labelSize, false)+pad)
	f.Desc = fmt.Sprintf("A heat map of %d rows by %d columns; each cell's count is written in it.", len(d.Rows), len(d.Cols))
	return f
}

// colLine is the distance between the lines of a column's label.
const colLine = labelSize * 1.15

// halve splits s at the space that makes its longer half shortest.
func halve(s string) []string {
	best, bestW := -1, math.Inf(1)
	for i, r := range s {
		if r != ' ' {
			continue
		}
		if w := max(textWidth(s[:i], labelSize, false), textWidth(s[i+1:], labelSize, false)); w < bestW {
			best, bestW = i, w
		}
	}
	if best < 0 {
		return []string{s}
	}
	return []string{s[:best], s[best+1:]}
}

// fit shortens s, ending it with "…", until it is at most w points wide.
func fit(s string, size, w float64) string {
	r := []rune(s)
	for n := len(r); n > 1 && textWidth(s, size, false) > w; n-- {
		s = string(r[:n-1]) + "…"
	}
	return s
}

// cut shortens a label to maxLabel characters.
func cut(s string) string {
	r := []rune(s)
	if len(r) <= maxLabel {
		return s
	}
	return string(r[:maxLabel-1]) + "…"
}
