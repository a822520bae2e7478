package sheet

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"testing"
)

// FuzzReadXLSX feeds the parts of the fixture workbook that a spreadsheet
// from anywhere can make hostile (the first sheet, the shared strings and
// the styles) through ReadXLSX: no panic, and a sheet read has its rows
// after its header, in order, none of them blank, as FuzzReadCSV demands.
func FuzzReadXLSX(f *testing.F) {
	data, err := os.ReadFile("../testdata/participants/people.xlsx")
	if err != nil {
		f.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		f.Fatal(err)
	}
	parts := map[string][]byte{}
	var order []string
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			f.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			f.Fatal(err)
		}
		parts[zf.Name] = b
		order = append(order, zf.Name)
	}
	const sheet, shared, styles = "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"
	f.Add(parts[sheet], parts[shared], parts[styles])
	f.Add(parts["xl/worksheets/sheet2.xml"], parts[shared], parts[styles])
	f.Fuzz(func(t *testing.T, sheetXML, sharedXML, stylesXML []byte) {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for _, name := range order {
			content := parts[name]
			switch name {
			case sheet:
				content = sheetXML
			case shared:
				content = sharedXML
			case styles:
				content = stylesXML
			}
			w, err := zw.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(content)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		s, err := ReadXLSX("people.xlsx", b.Bytes(), "")
		if err != nil {
			return
		}
		checkRows(t, s, false)
	})
}
