package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// Passage is one coded passage of a transcript as the report quotes it:
// its speaker turns with their line numbers. A passage that several codes
// share (a theme and the sub-code that rolls up to it) is held once.
type Passage struct {
	Transcript  string        `json:"t"`
	Participant string        `json:"p"`
	Lines       string        `json:"l"` // "12-15"
	Turns       []PassageTurn `json:"u"`
	// Coders coded these lines under the code the passage was first
	// found for (the broadest: codes are visited from the themes down).
	Coders []string `json:"c"`
	// Row is the passage's row of the heat map.
	Row int `json:"r"`
}

// PassageTurn is one speaker turn of a passage.
type PassageTurn struct {
	Speaker     string        `json:"s,omitempty"`
	Interviewer bool          `json:"i,omitempty"`
	Lines       []PassageLine `json:"x"`
}

// PassageLine is one line of a turn, written in the page's data as a
// [number, text] pair: a study of 10,000 participants has a million of them.
type PassageLine struct {
	N    int
	Text string
}

// MarshalJSON writes l as [number, text].
func (l PassageLine) MarshalJSON() ([]byte, error) {
	text, err := json.Marshal(l.Text)
	if err != nil {
		return nil, err
	}
	return append(append(strconv.AppendInt([]byte{'['}, int64(l.N), 10), ','), append(text, ']')...), nil
}

// UnmarshalJSON reads l from [number, text].
func (l *PassageLine) UnmarshalJSON(data []byte) error {
	var pair [2]json.RawMessage
	if err := json.Unmarshal(data, &pair); err != nil {
		return err
	}
	if err := json.Unmarshal(pair[0], &l.N); err != nil {
		return err
	}
	return json.Unmarshal(pair[1], &l.Text)
}

// Passages are the report's passages, each once, held as the JSON the
// page's data carries: the passages of a study of 10,000 participants are
// a million lines, several times larger as structs of strings than as the
// bytes written, and the pages quote few of them (Get decodes those).
type Passages struct {
	json   [][]byte // slices of chunks
	chunk  []byte   // the chunk being filled
	enc    bytes.Buffer
	row    []int32
	order  []int32 // the participant's place in participants.csv
	index  map[passageKey]int
	pOrder map[string]int
}

// passageChunk is the size of the blocks the passages' JSON is kept in.
const passageChunk = 1 << 20

type passageKey struct {
	transcript string
	lines      corpus.Range
}

func newPassages(ix *corpus.Index) *Passages {
	p := &Passages{index: map[passageKey]int{}, pOrder: map[string]int{}}
	for i, r := range ix.Participants.Rows {
		p.pOrder[r.ID] = i
	}
	return p
}

// Len is the number of passages.
func (ps *Passages) Len() int { return len(ps.json) }

// add returns the index of it's passage ref, adding it when new.
func (ps *Passages) add(it *corpus.Item, res *corpus.Resolver, code *codebook.Code, ref corpus.Range, row int) (int, error) {
	k := passageKey{it.ID, ref}
	if i, ok := ps.index[k]; ok {
		return i, nil
	}
	k.transcript = strings.Clone(it.ID) // not to keep the item's memory
	_, coders := corpus.RefCodes(it.Codings, res, code, ref)
	order, ok := ps.pOrder[it.Participant]
	if !ok {
		order = len(ps.pOrder)
	}
	p := &Passage{Transcript: it.ID, Participant: it.Participant, Lines: ref.String(), Coders: coders, Row: row}
	for _, tu := range corpus.Turns(it.Transcript, ref) {
		pt := PassageTurn{Speaker: tu.Speaker, Interviewer: tu.Interviewer}
		for _, l := range tu.Text {
			pt.Lines = append(pt.Lines, PassageLine{l.N, l.Text})
		}
		p.Turns = append(p.Turns, pt)
	}
	// Encoded as json.Marshal would (the encoder escapes HTML alike),
	// then kept in the current chunk: a few large blocks rather than a
	// small object per passage, as many as a study has passages.
	ps.enc.Reset()
	if err := json.NewEncoder(&ps.enc).Encode(p); err != nil {
		return 0, err
	}
	data := bytes.TrimSuffix(ps.enc.Bytes(), []byte("\n"))
	if len(ps.chunk)+len(data) > cap(ps.chunk) {
		ps.chunk = make([]byte, 0, max(passageChunk, len(data)))
	}
	at := len(ps.chunk)
	ps.chunk = append(ps.chunk, data...)
	ps.json = append(ps.json, ps.chunk[at:len(ps.chunk):len(ps.chunk)])
	ps.row = append(ps.row, int32(row))
	ps.order = append(ps.order, int32(order))
	ps.index[k] = len(ps.json) - 1
	return len(ps.json) - 1, nil
}

// found ends the finding of passages: the index of those found, a map of
// hundreds of thousands of entries in a large study, goes before the
// pages are rendered.
func (ps *Passages) found() { ps.index = nil }

// sortByParticipant orders passage indexes by participant (participants.csv
// order), then transcript order (the order they were found), then line.
func (ps *Passages) sortByParticipant(refs []int) {
	slices.SortStableFunc(refs, func(a, b int) int {
		if oa, ob := ps.order[a], ps.order[b]; oa != ob {
			return int(oa - ob)
		}
		return a - b
	})
}

// Row is passage i's row of the heat map.
func (ps *Passages) Row(i int) int { return int(ps.row[i]) }

// JSON is passage i as the page's data holds it.
func (ps *Passages) JSON(i int) []byte { return ps.json[i] }

// Get returns passage i, decoded from its JSON.
func (ps *Passages) Get(i int) (*Passage, error) {
	p := &Passage{}
	if err := json.Unmarshal(ps.json[i], p); err != nil {
		return nil, fmt.Errorf("report: passage %d: %w", i, err)
	}
	return p, nil
}
