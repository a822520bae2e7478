package export

import (
	"bytes"
	"encoding/csv"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
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
	t.Cleanup(ex.Close)
	return ex
}

// excerptList is every passage of ex, in order.
func excerptList(t *testing.T, ex *Excerpts) []Excerpt {
	t.Helper()
	var out []Excerpt
	if err := ex.Each(func(x *Excerpt) error { out = append(out, *x); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func teaOfMay1(t *testing.T, ex *Excerpts) Excerpt {
	t.Helper()
	list := excerptList(t, ex)
	for _, x := range list {
		if x.ID == "may-1" {
			return x
		}
	}
	t.Fatalf("no passage of tea in may-1 in %+v", list)
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

	rows := csvRows(t, tab)
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

// csvRows writes tab as CSV and reads it back.
func csvRows(t *testing.T, tab *Table) [][]string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteCSV(&b, tab); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func hasRow(rows [][]string, col int, want string) bool {
	for _, r := range rows {
		if len(r) > col && r[col] == want {
			return true
		}
	}
	return false
}

// TestExcerptsKeepNoText collects every passage of a demo study and
// checks that what stays in memory is under half their text (a place
// in the order, 32 bytes, per passage of about 170 bytes): the
// passages wait in a scratch file until written (a study of 10,000
// participants held about 500 MB of them).
func TestExcerptsKeepNoText(t *testing.T) {
	dir := t.TempDir()
	if _, err := demo.Write(dir, demo.Options{Participants: 300}); err != nil {
		t.Fatal(err)
	}
	ts := openStudyAt(t, dir)
	before := liveHeap()
	ex, err := CollectExcerpts(ts.s, ts.ix, ts.cb, ExcerptsOptions{Codes: Columns(ts.cb, 0, nil)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ex.Close()
	held := int64(liveHeap()) - int64(before)
	text := 0
	if err := ex.Each(func(x *Excerpt) error { text += len(x.Text); return nil }); err != nil {
		t.Fatal(err)
	}
	if text < 1<<20 {
		t.Fatalf("only %d bytes of passages: the study is too small to tell", text)
	}
	t.Logf("%d passages, %d bytes of text, %d bytes held", ex.Len(), text, held)
	if held > int64(text)/2 {
		t.Errorf("%d passages with %d bytes of text: %d bytes stay in memory", ex.Len(), text, held)
	}
	runtime.KeepAlive(ex)
}

// TestExcerptsTableStreams writes the excerpts table as CSV twice: the
// rows come from the scratch file each time, every passage in order.
func TestExcerptsTableStreams(t *testing.T) {
	ex := tinyTea(t, ExcerptsOptions{})
	list := excerptList(t, ex)
	tab := ex.Table()
	if len(tab.Rows) != 0 || ex.Len() != len(list) || len(list) == 0 {
		t.Fatalf("the table holds %d rows, %d passages listed of %d", len(tab.Rows), len(list), ex.Len())
	}
	for range 2 {
		rows := csvRows(t, tab)
		if len(rows) != len(list)+1 {
			t.Fatalf("%d csv rows for %d passages", len(rows), len(list))
		}
		for i, x := range list {
			if rows[i+1][5] != x.ID+":"+x.Ref.String() {
				t.Errorf("row %d is %v, want %s:%s", i+1, rows[i+1], x.ID, x.Ref)
			}
		}
	}
}
