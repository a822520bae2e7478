package export

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/qdatool/qda/codebook"
)

func TestSafeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=SUM(A1:A9)", "'=SUM(A1:A9)"},
		{"+44 1234", "'+44 1234"},
		{"-- I took the bus", "'-- I took the bus"},
		{"@home", "'@home"},
		{"\tindented", "'\tindented"},
		{"\rreturn", "'\rreturn"},
		{"May: =SUM(1)", "May: =SUM(1)"},
		{"", ""},
		{"plain", "plain"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := SafeText(tc.in); got != tc.want {
				t.Errorf("SafeText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestWriteCSVInjection(t *testing.T) {
	tb := &Table{Header: []string{"text", "n"}}
	tb.Row(Text("=1+2"), Int(-3))
	tb.Row(Auto("-4"), Auto("007"))
	var b bytes.Buffer
	if err := WriteCSV(&b, tb); err != nil {
		t.Fatal(err)
	}
	want := "text,n\n'=1+2,-3\n-4,007\n"
	if b.String() != want {
		t.Errorf("csv:\n%s\nwant:\n%s", b.String(), want)
	}
}

// A percentage of nothing is no number: empty in CSV, null in JSON, so a
// JSON column of percentages holds numbers and nulls, never "".
func TestMissingNumber(t *testing.T) {
	tb := &Table{Header: []string{"n", "%"}}
	tb.Row(Int(0), Percent(1, 0))
	tb.Row(Int(4), Percent(1, 4))
	var csv, js bytes.Buffer
	if err := WriteCSV(&csv, tb); err != nil {
		t.Fatal(err)
	}
	if err := WriteTableJSON(&js, tb); err != nil {
		t.Fatal(err)
	}
	if want := "n,%\n0,\n4,25.0\n"; csv.String() != want {
		t.Errorf("csv %q, want %q", csv.String(), want)
	}
	want := "[\n  {\n    \"n\": 0,\n    \"%\": null\n  },\n  {\n    \"n\": 4,\n    \"%\": 25\n  }\n]\n"
	if js.String() != want {
		t.Errorf("json:\n%s\nwant:\n%s", js.String(), want)
	}
}

func TestAuto(t *testing.T) {
	tests := []struct {
		in  string
		num bool
	}{
		{"72", true}, {"4.5", true}, {"-3", true}, {"0", true}, {"0.25", true},
		{"007", false}, {"1e5", false}, {"+3", false}, {"4.", false}, {".5", false}, {"70+", false}, {"", false}, {"1234567890123456", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			c := Auto(tc.in)
			if c.IsNum != tc.num || c.String() != tc.in {
				t.Errorf("Auto(%q) = %+v (prints %q), want number %v printing as given", tc.in, c, c.String(), tc.num)
			}
		})
	}
}

func TestCut(t *testing.T) {
	passage := strings.Repeat("word ", 999) + "end."
	var all []string
	for range 12 {
		all = append(all, passage)
	}
	tests := []struct {
		name string
		in   string
	}{
		{"passages", strings.Join(all, "\n\n")},
		{"one long line", strings.Repeat("x", 40000)},
		{"wide characters", strings.Repeat("😀", 20000)},
	}
	const marker = " [cut]"
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			head, rest := Cut(tc.in, marker)
			if n := utf16Count(head); n > MaxCellChars {
				t.Errorf("head has %d UTF-16 units", n)
			}
			if !strings.HasSuffix(head, marker) || rest == "" {
				t.Fatalf("not cut: head ends %q, rest %d bytes", head[len(head)-10:], len(rest))
			}
			if !utf8.ValidString(head) || !utf8.ValidString(rest) {
				t.Error("cut inside a character")
			}
			if norm(strings.TrimSuffix(head, marker)+" "+rest) != norm(tc.in) && strings.TrimSuffix(head, marker)+rest != tc.in {
				t.Error("text lost")
			}
		})
	}
	for _, whole := range []string{"short", strings.Repeat("x", MaxCellChars), strings.Repeat("é", MaxCellChars-1)} {
		if head, rest := Cut(whole, marker); head != whole || rest != "" {
			t.Errorf("Cut of %d characters that fit = %d, %d", utf16Count(whole), len(head), len(rest))
		}
	}
}

