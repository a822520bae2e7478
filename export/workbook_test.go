package export

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/xuri/excelize/v2"

	"github.com/qdatool/qda/corpus"
)

var testDate = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

// writeWorkbook exports ts's matrix workbook to a file and opens it again.
func writeWorkbook(t *testing.T, ts tinyStudy, opt WorkbookOptions) (string, *excelize.File, *Matrix) {
	t.Helper()
	if opt.Matrix.Rows == "" {
		opt.Matrix.Rows, opt.Matrix.Depth = RowsParticipant, 1
	}
	if opt.Matrix.Measure == "" {
		opt.Matrix.Measure = "references"
	}
	if opt.About.Date.IsZero() {
		opt.About.Date = testDate
	}
	wb, m, err := MatrixWorkbook(ts.s, ts.ix, ts.cb, opt)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "themes.xlsx")
	if err := wb.Save(path); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return path, f, m
}

func cell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestWorkbookSheets(t *testing.T) {
	ts := openTiny(t)
	_, f, m := writeWorkbook(t, ts, WorkbookOptions{Matrix: MatrixOptions{Depth: 1}})
	want := []string{"Matrix", "Excerpts", "Segments", "Codebook", "Participants", "About"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	// Matrix: labels above, paths and the filter row below, then the
	// rows and the totals; numbers are numbers.
	tests := []struct{ ref, want string }{
		{"A1", "references by participant"},
		{"F1", "Confidence"}, {"G1", "A cup of tea and company"}, {"H1", "Ending support"}, {"I1", "Total"},
		{"A2", "participant"}, {"B2", "pseudonym"}, {"E2", "note"}, {"F2", "confidence"}, {"G2", "tea"}, {"H2", "ending"}, {"I2", "total"},
		{"A3", "may"}, {"D3", "71"}, {"E3", "-"}, {"F3", "2"}, {"G3", "2"}, {"H3", "1"}, {"I3", "5"},
		{"A4", "ted"}, {"E4", "=1+2"}, {"F4", "1"}, {"G4", "0"}, {"H4", "1"}, {"I4", "2"},
		{"A5", "total"}, {"F5", "3"}, {"G5", "2"}, {"H5", "2"}, {"I5", "7"},
	}
	for _, tc := range tests {
		if got := cell(t, f, "Matrix", tc.ref); got != tc.want {
			t.Errorf("Matrix!%s = %q, want %q", tc.ref, got, tc.want)
		}
	}
	for _, ref := range []string{"D3", "F3", "I3", "F5", "I5"} {
		if typ, _ := f.GetCellType("Matrix", ref); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("Matrix!%s is %v, want a number", ref, typ)
		}
	}
	// The formula-like attribute is text, never a formula.
	if typ, _ := f.GetCellType("Matrix", "E4"); typ != excelize.CellTypeInlineString {
		t.Errorf("Matrix!E4 is %v, want an inline string", typ)
	}
	if fm, _ := f.GetCellFormula("Matrix", "E4"); fm != "" {
		t.Errorf("Matrix!E4 has formula %q", fm)
	}
	if m.Total != 7 || len(m.Rows) != 2 {
		t.Errorf("matrix total %d over %d rows, want 7 over 2", m.Total, len(m.Rows))
	}
	panes, err := f.GetPanes("Matrix")
	if err != nil || !panes.Freeze || panes.XSplit != 5 || panes.YSplit != 2 {
		t.Errorf("Matrix panes %+v (%v), want frozen at 5 columns, 2 rows", panes, err)
	}
	cf, err := f.GetConditionalFormats("Matrix")
	if err != nil || len(cf["F3:H4"]) != 1 || cf["F3:H4"][0].Type != "2_color_scale" {
		t.Errorf("Matrix conditional formats %v (%v), want a colour scale on F3:H4", cf, err)
	}
	names := f.GetDefinedName()
	if !slices.ContainsFunc(names, func(d excelize.DefinedName) bool {
		return d.Name == "_xlnm._FilterDatabase" && d.RefersTo == "'Matrix'!$A$2:$I$4"
	}) {
		t.Errorf("no autofilter on Matrix!A2:I4 in %+v", names)
	}
	style, _ := f.GetCellStyle("Matrix", "F2")
	if st, err := f.GetStyle(style); err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("Matrix!F2 style %+v (%v), want a bold header", st, err)
	}
	if w, _ := f.GetColWidth("Excerpts", "F"); w < 40 {
		t.Errorf("Excerpts column F is %v wide, want room for passages", w)
	}

	// Excerpts: the passages behind each cell, prefixed transcript:lines.
	if got, want := cell(t, f, "Excerpts", "F3"), "may-1:3-5  May: I wanted my confidence back. I didn't want to go out. I didn't want to do anything.\n\nmay-2:3-6  May: My grandson typed a formula for me. =SUM(A1:A9) -- I take the bus on my own. @home I feel fine."; got != want {
		t.Errorf("Excerpts!F3 = %q, want %q", got, want)
	}
	// A passage across turns keeps them, each on its own line of the cell.
	if got, want := cell(t, f, "Excerpts", "G3"), "may-1:7-10  Interviewer: And now?\nMay: We have a cup of tea every week. It helps."; !strings.HasPrefix(got, want) {
		t.Errorf("Excerpts!G3 = %q, want it to start %q", got, want)
	}
	if got := cell(t, f, "Excerpts", "G4"); got != "" {
		t.Errorf("Excerpts!G4 = %q, want empty (ted has no tea)", got)
	}

	// Segments: one row per reference of a column, its counts adding up
	// to the matrix.
	rows, err := f.GetRows("Segments")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != m.Total {
		t.Errorf("Segments has %d references, the matrix %d", len(rows)-1, m.Total)
	}
	header := rows[0]
	col := func(name string) int { return slices.Index(header, name) }
	var eqSum bool
	for _, r := range rows[1:] {
		if r[col("text")] == "=SUM(A1:A9)" {
			eqSum = true
			if r[col("reference")] != "may-2:4" || r[col("code")] != "tea" || r[col("coders")] != "jt" || r[col("words")] != "3" {
				t.Errorf("segment row %v", r)
			}
		}
	}
	if !eqSum {
		t.Errorf("no Segments row for may-2:4 in %v", rows)
	}
	for i := 2; i <= len(rows); i++ {
		ref := fmt.Sprintf("M%d", i)
		if fm, _ := f.GetCellFormula("Segments", ref); fm != "" {
			t.Errorf("Segments!%s holds a formula %q", ref, fm)
		}
	}

	// Codebook, Participants and About.
	if got := cell(t, f, "Codebook", "A4"); got != "confidence/travel" {
		t.Errorf("Codebook!A4 = %q", got)
	}
	if got := cell(t, f, "Codebook", "I2"); got != "self-esteem" {
		t.Errorf("Codebook!I2 (aliases) = %q", got)
	}
	if got := cell(t, f, "Participants", "F2"); got != "2" {
		t.Errorf("Participants!F2 (may's transcripts) = %q", got)
	}
	about, _ := f.GetRows("About")
	var date string
	for _, r := range about {
		if r[0] == "date" {
			date = r[1]
		}
	}
	if date != "2026-11-24 12:00:00 UTC" {
		t.Errorf("About date %q", date)
	}
}

