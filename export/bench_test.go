package export

import (
	"io"
	"os"
	"testing"
)

// benchStudy is $QDA_BENCH_STUDY (e.g. a 'qda demo --participants 10000'
// study), else the tiny fixture.
func benchStudy(b *testing.B) tinyStudy {
	if dir := os.Getenv("QDA_BENCH_STUDY"); dir != "" {
		t := &testing.T{}
		ts := openStudyAt(t, dir)
		if t.Failed() {
			b.Fatal("cannot open", dir)
		}
		return ts
	}
	return openTiny(&testing.T{})
}

func BenchmarkMatrixJSON(b *testing.B) {
	ts := benchStudy(b)
	b.ReportAllocs()
	for b.Loop() {
		m, err := BuildMatrix(ts.s, ts.ix, ts.cb, MatrixOptions{Rows: RowsParticipant, Depth: 1, Measure: "references"}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := m.WriteJSON(io.Discard, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMatrixWorkbook(b *testing.B) {
	ts := benchStudy(b)
	b.ReportAllocs()
	for b.Loop() {
		wb, _, err := MatrixWorkbook(ts.s, ts.ix, ts.cb, WorkbookOptions{Matrix: MatrixOptions{Rows: RowsParticipant, Depth: 1, Measure: "references"}, About: About{Date: testDate}})
		if err != nil {
			b.Fatal(err)
		}
		if err := wb.Write(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
