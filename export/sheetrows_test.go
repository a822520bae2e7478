package export

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

type testRow struct {
	ht    float64
	cells []rowCell
}

// excelizeRows writes rows through excelize's StreamWriter.SetRow and
// returns what it put between <sheetData> and </sheetData>.
func excelizeRows(t testing.TB, rows []testRow) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		vals := make([]any, len(r.cells))
		for j, c := range r.cells {
			var v any
			switch c.kind {
			case 'i':
				v = c.i
			case 'f':
				v = c.f
			default:
				v = c.s
			}
			vals[j] = excelize.Cell{StyleID: c.style, Value: v}
		}
		var opts []excelize.RowOpts
		if r.ht > 0 {
			opts = append(opts, excelize.RowOpts{Height: r.ht})
		}
		name, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if err := sw.SetRow(name, vals, opts...); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	part, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := bytes.Cut(part, []byte("<sheetData>"))
	body, _, ok2 := bytes.Cut(rest, []byte("</sheetData>"))
	if !ok || !ok2 {
		t.Fatalf("no sheetData in %s", part)
	}
	return body
}

func ourRows(t testing.TB, rows []testRow) []byte {
	t.Helper()
	var r sheetRows
	defer r.close()
	for i, row := range rows {
		if err := r.add(i+1, row.ht, row.cells); err != nil {
			t.Fatal(err)
		}
	}
	e, err := r.entry([]byte("<sheetData>"), []byte("</sheetData>"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if err := e.Write(zw, "sheet.xml", testDate); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("sheet.xml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(bytes.TrimPrefix(b, []byte("<sheetData>")), []byte("</sheetData>"))
}

func str(s string) rowCell { return rowCell{kind: 's', s: s} }

var sheetRowsTexts = []string{
	"", "plain", " lead", "trail ", "\tTab", "nl\n", "\rcr", "a\nb\r\nc\td",
	`quote " apostrophe ' amp & lt < gt >`, "=SUM(A1)", "&#xA; literal", "ctrl \x01\x02\x1f del \x7f",
	"bad utf8 \xff\xfe end", "surrogate \xed\xa0\x80", "nonchar \uFFFE \uFFFF", "\uFFFD replacement",
	"héllo wörld", "日本語", "emoji 😀", "_x0041_", "_x005F_x0041_", "_x005F_", "_x005f_x00e9_",
	"_xZZZZ_", "a_x12_b", "_x00410_", "__x0041__", "x0041_", "_x005F_x00", "mixed _x0041_ and &",
	strings.Repeat("long text with <tags> & stuff ", 200),
}

func TestSheetRowsMatchExcelize(t *testing.T) {
	var rows []testRow
	for i, s := range sheetRowsTexts {
		rows = append(rows, testRow{ht: float64(i % 3 * 15), cells: []rowCell{str(s), {kind: 's', s: s, style: 3}}})
	}
	for _, n := range []int64{0, 1, -1, 42, 1 << 40, math.MinInt64, math.MaxInt64} {
		rows = append(rows, testRow{cells: []rowCell{{kind: 'i', i: n}, {kind: 'i', i: n, style: 5}}})
	}
	for _, x := range []float64{0, 0.1, 0.1 + 0.2, 1.0 / 3, -2.5, 1e20, 1e-7, 123456789012345678, 12345.678901234567,
		math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, math.NaN(), math.Inf(1), math.Inf(-1)} {
		rows = append(rows, testRow{ht: 300, cells: []rowCell{{kind: 'f', f: x}, {kind: 'f', f: x, style: 2}}})
	}
	// A row wider than 26 columns, for two-letter names, and row heights
	// with decimals.
	var wide []rowCell
	for i := range 60 {
		wide = append(wide, str(strings.Repeat("w", i)))
	}
	rows = append(rows, testRow{ht: 17.25, cells: wide})
	// Enough rows to pass the in-memory chunk and spill to a file.
	for range 3000 {
		rows = append(rows, testRow{cells: []rowCell{str(sheetRowsTexts[30]), {kind: 'i', i: 7}}})
	}
	want, got := excelizeRows(t, rows), ourRows(t, rows)
	if !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("rows differ from excelize's at byte %d:\nours:     %.200q\nexcelize: %.200q", i, got[i:], want[i:])
	}
}

func FuzzSheetRows(f *testing.F) {
	for _, s := range sheetRowsTexts {
		f.Add(s, int64(len(s)), 0.5)
	}
	f.Fuzz(func(t *testing.T, s string, n int64, x float64) {
		rows := []testRow{{cells: []rowCell{str(s), {kind: 'i', i: n}, {kind: 'f', f: x}}}}
		if want, got := excelizeRows(t, rows), ourRows(t, rows); !bytes.Equal(got, want) {
			t.Fatalf("%q: ours %q, excelize %q", s, got, want)
		}
	})
}
