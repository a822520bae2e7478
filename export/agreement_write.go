package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/qdatool/qda/internal/agreement"
)

// WriteAgreementXLSX writes the report as a workbook: the Agreement,
// Pairs (three coders or more), Disagreements and About sheets. It is a
// Workbook like qda's other exports: dated date rather than by the clock,
// so the same report gives the same bytes, and laid out and printed as
// they are (column widths, a frozen and repeated header row, filters, one
// page wide with the study in the page header). Statistics are number
// cells shown to four decimals, agreement as percentages, "n/a" where a
// statistic is undefined.
func WriteAgreementXLSX(w io.Writer, r *Agreement, about [][2]string, study string, date time.Time) error {
	wb, err := NewWorkbook(date)
	if err != nil {
		return err
	}
	defer wb.close()
	wb.Study = study
	fixed, err := wb.numberStyle("0.0000")
	if err != nil {
		return err
	}
	pct, err := wb.numberStyle("0.00%")
	if err != nil {
		return err
	}
	for _, as := range agreementSheets(r, about) {
		t := &Table{Header: as.header, Each: func(yield func([]Cell) error) error {
			return as.each(func(row []any) error {
				cells := make([]Cell, len(row))
				for j, c := range row {
					switch v := c.(type) {
					case agreement.Value:
						switch {
						case !v.Defined:
							cells[j] = Text("n/a")
						case as.isPercent(j):
							cells[j] = Cell{Num: v.V, IsNum: true, Decimals: 2, style: pct}
						default:
							cells[j] = Cell{Num: v.V, IsNum: true, Decimals: 4, style: fixed}
						}
					case int:
						cells[j] = Int(v)
					case string:
						cells[j] = Text(v)
					default:
						cells[j] = Text(fmt.Sprint(v))
					}
				}
				return yield(cells)
			})
		}}
		// The sheets are laid out as every other table of a workbook:
		// AgreementSheetAbout is SheetAbout, without filter buttons.
		widths, err := agreementWidths(as)
		if err != nil {
			return err
		}
		if err := wb.Table(as.name, t, widths...); err != nil {
			return err
		}
	}
	return wb.Write(w)
}

// agreementWidths sizes a sheet's columns to what they hold: a number
// column to its header's longest word (the header wraps), a text column
// to its longest line, within bounds; the long texts (the disagreements'
// text, the About values, the reasons for n/a) get the widest columns
// and wrap. An error reading the rows (the disagreements' spill) is
// returned: widths from part of the rows would pass unnoticed.
func agreementWidths(as agreementSheet) ([]float64, error) {
	// One pass over the rows for every column: the disagreements are
	// read back from their spill each pass.
	n := make([]int, len(as.header))
	hi := make([]float64, len(as.header))
	for j, h := range as.header {
		// Bold header text is about a tenth wider than the cells'.
		n[j] = longestWord(h) + longestWord(h)/10 + 1
		hi[j] = 24.0
		switch h {
		case "code", "label":
			hi[j] = 30
		case "n/a":
			hi[j] = 40
		case "text", "value":
			hi[j] = 50
		}
	}
	err := as.each(func(row []any) error {
		for j := range as.header {
			switch v := row[j].(type) {
			case agreement.Value:
				n[j] = max(n[j], 7) // "0.6154", "100.00%"
			case int:
				n[j] = max(n[j], len(strconv.Itoa(v)))
			case string:
				for line := range strings.SplitSeq(v, "\n") {
					n[j] = max(n[j], utf8.RuneCountInString(line))
					if float64(n[j]) >= hi[j] {
						break
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	widths := make([]float64, len(as.header))
	for j := range widths {
		widths[j] = fitWidth(n[j], 6, hi[j])
	}
	return widths, nil
}

// AgreementCSVTables names the tables a CSV export writes, one file each:
// "" is the per-code table (the file given), the others get the name as
// a suffix, e.g. agreement-disagreements.csv.
func AgreementCSVTables(r *Agreement) []string {
	if len(r.Coders) > 2 {
		return []string{"", "pairs", "disagreements"}
	}
	return []string{"", "disagreements"}
}

// WriteAgreementCSV writes one table of AgreementCSVTables. Numbers are
// written in full; text cells that a spreadsheet would run as a formula
// get a leading apostrophe.
func WriteAgreementCSV(w io.Writer, r *Agreement, table string) error {
	want := map[string]string{"": AgreementSheetCodes, "pairs": AgreementSheetPairs, "disagreements": AgreementSheetDisagreements}[table]
	for _, sh := range agreementSheets(r, nil) {
		if sh.name != want {
			continue
		}
		cw := csv.NewWriter(w)
		if err := cw.Write(sh.header); err != nil {
			return err
		}
		if err := sh.each(func(row []any) error {
			rec := make([]string, len(row))
			for j, c := range row {
				switch v := c.(type) {
				case agreement.Value:
					rec[j] = "n/a"
					if v.Defined {
						rec[j] = strconv.FormatFloat(v.V, 'g', -1, 64)
					}
				case string:
					rec[j] = agreementCSVText(v)
				default:
					rec[j] = fmt.Sprint(v)
				}
			}
			return cw.Write(rec)
		}); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	}
	return fmt.Errorf("no agreement table %q", table)
}

// agreementCSVText defuses text a spreadsheet would take for a formula.
func agreementCSVText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteAgreementMarkdown writes the report as Markdown tables under
// headings, statistics to four decimals and agreement as a percentage.
func WriteAgreementMarkdown(w io.Writer, r *Agreement, about [][2]string) error {
	b := bufio.NewWriter(w)
	b.WriteString("# Inter-coder agreement\n")
	for _, sh := range agreementSheets(r, about) {
		fmt.Fprintf(b, "\n## %s\n\n", sh.name)
		if sh.len() == 0 {
			b.WriteString("None.\n")
			continue
		}
		b.WriteString("| " + strings.Join(agreementMDCells(sh.header), " | ") + " |\n|")
		for range sh.header {
			b.WriteString(" --- |")
		}
		b.WriteString("\n")
		if err := sh.each(func(row []any) error {
			cells := make([]string, len(row))
			for j, c := range row {
				switch v := c.(type) {
				case agreement.Value:
					cells[j] = v.String()
					if v.Defined && sh.isPercent(j) {
						cells[j] = fmt.Sprintf("%.1f%%", 100*v.V)
					}
				default:
					cells[j] = fmt.Sprint(v)
				}
			}
			_, err := b.WriteString("| " + strings.Join(agreementMDCells(cells), " | ") + " |\n")
			return err
		}); err != nil {
			return err
		}
	}
	return b.Flush()
}

// agreementMDCells escapes what would break a table row: pipes and line breaks.
func agreementMDCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		c = strings.ReplaceAll(c, "|", `\|`)
		out[i] = strings.ReplaceAll(c, "\n", "<br>")
	}
	return out
}
