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
	tt, ok := s.tableRow(TranscriptsFile, id, "id", "participant")
	if !ok {
		return s.LoadIndex()
	}
	row, _ := tt.Lookup(id)
	pt, ok := s.tableRow(ParticipantsFile, tt.Get(row, "participant"), "id")
	if !ok {
		return s.LoadIndex()
	}
	coders, err := s.Coders()
	if err != nil {
		return nil, nil, err
	}
	return &Index{Participants: pt, Transcripts: tt, Coders: coders, s: s}, nil, nil
}

// tableRow reads file's header and the row of id; ok is false when it
// cannot be sure of the row by its line, or the row is not there, or it
// has a problem. It streams the file up to the row: reading a large
// table whole cost more than the rest of show.
func (s *Study) tableRow(file, id string, wantCols ...string) (*Table, bool) {
	if id == "" {
		return nil, false
	}
	f, err := s.OpenFile(file)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	r := bufio.NewReaderSize(io.LimitReader(f, MaxFileSize), 64<<10)
	prefix := []byte(id + ",")
	var header []byte
	for n := 1; ; n++ {
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
			continue
		}
		if !bytes.HasPrefix(text, prefix) && string(text) != id {
			if err != nil {
				return nil, false
			}
			continue
		}
		t, fs := ParseTable(file, bytes.NewReader(bytes.Join([][]byte{header, text}, []byte("\n"))), wantCols...)
		if len(fs) > 0 {
			return nil, false
		}
		if _, ok := t.Lookup(id); !ok || len(t.Rows) != 1 {
			return nil, false
		}
		t.Rows[0].Line = n
		return t, true
	}
}
