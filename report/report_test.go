package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/export"
)

// TestHeatmapIsTheMatrix checks every cell, total and group sum of the
// heat map against export.BuildMatrix, for every measure and row kind, and
// that a cell of references opens as many passages as it counts.
func TestHeatmapIsTheMatrix(t *testing.T) {
	sm := openSmall(t)
	for _, rows := range []string{export.RowsParticipant, export.RowsTranscript, "gender"} {
		for _, measure := range corpus.MeasureNames {
			for _, depth := range []int{1, 0} {
				t.Run(fmt.Sprintf("%s/%s/%d", rows, measure, depth), func(t *testing.T) {
					opt := sm.options(t)
					opt.Matrix.Rows, opt.Matrix.Measure, opt.Matrix.Depth = rows, measure, depth
					if rows != "gender" {
						opt.By = "gender"
					}
					r := sm.build(t, opt)
					m, err := export.BuildMatrix(sm.s, sm.ix, sm.cb, opt.Matrix, nil)
					if err != nil {
						t.Fatal(err)
					}
					seen := 0
					for _, g := range r.Heat.Groups {
						sums := make([]int, len(m.Columns))
						for _, row := range g.Rows {
							seen++
							want := m.Rows[row.Index]
							if row.Key != want.Key || row.Total != want.Total {
								t.Errorf("row %d: %s %d, want %s %d", row.Index, row.Key, row.Total, want.Key, want.Total)
							}
							for j, c := range row.Cells {
								if c.Value != want.Values[j] {
									t.Errorf("%s × %s: %d, want %d", row.Key, m.Columns[j].Path, c.Value, want.Values[j])
								}
								if measure == "references" && len(c.Passages) != c.Value {
									t.Errorf("%s × %s: %d passages for %d references", row.Key, m.Columns[j].Path, len(c.Passages), c.Value)
								}
								if (c.Value > 0) != (len(c.Passages) > 0) {
									t.Errorf("%s × %s: value %d with %d passages", row.Key, m.Columns[j].Path, c.Value, len(c.Passages))
								}
								sums[j] += c.Value
							}
						}
						if !slices.Equal(sums, g.Sums) {
							t.Errorf("group %s sums %v, want %v", g.Name, g.Sums, sums)
						}
					}
					if seen != len(m.Rows) {
						t.Errorf("%d rows in groups, want %d", seen, len(m.Rows))
					}
					if !slices.Equal(r.Heat.Totals, m.Totals) || r.Heat.Total != m.Total {
						t.Errorf("totals %v %d, want %v %d", r.Heat.Totals, r.Heat.Total, m.Totals, m.Total)
					}
				})
			}
		}
	}
}

func TestGroups(t *testing.T) {
	sm := openSmall(t)
	opt := sm.options(t)
	opt.By = "gender"
	r := sm.build(t, opt)
	var names []string
	for _, g := range r.Heat.Groups {
		names = append(names, fmt.Sprintf("%s:%d/%d", g.Name, len(g.Rows), g.Shown))
	}
	if got, want := strings.Join(names, " "), "female:1/1 male:1/1"; got != want {
		t.Errorf("groups %q, want %q", got, want)
	}
	opt.By = "wave" // a transcript attribute: may has waves 1 and 2
	r = sm.build(t, opt)
	names = nil
	for _, g := range r.Heat.Groups {
		names = append(names, g.Name)
	}
	if got, want := strings.Join(names, " "), "1 1, 2"; got != want {
		t.Errorf("groups by wave %q, want %q", got, want)
	}
	opt.Matrix.Rows = "gender"
	if _, err := Build(sm.s, sm.ix, sm.cb, opt); err == nil {
		t.Error("grouping rows by attribute: no error")
	}
}

func TestStep(t *testing.T) {
	for _, tc := range []struct{ v, top, want int }{
		{0, 0, 0}, {0, 5, 0}, {1, 1, 1}, {1, 9, 1}, {9, 9, Steps}, {5, 9, 4}, {2, 2, Steps}, {100, 100, Steps}, {-1, 3, 0},
	} {
		if got := Step(tc.v, tc.top); got != tc.want {
			t.Errorf("Step(%d, %d) = %d, want %d", tc.v, tc.top, got, tc.want)
		}
	}
}

