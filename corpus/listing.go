package corpus

import "bytes"

// TranscriptSummary is one row of 'qda transcripts'.
type TranscriptSummary struct {
	ID          string            `json:"id"`
	Participant string            `json:"participant"`
	Lines       int               `json:"lines"`
	CodedBy     []string          `json:"coded_by"`
	None        []string          `json:"nothing_applies"`
	Attributes  map[string]string `json:"attributes"`
}

// TranscriptAttributes are the columns of transcripts.csv a listing
// shows: all but the id, the participant and the checksum.
func (ix *Index) TranscriptAttributes() []string {
	var attrs []string
	for _, h := range ix.Transcripts.Header {
		if h != "id" && h != "participant" && h != "sha256" {
			attrs = append(attrs, h)
		}
	}
	return attrs
}

// Transcripts lists the transcripts that match filters: participant,
// number of lines, who has a codings file for each and who of them said
// nothing applies, attributes. It counts lines without parsing the text,
// and reads a codings file only to tell a none from segments.
func (s *Study) Transcripts(ix *Index, filters []Filter) ([]TranscriptSummary, error) {
	attrs := ix.TranscriptAttributes()
	rows := []TranscriptSummary{}
	for _, r := range ix.Transcripts.Rows {
		if !Match(ix.Attrs(r), filters) {
			continue
		}
		row := TranscriptSummary{ID: r.ID, Participant: ix.Transcripts.Get(r, "participant"), CodedBy: []string{}, None: []string{}, Attributes: map[string]string{}}
		data, err := s.ReadFile(TranscriptFile(r.ID))
		if err != nil {
			return nil, err
		}
		row.Lines = bytes.Count(data, []byte("\n"))
		if len(data) > 0 && data[len(data)-1] != '\n' {
			row.Lines++
		}
		for _, c := range ix.Coders {
			if !ix.HasCoded(c, r.ID) {
				continue
			}
			row.CodedBy = append(row.CodedBy, c)
			cs, err := s.ReadCodings(c, r.ID)
			if err != nil {
				return nil, err
			}
			if cs != nil && cs.None {
				row.None = append(row.None, c)
			}
		}
		for _, a := range attrs {
			row.Attributes[a] = ix.Transcripts.Get(r, a)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// CoderSummary is one row of 'qda coder list'.
type CoderSummary struct {
	ID          string `json:"id"`
	Name        string `json:"name,omitempty"`
	Email       string `json:"email,omitempty"`
	Declared    bool   `json:"declared"`
	Machine     bool   `json:"machine"`
	Transcripts int    `json:"transcripts"`
	None        int    `json:"nothing_applies"`
	Segments    int    `json:"segments"`
}

// CoderSummaries lists the declared coders in the order of qda.yaml, then
// those with a folder who are not declared, each with the transcripts
// they coded, those where nothing applies, and their segments.
func (s *Study) CoderSummaries(ix *Index) ([]CoderSummary, error) {
	ids := s.Config.CoderIDs()
	for _, c := range ix.Coders {
		if _, ok := s.Config.Coder(c); !ok {
			ids = append(ids, c)
		}
	}
	rows := []CoderSummary{}
	for _, id := range ids {
		k, declared := s.Config.Coder(id)
		row := CoderSummary{ID: id, Name: k.Name, Email: k.Email, Declared: declared, Machine: k.Machine}
		coded, err := s.CodedBy(id)
		if err != nil {
			return nil, err
		}
		for _, t := range coded {
			cs, err := s.ReadCodings(id, t)
			if err != nil {
				return nil, err
			}
			row.Transcripts++
			row.Segments += len(cs.Segments)
			if cs.None {
				row.None++
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// ParticipantSummary is one row of 'qda participants'.
type ParticipantSummary struct {
	ID          string            `json:"id"`
	Transcripts []string          `json:"transcripts"`
	Attributes  map[string]string `json:"attributes"`
}

// ParticipantList lists the rows of participants.csv with their transcripts,
// in the table's order, keeping those that match filters: on their own
// attributes, or on a transcript of theirs (a participant is kept when any
// of their transcripts matches).
func (ix *Index) ParticipantList(filters []Filter) []ParticipantSummary {
	byP := map[string][]string{}
	matched := map[string]bool{}
	for _, r := range ix.Transcripts.Rows {
		attrs := ix.Attrs(r)
		p := attrs["participant"]
		byP[p] = append(byP[p], r.ID)
		if Match(attrs, filters) {
			matched[p] = true
		}
	}
	rows := []ParticipantSummary{}
	for _, r := range ix.Participants.Rows {
		attrs := ix.Participants.Attributes(r)
		attrs["participant"] = r.ID
		if !matched[r.ID] && !Match(attrs, filters) {
			continue
		}
		delete(attrs, "participant")
		ts := byP[r.ID]
		if ts == nil {
			ts = []string{}
		}
		rows = append(rows, ParticipantSummary{ID: r.ID, Transcripts: ts, Attributes: attrs})
	}
	return rows
}