func TestWorkbookSameBytes(t *testing.T) {
	ts := openTiny(t)
	a, _, _ := writeWorkbook(t, ts, WorkbookOptions{})
	b, _, _ := writeWorkbook(t, ts, WorkbookOptions{})
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if !bytes.Equal(da, db) {
		t.Fatal("two exports of the same study differ")
	}
	c, _, _ := writeWorkbook(t, ts, WorkbookOptions{About: About{Date: testDate.Add(time.Hour)}})
	dc, _ := os.ReadFile(c)
	if bytes.Equal(da, dc) {
		t.Fatal("exports dated differently are the same bytes: the date is not in the workbook")
	}
}

// TestWorkbookLongCell writes a reference longer than an Excel cell holds:
// the cell is cut with a marker and the rest is on the Continued sheet,
// nothing lost.
func TestWorkbookLongCell(t *testing.T) {
	var b strings.Builder
	b.WriteString("Interviewer: Tell me everything.\n\nLen: ")
	for i := range 900 {
		fmt.Fprintf(&b, "Sentence %03d goes on about the bus and the shops and the weather.\n", i)
	}
	long := txtar.File{Name: "transcripts/len-1.txt", Data: []byte(b.String())}
	ts := openTiny(t, long,
		txtar.File{Name: "participants.csv", Data: []byte("id,pseudonym,gender,age,note\nmay,May,female,71,-\nted,Ted,male,64,=1+2\nlen,Len,male,80,\n")},
		txtar.File{Name: "transcripts.csv", Data: []byte("id,participant,wave,sha256\nmay-1,may,1,\nted-1,ted,1,\nmay-2,may,2,\nlen-1,len,1,\n")},
		txtar.File{Name: "codings/jt/len-1.yaml", Data: []byte("- lines: 3-902\n  codes: [tea]\n")},
	)
	_, f, _ := writeWorkbook(t, ts, WorkbookOptions{})
	if !slices.Contains(f.GetSheetList(), "Continued") {
		t.Fatalf("no Continued sheet in %v", f.GetSheetList())
	}
	tr, err := ts.s.ReadTranscript("len-1")
	if err != nil {
		t.Fatal(err)
	}
	whole := refText(tr, corpus.Range{Start: 3, End: 902})
	cont, _ := f.GetRows("Continued")
	for _, c := range []struct{ sheet, ref string }{{"Excerpts", "G5"}, {"Segments", "M9"}} {
		head := cell(t, f, c.sheet, c.ref)
		if utf16Count(head) > MaxCellChars {
			t.Errorf("%s!%s has %d characters", c.sheet, c.ref, utf16Count(head))
		}
		marker := " [… cut at Excel's cell limit: continued on sheet Continued, " + c.sheet + "!" + c.ref + "]"
		if !strings.HasSuffix(head, marker) {
			t.Fatalf("%s!%s does not end with the marker: ...%q", c.sheet, c.ref, head[max(0, len(head)-120):])
		}
		got := strings.TrimSuffix(head, marker)
		for _, r := range cont[1:] {
			if r[0] == c.sheet && r[1] == c.ref {
				got += " " + strings.TrimSuffix(r[3], " […]")
			}
		}
		want := whole
		if c.sheet == "Excerpts" {
			want = "len-1:3-902  " + whole
		}
		if norm(got) != norm(want) {
			t.Errorf("%s!%s and its continuation lose text: %d characters, want %d", c.sheet, c.ref, len(norm(got)), len(norm(want)))
		}
	}
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestWorkbookSummaries(t *testing.T) {
	ts := openTiny(t, txtar.File{Name: "memos/summaries/may.yaml", Data: []byte("tea: Weekly tea with a volunteer; keeps going.\n")})
	sums, err := ReadSummaries(ts.s)
	if err != nil {
		t.Fatal(err)
	}
	_, f, _ := writeWorkbook(t, ts, WorkbookOptions{Summaries: sums})
	if got := f.GetSheetList(); !slices.Contains(got, "Summaries") {
		t.Fatalf("no Summaries sheet in %v", got)
	}
	if got := cell(t, f, "Summaries", "G3"); got != "Weekly tea with a volunteer; keeps going." {
		t.Errorf("Summaries!G3 = %q", got)
	}
	_, f, _ = writeWorkbook(t, ts, WorkbookOptions{Summaries: sums, InCells: true})
	if got := cell(t, f, "Matrix", "G3"); got != "Weekly tea with a volunteer; keeps going." {
		t.Errorf("with InCells, Matrix!G3 = %q", got)
	}
}

// TestWorkbookOpenpyxl opens the workbook with a second, independent
// reader when one is installed (.ci/run installs python3-openpyxl).
func TestWorkbookOpenpyxl(t *testing.T) {
	python := ""
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		t.Skip("skipped: no python3 with openpyxl (apt-get install python3-openpyxl) to read the workbook independently")
	}
	ts := openTiny(t)
	path, _, _ := writeWorkbook(t, ts, WorkbookOptions{})
	script := `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(",".join(wb.sheetnames))
ro = openpyxl.load_workbook(sys.argv[1], read_only=True)
print(len(list(ro["Matrix"].iter_rows())), len(list(ro["Segments"].iter_rows())))
ws = wb["Matrix"]
print(ws.freeze_panes, ws.auto_filter.ref)
for row in ws.iter_rows(min_row=3, values_only=True):
    print("|".join("" if v is None else repr(v) for v in row))
seg = wb["Segments"]
print(sum(1 for _ in seg.iter_rows(min_row=2)))
for row in seg.iter_rows(min_row=2, values_only=True):
    if row[0] == "may-2:4":
        print(repr(row[12]), seg.cell(row=1, column=13).value)
`
	out, err := exec.Command(python, "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	want := `Matrix,Excerpts,Segments,Codebook,Participants,About
5 8
F3 $A$2:$I$4
'may'|'May'|'female'|71|'-'|2|2|1|5
'ted'|'Ted'|'male'|64|'=1+2'|1|0|1|2
'total'|''|''|''|''|3|2|2|7
7
'=SUM(A1:A9)' text
`
	if string(out) != want {
		t.Errorf("openpyxl read:\n%s\nwant:\n%s", out, want)
	}
}

// TestWorkbookLibreOffice converts the workbook with LibreOffice, when it
// is installed, as an evaluator would: every sheet to CSV.
func TestWorkbookLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("skipped: no LibreOffice (soffice) to convert the workbook")
	}
	ts := openTiny(t)
	path, _, _ := writeWorkbook(t, ts, WorkbookOptions{})
	out := t.TempDir()
	// Sheet -1: every sheet to its own file (LibreOffice 7.2 and later).
	cmd := exec.Command(soffice, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", out, path)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	read := func(sheet string) string {
		b, err := os.ReadFile(filepath.Join(out, "themes-"+sheet+".csv"))
		if err != nil {
			t.Fatalf("LibreOffice wrote no %s sheet: %v", sheet, err)
		}
		return strings.ReplaceAll(string(b), "\r\n", "\n")
	}
	matrix := read("Matrix")
	for _, line := range []string{
		"participant,pseudonym,gender,age,note,confidence,tea,ending,total\n",
		"may,May,female,71,-,2,2,1,5\n",
		"ted,Ted,male,64,=1+2,1,0,1,2\n",
		"total,,,,,3,2,2,7\n",
	} {
		if !strings.Contains(matrix, line) {
			t.Errorf("LibreOffice's Matrix lacks %q:\n%s", line, matrix)
		}
	}
	if seg := read("Segments"); !strings.Contains(seg, "may-2:4,may-2,may,4,4,tea,A cup of tea and company,tea,tea,jt,1,3,=SUM(A1:A9),") {
		t.Errorf("LibreOffice's Segments lacks may-2:4 as text:\n%s", seg)
	}
}
