package export

import (
	"encoding/csv"
	"io"
	"strings"
)

// SafeText returns s as a spreadsheet must receive it to read it as text
// and never run it: OWASP's advice for CSV injection is to prefix a cell
// starting with =, +, -, @, tab or carriage return with a single quote.
func SafeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV writes t as CSV (RFC 4180): the header, then the rows; text
// cells made safe with SafeText, numbers as numbers.
func WriteCSV(w io.Writer, t *Table) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvRow(TextRow(t.Header...))); err != nil {
		return err
	}
	if err := t.eachRow(func(r []Cell) error { return cw.Write(csvRow(r)) }); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func csvRow(cells []Cell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		if c.IsNum {
			out[i] = c.String()
		} else {
			out[i] = SafeText(c.Text)
		}
	}
	return out
}
