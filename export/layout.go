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
// Excel's units: the width of w digits "0" of the default font; bold
// header text is wider).
//
// It is an estimate because neither Excel nor LibreOffice fits a row's
// height to wrapped text when it opens a file, and qda cannot ask them:
// the fonts differ (Calibri in Excel, its stand-in, DejaVu Sans where
// Calibri is missing, in LibreOffice) and so do their measures. It
// follows what both do, erring on the tall side:
//   - a line breaks at spaces and after a hyphen or a slash, nowhere
//     else: LibreOffice breaks a code path such as
//     sustainability/infrastructure/transport after its slashes (seen
//     in its prints), which leaves ragged lines, so more of them than
//     a path broken at the cell's edge, as an app that does not break
//     there would;
//   - a word longer than a line starts a line of its own and is broken
//     at the cell's edge, by characters, as both apps do;
//   - each character counts its width class (runeWidth), measured in
//     LibreOffice's print of every class in columns 10 to 60 wide: an
//     "i" takes half a digit, an "m" or "W" one and a half, so a path
//     of narrow letters is not given lines it does not need and a
//     line of capitals or digits is not cut off.
//
// The line holds w-1 digits: LibreOffice printed 9.5 in a column 10
// wide and 59 in one 60 wide, Excel w.
func textLines(s string, w float64, bold bool) int {
	per := w - 1
	if bold {
		// DejaVu Sans Bold and Calibri Bold are about a tenth wider.
		per /= boldWidth
	}
	per = max(per, 1)
	// One pass over the bytes, splitting lines at line feeds and words
	// at spaces and after hyphens, slashes and dashes (not between
	// digits): every row's height is estimated this
	// way, and splitting into strings was most of the Excerpts sheet's
	// time. TestTextLinesFast holds it to the splitting version.
	n := 1
	line := 0.0 // width of the line so far
	word := 0.0 // width of the word being read
	gap := false
	endWord := func(space bool) {
		if word == 0 {
			gap = gap || space
			return
		}
		ww := word
		word = 0
		sep := 0.0
		if gap {
			sep = spaceWidth
		}
		gap = space
		switch {
		case line == 0:
			line = ww
		case line+sep+ww <= per:
			line += sep + ww
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
				endWord(false)
				n++
				line, gap = 0, false
			case '\t', '\v', '\f', '\r', ' ':
				endWord(true)
			case '-', '/':
				word += asciiWidth[c]
				if !betweenDigits(s, i-1, i) {
					endWord(false)
				}
			default:
				word += asciiWidth[c]
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case breakSpace(r):
			endWord(true)
		case r == '–' || r == '—':
			word += runeWidth(r)
			if !betweenDigits(s, i-size, i) {
				endWord(false)
			}
		default:
			word += runeWidth(r)
		}
	}
	endWord(false)
	return n
}

// betweenDigits reports whether s[at:end], a hyphen, slash or dash, has
// a digit either side: LibreOffice does not break inside a number run
// such as 18-24 or 12/05/2019, and a line is broken after the others.
func betweenDigits(s string, at, end int) bool {
	return at > 0 && end < len(s) && isDigit(s[at-1]) && isDigit(s[end])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Character widths in digits "0" of the default font, by class: the
// larger of Calibri's (Excel) and DejaVu Sans's (LibreOffice's stand-in
// for it), rounded up, so that a row is rather a little tall than cut.
const (
	spaceWidth  = 0.5
	narrowWidth = 0.5  // i j l I J ' . , : ; | and the space
	slimWidth   = 0.7  // f t r / \ ( ) [ ] { } - " !
	sleekWidth  = 0.85 // s c z
	plainWidth  = 1.0  // other small letters, digits
	capWidth    = 1.2  // capitals
	broadWidth  = 1.35 // w O Q D G H N U & # + = < > ~
	wideWidth   = 1.6  // m M W % @
	fullWidth   = 2.0  // CJK, full-width forms, emoji
	boldWidth   = 1.15 // bold text is wider
)

// asciiWidth is runeWidth for the ASCII characters, looked up in one
// step: every character of every wrapped cell goes through it.
var asciiWidth = func() (t [utf8.RuneSelf]float64) {
	for c := range t {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			t[c] = plainWidth
		case c >= 'A' && c <= 'Z':
			t[c] = capWidth
		default:
			t[c] = plainWidth
		}
	}
	for _, c := range "ijlIJ'.,:;|`" {
		t[c] = narrowWidth
	}
	for _, c := range `ftr/\()[]{}-"!` {
		t[c] = slimWidth
	}
	for _, c := range "scz" {
		t[c] = sleekWidth
	}
	for _, c := range "wOQDGHNU&#+=<>~" {
		t[c] = broadWidth
	}
	for _, c := range "mMW%@" {
		t[c] = wideWidth
	}
	t[' '] = spaceWidth
	return t
}()

