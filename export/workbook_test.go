package export

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/xuri/excelize/v2"

	"github.com/qdatool/qda/codebook"
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
		{"B1", "Confidence"}, {"C1", "A cup of tea and company"}, {"D1", "Ending support"}, {"E1", "Total"}, {"F1", ""},
		{"A2", "participant"}, {"B2", "confidence"}, {"C2", "tea"}, {"D2", "ending"}, {"E2", "total"}, {"F2", "pseudonym"}, {"I2", "note"},
		{"A3", "may"}, {"B3", "2"}, {"C3", "2"}, {"D3", "1"}, {"E3", "5"}, {"F3", "May"}, {"H3", "71"}, {"I3", "-"},
		{"A4", "ted"}, {"B4", "1"}, {"C4", "0"}, {"D4", "1"}, {"E4", "2"}, {"I4", "=1+2"},
		{"A5", "total"}, {"B5", "3"}, {"C5", "2"}, {"D5", "2"}, {"E5", "7"}, {"F5", ""},
	}
	for _, tc := range tests {
		if got := cell(t, f, "Matrix", tc.ref); got != tc.want {
			t.Errorf("Matrix!%s = %q, want %q", tc.ref, got, tc.want)
		}
	}
	for _, ref := range []string{"H3", "B3", "E3", "B5", "E5"} {
		if typ, _ := f.GetCellType("Matrix", ref); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("Matrix!%s is %v, want a number", ref, typ)
		}
	}
	// The formula-like attribute is text, never a formula.
	if typ, _ := f.GetCellType("Matrix", "I4"); typ != excelize.CellTypeInlineString {
		t.Errorf("Matrix!I4 is %v, want an inline string", typ)
	}
	if fm, _ := f.GetCellFormula("Matrix", "I4"); fm != "" {
		t.Errorf("Matrix!I4 has formula %q", fm)
	}
	if m.Total != 7 || len(m.Rows) != 2 {
		t.Errorf("matrix total %d over %d rows, want 7 over 2", m.Total, len(m.Rows))
	}
	panes, err := f.GetPanes("Matrix")
	if err != nil || !panes.Freeze || panes.XSplit != 1 || panes.YSplit != 2 {
		t.Errorf("Matrix panes %+v (%v), want frozen at 1 column, 2 rows", panes, err)
	}
	cf, err := f.GetConditionalFormats("Matrix")
	if err != nil || len(cf["B3:D4"]) != 1 || cf["B3:D4"][0].Type != "2_color_scale" {
		t.Errorf("Matrix conditional formats %v (%v), want a colour scale on B3:D4", cf, err)
	}
	names := f.GetDefinedName()
	if !slices.ContainsFunc(names, func(d excelize.DefinedName) bool {
		return d.Name == "_xlnm._FilterDatabase" && d.RefersTo == "'Matrix'!$A$2:$I$4"
	}) {
		t.Errorf("no autofilter on Matrix!A2:I4 in %+v", names)
	}
	style, _ := f.GetCellStyle("Matrix", "B2")
	if st, err := f.GetStyle(style); err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("Matrix!B2 style %+v (%v), want a bold header", st, err)
	}
	if w, _ := f.GetColWidth("Excerpts", "B"); w < 40 {
		t.Errorf("Excerpts column B is %v wide, want room for passages", w)
	}

	// Excerpts: the passages behind each cell, each under its
	// transcript:lines and who coded which of its lines.
	if got, want := cell(t, f, "Excerpts", "B3"), "may-1:3-5  (eh 4-5, jt 3-5)\nMay: I wanted my confidence back. I didn't want to go out. I didn't want to do anything.\n\nmay-2:3-6  (eh)\nMay: My grandson typed a formula for me. =SUM(A1:A9) -- I take the bus on my own. @home I feel fine."; got != want {
		t.Errorf("Excerpts!B3 = %q, want %q", got, want)
	}
	// A passage across turns keeps them, each on its own line of the cell.
	if got, want := cell(t, f, "Excerpts", "C3"), "may-1:7-10  (eh 7-9, jt 9-10)\nInterviewer: And now?\nMay: We have a cup of tea every week. It helps."; !strings.HasPrefix(got, want) {
		t.Errorf("Excerpts!C3 = %q, want it to start %q", got, want)
	}
	// --line-numbers numbers each line of a passage.
	_, fn, _ := writeWorkbook(t, ts, WorkbookOptions{LineNumbers: true})
	if got, want := cell(t, fn, "Excerpts", "C3"), "may-1:7-10  (eh 7-9, jt 9-10)\n"; !strings.HasPrefix(got, want) || !strings.Contains(got, "May: [9] We have a cup of tea every week. [10] It helps.") {
		t.Errorf("with line numbers, Excerpts!C3 = %q, want it to start %q and number its lines", got, want)
	}
	if got := cell(t, f, "Excerpts", "C4"); got != "" {
		t.Errorf("Excerpts!C4 = %q, want empty (ted has no tea)", got)
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
	ref := corpus.Range{Start: 3, End: 902}
	whole := corpus.TurnsText(corpus.Turns(tr, ref), false, "\n")
	cont, _ := f.GetRows("Continued")
	for _, c := range []struct{ sheet, ref string }{{"Excerpts", "C5"}, {"Segments", "M9"}} {
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
			want = "len-1:3-902  (jt)\n" + whole
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
	if got := cell(t, f, "Summaries", "C3"); got != "Weekly tea with a volunteer; keeps going." {
		t.Errorf("Summaries!C3 = %q", got)
	}
	_, f, _ = writeWorkbook(t, ts, WorkbookOptions{Summaries: sums, InCells: true})
	if got := cell(t, f, "Matrix", "C3"); got != "Weekly tea with a volunteer; keeps going." {
		t.Errorf("with InCells, Matrix!C3 = %q", got)
	}
}

// openpyxl is a python3 that has openpyxl, or skips t.
func openpyxl(t *testing.T) string {
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			return p
		}
	}
	t.Skip("skipped: no python3 with openpyxl (apt-get install python3-openpyxl) to read the workbook independently")
	return ""
}

