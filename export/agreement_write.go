package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/qdatool/qda/internal/agreement"
)

// WriteAgreementXLSX writes the report as a workbook: the Agreement,
// Pairs (three coders or more), Disagreements and About sheets.
func WriteAgreementXLSX(w io.Writer, r *Agreement, about [][2]string) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	fixed, err := f.NewStyle(&excelize.Style{CustomNumFmt: strPtr("0.0000")})
	if err != nil {
		return err
	}
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	for i, sh := range agreementSheets(r, about) {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(sh.name)
		if err != nil {
			return err
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		head := make([]any, len(sh.header))
		for j, h := range sh.header {
			head[j] = excelize.Cell{StyleID: bold, Value: h}
		}
		if err := sw.SetRow("A1", head); err != nil {
			return err
		}
		for n, row := range sh.rows {
			cells := make([]any, len(row))
			for j, c := range row {
				switch v := c.(type) {
				case agreement.Value:
					switch {
					case !v.Defined:
						cells[j] = "n/a"
					case sh.isPercent(j):
						cells[j] = excelize.Cell{StyleID: pct, Value: v.V}
					default:
						cells[j] = excelize.Cell{StyleID: fixed, Value: v.V}
					}
				case string:
					cells[j] = excelize.Cell{StyleID: wrap, Value: v}
				default:
					cells[j] = v
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1, n+2)
			if err := sw.SetRow(cell, cells); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

func strPtr(s string) *string { return &s }

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
		for _, row := range sh.rows {
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
			if err := cw.Write(rec); err != nil {
				return err
			}
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
	var b strings.Builder
	b.WriteString("# Inter-coder agreement\n")
	for _, sh := range agreementSheets(r, about) {
		fmt.Fprintf(&b, "\n## %s\n\n", sh.name)
		if len(sh.rows) == 0 {
			b.WriteString("None.\n")
			continue
		}
		b.WriteString("| " + strings.Join(agreementMDCells(sh.header), " | ") + " |\n|")
		for range sh.header {
			b.WriteString(" --- |")
		}
		b.WriteString("\n")
		for _, row := range sh.rows {
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
			b.WriteString("| " + strings.Join(agreementMDCells(cells), " | ") + " |\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
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
