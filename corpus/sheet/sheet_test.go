package sheet

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qdatool/qda/corpus"
)

type row = corpus.SheetRow

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name, file, in string
		want           *corpus.Sheet
		wantErr        string
	}{
		{
			name: "plain",
			in:   "id,Age range\nmay,65-74\nted,\n",
			want: &corpus.Sheet{HeaderLine: 1, Header: []string{"id", "Age range"}, Rows: []row{{Line: 2, Cells: []string{"may", "65-74"}}, {Line: 3, Cells: []string{"ted", ""}}}},
		},
		{
			name: "byte order mark and CRLF",
			in:   "\ufeffid,gender\r\nmay,female\r\n",
			want: &corpus.Sheet{HeaderLine: 1, Header: []string{"id", "gender"}, Rows: []row{{Line: 2, Cells: []string{"may", "female"}}}},
		},
		{
			name: "semicolons where the header has no comma",
			in:   "id;score\nmay;3,5\n",
			want: &corpus.Sheet{HeaderLine: 1, Header: []string{"id", "score"}, Rows: []row{{Line: 2, Cells: []string{"may", "3,5"}}}},
		},
		{
			name: "commas win over semicolons",
			in:   "id,note\nmay,a;b\n",
			want: &corpus.Sheet{HeaderLine: 1, Header: []string{"id", "note"}, Rows: []row{{Line: 2, Cells: []string{"may", "a;b"}}}},
		},
		{
			name: "Excel's sep= line",
			in:   "sep=;\r\nid;note\r\nmay;a,b\r\n",
			want: &corpus.Sheet{HeaderLine: 2, Header: []string{"id", "note"}, Rows: []row{{Line: 3, Cells: []string{"may", "a,b"}}}},
		},
		{
			name: "tabs",
			in:   "id\tnote\nmay\tx\n",
			want: &corpus.Sheet{HeaderLine: 1, Header: []string{"id", "note"}, Rows: []row{{Line: 2, Cells: []string{"may", "x"}}}},
		},
		{
			name: ".tsv is tabs even with commas",
			file: "people.tsv",
			in:   "id\tnote, long\nmay\tx\n",
			want: &corpus.Sheet{HeaderLine: 1, Header: []string{"id", "note, long"}, Rows: []row{{Line: 2, Cells: []string{"may", "x"}}}},
		},
		{
			name: "quoted separators and line breaks; blank rows left out",
			in:   "\n,\nid,note\n\"may\",\"one, two\nthree\"\n,,\nted,x\n",
			want: &corpus.Sheet{HeaderLine: 3, Header: []string{"id", "note"}, Rows: []row{{Line: 4, Cells: []string{"may", "one, two\nthree"}}, {Line: 7, Cells: []string{"ted", "x"}}}},
		},
		{
			name: "short rows and trailing empty fields",
			in:   "id,a,b\nmay\nted,1,2,,\n",
			want: &corpus.Sheet{HeaderLine: 1, Header: []string{"id", "a", "b"}, Rows: []row{{Line: 2, Cells: []string{"may"}}, {Line: 3, Cells: []string{"ted", "1", "2"}}}},
		},
		{
			name:    "too many fields",
			in:      "id,note\nmay,one, two\nted,x\nsue,a,b,c\n",
			wantErr: "people.csv:2: row has 3 fields but the header has 2 (put values that hold commas in double quotes, or name every column in the header)\npeople.csv:4: row has 4 fields but the header has 2 (put values that hold commas in double quotes, or name every column in the header)",
		},
		{
			name:    "a bare quote",
			in:      "id,note\nmay,say \"hi\" x\n",
			wantErr: "people.csv:2: CSV: bare \" in non-quoted-field (put values that hold commas, quotes or line breaks in double quotes)",
		},
		{
			name:    "not UTF-8",
			in:      "id,name\nmay,ok\nsian,Si\xe2n\n",
			wantErr: "people.csv:3: not UTF-8 text (save it as \"CSV UTF-8\" (Excel: File > Save As), or as .xlsx)",
		},
		{
			name: "empty",
			in:   "",
			want: &corpus.Sheet{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.file
			if file == "" {
				file = "people.csv"
			}
			got, err := Read(file, []byte(tc.in), "")
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error:\n got %v\nwant %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.want.File = file
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("\n got %#v\nwant %#v", got, tc.want)
			}
		})
	}
}

