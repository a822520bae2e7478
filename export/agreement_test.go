package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/agreement"
)

// agreementReport builds a report by hand: two codes for coders jt and
// eh (three with ah), "tea" never used, so its kappa is undefined, and one
// disagreement whose text a spreadsheet would take for a formula.
func agreementReport(t *testing.T, coders ...string) *Agreement {
	t.Helper()
	cb, fs := codebook.Parse("codebook.yaml", []byte("codes:\n  - name: confidence\n    label: Confidence | self-esteem\n  - name: tea\n"))
	if fs.HasErrors() {
		t.Fatal(fs)
	}
	m := len(coders)
	conf, tea := agreement.NewTable(m, 2), agreement.NewTable(m, 2)
	yes, no, mixed := make([]int, m), make([]int, m), make([]int, m)
	for i := range yes {
		yes[i] = 1
	}
	mixed[0] = 1
	conf.AddN(yes, 20)
	conf.AddN(mixed, 10)
	conf.AddN(no, 20)
	tea.AddN(no, 50)
	overall := agreement.NewTable(m, 2)
	overall.Merge(conf)
	overall.Merge(tea)
	res := &corpus.AgreeResult{Coders: coders, Transcripts: 2, Skipped: 1, Overall: overall,
		Codes: []corpus.CodeAgreement{{Code: cb.Lookup("confidence"), Table: conf}, {Code: cb.Lookup("tea"), Table: tea}}}
	r := NewAgreement(res, corpus.UnitLine, false)
	tr := corpus.ParseTranscript("may-1", []byte("May: fine.\n=SUM(A1:A9)\n-2 degrees | cold\n"))
	r.Disagreements = append(r.Disagreements, NewAgreementDisagreement(&corpus.Disagreement{
		Transcript: "may-1", Lines: corpus.Range{Start: 2, End: 3}, Code: cb.Lookup("confidence"),
		Coded: coders[:1], NotCoded: coders[1:], Codes: map[string][]string{coders[0]: {"confidence"}}, T: tr}))
	return r
}

func TestAgreementCSV(t *testing.T) {
	r := agreementReport(t, "jt", "eh")
	tests := []struct {
		table string
		want  []string // lines that must appear
	}{
		{"", []string{
			"code,label,depth,units,marked by jt,marked by eh,agreement,specific agreement,cohen kappa,kappa units,alpha,n/a",
			// 20 both, 10 jt only, 20 none: po .8, pe .6*.4+.4*.6 = .48, kappa .6154.
			"confidence,Confidence | self-esteem,1,50,30,20,0.8,0.8,0.6153846153846154,50,",
			"tea,tea,1,50,0,0,1,n/a,n/a,50,n/a,\"specific agreement: no coder used the code on any unit; cohen kappa: no coder used the code on any unit, so chance agreement is 1; alpha: no coder used the code on any unit, so chance agreement is 1\"",
			// alpha 1-99*20/(2*50*50) = .604; pooled 1-199*20/(2*150*50).
			"confidence,Confidence | self-esteem,1,50,30,20,0.8,0.8,0.6153846153846154,50,0.604,",
			// Pooled: 20 both, 10 jt only, 70 none: po .9, pe .3*.2+.7*.8 = .62.
			"overall,all codes pooled,,100,30,20,0.9,0.8,0.7368421052631579,100,0.7346666666666667,",
		}},
		{"disagreements", []string{
			"transcript,lines,code,coded by,not coded by,codes of jt,codes of eh,text",
			// The text starts with "=": defused with an apostrophe.
			"may-1,2-3,confidence,jt,eh,confidence,,\"'=SUM(A1:A9)\n-2 degrees | cold\"",
		}},
	}
	for _, tc := range tests {
		t.Run("table "+tc.table, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteAgreementCSV(&b, r, tc.table); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("missing %q in\n%s", w, b.String())
				}
			}
		})
	}
	if err := WriteAgreementCSV(&bytes.Buffer{}, r, "pairs"); err == nil {
		t.Error("two coders have no pairs table, but it was written")
	}
	if got := AgreementCSVTables(agreementReport(t, "jt", "eh", "ah")); strings.Join(got, ",") != ",pairs,disagreements" {
		t.Errorf("three coders' tables = %q", got)
	}
}

