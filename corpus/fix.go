package corpus

import (
	"errors"
	"fmt"
	"strings"

	"github.com/qdatool/qda/codebook"
)

// FixReport lists what Fix changed, one line per change, by file.
type FixReport struct {
	Changes []string // "codings/jt/may-1.yaml:4: ..."
	Files   []string
	// Left are drifted segments Fix could not place: their quote is
	// nowhere, or in several places.
	Left []string
}

// Fix rewrites codes written by a former name to their canonical paths,
// and moves a segment whose quote drifted to the one line that now starts
// with it (keeping its length); a quote found nowhere or in several places
// is left for a person and reported. Everything is written in one batch.
func (s *Study) Fix(ix *Index, cb *codebook.Codebook, dryRun bool) (*FixReport, error) {
	rep := &FixReport{}
	b := s.NewEarlyBatch() // staged beside the reading, as Recode's
	// Every way out but a Commit removes what was staged (a no-op after
	// one): an error, a dry run, a panic in the recoding.
	defer b.Discard()
	err := s.EachCodings(ix, func(cs *Codings) error {
		t, err := s.ReadTranscript(cs.Transcript)
		if err != nil {
			t = nil // codings for an unknown transcript: codes can still be fixed
		}
		if s.fixSegments(cs, t, cb, rep) {
			rep.Files = append(rep.Files, cs.File)
			if !dryRun { // a dry run stages nothing, not even in memory
				b.Put(cs.File, MarshalCodings(cs.Segments))
			}
		}
		return b.Err() // staging failed: nothing can be written, so stop reading
	})
	if serr := b.Err(); serr != nil && errors.Is(err, serr) {
		return nil, err // staging failed first: the reading stopped there
	}
	if err != nil {
		return nil, fmt.Errorf("%w: fix the file by hand first", err)
	}
	if dryRun {
		return rep, nil
	}
	return rep, b.Commit()
}

func (s *Study) fixSegments(cs *Codings, t *Transcript, cb *codebook.Codebook, rep *FixReport) bool {
	changed := false
	for i := range cs.Segments {
		seg := &cs.Segments[i]
		for j, ref := range seg.Codes {
			code, via, err := cb.Resolve(ref)
			if err != nil || via == codebook.Canonical {
				continue
			}
			line := seg.Line
			if j < len(seg.CodeLines) {
				line = seg.CodeLines[j]
			}
			rep.Changes = append(rep.Changes, fmt.Sprintf("%s:%d: %s → %s", cs.File, line, ref, code.Path))
			seg.Codes[j] = code.Path
			changed = true
		}
		q := strings.TrimSpace(seg.Quote)
		if t == nil || q == "" || seg.Lines.Start > t.Len() || t.StartsWith(seg.Lines.Start, q) {
			continue
		}
		at := t.FindQuote(q)
		if len(at) != 1 {
			where := "is not in the transcript"
			if len(at) > 1 {
				where = fmt.Sprintf("starts lines %s", joinInts(at))
			}
			rep.Left = append(rep.Left, fmt.Sprintf("%s:%d: lines %s: the quote %q %s", cs.File, seg.Line, seg.Lines, q, where))
			continue
		}
		r := Range{at[0], min(t.Len(), at[0]+seg.Lines.Len()-1)}
		if tr, ok := t.TrimBlank(r); ok {
			r = tr
		}
		rep.Changes = append(rep.Changes, fmt.Sprintf("%s:%d: lines %s → %s (the quote moved)", cs.File, seg.Line, seg.Lines, r))
		seg.Lines = r
		changed = true
	}
	if changed {
		SortSegments(cs.Segments)
	}
	return changed
}