func TestReadFormats(t *testing.T) {
	_, err := Read("people.ods", []byte("x"), "")
	var fe *FormatError
	if !errors.As(err, &fe) || err.Error() != "people.ods: qda cannot read .ods files" {
		t.Errorf("Read(.ods) = %v", err)
	}
	if err := CheckName("people.XLSX"); err != nil {
		t.Errorf("CheckName(people.XLSX) = %v", err)
	}
	if err := CheckName("people"); err == nil || err.Error() != "people: qda cannot tell what kind of file it is: it has no extension" {
		t.Errorf("CheckName(people) = %v", err)
	}
	_, err = Read("people.xlsx", []byte("id,gender\nmay,female\n"), "")
	if err == nil || !strings.HasPrefix(err.Error(), "people.xlsx: not an .xlsx workbook") {
		t.Errorf("Read(CSV as .xlsx) = %v", err)
	}
	_, err = Read("people.xlsx", []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0}, "")
	if err == nil || !strings.Contains(err.Error(), "password-protected, or an old .xls file") {
		t.Errorf("Read(OLE file) = %v", err)
	}
}

// TestReadXLSXBuilt reads a workbook that excelize writes, the way Excel
// stores cells: numbers, dates with and without a time, custom formats.
func TestReadXLSXBuilt(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	style := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	dmy, oneDP := "dd/mm/yyyy", "0.0"
	styles := map[string]int{
		"dmy":     style(&excelize.Style{CustomNumFmt: &dmy}),
		"oneDP":   style(&excelize.Style{CustomNumFmt: &oneDP}),
		"percent": style(&excelize.Style{NumFmt: 9}),
		"time":    style(&excelize.Style{NumFmt: 21}), // hh:mm:ss, a time and no date
		"bold":    style(&excelize.Style{Font: &excelize.Font{Bold: true}}),
	}
	set := func(cell string, v any, styleName string) {
		if err := f.SetCellValue("Sheet1", cell, v); err != nil {
			t.Fatal(err)
		}
		if styleName != "" {
			if err := f.SetCellStyle("Sheet1", cell, cell, styles[styleName]); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i, h := range []string{"Participant", "Age", "Joined", "Interviewed", "Score", "Share", "Follow-up", "Notes"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		set(cell, h, "bold")
	}
	// Row 1 is blank: the header is the first row that is not. Row 4 is
	// left out too; row numbers stay the sheet's.
	set("A3", "may", "")
	set("B3", 42, "")
	set("C3", time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC), "")
	set("D3", time.Date(2024, 3, 2, 14, 30, 0, 0, time.UTC), "")
	set("E3", 3.25, "oneDP")
	set("F3", 0.35, "percent")
	set("G3", 45306, "dmy")
	set("H3", "said \"yes\"", "")
	set("A5", "ted", "")
	set("B5", 71.5, "bold")
	set("C5", "not known", "dmy")
	set("D5", 0.5, "time")
	set("E5", true, "")
	set("J5", "stray", "")
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read("people.xlsx", buf.Bytes(), "")
	if err != nil {
		t.Fatal(err)
	}
	want := &corpus.Sheet{File: "people.xlsx", HeaderLine: 2,
		Header: []string{"Participant", "Age", "Joined", "Interviewed", "Score", "Share", "Follow-up", "Notes", "", ""},
		Rows: []row{
			{Line: 3, Cells: []string{"may", "42", "2024-01-15", "2024-03-02 14:30", "3.3", "35%", "2024-01-15", `said "yes"`}},
			{Line: 5, Cells: []string{"ted", "71.5", "not known", "12:00:00", "TRUE", "", "", "", "", "stray"}},
		}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("\n got %#v\nwant %#v", got, want)
	}
}

// TestReadXLSXFixture reads a workbook written as LibreOffice Calc writes
// one (testdata/participants/people.xlsx, made by make-people.py beside
// it): shared strings, a custom date format, a built-in one, an inline
// string, a missing row, a second sheet.
func TestReadXLSXFixture(t *testing.T) {
	data, err := os.ReadFile("../testdata/participants/people.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read("people.xlsx", data, "")
	if err != nil {
		t.Fatal(err)
	}
	want := &corpus.Sheet{File: "people.xlsx", HeaderLine: 1,
		Header: []string{"Pseudonym", "Gender", "Age range", "Joined", "Score", "Attended"},
		Rows: []row{
			{Line: 2, Cells: []string{"May", "female", "65-74", "2024-01-15", "3.5", "75%"}},
			{Line: 4, Cells: []string{"Ted", "male", "55-64", "2023-03-15", "4.0", "twice"}},
			{Line: 5, Cells: []string{"Siân", "female", "75+", "not known", "42"}},
		}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("\n got %#v\nwant %#v", got, want)
	}

	got, err = Read("people.xlsx", data, "FOLLOW-UP")
	if err != nil {
		t.Fatal(err)
	}
	if want := [][]string{{"Ted", "2"}}; len(got.Rows) != 1 || !reflect.DeepEqual([][]string{got.Rows[0].Cells}, want) {
		t.Errorf("sheet Follow-up: %#v", got)
	}

	_, err = Read("people.xlsx", data, "Wave 3")
	var se *UnknownSheetError
	if !errors.As(err, &se) || err.Error() != `people.xlsx: no sheet "Wave 3"` || !reflect.DeepEqual(se.Sheets, []string{"Participants", "Follow-up"}) {
		t.Errorf("unknown sheet: %v", err)
	}
	if names, err := Sheets(data); err != nil || !reflect.DeepEqual(names, []string{"Participants", "Follow-up"}) {
		t.Errorf("Sheets = %v, %v", names, err)
	}
}

func TestISOFormat(t *testing.T) {
	for code, want := range map[string]string{
		"General":                     "",
		"0.00":                        "",
		`0 "days"`:                    "",
		"[h]:mm:ss":                   "",
		"hh:mm":                       "",
		"mm-dd-yy":                    "yyyy-mm-dd",
		"DD/MM/YYYY":                  "yyyy-mm-dd",
		"[$-F800]dddd, mmmm dd, yyyy": "yyyy-mm-dd",
		"m/d/yy hh:mm":                "yyyy-mm-dd hh:mm",
		"yyyy-mm-dd hh:mm:ss":         "yyyy-mm-dd hh:mm:ss",
		`d\-mmm`:                      "yyyy-mm-dd",
		"[Red]0.0;[Blue]-0.0":         "",
		`#,##0" dd"`:                  "",
	} {
		if got := isoFormat(code); got != want {
			t.Errorf("isoFormat(%q) = %q, want %q", code, got, want)
		}
	}
}

// FuzzReadCSV: no panic; rows come after the header, in order, and no row
// is blank.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{"id,a\nmay,1\n", "\ufeffid;a\r\nmay;1\r\n", "sep=|\nid|a\n", "\"a\nb\",c\n", "id\n\n\nx"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ReadCSV("f.csv", data, 0)
		if err != nil {
			return
		}
		checkRows(t, s, true)
	})
}

// checkRows is what the readers' fuzz targets require of a sheet: rows
// after the header, in order, none blank, and with narrow set no wider
// than the header.
func checkRows(t *testing.T, s *corpus.Sheet, narrow bool) {
	t.Helper()
	last := s.HeaderLine
	for _, r := range s.Rows {
		if r.Line <= last {
			t.Fatalf("row on line %d after line %d", r.Line, last)
		}
		last = r.Line
		if blank(r.Cells) || narrow && len(r.Cells) > len(s.Header) {
			t.Fatalf("row %d: %q under %q", r.Line, r.Cells, s.Header)
		}
	}
}