func TestAgreementCSVText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=1+1", "'=1+1"}, {"+44 20", "'+44 20"}, {"-x", "'-x"}, {"@SUM", "'@SUM"},
		{"\tx", "'\tx"}, {"\rx", "'\rx"}, {"plain", "plain"}, {"", ""}, {"a=b", "a=b"},
	}
	for _, tc := range tests {
		if got := agreementCSVText(tc.in); got != tc.want {
			t.Errorf("agreementCSVText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAgreementMarkdown(t *testing.T) {
	r := agreementReport(t, "jt", "eh", "ah")
	var b bytes.Buffer
	if err := WriteAgreementMarkdown(&b, r, AgreementAbout(r, "Study", "qda export agreement -o x.md")); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		"## Agreement\n", "## Pairs\n", "## Disagreements\n", "## About\n",
		"| code | label | depth | units | marked by jt | marked by eh | marked by ah | agreement | specific agreement | fleiss kappa | kappa units | alpha | n/a |",
		// A pipe in a label is escaped; agreement is a percentage.
		"| confidence | Confidence \\| self-esteem | 1 | 50 | 30 | 20 | 20 | 80.0% |",
		"| tea | tea | 1 | 50 | 0 | 0 | 0 | 100.0% | n/a | n/a |",
		"| =SUM(A1:A9)<br>-2 degrees \\| cold |",
		"| kappa | Fleiss' kappa (three coders or more), over the 0 transcripts every coder coded |",
	} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("missing %q in\n%s", w, b.String())
		}
	}
}

// agreementXLSX writes r's workbook dated date and opens it.
func agreementXLSX(t *testing.T, r *Agreement, date time.Time) ([]byte, *excelize.File) {
	t.Helper()
	var b bytes.Buffer
	if err := WriteAgreementXLSX(&b, r, AgreementAbout(r, "Tea & talk", "qda export agreement -o x.xlsx"), "Tea & talk", date); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return b.Bytes(), f
}

func TestAgreementXLSX(t *testing.T) {
	r := agreementReport(t, "jt", "eh")
	_, f := agreementXLSX(t, r, testDate)
	if got := strings.Join(f.GetSheetList(), ","); got != "Agreement,Disagreements,About" {
		t.Fatalf("sheets %s", got)
	}
	tests := []struct{ sheet, cell, want string }{
		{"Agreement", "A1", "code"},
		{"Agreement", "H1", "specific agreement"},
		{"Agreement", "I1", "cohen kappa"},
		{"Agreement", "J1", "kappa units"},
		{"Agreement", "A2", "confidence"},
		{"Agreement", "E2", "30"},
		{"Agreement", "I3", "n/a"},
		{"Agreement", "A4", "overall"},
		{"Disagreements", "H2", "=SUM(A1:A9)\n-2 degrees | cold"},
		{"About", "B1", "value"},
		{"About", "B2", "Tea & talk"},
	}
	for _, tc := range tests {
		got, err := f.GetCellValue(tc.sheet, tc.cell, excelize.Options{RawCellValue: true})
		if err != nil || got != tc.want {
			t.Errorf("%s!%s = %q (%v), want %q", tc.sheet, tc.cell, got, err, tc.want)
		}
	}
	// Statistics are numbers, not text, so a reader can compute with them.
	got, _ := f.GetCellValue("Agreement", "I2", excelize.Options{RawCellValue: true})
	if !strings.HasPrefix(got, "0.6153846") {
		t.Errorf("kappa cell = %q, want the number 0.6153846...", got)
	}
	typ, _ := f.GetCellType("Agreement", "I2")
	if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("kappa cell is text")
	}
	// Nothing was written as a formula.
	if fm, _ := f.GetCellFormula("Disagreements", "H2"); fm != "" {
		t.Errorf("text became the formula %q", fm)
	}
	// Shown as the other writers print them: statistics to four
	// decimals, agreement as a percentage with two.
	for _, tc := range []struct{ cell, want string }{
		{"G2", "80.00%"}, {"H2", "80.00%"}, {"I2", "0.6154"}, {"K2", "0.6040"},
		{"G3", "100.00%"}, {"H3", "n/a"}, {"I4", "0.7368"}, {"D2", "50"},
	} {
		if got, _ := f.GetCellValue("Agreement", tc.cell); got != tc.want {
			t.Errorf("Agreement!%s shows %q, want %q", tc.cell, got, tc.want)
		}
	}
}

