package export

import (
	"bytes"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/qdatool/qda/corpus/demo"
)

// splitPassagesWhole is splitPassages as it was when it took the cell's
// whole text, kept to hold the parts made piece by piece to it.
func splitPassagesWhole(text string, width float64, lines int) []string {
	if text == "" || textLines(text, width, false) <= lines {
		return []string{text}
	}
	var parts []string
	var cur string
	add := func(piece, sep string) {
		switch {
		case cur == "":
			cur = piece
		case textLines(cur+sep+piece, width, false) <= lines:
			cur += sep + piece
		default:
			parts = append(parts, cur)
			cur = piece
		}
	}
	for _, passage := range strings.Split(text, "\n\n") {
		if textLines(passage, width, false) <= lines {
			add(passage, "\n\n")
			continue
		}
		if cur != "" {
			parts, cur = append(parts, cur), ""
		}
		turns := strings.Split(passage, "\n")
		if len(turns) > 1 {
			// The passage's reference stays with its first turn.
			turns[1] = turns[0] + "\n" + turns[1]
			turns = turns[1:]
		}
		for _, turn := range turns {
			add(turn, "\n")
		}
		parts, cur = append(parts, cur), ""
	}
	if cur != "" {
		parts = append(parts, cur)
	}
	return parts
}

// sliceSource gives pieces from a slice.
type sliceSource struct{ pieces []string }

func (s *sliceSource) next() (string, bool, error) {
	if len(s.pieces) == 0 {
		return "", false, nil
	}
	p := s.pieces[0]
	s.pieces = s.pieces[1:]
	return p, true, nil
}

// partsFrom collects every part of pieces, joined by blank lines.
func partsFrom(pieces []string, width float64, lines int) []string {
	s := newPartSplitter(&sliceSource{pieces: slices.Clone(pieces)}, width, lines)
	var out []string
	for {
		p, ok, err := s.next()
		if err != nil || !ok {
			return out
		}
		out = append(out, p)
	}
}

// checkParts compares the parts of pieces made one at a time with those
// of their joined text split whole, and splitPassages with that too.
func checkParts(t *testing.T, pieces []string, width float64, lines int) {
	t.Helper()
	text := strings.Join(pieces, "\n\n")
	want := splitPassagesWhole(text, width, lines)
	if got := splitPassages(text, width, lines); !slices.Equal(got, want) {
		t.Fatalf("splitPassages(%q, %v, %d) = %q, want %q", text, width, lines, got, want)
	}
	if len(pieces) == 0 || text == "" {
		return // an empty cell is one empty part, which the sheet writes as none
	}
	if got := partsFrom(pieces, width, lines); !slices.Equal(got, want) {
		t.Fatalf("parts of %q (%v, %d) = %q, want %q", pieces, width, lines, got, want)
	}
}

// TestPartsAsWhole makes passages of random turns (long and short, blank
// lines, line feeds at either end) and checks the parts piece by piece
// against the whole text's.
func TestPartsAsWhole(t *testing.T) {
	words := []string{"tea", "a", "cup of tea every week", "loneliness", "\n", "\n\n", "x"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var pieces []string
		for range r.IntN(6) {
			var b strings.Builder
			for range r.IntN(40) {
				b.WriteString(words[r.IntN(len(words))])
				b.WriteString(" ")
			}
			pieces = append(pieces, b.String())
		}
		checkParts(t, pieces, float64(10+r.IntN(60)), 1+r.IntN(8))
	}
	checkParts(t, []string{"a", "", "b"}, 60, 1)
	checkParts(t, []string{"ref\n", "ref\nturn"}, 60, 1)
}

