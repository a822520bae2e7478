package export

import (
	"fmt"
	"slices"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/qdatool/qda/corpus"
)

// TestMatrixAgreesWithStats builds the matrix every way and checks every
// cell against corpus.Stats grouped by the same attribute: the two must
// count alike, as they share the counting rules.
func TestMatrixAgreesWithStats(t *testing.T) {
	// A fourth transcript without a wave, for the (none) row.
	ts := openTiny(t,
		txtar.File{Name: "transcripts.csv", Data: []byte("id,participant,wave,sha256\nmay-1,may,1,\nted-1,ted,1,\nmay-2,may,2,\nted-2,ted,,\n")},
		txtar.File{Name: "transcripts/ted-2.txt", Data: []byte("Interviewer: Anything else?\n\nTed: Tea, mostly.\n")},
		txtar.File{Name: "codings/eh/ted-2.yaml", Data: []byte("- lines: 3\n  codes: [tea]\n")},
	)
	for _, rows := range []string{RowsParticipant, RowsTranscript, "gender", "wave"} {
		for _, coders := range [][]string{nil, {"jt"}, {"eh"}} {
			for depth := 0; depth <= 3; depth++ {
				for _, measure := range corpus.MeasureNames {
					name := fmt.Sprintf("%s/%v/%d/%s", rows, coders, depth, measure)
					t.Run(name, func(t *testing.T) {
						scan := corpus.ScanOptions{Coders: coders}
						m, err := BuildMatrix(ts.s, ts.ix, ts.cb, MatrixOptions{Scan: scan, Rows: rows, Depth: depth, Measure: measure}, nil)
						if err != nil {
							t.Fatal(err)
						}
						st, err := ts.s.Stats(ts.ix, ts.cb, corpus.StatsOptions{Scan: scan, By: rows})
						if err != nil {
							t.Fatal(err)
						}
						var keys []string
						for _, r := range m.Rows {
							keys = append(keys, r.Key)
						}
						if rows != RowsParticipant && rows != RowsTranscript && !slices.Equal(keys, st.Groups) {
							t.Errorf("rows %v, stats groups %v", keys, st.Groups)
						}
						byPath := map[string]corpus.CodeStats{}
						for _, cs := range st.Codes {
							byPath[cs.Code.Path] = cs
						}
						for _, r := range m.Rows {
							sum := 0
							for j, code := range m.Columns {
								want, _ := byPath[code.Path].By[r.Key].Get(measure)
								if r.Values[j] != want {
									t.Errorf("%s × %s = %d, stats says %d", r.Key, code.Path, r.Values[j], want)
								}
								sum += r.Values[j]
							}
							if !DistinctTotals(measure) && r.Total != sum {
								t.Errorf("%s total %d, cells add to %d", r.Key, r.Total, sum)
							}
						}
						if DistinctTotals(measure) {
							checkDistinctTotals(t, ts, m, scan)
						}
					})
				}
			}
		}
	}
}

func TestMatrixRowsWithoutValue(t *testing.T) {
	ts := openTiny(t,
		txtar.File{Name: "transcripts.csv", Data: []byte("id,participant,wave,sha256\nmay-1,may,1,\nted-1,ted,,\n")},
	)
	m, err := BuildMatrix(ts.s, ts.ix, ts.cb, MatrixOptions{Rows: "wave", Depth: 1, Measure: "transcripts"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, r := range m.Rows {
		keys = append(keys, r.Key)
	}
	if !slices.Equal(keys, []string{"(none)", "1"}) {
		t.Errorf("rows %v, want (none) and 1", keys)
	}
}

func TestNear(t *testing.T) {
	refs := []corpus.Range{{Start: 3, End: 5}, {Start: 10, End: 10}}
	tests := []struct {
		r      corpus.Range
		within int
		want   bool
	}{
		{corpus.Range{Start: 5, End: 7}, 0, true},
		{corpus.Range{Start: 6, End: 7}, 0, false},
		{corpus.Range{Start: 6, End: 7}, 1, true},
		{corpus.Range{Start: 12, End: 12}, 1, false},
		{corpus.Range{Start: 12, End: 12}, 2, true},
		{corpus.Range{Start: 1, End: 2}, 0, false},
		{corpus.Range{Start: 1, End: 20}, 0, true},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%v/%d", tc.r, tc.within), func(t *testing.T) {
			if got := near(tc.r, refs, tc.within); got != tc.want {
				t.Errorf("near(%v, %v, %d) = %v", tc.r, refs, tc.within, got)
			}
		})
	}
}