// TestAgreementXLSXLayout: the workbook is laid out and printed as qda's
// other workbooks are.
func TestAgreementXLSXLayout(t *testing.T) {
	r := agreementReport(t, "jt", "eh", "ah")
	_, f := agreementXLSX(t, r, testDate)
	if got := strings.Join(f.GetSheetList(), ","); got != "Agreement,Pairs,Disagreements,About" {
		t.Fatalf("sheets %s", got)
	}
	titles := checkPrintSetup(t, f, "Tea && talk")
	for _, sheet := range f.GetSheetList() {
		if want := "'" + sheet + "'!$1:$1"; titles[sheet] != want {
			t.Errorf("%s print titles %q, want %q", sheet, titles[sheet], want)
		}
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 {
			t.Errorf("%s panes %+v (%v), want the header row frozen", sheet, panes, err)
		}
		if st, _ := f.GetCellStyle(sheet, "A1"); st == 0 {
			t.Errorf("%s header row has no style", sheet)
		}
	}
	// Widths follow what the columns hold: the disagreements' text is
	// the widest, a number column as wide as its header's longest word.
	for _, tc := range []struct {
		sheet, col string
		lo, hi     float64
	}{
		{"Agreement", "A", 12, 14},     // "confidence", "overall"
		{"Agreement", "B", 24, 30},     // "Confidence | self-esteem"
		{"Agreement", "D", 6, 8},       // "units"
		{"Agreement", "I", 11, 13},     // "specific agreement" wraps
		{"Agreement", "J", 8, 10},      // "fleiss kappa"
		{"Pairs", "B", 8, 10},          // "coders", "jt/eh"
		{"Disagreements", "I", 17, 50}, // the text
		{"About", "B", 50, 50},
	} {
		if w, err := f.GetColWidth(tc.sheet, tc.col); err != nil || w < tc.lo || w > tc.hi {
			t.Errorf("%s column %s is %v wide (%v), want %v..%v", tc.sheet, tc.col, w, err, tc.lo, tc.hi)
		}
	}
	// The disagreement's two lines of text make its row two lines high.
	if h, _ := f.GetRowHeight("Disagreements", 2); h < 2*LineHeight {
		t.Errorf("Disagreements row 2 is %v high, want two lines", h)
	}
}

// TestAgreementXLSXSameBytes: the same report gives the same bytes, as
// every qda workbook does (excelize alone writes its parts in map order),
// and the date is the one given, not the clock's.
func TestAgreementXLSXSameBytes(t *testing.T) {
	r := agreementReport(t, "jt", "eh", "ah")
	first, _ := agreementXLSX(t, r, testDate)
	// excelize's order changes only now and then (about one write in
	// six had another order): enough writes to catch it.
	for range 20 {
		again, _ := agreementXLSX(t, r, testDate)
		if !bytes.Equal(first, again) {
			t.Fatal("two workbooks of the same report differ")
		}
	}
	later, f := agreementXLSX(t, r, testDate.Add(time.Hour))
	if bytes.Equal(first, later) {
		t.Fatal("workbooks dated differently are the same bytes: the date is not in the workbook")
	}
	if p, err := f.GetDocProps(); err != nil || p.Created != testDate.Add(time.Hour).Format(time.RFC3339) {
		t.Errorf("created %q (%v), want the date given", p.Created, err)
	}
}