// TestWorkbookOpenpyxl opens the workbook with a second, independent
// reader when one is installed (.ci/run installs python3-openpyxl).
func TestWorkbookOpenpyxl(t *testing.T) {
	python := openpyxl(t)
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
B3 $A$2:$I$4
'may'|2|2|1|5|'May'|'female'|71|'-'
'ted'|1|0|1|2|'Ted'|'male'|64|'=1+2'
'total'|3|2|2|7||||
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
		"participant,confidence,tea,ending,total,pseudonym,gender,age,note\n",
		"may,2,2,1,5,May,female,71,-\n",
		"ted,1,0,1,2,Ted,male,64,=1+2\n",
		"total,3,2,2,7,,,,\n",
	} {
		if !strings.Contains(matrix, line) {
			t.Errorf("LibreOffice's Matrix lacks %q:\n%s", line, matrix)
		}
	}
	if seg := read("Segments"); !strings.Contains(seg, "may-2:4,may-2,may,4,4,tea,A cup of tea and company,tea,tea,jt,1,3,=SUM(A1:A9),") {
		t.Errorf("LibreOffice's Segments lacks may-2:4 as text:\n%s", seg)
	}
}

// TestWorkbookLayout reads back what makes the workbook read well when
// opened and printed: header rows tall enough for their wrapped labels,
// fitted widths, row heights for wrapped passages, panes on the key
// column and header only, the codes' colours, and the print setup.
func TestWorkbookLayout(t *testing.T) {
	ts := openTiny(t)
	ts.cb.Lookup("tea").Color = "#8cd17d"
	ts.cb.Lookup("confidence").Color = "#333"
	_, f, _ := writeWorkbook(t, ts, WorkbookOptions{About: About{Title: "Tiny & small study"}})

	// Row 1's wrapped labels get the height they need, so they do not
	// print over row 2's paths.
	if w, _ := f.GetColWidth("Matrix", "C"); w < 9 || w > 24 {
		t.Errorf("Matrix column C is %v wide, want 9..24", w)
	}
	label := cell(t, f, "Matrix", "C1")
	w, _ := f.GetColWidth("Matrix", "C")
	h1, _ := f.GetRowHeight("Matrix", 1)
	if want := float64(textLines(label, w, true)) * LineHeight; textLines(label, w, true) < 2 || h1 < want {
		t.Errorf("Matrix row 1 is %v high for %q in %v, want at least %v over more than one line", h1, label, w, want)
	}
	// Widths fit the content: the key, each path, the attributes.
	for col, min := range map[string]float64{"A": float64(len("participant")), "B": float64(len("confidence")), "F": float64(len("pseudonym")), "I": 6} {
		if w, _ := f.GetColWidth("Matrix", col); w < min || w > 30 {
			t.Errorf("Matrix column %s is %v wide, want %v..30", col, w, min)
		}
	}
	// Panes: the key column and the two header rows only.
	for _, sheet := range []string{"Matrix", "Excerpts"} {
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.XSplit != 1 || p.YSplit != 2 {
			t.Errorf("%s panes %+v (%v), want the key column and two header rows", sheet, p, err)
		}
	}
	// The codes' colours: the codebook's, else the palette's, with
	// text that reads on them.
	for ref, want := range map[string][2]string{"B1": {"#333333", "FFFFFF"}, "C1": {"#8CD17D", "000000"}, "D1": {codebook.Palette[2], "000000"}} {
		id, _ := f.GetCellStyle("Matrix", ref)
		st, err := f.GetStyle(id)
		if err != nil || len(st.Fill.Color) != 1 || !strings.EqualFold(strings.TrimPrefix(st.Fill.Color[0], "#"), strings.TrimPrefix(want[0], "#")) || st.Font == nil || !strings.EqualFold(strings.TrimPrefix(st.Font.Color, "#"), want[1]) {
			t.Errorf("Matrix!%s style %+v %+v (%v), want fill %s, font %s", ref, st.Fill, st.Font, err, want[0], want[1])
		}
	}
	// Bold text names the body's font, else LibreOffice prints it in
	// its default serif, wider than its rows' heights were estimated for.
	for _, ref := range []string{"A1", "A2", "C1"} {
		id, _ := f.GetCellStyle("Matrix", ref)
		if st, err := f.GetStyle(id); err != nil || st.Font == nil || !st.Font.Bold || st.Font.Family != "Calibri" || st.Font.Size != 11 {
			t.Errorf("Matrix!%s font %+v (%v), want bold Calibri 11", ref, st.Font, err)
		}
	}
	// Excerpts: rows as high as their wrapped passages, within the cap.
	passage := cell(t, f, "Excerpts", "B3")
	w, _ = f.GetColWidth("Excerpts", "B")
	if h, _ := f.GetRowHeight("Excerpts", 3); h < float64(textLines(passage, w, false))*LineHeight || h < 3*LineHeight || h > MaxRowHeight {
		t.Errorf("Excerpts row 3 is %v high for %d lines", h, textLines(passage, w, false))
	}
	// Print setup on every sheet.
	titles := checkPrintSetup(t, f, "Tiny && small study")
	for sheet, want := range map[string]string{
		"Matrix": "'Matrix'!$A:$A,'Matrix'!$1:$2", "Excerpts": "'Excerpts'!$A:$A,'Excerpts'!$1:$2",
		"Segments": "'Segments'!$A:$A,'Segments'!$1:$1", "Codebook": "'Codebook'!$1:$1",
	} {
		if titles[sheet] != want {
			t.Errorf("%s print titles %q, want %q", sheet, titles[sheet], want)
		}
	}
	if hf, _ := f.GetHeaderFooter("Matrix"); !strings.Contains(hf.OddHeader, "Matrix: references by participant") {
		t.Errorf("Matrix page header %q, want its title", hf.OddHeader)
	}
}

