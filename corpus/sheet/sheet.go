// Package sheet reads the spreadsheets a research team keeps its
// participants in (.csv and .xlsx) as a corpus.Sheet, every cell as the
// text a person sees in it. It is apart from corpus so that only the
// commands that read workbooks link the .xlsx reader. It never prints and
// never exits.
package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/diag"
)

// FormatError is a file of a kind Read cannot read.
type FormatError struct{ File, Ext string }

func (e *FormatError) Error() string {
	if e.Ext == "" {
		return fmt.Sprintf("%s: qda cannot tell what kind of file it is: it has no extension", e.File)
	}
	return fmt.Sprintf("%s: qda cannot read %s files", e.File, e.Ext)
}

// UnknownSheetError is a sheet name that is not in the workbook.
type UnknownSheetError struct {
	File, Name string
	Sheets     []string // the workbook's sheets, in order
}

func (e *UnknownSheetError) Error() string {
	return fmt.Sprintf("%s: no sheet %q", e.File, e.Name)
}

// IsWorkbook reports whether file is read as a workbook, which has sheets,
// rather than as CSV.
func IsWorkbook(file string) bool {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".xlsx", ".xlsm":
		return true
	}
	return false
}

// CheckName returns a *FormatError when Read cannot read a file named file.
func CheckName(file string) error {
	switch ext := strings.ToLower(filepath.Ext(file)); ext {
	case ".csv", ".txt", ".tsv", ".xlsx", ".xlsm":
		return nil
	default:
		return &FormatError{File: file, Ext: ext}
	}
}

// Read reads the spreadsheet data, of the kind its name file says: .csv
// (or .tsv, .txt) as CSV, .xlsx and .xlsm as a workbook, of which it reads
// sheetName ("" for the first sheet). file is used in messages.
func Read(file string, data []byte, sheetName string) (*corpus.Sheet, error) {
	switch ext := strings.ToLower(filepath.Ext(file)); ext {
	case ".csv", ".txt":
		return ReadCSV(file, data, 0)
	case ".tsv":
		return ReadCSV(file, data, '\t')
	case ".xlsx", ".xlsm":
		return ReadXLSX(file, data, sheetName)
	default:
		return nil, &FormatError{File: file, Ext: ext}
	}
}

// ReadCSV reads CSV text: UTF-8 with or without a byte order mark, LF or
// CRLF line ends, fields separated by comma unless the header row has
// none, when a semicolon or a tab is taken if it has those (as Excel
// writes CSV where the comma is the decimal separator). A first line
// "sep=;" names the separator, as Excel understands. comma 0 means guess.
func ReadCSV(file string, data []byte, comma rune) (*corpus.Sheet, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidUTF8(data)], []byte("\n"))
		return nil, diag.Errorf(file, line, "not UTF-8 text").
			WithHint("save it as \"CSV UTF-8\" (Excel: File > Save As), or as .xlsx")
	}
	skip := 0
	if line, rest, _ := bytes.Cut(data, []byte("\n")); bytes.HasPrefix(line, []byte("sep=")) {
		if sep := bytes.TrimSuffix(line[4:], []byte("\r")); utf8.RuneCount(sep) == 1 {
			comma, _ = utf8.DecodeRune(sep)
			data, skip = rest, 1
		}
	}
	if comma == 0 {
		comma = guessComma(data)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	b := builder{s: &corpus.Sheet{File: file}}
	var findings diag.List
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, diag.Errorf(file, pe.Line+skip, "CSV: %v", pe.Err).
					WithHint("put values that hold %s, quotes or line breaks in double quotes", sepName(comma))
			}
			return nil, diag.Errorf(file, 0, "CSV: %v", err)
		}
		line, _ := cr.FieldPos(0)
		line += skip
		if b.s.HeaderLine > 0 && len(rec) > len(b.s.Header) {
			if !blank(rec[len(b.s.Header):]) {
				findings = append(findings, diag.Errorf(file, line, "row has %d fields but the header has %d", len(rec), len(b.s.Header)).
					WithHint("put values that hold %s in double quotes, or name every column in the header", sepName(comma)))
				continue
			}
			rec = rec[:len(b.s.Header)]
		}
		b.add(line, rec)
	}
	if err := findings.Err(); err != nil {
		return nil, err
	}
	return b.s, nil
}

// guessComma picks the separator from the first line that is not blank,
// the header.
func guessComma(data []byte) rune {
	var header []byte
	for len(bytes.TrimSpace(header)) == 0 && len(data) > 0 {
		header, data, _ = bytes.Cut(data, []byte("\n"))
	}
	switch {
	case bytes.ContainsRune(header, ','):
		return ','
	case bytes.ContainsRune(header, ';'):
		return ';'
	case bytes.ContainsRune(header, '\t'):
		return '\t'
	}
	return ','
}

func sepName(comma rune) string {
	switch comma {
	case ',':
		return "commas"
	case ';':
		return "semicolons"
	case '\t':
		return "tabs"
	}
	return fmt.Sprintf("%q", comma)
}

// invalidUTF8 returns the offset of the first byte that is not UTF-8.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// builder collects rows: the first row that is not blank is the header,
// later blank rows are left out.
type builder struct{ s *corpus.Sheet }

func (b *builder) add(line int, cells []string) {
	if blank(cells) {
		return
	}
	if b.s.HeaderLine == 0 {
		b.s.HeaderLine = line
		b.s.Header = cells
		return
	}
	b.s.Rows = append(b.s.Rows, corpus.SheetRow{Line: line, Cells: cells})
}

// widen gives every column that holds a value a header, blank when the
// header row has none there, so that the merge can say so.
func (b *builder) widen() {
	for _, r := range b.s.Rows {
		for len(b.s.Header) < len(r.Cells) {
			b.s.Header = append(b.s.Header, "")
		}
	}
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
