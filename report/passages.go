package report

import (
	"encoding/json"
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
	Row   int `json:"r"`
	start int
	order int // the participant's place in participants.csv
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

// Passages are the report's passages, each once.
type Passages struct {
	List   []*Passage
	index  map[passageKey]int
	pOrder map[string]int
}

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

// add returns the index of it's passage ref, adding it when new.
func (ps *Passages) add(it *corpus.Item, res *corpus.Resolver, code *codebook.Code, ref corpus.Range, row int) int {
	k := passageKey{it.ID, ref}
	if i, ok := ps.index[k]; ok {
		return i
	}
	_, coders := corpus.RefCodes(it.Codings, res, code, ref)
	order, ok := ps.pOrder[it.Participant]
	if !ok {
		order = len(ps.pOrder)
	}
	p := &Passage{Transcript: strings.Clone(it.ID), Participant: strings.Clone(it.Participant), Lines: ref.String(), Coders: coders, Row: row, start: ref.Start, order: order}
	for _, tu := range corpus.Turns(it.Transcript, ref) {
		// Copies, so that a passage does not keep its whole transcript
		// in memory until the report is written.
		pt := PassageTurn{Speaker: strings.Clone(tu.Speaker), Interviewer: tu.Interviewer}
		for _, l := range tu.Text {
			pt.Lines = append(pt.Lines, PassageLine{l.N, strings.Clone(l.Text)})
		}
		p.Turns = append(p.Turns, pt)
	}
	ps.List = append(ps.List, p)
	ps.index[k] = len(ps.List) - 1
	return len(ps.List) - 1
}

// sortByParticipant orders passage indexes by participant (participants.csv
// order), then transcript order (the order they were found), then line.
func (ps *Passages) sortByParticipant(refs []int) {
	slices.SortStableFunc(refs, func(a, b int) int {
		pa, pb := ps.List[a], ps.List[b]
		if pa.order != pb.order {
			return pa.order - pb.order
		}
		return a - b
	})
}

// Get returns passage i.
func (ps *Passages) Get(i int) *Passage { return ps.List[i] }
