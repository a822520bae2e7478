package corpus

import (
	"bytes"

	"github.com/qdatool/qda/internal/diag"
)

// LoadIndexFor is LoadIndex for a command about one transcript (show,
// code, uncode): its tables hold only the header and the rows of that
// transcript and its participant, so such a command costs the same in a
// study of 10,000 participants as in one of 100. Parsing both tables in
// full was most of what show cost at that size.
//
// A row is found by its line only when that is certain: the file has no
// quotes (so no field spans lines), and the line starts with the id and a
// comma, or is the id alone. Otherwise, or when the row is missing or has
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
// has a problem.
func (s *Study) tableRow(file, id string, wantCols ...string) (*Table, bool) {
	if id == "" {
		return nil, false
	}
	data, err := s.ReadFile(file)
	if err != nil || bytes.IndexByte(data, '"') >= 0 {
		return nil, false
	}
	header, rest, _ := bytes.Cut(data, []byte("\n"))
	prefix := []byte(id + ",")
	for n := 2; len(rest) > 0; n++ {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		if !bytes.HasPrefix(line, prefix) && string(bytes.TrimSuffix(line, []byte("\r"))) != id {
			continue
		}
		t, fs := ParseTable(file, bytes.NewReader(bytes.Join([][]byte{header, line}, []byte("\n"))), wantCols...)
		if len(fs) > 0 {
			return nil, false
		}
		if _, ok := t.Lookup(id); !ok || len(t.Rows) != 1 {
			return nil, false
		}
		t.Rows[0].Line = n
		return t, true
	}
	return nil, false
}
