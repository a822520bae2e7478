package export

import (
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

func utf16Count(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// fitsCell reports whether s is within Excel's limit for one cell.
// Every cell of a workbook asks, and nearly all are short: a character
// takes at least as many bytes in UTF-8 as units in UTF-16, so a text of
// at most MaxCellChars bytes fits without counting.
func fitsCell(s string) bool {
	return len(s) <= MaxCellChars || utf16Count(s) <= MaxCellChars
}

// Cut splits s so that its first part, with marker after it, fits in one
// cell: at the last blank line (between passages) in the second half of
// the room when there is one, else at the last line break or space, else
// at the limit. It returns s whole and "" when s fits.
func Cut(s, marker string) (head, rest string) {
	// Only the first cell's worth of s is walked, so cutting a very long
	// text into many parts costs what the text is long, not its square.
	room := MaxCellChars - utf16Count(marker)
	end, units, fits := 0, 0, true
	for i, r := range s {
		u := utf16.RuneLen(r)
		if units+u > room {
			fits = false
			break
		}
		units += u
		end = i + utf8.RuneLen(r)
	}
	if fits {
		return s, ""
	}
	// Between the room and the limit, s may still fit whole without the
	// marker; a UTF-16 unit is at most three bytes, so only a short rest
	// is worth counting.
	if left := MaxCellChars - units; len(s)-end <= 3*left && utf16Count(s[end:]) <= left {
		return s, ""
	}
	cut := end
	for _, sep := range []string{"\n\n", "\n", " "} {
		if i := strings.LastIndex(s[:end], sep); i > end/2 {
			cut = i
			break
		}
	}
	return s[:cut] + marker, trimLeadingBreaks(s[cut:])
}

func trimLeadingBreaks(s string) string {
	for len(s) > 0 && (s[0] == '\n' || s[0] == ' ') {
		s = s[1:]
	}
	return s
}

// cut makes text fit in the cell at column col of sh's next row, putting
// what does not fit on the Continued sheet.
func (w *Workbook) cut(sh *Sheet, col int, text string) (string, error) {
	if fitsCell(text) {
		return text, nil
	}
	cell := cellName(col, sh.Rows()+1)
	marker := fmt.Sprintf(" [… cut at Excel's cell limit: continued on sheet %s, %s!%s]", SheetContinued, sh.Name, cell)
	head, rest := Cut(text, marker)
	if w.continued == nil {
		c, err := w.Sheet(SheetContinued)
		if err != nil {
			return "", err
		}
		if err := c.Width(1, 3, 14); err != nil {
			return "", err
		}
		if err := c.Width(4, 4, 100); err != nil {
			return "", err
		}
		if err := c.Row(Header, TextRow("sheet", "cell", "part", "text")...); err != nil {
			return "", err
		}
		w.continued = c
	}
	for part := 2; rest != ""; part++ {
		var chunk string
		chunk, rest = Cut(rest, " […]")
		if err := w.continued.Row(Wrap, Text(sh.Name), Text(cell), Int(part), Text(chunk)); err != nil {
			return "", err
		}
	}
	return head, nil
}