// TestAgreementXLSXOpenpyxl reads the workbook with a second, independent
// reader: the values and their number formats (numbers kept to 15
// significant digits, as excelize and Excel keep them).
func TestAgreementXLSXOpenpyxl(t *testing.T) {
	python := openpyxl(t)
	r := agreementReport(t, "jt", "eh")
	data, _ := agreementXLSX(t, r, testDate)
	path := filepath.Join(t.TempDir(), "agreement.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(",".join(wb.sheetnames))
print(*[(wb[n].freeze_panes, wb[n].auto_filter.ref) for n in wb.sheetnames])
for row in wb["Agreement"].iter_rows(min_row=2):
    print("|".join("" if c.value is None else repr(c.value) + ("@" + c.number_format if isinstance(c.value, float) else "") for c in row))
print(repr(wb["Disagreements"]["H2"].value))
`
	out, err := exec.Command(python, "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	want := `Agreement,Disagreements,About
('A2', '$A$1:$L$4') ('A2', '$A$1:$H$2') ('A2', None)
'confidence'|'Confidence | self-esteem'|1|50|30|20|0.8@0.00%|0.8@0.00%|0.615384615384615@0.0000|50|0.604@0.0000|''
'tea'|'tea'|1|50|0|0|1|'n/a'|'n/a'|50|'n/a'|` + "'specific agreement: no coder used the code on any unit; cohen kappa: no coder used the code on any unit, so chance agreement is 1; alpha: no coder used the code on any unit, so chance agreement is 1'" + `
'overall'|'all codes pooled'|''|100|30|20|0.9@0.00%|0.8@0.00%|0.736842105263157@0.0000|100|0.734666666666666@0.0000|''
'=SUM(A1:A9)\n-2 degrees | cold'
`
	if string(out) != want {
		t.Errorf("openpyxl read:\n%s\nwant:\n%s", out, want)
	}
}

// TestAgreementPairReasons: with three coders a pair can lack variation
// while the code's row has some (only jt used the code), and the reason
// must name the pair, not "every coder".
func TestAgreementPairReasons(t *testing.T) {
	cb, fs := codebook.Parse("codebook.yaml", []byte("codes:\n  - name: solo\n  - name: tea\n"))
	if fs.HasErrors() {
		t.Fatal(fs)
	}
	solo, tea := agreement.NewTable(3, 2), agreement.NewTable(3, 2)
	solo.AddN([]int{1, 0, 0}, 4)
	solo.AddN([]int{0, 0, 0}, 46)
	tea.AddN([]int{0, 0, 0}, 50)
	overall := agreement.NewTable(3, 2)
	overall.Merge(solo)
	overall.Merge(tea)
	res := &corpus.AgreeResult{Coders: []string{"jt", "eh", "ah"}, Overall: overall,
		Codes: []corpus.CodeAgreement{{Code: cb.Lookup("solo"), Table: solo}, {Code: cb.Lookup("tea"), Table: tea}}}
	r := NewAgreement(res, corpus.UnitLine, false)
	nobody := "no coder used the code on any unit, so chance agreement is 1"
	neither := "neither eh nor ah used the code on any unit, so chance agreement is 1"
	tests := []struct {
		name      string
		row       AgreementRow
		pairs     []string // each pair's na: jt/eh, jt/ah, eh/ah
		meanKappa string
		joined    string
	}{
		{"only jt used it", r.Codes[0], []string{"", "", neither},
			"the kappa of eh/ah is n/a: " + neither, "eh/ah: " + neither},
		{"nobody used it", r.Codes[1], []string{nobody, nobody, nobody},
			nobody, "jt/eh, jt/ah, eh/ah: " + nobody},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for i, p := range tc.row.Pairs {
				if p.NA != tc.pairs[i] || p.Kappa.Defined == (tc.pairs[i] != "") {
					t.Errorf("pair %v: kappa %v, na %q, want na %q", p.Coders, p.Kappa, p.NA, tc.pairs[i])
				}
			}
			if got := tc.row.NA["mean_pair_kappa"]; got != tc.meanKappa {
				t.Errorf("mean_pair_kappa na = %q, want %q", got, tc.meanKappa)
			}
			if got := PairsNA(tc.row); got != tc.joined {
				t.Errorf("PairsNA = %q, want %q", got, tc.joined)
			}
		})
	}
	// The Pairs table of every writer carries the reasons.
	var b bytes.Buffer
	if err := WriteAgreementCSV(&b, r, "pairs"); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"code,coders,transcripts,units,agreement,specific agreement,cohen kappa,n/a\n", "solo,jt/eh,0,50,0.92,0,0,\n", "solo,eh/ah,0,50,1,n/a,n/a,\"" + neither + "\"\n"} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("missing %q in\n%s", w, b.String())
		}
	}
}

// writeSizes records the size of every Write.
type writeSizes []int

func (w *writeSizes) Write(p []byte) (int, error) { *w = append(*w, len(p)); return len(p), nil }

// TestAgreementWrittenAsMade writes a report of many disagreements as
// Markdown and CSV and checks that the output leaves in pieces while it
// is made, not as one string built first (a large study has hundreds of
// thousands of lines of disagreements).
func TestAgreementWrittenAsMade(t *testing.T) {
	r := &Agreement{Coders: []string{"jt", "eh"}, Kappa: "cohen"}
	text := strings.Repeat("a line that two coders saw differently ", 5)
	for i := range 2000 {
		r.Disagreements = append(r.Disagreements, AgreementDisagreement{Transcript: fmt.Sprintf("t-%d", i), Start: 3, End: 4, Code: "tea",
			Coded: []string{"jt"}, NotCoded: []string{"eh"}, Codes: map[string][]string{"jt": {"tea"}}, Lines: []AgreementLine{{3, text}, {4, text}}})
	}
	for name, write := range map[string]func(io.Writer) error{
		"md":  func(w io.Writer) error { return WriteAgreementMarkdown(w, r, nil) },
		"csv": func(w io.Writer) error { return WriteAgreementCSV(w, r, "disagreements") },
	} {
		var sizes writeSizes
		if err := write(&sizes); err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, n := range sizes {
			total += n
		}
		if total < 2000*len(text) || slices.Max(sizes) > 64<<10 {
			t.Errorf("%s: %d bytes in %d writes, the largest %d bytes", name, total, len(sizes), slices.Max(sizes))
		}
	}
}

// TestDisagreementSpill lists a report's disagreements from a spill and
// from memory: the same bytes in every format, text kept byte for byte
// (invalid UTF-8 too), and the spilled ones not held in memory.
func TestDisagreementSpill(t *testing.T) {
	text := strings.Repeat("a line the coders saw differently ", 10)
	var ds []AgreementDisagreement
	for i := range 5000 {
		d := AgreementDisagreement{Transcript: fmt.Sprintf("t-%d", i), Start: 3, End: 3 + i%3, Code: "tea",
			Coded: []string{"jt"}, NotCoded: []string{"eh"}, Codes: map[string][]string{"jt": {"tea", "cake"}, "eh": {}},
			Lines: []AgreementLine{{3, text + fmt.Sprint(i)}, {4, "\xff\xfe not UTF-8 | =1+1"}}}
		if i%7 == 0 {
			d.Lines, d.NotCoded = nil, nil
		}
		ds = append(ds, d)
	}
	listed := &Agreement{Coders: []string{"jt", "eh"}, Kappa: "cohen", Disagreements: ds}
	spilled := &Agreement{Coders: []string{"jt", "eh"}, Kappa: "cohen"}
	sp, err := NewDisagreementSpill()
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	before := liveHeap()
	for _, d := range ds {
		if err := sp.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	if held := int64(liveHeap()) - int64(before); held > 1<<20 {
		t.Errorf("the spill of %d disagreements holds %d bytes in memory", len(ds), held)
	}
	spilled.Spill(sp)
	if spilled.DisagreementCount() != len(ds) {
		t.Fatalf("%d disagreements spilled of %d", spilled.DisagreementCount(), len(ds))
	}
	about := [][2]string{{"study", "Tea"}}
	for name, write := range map[string]func(io.Writer, *Agreement) error{
		"md":   func(w io.Writer, r *Agreement) error { return WriteAgreementMarkdown(w, r, about) },
		"csv":  func(w io.Writer, r *Agreement) error { return WriteAgreementCSV(w, r, "disagreements") },
		"xlsx": func(w io.Writer, r *Agreement) error { return WriteAgreementXLSX(w, r, about, "Tea", testDate) },
	} {
		for range 2 { // the spill is read once per sheet and writer
			var a, b bytes.Buffer
			if err := write(&a, listed); err != nil {
				t.Fatal(err)
			}
			if err := write(&b, spilled); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) || (name != "xlsx" && a.Len() < len(ds)*len(text)/4) {
				t.Errorf("%s: %d bytes from the spill, %d from memory", name, b.Len(), a.Len())
			}
		}
	}
}

// TestAgreementWidthsError: a sheet whose rows cannot all be read (its
// spill is cut short) has no widths, and the error is returned.
func TestAgreementWidthsError(t *testing.T) {
	cut := errors.New("the spill is cut short")
	as := agreementSheet{name: AgreementSheetDisagreements, header: []string{"code", "text"}, rows: [][]any{{"tea", "a line"}},
		more: func(yield func(row []any) error) error { return cut }, n: 1}
	if _, err := agreementWidths(as); !errors.Is(err, cut) {
		t.Fatalf("agreementWidths: got %v, want %v", err, cut)
	}
	as.more = nil
	widths, err := agreementWidths(as)
	if err != nil || len(widths) != 2 {
		t.Fatalf("agreementWidths of readable rows: %v, %v", widths, err)
	}
}
