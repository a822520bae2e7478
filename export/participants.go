package export

import (
	"strings"

	"github.com/qdatool/qda/corpus"
)

// ParticipantsTable lists every participant of participants.csv with
// their attributes and transcripts.
func ParticipantsTable(ix *corpus.Index) *Table {
	t := &Table{Title: "Participants", Header: append(append([]string{"participant"}, ix.Participants.Header[1:]...), "transcripts", "transcript ids")}
	of := map[string][]string{}
	for _, r := range ix.Transcripts.Rows {
		p := ix.Transcripts.Get(r, "participant")
		of[p] = append(of[p], r.ID)
	}
	for _, p := range ix.Participants.Rows {
		row := []Cell{Text(p.ID)}
		for _, h := range ix.Participants.Header[1:] {
			row = append(row, Auto(ix.Participants.Get(p, h)))
		}
		t.Row(append(row, Int(len(of[p.ID])), Text(strings.Join(of[p.ID], ", ")))...)
	}
	return t
}
