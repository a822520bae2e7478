package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"io"

	"github.com/qdatool/qda/internal/diag"
)

// LoadIndexFor is LoadIndex for a command about one transcript (show,
// code, uncode): its tables hold only the header and the rows of that
// transcript and its participant, so such a command costs the same in a
// study of 10,000 participants as in one of 100. Parsing both tables in
// full was most of what show cost at that size.
//
// A row is found by its line only when that is certain: no quote comes
// before it (so no field spans lines), and the line starts with the id
// and a comma, or is the id alone. Otherwise, or when the row is missing or has
// a problem, the whole index is loaded as LoadIndex does, so errors are
// reported at their lines and an unknown id is told apart from a table
// qda cannot read.
func (s *Study) LoadIndexFor(id string) (*Index, diag.List, error) {
	return s.LoadIndexOf([]string{id})
}

// LoadHeads is LoadIndex without the tables' rows: their headers, and
// the coders, for a command that reads the rows only if it must (qda
// search: corpus/search/quick.go) and then with LoadIndex. A header it
// cannot be sure of alone is read with the whole table, by LoadIndex.
func (s *Study) LoadHeads() (*Index, diag.List, error) {
	pt, ok1 := s.tableRows(ParticipantsFile, nil, "id")
	tt, ok2 := s.tableRows(TranscriptsFile, nil, "id", "participant")
	if !ok1 || !ok2 {
		return s.LoadIndex()
	}
	return s.partIndex(pt, tt)
}

// LoadIndexOf is LoadIndexFor for the transcripts ids: the tables hold
// their rows and their participants', found as LoadIndexFor finds one.
// It reads the tables as far as the last of those rows.
func (s *Study) LoadIndexOf(ids []string) (*Index, diag.List, error) {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	tt, ok := s.tableRows(TranscriptsFile, want, "id", "participant")
	if !ok {
		return s.LoadIndex()
	}
	who := map[string]bool{}
	for _, r := range tt.Rows {
		who[tt.Get(r, "participant")] = true
	}
	pt, ok := s.tableRows(ParticipantsFile, who, "id")
	if !ok {
		return s.LoadIndex()
	}
	return s.partIndex(pt, tt)
}

// partIndex is an index of some of the tables' rows, and the coders.
func (s *Study) partIndex(pt, tt *Table) (*Index, diag.List, error) {
	coders, err := s.Coders()
	if err != nil {
		return nil, nil, err
	}
	return &Index{Participants: pt, Transcripts: tt, Coders: coders, s: s}, nil, nil
}

// tableRows reads file's header and the rows of every id in ids (none:
// the header alone); ok is false when it cannot be sure of a row by its
// line, or a row is not there, or has a problem. It streams the file up
// to the last of them: reading a large table whole cost more than the
// rest of show, and than a search.
func (s *Study) tableRows(file string, ids map[string]bool, wantCols ...string) (*Table, bool) {
	f, err := s.OpenFile(file)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	r := bufio.NewReaderSize(io.LimitReader(f, MaxFileSize), 64<<10)
	var header []byte
	rows := [][]byte{}
	var lines []int
	for n, need := 1, len(ids); len(lines) < need || n == 1; n++ {
		line, err := r.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			return nil, false // a line longer than any row qda writes
		}
		if len(line) == 0 && err != nil {
			return nil, false
		}
		// A quote may open a field that spans lines: the lines no longer
		// tell the rows, so the whole table is parsed instead.
		if bytes.IndexByte(line, '"') >= 0 {
			return nil, false
		}
		text := bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
		if n == 1 {
			header = bytes.Clone(text)
			rows = append(rows, header)
			continue
		}
		id, _, _ := bytes.Cut(text, []byte(","))
		if !ids[string(id)] {
			if err != nil {
				return nil, false
			}
			continue
		}
		rows = append(rows, bytes.Clone(text))
		lines = append(lines, n)
		delete(ids, string(id)) // an id's first row is its row: the caller's set is used up
	}
	t, fs := ParseTable(file, bytes.NewReader(bytes.Join(rows, []byte("\n"))), wantCols...)
	if len(fs) > 0 || len(t.Rows) != len(lines) {
		return nil, false
	}
	for i := range t.Rows {
		t.Rows[i].Line = lines[i]
	}
	return t, true
}