func FuzzPartSplitter(f *testing.F) {
	f.Add("ref (jt)\nMay: a cup of tea\n\nref2\nI: and?\nMay: yes", 3, 20.0, 1)
	f.Add("a\n\n\n\nb\n", 1, 60.0, 2)
	f.Fuzz(func(t *testing.T, text string, cuts int, width float64, lines int) {
		if width < 2 || width > 300 || lines < 1 || lines > 50 || len(text) > 4000 {
			t.Skip()
		}
		// Cut the text into pieces at some of its blank lines.
		pieces := strings.Split(text, "\n\n")
		var joined []string
		for i, p := range pieces {
			if i > 0 && (cuts>>(i%30))&1 == 0 {
				joined[len(joined)-1] += "\n\n" + p
				continue
			}
			joined = append(joined, p)
		}
		checkParts(t, joined, width, lines)
	})
}

// countingSource gives n tall passages and counts those read.
type countingSource struct{ n, read int }

func (c *countingSource) next() (string, bool, error) {
	if c.read == c.n {
		return "", false, nil
	}
	c.read++
	return "ref (jt)\n" + strings.Repeat("May: a cup of tea every week, and a talk. ", 20), true, nil
}

// TestPartsAreLazy checks that a cell's parts are made as they are asked
// for: a part reads the passages it holds and the next, not the cell's
// thousands (a row by an attribute holds half the study's passages).
func TestPartsAreLazy(t *testing.T) {
	src := &countingSource{n: 10000}
	s := newPartSplitter(src, 60, maxRowLines)
	for i := range 3 {
		if _, ok, err := s.next(); !ok || err != nil {
			t.Fatalf("part %d: %v %v", i, ok, err)
		}
	}
	if src.read > 100 {
		t.Errorf("three parts read %d passages of %d", src.read, src.n)
	}
}

// TestExcerptsSheetStreamedRows writes the matrix workbook of a demo
// study by gender twice, its Excerpts cells read whole and read piece by
// piece from the spill: the same bytes.
func TestExcerptsSheetStreamedRows(t *testing.T) {
	dir := t.TempDir()
	if _, err := demo.Write(dir, demo.Options{Participants: 40}); err != nil {
		t.Fatal(err)
	}
	ts := openStudyAt(t, dir)
	write := func() []byte {
		wb, _, err := MatrixWorkbook(ts.s, ts.ix, ts.cb, WorkbookOptions{
			Matrix: MatrixOptions{Rows: "gender", Depth: 2, Measure: "references"},
			About:  About{Date: testDate, Title: ts.s.Config.Title},
		})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := wb.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	whole := write()
	defer func(n int64) { bigRow = n }(bigRow)
	bigRow = 0
	if streamed := write(); !bytes.Equal(streamed, whole) {
		t.Errorf("the workbook read piece by piece differs (%d bytes, %d read whole)", len(streamed), len(whole))
	}
}

// TestSpillCut reads back a spill whose scratch file was cut short or
// holds a length past its record's end (a failing disk): an error, read
// whole or column by column, never a slice out of range or a cell made
// of zeros.
func TestSpillCut(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(f *os.File) error
	}{
		{"cut short", func(f *os.File) error { return f.Truncate(5) }},
		{"length past the end", func(f *os.File) error { _, err := f.WriteAt([]byte{0, 0x7f}, 0); return err }},
		{"column past the row's", func(f *os.File) error { _, err := f.WriteAt([]byte{9}, 0); return err }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := newSpill(1)
			if err != nil {
				t.Fatal(err)
			}
			defer s.close()
			if err := s.add(0, []string{"a passage of the first column", "", "and of the third"}); err != nil {
				t.Fatal(err)
			}
			if err := s.w.Flush(); err != nil {
				t.Fatal(err)
			}
			if texts, err := s.row(0, 3); err != nil || texts[2] != "and of the third" {
				t.Fatalf("before: %q, %v", texts, err)
			}
			if err := tc.spoil(s.f); err != nil {
				t.Fatal(err)
			}
			if texts, err := s.row(0, 3); err == nil {
				t.Errorf("row: %q, no error", texts)
			}
			col := &spillColumn{s: s, recs: s.recs[0], col: 2, cols: 3}
			if text, ok, err := col.next(); err == nil {
				t.Errorf("next: %q, %v, no error", text, ok)
			}
		})
	}
}
