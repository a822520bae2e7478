package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"slices"
)

// NewTranscript is a normalised transcript to add to the study.
type NewTranscript struct {
	ID, Participant, Source string
	Attrs                   map[string]string // transcript attributes for transcripts.csv
	Text                    []byte
	// Replace allows replacing a transcript that exists, re-anchoring
	// every coder's segments to the new text.
	Replace bool
}

// PutReport says what PutTranscript did.
type PutReport struct {
	NewParticipant bool
	Replaced       bool
	// Moved and Lost list, per codings file, the segments re-anchored and
	// those whose text was not found in the new transcript (kept where
	// they were, for check to flag).
	Moved map[string][]Reanchored
	Lost  map[string][]Reanchored
}

// ErrExists is returned by PutTranscript for an id the study has, without Replace.
type ErrExists struct{ ID string }

func (e *ErrExists) Error() string {
	return fmt.Sprintf("transcript %q already exists (%s)", e.ID, TranscriptFile(e.ID))
}

// PutTranscript writes a transcript, its row in transcripts.csv (with the
// sha256 of the text), a row in participants.csv for a new participant,
// and, when it replaces one, every coder's re-anchored codings: all in one
// batch. ix is updated to match.
func (s *Study) PutTranscript(ix *Index, nt NewTranscript) (*PutReport, error) {
	if !ValidName(nt.ID) {
		return nil, fmt.Errorf("%q is not a valid transcript id: use lowercase letters, digits and '-', e.g. %q", nt.ID, Slug(nt.ID))
	}
	if !ValidName(nt.Participant) {
		return nil, fmt.Errorf("%q is not a valid participant id: use lowercase letters, digits and '-', e.g. %q", nt.Participant, Slug(nt.Participant))
	}
	rep := &PutReport{Moved: map[string][]Reanchored{}, Lost: map[string][]Reanchored{}}
	b := s.NewBatch()
	_, listed := ix.Transcripts.Lookup(nt.ID)
	var old *Transcript
	data, err := s.ReadFile(TranscriptFile(nt.ID))
	exists := err == nil
	switch {
	case exists:
		old = ParseTranscript(nt.ID, data)
	case !errors.Is(err, fs.ErrNotExist):
		// A transcript there but unreadable (a link outside the study, too
		// large) is not absent: replacing it without its text would leave
		// every coder's segments on the old lines.
		if nt.Replace {
			return nil, fmt.Errorf("%w; qda replaces only a transcript it can read, to re-anchor its codings", err)
		}
		return nil, err
	}
	if (listed || exists) && !nt.Replace {
		return nil, &ErrExists{nt.ID}
	}
	if exists {
		rep.Replaced = true
		newT := ParseTranscript(nt.ID, nt.Text)
		for _, coder := range ix.Coders {
			if !ix.HasCoded(coder, nt.ID) {
				continue
			}
			cs, err := s.ReadCodings(coder, nt.ID)
			if err != nil {
				return nil, fmt.Errorf("%w: fix it before replacing the transcript, so no segment is lost", err)
			}
			segs, moves := Reanchor(cs.Segments, old, newT)
			for _, m := range moves {
				if m.Found {
					rep.Moved[cs.File] = append(rep.Moved[cs.File], m)
				} else {
					rep.Lost[cs.File] = append(rep.Lost[cs.File], m)
				}
			}
			b.Put(cs.File, MarshalCodings(segs))
		}
	}
	b.Put(TranscriptFile(nt.ID), nt.Text)

	sum := sha256.Sum256(nt.Text)
	t := ix.Transcripts.Clone()
	t.Set(nt.ID, "participant", nt.Participant)
	keys := make([]string, 0, len(nt.Attrs))
	for k := range nt.Attrs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		t.Set(nt.ID, k, nt.Attrs[k])
	}
	if nt.Source != "" {
		t.Set(nt.ID, "source", nt.Source)
	}
	t.Set(nt.ID, "sha256", hex.EncodeToString(sum[:]))
	b.Put(TranscriptsFile, t.Marshal())
	p := ix.Participants
	if _, ok := p.Lookup(nt.Participant); !ok {
		p = p.Clone()
		p.Set(nt.Participant, "id", nt.Participant)
		b.Put(ParticipantsFile, p.Marshal())
		rep.NewParticipant = true
	}
	if err := b.Commit(); err != nil {
		return nil, err
	}
	ix.Transcripts, ix.Participants = t, p
	return rep, nil
}