func TestTextLines(t *testing.T) {
	for _, tc := range []struct {
		s    string
		w    float64
		want int
	}{
		{"", 10, 1}, {"short", 20, 1}, {"one two three four", 12, 2},
		{"a\n\nb", 60, 3},
		// Ten digits' width a line (see textLines): 45 x take five, the
		// first four broken at the cell's edge.
		{strings.Repeat("x", 45), 11, 5},
		// 63 characters of prose fit a column 60 wide.
		{"May: I saw a poster in the library. I must have walked past it", 60, 1},
		// Lines break after a hyphen and a slash, not inside a word; a
		// word longer than a line starts its own.
		{"well-being", 6, 2}, {"a/b", 2.4, 2}, {"ab cdefghijklmnop", 11, 3},
		// An en or em dash is a break like a hyphen: "bb-" ends line 1.
		{"aaaaaa bb–cccccccc dd", 11, 2}, {"aaaaaa bb—cccccccc dd", 12, 2},
		// LibreOffice breaks no number run (18-24, 12/05/2019): broken
		// only at the cell's edge, its 9.4 fill two lines, not three.
		{"12/05/2019", 6, 2}, {"1990–2000", 6, 2},
		// Narrow letters take less room than wide ones.
		{strings.Repeat("il", 20), 21, 1}, {strings.Repeat("mW", 10), 21, 2},
	} {
		if got := textLines(tc.s, tc.w, false); got != tc.want {
			t.Errorf("textLines(%q, %v) = %d, want %d", tc.s, tc.w, got, tc.want)
		}
	}
}