func TestPageName(t *testing.T) {
	taken := map[string]bool{}
	for _, tc := range []struct{ path, want string }{
		{"confidence", "code-confidence.html"},
		{"confidence/daily-tasks", "code-confidence.daily-tasks.html"},
		{"Confidence", "code-confidence-2.html"},
		{"../../etc", "code-__.__.etc.html"},
		{"café", "code-caf_.html"},
	} {
		if got := pageName(tc.path, taken); got != tc.want {
			t.Errorf("pageName(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

// TestDeterministic renders the report twice, as a site and as one file:
// the same study gives the same bytes.
func TestDeterministic(t *testing.T) {
	sm := openSmall(t)
	for _, single := range []bool{false, true} {
		a, err := sm.build(t, sm.options(t)).Render(single)
		if err != nil {
			t.Fatal(err)
		}
		b, err := sm.build(t, sm.options(t)).Render(single)
		if err != nil {
			t.Fatal(err)
		}
		if len(a) != len(b) {
			t.Fatalf("%d files, then %d", len(a), len(b))
		}
		for i := range a {
			if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
				t.Errorf("%s differs between two renderings", a[i].Name)
			}
		}
	}
}

// TestSingleFile checks the one file holds every page and needs nothing
// beside it.
func TestSingleFile(t *testing.T) {
	sm := openSmall(t)
	r := sm.build(t, sm.options(t))
	files, err := r.Render(true)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 {
		t.Fatalf("%d files", len(files))
	}
	page := string(files[0].Data)
	for _, want := range []string{`id="overview"`, `id="heatmap"`, `id="codebook"`, `id="charts"`, `id="code-tea"`, `href="#code-tea"`, "<style>", `id="qda-data"`} {
		if !strings.Contains(page, want) {
			t.Errorf("single file lacks %s", want)
		}
	}
	for _, bad := range []string{`src="`, `rel="stylesheet"`, `.html"`, "http://", "https://"} {
		if strings.Contains(strings.ReplaceAll(page, `xmlns="http://www.w3.org/2000/svg"`, ""), bad) {
			t.Errorf("single file refers outside itself: %s", bad)
		}
	}
}

// TestEscaping: the study's text is text in every page, and a colour that
// is not one stays out of the styles.
func TestEscaping(t *testing.T) {
	sm := openSmall(t)
	files, err := sm.build(t, sm.options(t)).Render(false)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		s := string(f.Data)
		if strings.Contains(s, "<b>bold</b>") || strings.Contains(s, "<every>") || strings.Contains(s, "<for>") {
			t.Errorf("%s: the study's markup is not escaped", f.Name)
		}
		if strings.Contains(s, "url(x)") {
			t.Errorf("%s: a codebook colour reached a style", f.Name)
		}
	}
}

func TestScan(t *testing.T) {
	sm := openSmall(t, txtar.File{Name: "transcripts/ted-1.txt", Data: []byte(
		"Interviewer: How did it end?\n\nTed: When she left it was like losing a friend, ted@example.org said.\nI took the bus alone to Mill Lane after that.\n")})
	files, err := sm.build(t, sm.options(t)).Render(false)
	if err != nil {
		t.Fatal(err)
	}
	if found := Scan(files, nil); len(found) != 1 || found[0].Match.Text != "ted@example.org" {
		t.Errorf("found %v, want the email", found)
	}
	found := Scan(files, []string{"Mill Lane"})
	var got []string
	for _, f := range found {
		got = append(got, f.String())
	}
	want := []string{
		// In the page's data, and on the pages of the code and its parents.
		`index.html: possible identifier: a listed identifying name "Mill Lane" (4 times)`,
		`index.html: possible identifier: an email address "ted@example.org" (3 times)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("found\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	clean, err := openSmall(t).build(t, sm.options(t)).Render(true)
	if err != nil {
		t.Fatal(err)
	}
	if found := Scan(clean, []string{"Mill Lane"}); len(found) != 0 {
		t.Errorf("a clean report: %v", found)
	}
}

// TestGolden compares fragments of the small study's pages with
// testdata/golden; QDA_UPDATE=1 rewrites them.
func TestGolden(t *testing.T) {
	sm := openSmall(t)
	opt := sm.options(t)
	opt.By = "gender"
	files, err := sm.build(t, opt).Render(false)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]string{}
	for _, f := range files {
		byName[f.Name] = string(f.Data)
	}
	for _, tc := range []struct{ golden, file, from, to string }{
		{"heatmap.html", "index.html", `<table class="heat" id="heat"`, "</table>"},
		{"overview.html", "index.html", `<dl class="facts">`, "</table>"},
		{"codebook.html", "codebook.html", `<table class="data book">`, "</table>"},
		{"code-tea.html", "code-tea.html", `<section id="code-tea"`, "</main>"},
		{"cooccurrence.html", "charts.html", `<table class="heat cooc">`, "</table>"},
		{"agreement.html", "charts.html", `<h2 id="agreement">`, "</section>"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			page := byName[tc.file]
			i := strings.Index(page, tc.from)
			if i < 0 {
				t.Fatalf("%s has no %s", tc.file, tc.from)
			}
			j := strings.Index(page[i:], tc.to)
			if j < 0 {
				t.Fatalf("%s has no %s after %s", tc.file, tc.to, tc.from)
			}
			got := page[i:i+j+len(tc.to)] + "\n"
			// The inline charts are checked by structure in package figure.
			got = regexp.MustCompile(`(?s)<svg .*?</svg>`).ReplaceAllString(got, "<svg/>")
			path := filepath.Join("testdata", "golden", tc.golden)
			if os.Getenv("QDA_UPDATE") == "1" {
				os.MkdirAll(filepath.Dir(path), 0o755)
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (QDA_UPDATE=1 writes it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (QDA_UPDATE=1 rewrites it); got:\n%s", tc.golden, path, got)
			}
		})
	}
}

// TestRowsInPage: past the limit, the page holds the first rows ungrouped,
// and none of any group when grouped (each opens on request).
func TestRowsInPage(t *testing.T) {
	sm := openSmall(t)
	for _, tc := range []struct {
		by     string
		inPage int
		want   string
	}{
		{"", 0, ":2/2"},
		{"", 1, ":2/1"},
		{"gender", 1, "female:1/0 male:1/0"},
		{"gender", 2, "female:1/1 male:1/1"},
	} {
		opt := sm.options(t)
		opt.By, opt.RowsInPage = tc.by, tc.inPage
		var got []string
		for _, g := range sm.build(t, opt).Heat.Groups {
			got = append(got, fmt.Sprintf("%s:%d/%d", g.Name, len(g.Rows), g.Shown))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("by %q, %d in page: %s, want %s", tc.by, tc.inPage, strings.Join(got, " "), tc.want)
		}
	}
}

func TestJSONStrings(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"a":"x\"y","b":["\u003cb\u003e",1,"c\\"]}`, `a|x"y|b|<b>|c\`},
		{`[]`, ``},
		{`["unterminated`, `"unterminated`},
		{`"\ud800"`, "\ufffd"},
	} {
		var got []string
		jsonStrings([]byte(tc.in), func(s string) { got = append(got, s) })
		if strings.Join(got, "|") != tc.want {
			t.Errorf("jsonStrings(%s) = %q, want %q", tc.in, strings.Join(got, "|"), tc.want)
		}
	}
}

// FuzzJSONStrings: any bytes, no panic, and the strings of marshalled JSON
// come back as they were.
func FuzzJSONStrings(f *testing.F) {
	f.Add("plain", `x"y\z`)
	f.Add("<b>&", "\u2028")
	f.Fuzz(func(t *testing.T, a, b string) {
		jsonStrings([]byte(a+b), func(string) {})
		data, err := json.Marshal([]string{a, b})
		if err != nil {
			t.Skip()
		}
		var got []string
		jsonStrings(data, func(s string) { got = append(got, s) })
		var want []string // as the page's script reads them
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: got %q, want %q", data, got, want)
		}
	})
}

// TestCheckBy: a grouping needs an attribute the study has, over rows of
// participants or transcripts; Build refuses what CheckBy refuses.
func TestCheckBy(t *testing.T) {
	sm := openSmall(t)
	for _, tc := range []struct {
		rows, by string
		rowsErr  bool
		err      bool
	}{
		{export.RowsParticipant, "", false, false},
		{export.RowsParticipant, "gender", false, false},
		{export.RowsTranscript, "gender", false, false},
		{"gender", "gender", true, true},
		{export.RowsParticipant, "colour", false, true},
	} {
		opt := sm.options(t)
		opt.Matrix.Rows, opt.By = tc.rows, tc.by
		err := opt.CheckBy(sm.ix)
		if (err != nil) != tc.err || errors.Is(err, ErrByRows) != tc.rowsErr {
			t.Errorf("rows %s by %q: CheckBy = %v", tc.rows, tc.by, err)
		}
		if _, berr := Build(sm.s, sm.ix, sm.cb, opt); (berr != nil) != tc.err {
			t.Errorf("rows %s by %q: Build's error %v, CheckBy's %v", tc.rows, tc.by, berr, err)
		}
	}
}

// FuzzPassageLine: a line written as [number, text] in the page's data
// reads back as it was (the pages quote passages decoded from that JSON).
func FuzzPassageLine(f *testing.F) {
	f.Add(12, "plain")
	f.Add(-1, "<b>&\u2028\"\\")
	f.Fuzz(func(t *testing.T, n int, text string) {
		if !utf8.ValidString(text) {
			t.Skip() // json.Marshal replaces invalid bytes; transcripts are UTF-8
		}
		data, err := json.Marshal(PassageLine{n, text})
		if err != nil {
			t.Fatal(err)
		}
		var got PassageLine
		if err := json.Unmarshal(data, &got); err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		if got != (PassageLine{n, text}) {
			t.Errorf("%s: read back %+v", data, got)
		}
	})
}

// TestOnePass: the stats and the agreement Build counts in the matrix's
// pass are those of Study.Stats and Study.Agree (qda stats and qda agree),
// with filters, with --by, and when the matrix reads fewer coders than
// the agreement compares (a pass of its own then).
func TestOnePass(t *testing.T) {
	sm := openSmall(t)
	female, err := corpus.ParseFilters([]string{"gender=female"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		coders  []string
		filters []corpus.Filter
		by      string
	}{
		{"every coder", nil, nil, ""},
		{"by gender", nil, nil, "gender"},
		{"filtered", nil, female, ""},
		{"the matrix reads jt only", []string{"jt"}, nil, "wave"},
	} {
		opt := sm.options(t)
		opt.Matrix.Scan = corpus.ScanOptions{Coders: tc.coders, Filters: tc.filters}
		opt.By = tc.by
		r := sm.build(t, opt)
		stats, err := sm.s.Stats(sm.ix, sm.cb, corpus.StatsOptions{Scan: opt.Matrix.Scan, By: tc.by})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r.Stats, stats) {
			t.Errorf("%s: stats %+v, Study.Stats %+v", tc.name, r.Stats, stats)
		}
		var ds []export.AgreementDisagreement
		res, err := sm.s.Agree(sm.ix, sm.cb, corpus.AgreeOptions{Coders: opt.AgreeCoders, Codes: r.Matrix.Columns, Unit: corpus.UnitLine,
			Filters: tc.filters, OnDisagreement: func(d *corpus.Disagreement) error {
				ds = append(ds, export.NewAgreementDisagreement(d))
				return nil
			}})
		if err != nil {
			t.Fatal(err)
		}
		want := export.NewAgreement(res, corpus.UnitLine, false)
		want.Disagreements, want.Found = ds, len(ds)
		if !reflect.DeepEqual(r.Agree, want) {
			t.Errorf("%s: agreement %+v, Study.Agree %+v", tc.name, r.Agree, want)
		}
		if res.Transcripts == 0 {
			t.Errorf("%s: nothing compared; the test compares nothing", tc.name)
		}
	}
}
