package sheet

import (
	"bytes"
	"cmp"
	"errors"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/diag"
)

// ReadXLSX reads sheet name ("" for the first) of an .xlsx workbook. Rows
// are streamed (excelize's Rows iterator), so a big sheet is never held as
// a document tree. Cells are read as Excel shows them (42, not 42.000000;
// 35% for a percentage), except dates, which are written yyyy-mm-dd (with
// hh:mm, or hh:mm:ss, when the cell's format shows a time).
func ReadXLSX(file string, data []byte, name string) (s *corpus.Sheet, err error) {
	// excelize panics on some malformed parts (a styles.xml missing what
	// it expects, found by FuzzReadXLSX): a workbook from outside must
	// give an error that says what to do, never a crash.
	defer func() {
		if v := recover(); v != nil {
			s, err = nil, diag.Errorf(file, 0, "cannot read the workbook: it is damaged (%v)", v).
				WithHint("open it in Excel or LibreOffice and save it again as .xlsx, or save it as CSV UTF-8")
		}
	}()
	return readXLSX(file, data, name)
}

func readXLSX(file string, data []byte, name string) (*corpus.Sheet, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, openError(file, data, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, diag.Errorf(file, 0, "the workbook has no sheets")
	}
	if name, err = pick(file, sheets, name); err != nil {
		return nil, err
	}
	if err := isoDates(f); err != nil {
		return nil, diag.Errorf(file, 0, "cannot read its styles: %v", err).
			WithHint("open it in Excel or LibreOffice and save it again as .xlsx")
	}
	rows, err := f.Rows(name)
	if err != nil {
		return nil, diag.Errorf(file, 0, "cannot read sheet %q: %v", name, err)
	}
	defer rows.Close()
	b := builder{s: &corpus.Sheet{File: file}}
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return nil, diag.Errorf(file, n, "cannot read the row: %v", err).
				WithHint("open it in Excel or LibreOffice and save it again as .xlsx")
		}
		b.add(n, cells)
	}
	if err := rows.Error(); err != nil {
		return nil, diag.Errorf(file, 0, "cannot read sheet %q: %v", name, err)
	}
	b.widen()
	return b.s, nil
}

// Sheets lists the sheets of a workbook, in order.
func Sheets(data []byte) ([]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.GetSheetList(), nil
}

// pick finds the sheet a person named: exactly, else in any case.
func pick(file string, sheets []string, name string) (string, error) {
	if name == "" {
		return sheets[0], nil
	}
	for _, s := range sheets {
		if s == name {
			return s, nil
		}
	}
	for _, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(name)) {
			return s, nil
		}
	}
	return "", &UnknownSheetError{File: file, Name: name, Sheets: sheets}
}

// openError explains a workbook excelize cannot open.
func openError(file string, data []byte, err error) error {
	if bytes.HasPrefix(data, []byte{0xd0, 0xcf, 0x11, 0xe0}) || errors.Is(err, excelize.ErrWorkbookFileFormat) {
		return diag.Errorf(file, 0, "not an .xlsx workbook: it is password-protected, or an old .xls file").
			WithHint("open it in Excel or LibreOffice and save it as an .xlsx workbook without a password")
	}
	return diag.Errorf(file, 0, "not an .xlsx workbook (%v)", err).
		WithHint("open it in Excel or LibreOffice and save it again as .xlsx, or save it as CSV UTF-8")
}

// isoDates rewrites, in memory only, the workbook's date formats into ISO
// ones. excelize formats a cell by its style's number format, but its
// streaming Rows iterator does not tell a cell's style, so the date styles
// themselves are changed before reading: every style whose number format
// shows a date shows it as yyyy-mm-dd instead (with the time when it
// shows one). The style sheet's fields are excelize's own, reached through
// File.Styles; the workbook is never saved.
func isoDates(f *excelize.File) error {
	formats := map[string]int{}
	for _, code := range []string{"yyyy-mm-dd", "yyyy-mm-dd hh:mm", "yyyy-mm-dd hh:mm:ss"} {
		style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			return err
		}
		if f.Styles == nil || f.Styles.CellXfs == nil || style >= len(f.Styles.CellXfs.Xf) || f.Styles.CellXfs.Xf[style].NumFmtID == nil {
			return errors.New("no cell formats")
		}
		formats[code] = *f.Styles.CellXfs.Xf[style].NumFmtID
	}
	custom := map[int]string{}
	if f.Styles.NumFmts != nil {
		for _, nf := range f.Styles.NumFmts.NumFmt {
			if nf != nil {
				custom[nf.NumFmtID] = cmp.Or(nf.FormatCode16, nf.FormatCode)
			}
		}
	}
	for i := range f.Styles.CellXfs.Xf {
		xf := &f.Styles.CellXfs.Xf[i]
		if xf.NumFmtID == nil {
			continue
		}
		code, ok := custom[*xf.NumFmtID]
		if !ok {
			code = builtinDates[*xf.NumFmtID]
		}
		if iso := isoFormat(code); iso != "" {
			id := formats[iso]
			xf.NumFmtID = &id
		}
	}
	return nil
}

// builtinDates are the built-in number formats (ECMA-376 18.8.30) that
// show a date, as excelize shows them in its default en-US culture.
var builtinDates = map[int]string{
	14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 22: "m/d/yy hh:mm",
	27: "yyyy/m/d", 28: "yyyy/m/d", 29: "yyyy/m/d", 30: "m/d/yy", 31: "yyyy/m/d", 36: "yyyy/m/d",
	50: "yyyy/m/d", 51: "yyyy/m/d", 52: "yyyy/m/d", 53: "yyyy/m/d", 54: "yyyy/m/d",
	55: "yyyy/m/d", 56: "yyyy/m/d", 57: "yyyy/m/d", 58: "yyyy/m/d",
}

// isoFormat returns the ISO format for a number format code that shows a
// date ("" for any other): yyyy-mm-dd, with hh:mm when it shows hours and
// hh:mm:ss when it shows seconds. Quoted text, escaped characters, and
// [colour], [$-locale] and [h] sections are not parts of a date.
func isoFormat(code string) string {
	var b strings.Builder
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			for i++; i < len(code) && code[i] != '"'; i++ {
			}
		case '\\', '_', '*':
			i++
		case '[':
			for i++; i < len(code) && code[i] != ']'; i++ {
			}
		default:
			b.WriteByte(c | 0x20) // lowercase ASCII letters; others do not matter
		}
	}
	s := b.String()
	switch {
	case !strings.ContainsAny(s, "yd"):
		return ""
	case strings.Contains(s, "s"):
		return "yyyy-mm-dd hh:mm:ss"
	case strings.Contains(s, "h"):
		return "yyyy-mm-dd hh:mm"
	}
	return "yyyy-mm-dd"
}