// TestTextLinesLibreOffice holds the estimate to the lines LibreOffice
// 7.4 printed for these cells (DejaVu Sans standing in for Calibri, as on
// a machine without it): never fewer, so nothing is cut off, and at most
// one more, so rows are not left half empty. A code path of narrow
// letters fits where an average width gave it a second line; capitals,
// digits and m's and W's got too few lines.
func TestTextLinesLibreOffice(t *testing.T) {
	const (
		path  = "sustainability/infrastructure/transport/public-transport"
		caps  = "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG AGAIN AND AGAIN AND AGAIN"
		prose = "May: I saw a poster in the library. I must have walked past it a dozen times before I rang the number, and even then I nearly put the phone down when she answered."
		turns = "Interviewer: And how did you get there? Did someone drive you, or was it the bus? Participant: Mostly the bus, the 42, but it only runs twice a day so I often waited an hour in the cold."
	)
	for _, tc := range []struct {
		s  string
		w  float64
		lo int // lines in LibreOffice's print
	}{
		{"sustainability/infrastructure/transport", 30, 1},
		{path, 24, 2},
		{path, 60, 1},
		{"sustainability/ending-support/losing-a-friend", 24, 2},
		{"confidence/daily-tasks/bills-and-letters", 24, 2},
		{"aaaa/bbbb/cccc/dddd/eeee/ffff/gggg/hhhh/iiii/jjjj/kkkk/llll/mmmm/nnnn/oooo", 24, 3},
		{"aaaa-bbbb-cccc-dddd-eeee-ffff-gggg-hhhh-iiii-jjjj-kkkk-llll-mmmm-nnnn-oooo", 24, 3},
		{"ab " + strings.Repeat("x", 74), 24, 4},
		{caps, 24, 4},
		{caps, 40, 2},
		{strings.TrimSpace(strings.Repeat("1234567890 ", 7)), 40, 3},
		{strings.TrimSpace(strings.Repeat("MMMM WWWW mmmm wwww ", 3)), 24, 4},
		{strings.TrimSpace(strings.Repeat("illicit little lilies fill tiny lists; it is still ill. ", 2)), 24, 3},
		{"Lifts from the connector, family, friends and volunteer drivers", 24, 3},
		{"Developing confidence for day-to-day tasks and travel", 24, 2},
		{prose, 24, 6},
		{prose, 60, 3},
		{turns, 40, 4},
		{turns, 60, 3},
	} {
		if got := textLines(tc.s, tc.w, false); got < tc.lo || got > tc.lo+1 {
			t.Errorf("textLines(%q, %v) = %d, LibreOffice printed %d lines", tc.s, tc.w, got, tc.lo)
		}
	}
}

