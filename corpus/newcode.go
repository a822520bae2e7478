package corpus

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/qdatool/qda/codebook"
)

// NewCoding is a code made while coding: added to the codebook and applied
// to lines of a transcript in one change, as 'qda code --new' and the
// coding workspace's picker make one.
type NewCoding struct {
	Coder string
	// Transcript is read from transcripts/; that it is a row of
	// transcripts.csv is the caller's to check, as it lists them.
	Transcript string
	Lines      Range
	// Parent is where the code goes: "" for the top level, else a code
	// by any name codebook.ResolveArg accepts (a path, a unique name or
	// label).
	Parent string
	// Name is the new code's name, a slug.
	Name string
	// Fields are the new code's label, description and so on (nil
	// fields are left out).
	Fields codebook.Fields
	// Parents makes the codes of Parent that are missing, as
	// 'qda codebook add --parents' does; without it a missing parent is
	// a *codebook.MissingParentError.
	Parents bool
	// Memo is a memo for the segment.
	Memo string
}

// NewCoded is what AddCodeAndApply wrote.
type NewCoded struct {
	// Path is the new code's canonical path.
	Path string
	// Added are the canonical paths of the codes added to the codebook:
	// the parents made for it (with Parents), then Path. To undo, delete
	// them in reverse and take Path off the segment.
	Added []string
	// Lines are the lines coded: blank lines at the edges are left out.
	Lines Range
	// Codebook is the codebook as written, Codings the codings file.
	Codebook *codebook.Codebook
	Codings  *Codings
}

// ErrBlankLines is a range to code that holds no text.
var ErrBlankLines = errors.New("the lines are blank")

// RefusedError is a new coding refused for what was asked (a name taken
// or not a slug, a parent missing or ambiguous, lines outside the
// transcript or blank), not for a problem of the study's files: nothing
// was written, and the person is to ask otherwise.
type RefusedError struct{ Err error }

func (e *RefusedError) Error() string { return e.Err.Error() }
func (e *RefusedError) Unwrap() error { return e.Err }

// AddCodeAndApply adds the code nc describes to codebook.yaml and codes
// nc.Lines of nc.Transcript with it, as nc.Coder, in one change: both
// files are written in one batch (see Batch), so a crash leaves both or
// neither. When anything is refused nothing is written: what was asked,
// as a *RefusedError (a name taken, a parent missing, lines outside the
// transcript); else a problem of the study (a codebook or codings file
// that does not parse, a file that cannot be written).
//
// It holds the study's writer lock while it reads the two files and
// writes them: the lock of a study opened with OpenWrite, else one it
// takes for the call, calling wait once if it has to wait for another
// writer. Both files are read afresh under the lock, so a change another
// qda made a moment before (a code added, a passage coded) is kept, never
// overwritten.
func (s *Study) AddCodeAndApply(nc NewCoding, wait func(Holder)) (*NewCoded, error) {
	if !ValidName(nc.Coder) {
		return nil, fmt.Errorf("%q is not a valid coder name", nc.Coder)
	}
	if s.lock == nil {
		l, err := s.Lock(wait)
		if err != nil {
			return nil, err
		}
		defer l.Unlock()
		// As OpenWrite does: a change a killed writer left half done is
		// completed before this one reads the files it touched.
		if _, err := s.Recover(); err != nil {
			return nil, err
		}
	}
	t, err := s.ReadTranscript(nc.Transcript)
	if err != nil {
		return nil, err
	}
	if nc.Lines.Start < 1 || nc.Lines.End > t.Len() || nc.Lines.Start > nc.Lines.End {
		return nil, &RefusedError{fmt.Errorf("lines %s are outside %s, which has %d lines", nc.Lines, TranscriptFile(nc.Transcript), t.Len())}
	}
	r, ok := t.TrimBlank(nc.Lines)
	if !ok {
		return nil, &RefusedError{fmt.Errorf("lines %s of %s: %w", nc.Lines, TranscriptFile(nc.Transcript), ErrBlankLines)}
	}
	cs, err := s.ReadCodings(nc.Coder, nc.Transcript)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		cs = &Codings{Coder: nc.Coder, Transcript: nc.Transcript, File: CodingsFile(nc.Coder, nc.Transcript)}
	}
	src, err := s.ReadFile(CodebookFile)
	if errors.Is(err, fs.ErrNotExist) {
		src, err = []byte("codes: []\n"), nil
	}
	if err != nil {
		return nil, err
	}
	cb, findings := codebook.Parse(CodebookFile, src)
	if err := findings.Err(); err != nil {
		return nil, err
	}
	rw, added, err := codebook.AddUnder(cb, src, nc.Parent, nc.Name, nc.Fields, nc.Parents)
	var ce *codebook.CheckError
	if err != nil && !errors.As(err, &ce) {
		return nil, &RefusedError{err}
	}
	if err != nil {
		return nil, err
	}
	path := added[len(added)-1]
	nb, findings := codebook.Parse(CodebookFile, rw.Data)
	if err := findings.Err(); err != nil {
		return nil, err // AddUnder checked its result; this is a bug
	}
	res := NewResolver(nb)
	canon := func(ref string) string {
		if c := res.Code(ref); c != nil {
			return c.Path
		}
		return ref
	}
	// The code is new, so AddCoding always makes a change.
	cs.Segments, _ = AddCoding(cs.Segments, t, r, []string{path}, nc.Memo, canon)
	cs.None, cs.NoneMemo = false, ""
	b := s.NewBatch()
	b.Put(CodebookFile, rw.Data)
	b.Put(cs.File, MarshalCodings(cs.Segments))
	if err := b.Commit(); err != nil {
		return nil, err
	}
	return &NewCoded{Path: path, Added: added, Lines: r, Codebook: nb, Codings: cs}, nil
}