// checkDistinctTotals recounts the totals of a measure that counts
// distinct things from each transcript's coverage: a row's total is the
// transcripts (or participants) of the row that any column covers, a
// column's those it covers in any row, the corner those any column covers.
func checkDistinctTotals(t *testing.T, ts tinyStudy, m *Matrix, scan corpus.ScanOptions) {
	t.Helper()
	rows, cols, all := map[string]map[string]bool{}, map[string]map[string]bool{}, map[string]bool{}
	res := corpus.NewResolver(ts.cb)
	err := ts.s.Scan(ts.ix, scan, func(it *corpus.Item) error {
		key := it.Participant
		switch m.RowsBy {
		case RowsTranscript:
			key = it.ID
		case RowsParticipant:
		default:
			key = corpus.GroupValue(it.Attrs, m.RowsBy)
		}
		who := it.ID
		if m.Measure == "participants" {
			who = it.Participant
		}
		cov := corpus.Cover(it.Transcript, it.Codings, res)
		for _, code := range m.Columns {
			if slices.Contains(cov.Covered(code), true) {
				if rows[key] == nil {
					rows[key] = map[string]bool{}
				}
				if cols[code.Path] == nil {
					cols[code.Path] = map[string]bool{}
				}
				rows[key][who], cols[code.Path][who], all[who] = true, true, true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range m.Rows {
		if r.Total != len(rows[r.Key]) {
			t.Errorf("%s total %d, want %d distinct", r.Key, r.Total, len(rows[r.Key]))
		}
	}
	for j, code := range m.Columns {
		if m.Totals[j] != len(cols[code.Path]) {
			t.Errorf("%s total %d, want %d distinct", code.Path, m.Totals[j], len(cols[code.Path]))
		}
	}
	if m.Total != len(all) {
		t.Errorf("corner %d, want %d distinct", m.Total, len(all))
	}
}

// TestBuildMatrixWithin: within is told the matrix's own rows and
// columns, filters and all, and its refusal comes before any transcript
// is read.
func TestBuildMatrixWithin(t *testing.T) {
	ts := openTiny(t)
	for _, rows := range []string{RowsParticipant, RowsTranscript, "gender", "wave"} {
		for _, filters := range [][]corpus.Filter{nil, {{Key: "wave", Values: []string{"1"}}}} {
			opt := MatrixOptions{Scan: corpus.ScanOptions{Filters: filters}, Rows: rows, Depth: 1, Measure: "references"}
			var gotRows, gotCols int
			m, err := BuildMatrixWithin(ts.s, ts.ix, ts.cb, opt, nil, func(r, c int) error {
				gotRows, gotCols = r, c
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if gotRows != len(m.Rows) || gotCols != len(m.Columns) || gotRows == 0 {
				t.Errorf("%s %v: within told %d × %d, the matrix is %d × %d", rows, filters, gotRows, gotCols, len(m.Rows), len(m.Columns))
			}
			refused := fmt.Errorf("too many")
			read := 0
			_, err = BuildMatrixWithin(ts.s, ts.ix, ts.cb, opt, func(*corpus.Item, int, *corpus.Coverage) error { read++; return nil },
				func(int, int) error { return refused })
			if err != refused || read != 0 {
				t.Errorf("%s %v: refused gives %v after %d transcripts, want the refusal before any", rows, filters, err, read)
			}
		}
	}
}

// TestCountTable: the assistant's shape is Table less the attribute
// columns, cell for cell.
func TestCountTable(t *testing.T) {
	ts := openTiny(t)
	for _, rows := range []string{RowsParticipant, RowsTranscript, "gender"} {
		m, err := BuildMatrix(ts.s, ts.ix, ts.cb, MatrixOptions{Rows: rows, Depth: 0, Measure: "references"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		full, counts := m.Table(false, nil), m.CountTable()
		n := len(m.AttrNames)
		if rows == RowsParticipant && n == 0 {
			t.Fatalf("%s: no attribute columns to leave out", rows)
		}
		cut := func(r []string) []string { return append([]string{r[0]}, r[1+n:]...) }
		if counts.Title != full.Title || !slices.Equal(counts.Header, cut(full.Header)) || len(counts.Rows) != len(full.Rows) || len(counts.Rows) != len(m.Rows)+1 {
			t.Fatalf("%s: count table %q %v (%d rows), full %q %v (%d rows)", rows, counts.Title, counts.Header, len(counts.Rows), full.Title, full.Header, len(full.Rows))
		}
		for i := range full.Rows {
			var fr, cr []string
			for _, c := range full.Rows[i] {
				fr = append(fr, c.String())
			}
			for _, c := range counts.Rows[i] {
				cr = append(cr, c.String())
			}
			if !slices.Equal(cr, cut(fr)) {
				t.Errorf("%s row %d: %v, want %v", rows, i, cr, cut(fr))
			}
		}
	}
}
