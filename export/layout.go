package export

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/qdatool/qda/codebook"
)

// Row heights and column widths. Neither Excel nor LibreOffice fits a
// row's height to wrapped text when it opens a file, so qda estimates it
// from the text and the column's width.
const (
	// LineHeight is the height in points of one line of the default
	// 11-point font.
	LineHeight = 15.0
	// MaxRowHeight caps a row: a longer text is a click away in its
	// cell.
	MaxRowHeight = 300.0
	// defaultWidth is a column's width when none is set.
	defaultWidth = 8.43
	maxCols      = 1 << 14
)

// textLines estimates the lines s takes wrapped in a column w wide (in
// Excel's units, about one character of text each; bold text is wider).
func textLines(s string, w float64, bold bool) int {
	// A column's width counts the default font's digit "0"; a run of
	// prose (narrow letters, spaces) fits about a sixth more characters
	// in Calibri and in the DejaVu Sans LibreOffice puts in its place
	// (measured on the demo's Excerpts printed by LibreOffice: 77
	// characters a line in a column 60 wide). 1.15 keeps a margin.
	per := (w - 1) * 1.15
	if bold {
		per = w*0.9 - 1
	}
	per = max(per, 1)
	// One pass over the bytes, splitting lines at line feeds and words
	// as strings.Fields does: every row's height is estimated this way,
	// and splitting into strings was most of the Excerpts sheet's time.
	// TestTextLinesFast holds it to the splitting version.
	n := 1
	line := 0.0
	word := 0 // characters of the word being read
	endWord := func() {
		if word == 0 {
			return
		}
		ww := float64(word)
		word = 0
		switch {
		case line == 0:
			line = ww
		case line+1+ww <= per:
			line += 1 + ww
			return
		default:
			n++
			line = ww
		}
		// A word longer than a line is broken where it must be.
		for line > per {
			n++
			line -= per
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch c {
			case '\n':
				endWord()
				n++
				line = 0
			case '\t', '\v', '\f', '\r', ' ':
				endWord()
			default:
				word++
			}
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		i += width
		if unicode.IsSpace(r) {
			endWord()
		} else {
			word++
		}
	}
	endWord()
	return n
}

// rowHeight is the height for a row of wrapped cells, 0 when one line
// holds them all.
func (sh *Sheet) rowHeight(cells []Cell, bold bool) float64 {
	lines := 1
	for i, c := range cells {
		if c.IsNum || c.Text == "" {
			continue
		}
		w, ok := sh.widths[i+1]
		if !ok {
			w = defaultWidth
		}
		lines = max(lines, textLines(c.Text, w, bold))
	}
	if lines == 1 {
		return 0
	}
	return min(float64(lines)*LineHeight+3, MaxRowHeight)
}

// fitWidth is the width for a column whose longest text is n characters
// wide, within lo..hi.
func fitWidth(n int, lo, hi float64) float64 {
	return min(max(float64(n)+2, lo), hi)
}

// longestWord is the display width of s's longest word.
func longestWord(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		n = max(n, utf8.RuneCountInString(w))
	}
	return n
}

// CodeColor is the colour of code c as a workbook's styles take it,
// "#RRGGBB": codebook.Code.Colour, else the palette's i-th.
func CodeColor(c *codebook.Code, i int) string {
	col := c.Colour()
	if col == "" {
		col = codebook.DefaultColour(i)
	}
	return strings.ToUpper(col)
}

// codeHeader is the header style filled with colour, its text black or
// white, whichever reads better on it.
func (wb *Workbook) codeHeader(colour string) (int, error) {
	if id, ok := wb.colours[colour]; ok {
		return id, nil
	}
	v, _ := strconv.ParseUint(colour[1:], 16, 32)
	lum := 0.2126*srgb(v>>16) + 0.7152*srgb(v>>8) + 0.0722*srgb(v)
	font := "#000000"
	if (lum+0.05)/0.05 < 1.05/(lum+0.05) {
		font = "#FFFFFF"
	}
	id, err := wb.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: font},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}})
	if err != nil {
		return 0, err
	}
	if wb.colours == nil {
		wb.colours = map[string]int{}
	}
	wb.colours[colour] = id
	return id, nil
}

func srgb(v uint64) float64 {
	c := float64(v&0xff) / 255
	if c <= 0.03928 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

// printSetup lays out the sheet's printed pages: landscape, one page
// wide, the title rows and columns on every page, the sheet's title and
// the study above, page numbers below.
func (sh *Sheet) printSetup() error {
	f := sh.wb.f
	if err := f.SetPageLayout(sh.Name, &excelize.PageLayoutOptions{
		Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
	}); err != nil {
		return err
	}
	if err := f.SetPageMargins(sh.Name, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.5), Right: ptr(0.5), Top: ptr(0.75), Bottom: ptr(0.75), Header: ptr(0.3), Footer: ptr(0.3),
	}); err != nil {
		return err
	}
	head := "&L&B" + hfText(sh.Title) + "&B"
	if sh.wb.Study != "" {
		head += "&R" + hfText(sh.wb.Study)
	}
	if err := f.SetHeaderFooter(sh.Name, &excelize.HeaderFooterOptions{
		OddHeader: head, OddFooter: "&L" + hfText(sh.Name) + "&RPage &P of &N",
	}); err != nil {
		return err
	}
	var refs []string
	quoted := "'" + strings.ReplaceAll(sh.Name, "'", "''") + "'"
	if sh.titleCols > 0 {
		refs = append(refs, fmt.Sprintf("%s!$A:$%s", quoted, colName(sh.titleCols)))
	}
	if sh.titleRows > 0 {
		refs = append(refs, fmt.Sprintf("%s!$1:$%d", quoted, sh.titleRows))
	}
	if len(refs) == 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: strings.Join(refs, ","), Scope: sh.Name})
}

// hfText quotes text for a page header or footer, where & starts a code.
func hfText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 80 {
		s = string([]rune(s)[:min(len([]rune(s)), 79)]) + "…"
	}
	return strings.ReplaceAll(s, "&", "&&")
}

func colName(c int) string {
	n, _ := excelize.ColumnNumberToName(c)
	return n
}