// TestWorkbookLayoutOpenpyxl reads the layout back with openpyxl when it
// is installed: another reader sees the same heights, widths, panes,
// colours and print setup.
func TestWorkbookLayoutOpenpyxl(t *testing.T) {
	python := openpyxl(t)
	ts := openTiny(t)
	ts.cb.Lookup("tea").Color = "#8cd17d"
	path, f, _ := writeWorkbook(t, ts, WorkbookOptions{About: About{Title: "Tiny study"}})
	script := `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for name in wb.sheetnames:
    ws = wb[name]
    ps = ws.page_setup
    print(name, ps.orientation, ps.fitToWidth, ps.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage,
          ws.print_title_rows, ws.print_title_cols, ws.oddFooter.right.text)
ws = wb["Matrix"]
print(ws.freeze_panes, ws["C1"].fill.fgColor.rgb, ws["C1"].alignment.wrap_text)
print(ws.row_dimensions[1].height, ws.column_dimensions["C"].width)
print(wb["Excerpts"].row_dimensions[3].height)
`
	out, err := exec.Command(python, "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	h1, _ := f.GetRowHeight("Matrix", 1)
	wc, _ := f.GetColWidth("Matrix", "C")
	h3, _ := f.GetRowHeight("Excerpts", 3)
	want := `Matrix landscape 1 0 True $1:$2 $A:$A Page &P of &N
Excerpts landscape None None None $1:$2 $A:$A Page &P of &N
Segments landscape None None None $1:$1 $A:$A Page &P of &N
Codebook landscape None None None $1:$1 None Page &P of &N
Participants landscape 1 0 True $1:$1 None Page &P of &N
About landscape 1 0 True $1:$1 None Page &P of &N
B3 FF8CD17D True
` + fmt.Sprintf("%.1f %.1f\n%.1f\n", h1, wc, h3)
	if string(out) != want {
		t.Errorf("openpyxl read:\n%s\nwant:\n%s", out, want)
	}
}

// checkPrintSetup checks that every sheet of f prints as qda's workbooks
// do: landscape; fitted to one page wide when its columns, as the file
// has them, are 211 characters wide or less (Calibri 11, 5.25 points a
// character, at 65% on a Letter page's 720 printable points), else not fitted, at full size; the sheet's name and the
// study (as a page header writes it, & doubled) above and page numbers
// below. It returns each sheet's print titles.
func checkPrintSetup(t *testing.T, f *excelize.File, study string) map[string]string {
	t.Helper()
	titles := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			titles[d.Scope] = d.RefersTo
		}
	}
	for _, sheet := range f.GetSheetList() {
		width := sheetWidth(t, f, sheet)
		fit := width*5.25*0.65 <= 720
		pl, err := f.GetPageLayout(sheet)
		if err != nil || pl.Orientation == nil || *pl.Orientation != "landscape" {
			t.Errorf("%s page layout %+v (%v), want landscape", sheet, pl, err)
		}
		pr, err := f.GetSheetProps(sheet)
		if err != nil {
			t.Fatal(err)
		}
		fitted := pr.FitToPage != nil && *pr.FitToPage
		if fit && (!fitted || pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0) {
			t.Errorf("%s, %.1f characters wide, is not fitted to one page wide: fit to page %v, %+v", sheet, width, fitted, pl)
		}
		if !fit && (fitted || pl.FitToWidth != nil && *pl.FitToWidth != 0 || pl.AdjustTo != nil && *pl.AdjustTo != 100) {
			t.Errorf("%s, %.1f characters wide, is shrunk to print: fit to page %v, %+v", sheet, width, fitted, pl)
		}
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil || !strings.Contains(hf.OddHeader, sheet) || !strings.Contains(hf.OddHeader, "&R"+study) || !strings.Contains(hf.OddFooter, "Page &P of &N") {
			t.Errorf("%s header and footer %+v (%v)", sheet, hf, err)
		}
	}
	return titles
}

// sheetWidth is the width in characters of sheet's used columns, as the
// file has them.
func sheetWidth(t *testing.T, f *excelize.File, sheet string) float64 {
	t.Helper()
	cols, err := f.GetCols(sheet)
	if err != nil {
		t.Fatal(err)
	}
	w := 0.0
	for c := range cols {
		name, _ := excelize.ColumnNumberToName(c + 1)
		cw, err := f.GetColWidth(sheet, name)
		if err != nil {
			t.Fatal(err)
		}
		w += cw
	}
	return w
}

// TestWorkbookSheetsNotFiltered: no sheet's properties say it is
// filtered (filterMode), which would tell a reader rows are hidden:
// excelize's filter sets it, so filters are set after each sheet's
// properties are written.
func TestWorkbookSheetsNotFiltered(t *testing.T) {
	path, _, _ := writeWorkbook(t, openTiny(t), WorkbookOptions{})
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	sheets := 0
	for _, zf := range z.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		sheets++
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("filterMode")) {
			t.Errorf("%s is marked filtered (filterMode)", zf.Name)
		}
		if strings.HasSuffix(zf.Name, "sheet3.xml") && !bytes.Contains(b, []byte("<autoFilter")) {
			t.Errorf("%s, Segments, has no filter buttons", zf.Name)
		}
	}
	if sheets == 0 {
		t.Fatal("no sheets in the workbook")
	}
}