func TestDateFromEnv(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	tests := []struct {
		env  string
		want time.Time
		err  bool
	}{
		{"", now.Truncate(time.Second), false},
		{"1700000000", time.Unix(1700000000, 0).UTC(), false},
		{"soon", time.Time{}, true},
		{"-5", time.Time{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.env, func(t *testing.T) {
			got, err := DateFromEnv(tc.env, now)
			if (err != nil) != tc.err || !got.Equal(tc.want) {
				t.Errorf("DateFromEnv(%q) = %v, %v", tc.env, got, err)
			}
		})
	}
}

func TestColumns(t *testing.T) {
	ts := openTiny(t)
	paths := func(depth int, refs ...string) string {
		var codes []*codebook.Code
		for _, r := range refs {
			c, _, err := ts.cb.Resolve(r)
			if err != nil {
				t.Fatal(err)
			}
			codes = append(codes, c)
		}
		var out []string
		for _, c := range Columns(ts.cb, depth, codes) {
			out = append(out, c.Path)
		}
		return strings.Join(out, " ")
	}
	tests := []struct {
		depth int
		codes []string
		want  string
	}{
		{1, nil, "confidence tea ending"},
		{2, nil, "confidence/daily-tasks confidence/travel tea ending/loss"},
		{0, nil, "confidence confidence/daily-tasks confidence/travel confidence/travel/buses tea ending ending/loss"},
		{2, []string{"confidence"}, "confidence/daily-tasks confidence/travel"},
		{1, []string{"ending/loss", "tea"}, "ending/loss tea"},
		{1, []string{"self-esteem"}, "confidence"},
		{0, []string{"confidence/travel", "ending"}, "confidence/travel confidence/travel/buses ending ending/loss"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.codes, ","), func(t *testing.T) {
			if got := paths(tc.depth, tc.codes...); got != tc.want {
				t.Errorf("Columns(%d, %v) = %s, want %s", tc.depth, tc.codes, got, tc.want)
			}
		})
	}
}

// TestWriteTableJSONAsOneList writes tables row by row and checks the
// bytes are those of the whole list encoded at once, as it was written
// before the rows streamed: HTML characters, line feeds, nulls, short
// rows, rows from Each, and no rows at all.
func TestWriteTableJSONAsOneList(t *testing.T) {
	rows := [][]Cell{
		{Text("a <b> & c"), Int(3), Percent(1, 3), Auto("007")},
		{Text("line\nbreak \"quoted\" é \u2028"), NoNumber(), Auto("4.5")},
		{},
	}
	for _, tc := range []struct {
		name string
		tab  *Table
	}{
		{"rows", &Table{Header: []string{"t<", "n", "%", "attr"}, Rows: rows}},
		{"each", &Table{Header: []string{"t<", "n", "%", "attr"}, Rows: rows[:1], Each: func(yield func([]Cell) error) error {
			for _, r := range rows[1:] {
				if err := yield(r); err != nil {
					return err
				}
			}
			return nil
		}}},
		{"empty", &Table{Header: []string{"a"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var list []orderedObject
			if err := tc.tab.eachRow(func(r []Cell) error { list = append(list, tableObject(tc.tab.Header, r)); return nil }); err != nil {
				t.Fatal(err)
			}
			if list == nil {
				list = []orderedObject{}
			}
			var want, got bytes.Buffer
			if err := writeJSON(&want, list); err != nil {
				t.Fatal(err)
			}
			if err := WriteTableJSON(&got, tc.tab); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("got\n%s\nwant\n%s", got.String(), want.String())
			}
		})
	}
}
