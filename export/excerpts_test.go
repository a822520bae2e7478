package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// tinyTea collects the excerpts of tea in the tiny study.
func tinyTea(t *testing.T, opt ExcerptsOptions) *Excerpts {
	t.Helper()
	ts := openTiny(t)
	opt.Codes = []*codebook.Code{corpus.NewResolver(ts.cb).Code("tea")}
	ex, err := CollectExcerpts(ts.s, ts.ix, ts.cb, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

func teaOfMay1(t *testing.T, ex *Excerpts) Excerpt {
	t.Helper()
	for _, x := range ex.List {
		if x.ID == "may-1" {
			return x
		}
	}
	t.Fatalf("no passage of tea in may-1 in %+v", ex.List)
	return Excerpt{}
}

func TestExcerptsTurns(t *testing.T) {
	for _, tc := range []struct {
		name   string
		opt    ExcerptsOptions
		ref    string
		text   string
		coders string
	}{
		{"both coders", ExcerptsOptions{}, "7-10",
			"Interviewer: And now?\nMay: We have a cup of tea every week. It helps.", "eh 7-9, jt 9-10"},
		{"line numbers", ExcerptsOptions{LineNumbers: true}, "7-10",
			"Interviewer: [7] And now?\nMay: [9] We have a cup of tea every week. [10] It helps.", "eh 7-9, jt 9-10"},
		// --coder jt: exactly jt's lines, not eh's wider run of the
		// interviewer's question.
		{"one coder", ExcerptsOptions{Scan: corpus.ScanOptions{Coders: []string{"jt"}}}, "9-10",
			"May: We have a cup of tea every week. It helps.", "jt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := teaOfMay1(t, tinyTea(t, tc.opt))
			if x.Ref.String() != tc.ref || x.Text != tc.text || x.CodersNote != tc.coders {
				t.Errorf("got %s %q %q, want %s %q %q", x.Ref, x.Text, x.CodersNote, tc.ref, tc.text, tc.coders)
			}
		})
	}
}

func TestExcerptsMarkdownTurns(t *testing.T) {
	var b bytes.Buffer
	if err := tinyTea(t, ExcerptsOptions{}).WriteMarkdown(&b, "Tea"); err != nil {
		t.Fatal(err)
	}
	want := "> *Interviewer: And now?*\n>\n> May: We have a cup of tea every week. It helps.\n\n— may-1:7-10 · tea · eh 7-9, jt 9-10\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("Markdown lacks\n%s\nin\n%s", want, b.String())
	}
}

// TestExcerptsCellBreaks reads the passage back from csv and xlsx: each
// turn on its own line of the cell.
func TestExcerptsCellBreaks(t *testing.T) {
	tab := tinyTea(t, ExcerptsOptions{}).Table()
	want := "Interviewer: And now?\nMay: We have a cup of tea every week. It helps."
	textCol := 8
	if tab.Header[textCol] != "text" {
		t.Fatalf("header %v", tab.Header)
	}

	var b bytes.Buffer
	if err := WriteCSV(&b, tab); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !hasRow(rows, textCol, want) {
		t.Errorf("csv has no text %q in %q", want, rows)
	}

	wb, err := NewWorkbook(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if err := wb.Table(SheetExcerpts, tab); err != nil {
		t.Fatal(err)
	}
	var x bytes.Buffer
	if err := wb.Write(&x); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	xrows, err := f.GetRows(SheetExcerpts)
	if err != nil {
		t.Fatal(err)
	}
	if !hasRow(xrows, textCol, want) {
		t.Errorf("xlsx has no text %q in %q", want, xrows)
	}
}

func hasRow(rows [][]string, col int, want string) bool {
	for _, r := range rows {
		if len(r) > col && r[col] == want {
			return true
		}
	}
	return false
}
