package export

import (
	"bufio"
	"encoding/gob"
	"io"
	"os"

	"github.com/qdatool/qda/internal/scratch"
)

// DisagreementSpill keeps a report's disagreements in a scratch file
// while the study is read: an export lists every one of them after the
// per-code table, which is known only at the end, and a large study has
// hundreds of thousands, each with its text (16 MB live at 10,000
// participants, growing with the study). gob keeps every string's bytes
// as they were. Close removes the file.
type DisagreementSpill struct {
	f   *os.File
	w   *bufio.Writer
	enc *gob.Encoder
	n   int
}

// disagreements is what the scratch file holds, for its errors.
const disagreements = "the disagreements"

// NewDisagreementSpill makes an empty spill.
func NewDisagreementSpill() (*DisagreementSpill, error) {
	f, err := scratch.File("qda-disagreements-*")
	if err != nil {
		return nil, scratch.Failed(disagreements, err)
	}
	w := bufio.NewWriterSize(f, 1<<16)
	return &DisagreementSpill{f: f, w: w, enc: gob.NewEncoder(w)}, nil
}

// Add stores d.
func (s *DisagreementSpill) Add(d AgreementDisagreement) error {
	s.n++
	return scratch.Failed(disagreements, s.enc.Encode(&d))
}

// Len is how many disagreements were added.
func (s *DisagreementSpill) Len() int {
	if s == nil {
		return 0
	}
	return s.n
}

// Each calls fn with every disagreement, in the order added.
func (s *DisagreementSpill) Each(fn func(d AgreementDisagreement) error) error {
	if s == nil || s.n == 0 {
		return nil
	}
	if err := s.w.Flush(); err != nil {
		return scratch.Failed(disagreements, err)
	}
	dec := gob.NewDecoder(bufio.NewReaderSize(io.NewSectionReader(s.f, 0, 1<<62), 1<<16))
	for range s.n {
		var d AgreementDisagreement
		if err := dec.Decode(&d); err != nil {
			return scratch.Failed(disagreements, err)
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

// Close removes the scratch file.
func (s *DisagreementSpill) Close() {
	s.f.Close()
	os.Remove(s.f.Name())
}

// Spill makes the report list the disagreements in s after those of
// Disagreements, for the export writers.
func (r *Agreement) Spill(s *DisagreementSpill) { r.spill = s }

// DisagreementCount is how many disagreements the report lists.
func (r *Agreement) DisagreementCount() int { return len(r.Disagreements) + r.spill.Len() }