// runeWidth is the width class of r (see asciiWidth). Hand-written
// ranges rather than a Unicode width table: a class is all the estimate
// needs.
func runeWidth(r rune) float64 {
	switch {
	case r < utf8.RuneSelf:
		return asciiWidth[r]
	case unicode.Is(unicode.Mn, r):
		return 0 // combining accents sit on the letter before
	case r >= 0x1100 && r <= 0x115f, r >= 0x2e80 && r <= 0xa4cf, r >= 0xac00 && r <= 0xd7a3,
		r >= 0xf900 && r <= 0xfaff, r >= 0xfe30 && r <= 0xfe4f, r >= 0xff00 && r <= 0xff60,
		r >= 0xffe0 && r <= 0xffe6, r >= 0x1f300 && r <= 0x1faff, r >= 0x20000 && r <= 0x3fffd:
		return fullWidth
	case r == '—' || r == '…' || r == '‰':
		return wideWidth
	case r == '\u00a0' || r == '\u2007' || r == '\u202f' || r == '‘' || r == '’':
		return narrowWidth
	case unicode.IsUpper(r):
		return capWidth
	}
	return plainWidth
}

// breakSpace is a space a line breaks at: every Unicode space but the
// no-break ones.
func breakSpace(r rune) bool {
	return unicode.IsSpace(r) && r != '\u00a0' && r != '\u2007' && r != '\u202f'
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
	id, err := wb.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Calibri", Size: 11, Color: font},
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

// Printed width: a sheet is fitted to one page wide only when that keeps
// its text readable.
const (
	// pageWidth is the printable width of a landscape page in points:
	// Letter (11 in, narrower than A4) less printSetup's half-inch
	// margins.
	pageWidth = (11 - 0.5 - 0.5) * 72
	// charPoints is one character of column width in points: Calibri
	// 11's digit is 7 pixels at 96 per inch.
	charPoints = 7 * 72 / 96.0
	// minPrintScale is the smallest scale a sheet is shrunk to: 11 point
	// text at 65% is about 7 points, the smallest commonly printed.
	minPrintScale = 0.65
)

// fitsPage reports whether columns width characters wide in all print
// one page wide at minPrintScale or larger.
func fitsPage(width float64) bool {
	return width*charPoints*minPrintScale <= pageWidth
}

// printWidth is the width of the sheet's columns in characters.
func (sh *Sheet) printWidth() float64 {
	w := 0.0
	for c := 1; c <= sh.cols; c++ {
		cw, ok := sh.widths[c]
		if !ok {
			cw = defaultWidth
		}
		w += cw
	}
	return w
}

// printSetup lays out the sheet's printed pages: landscape; when fit,
// shrunk to one page wide (as many down as it takes), else at full size
// on as many pages across as it needs, printed down then over (the first
// columns for every row, then the next), so a wide grid is read a
// column, a code, at a time; the title rows and columns on every page,
// the sheet's title and the study above, page numbers below.
func (sh *Sheet) printSetup(fit bool) error {
	f := sh.wb.f
	pl := &excelize.PageLayoutOptions{Orientation: ptr("landscape")}
	if fit {
		pl.FitToWidth, pl.FitToHeight = ptr(1), ptr(0)
	}
	if err := f.SetPageLayout(sh.Name, pl); err != nil {
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
