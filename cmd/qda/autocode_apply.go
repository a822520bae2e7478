package main

import (
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/search"
)

// applyProposals codes each proposed segment into coder's files, all
// files in one journaled batch, and returns how many files changed.
func (s *session) applyProposals(props []search.Proposal, coder string) (int, error) {
	res := corpus.NewResolver(s.cb)
	canon := func(ref string) string {
		if c := res.Code(ref); c != nil {
			return c.Path
		}
		return ref
	}
	type file struct {
		t       *corpus.Transcript
		cs      *corpus.Codings
		changed bool
	}
	files := map[string]*file{}
	var order []string
	for _, p := range props {
		for _, seg := range p.Segments {
			f := files[seg.Transcript]
			if f == nil {
				t, err := s.study.ReadTranscript(seg.Transcript)
				if err != nil {
					return 0, err
				}
				cs, err := s.study.ReadCodings(coder, seg.Transcript)
				if err != nil {
					return 0, withHint(err, "fix the file first; 'qda check' lists its problems")
				}
				if cs == nil {
					cs = &corpus.Codings{Coder: coder, Transcript: seg.Transcript, File: corpus.CodingsFile(coder, seg.Transcript)}
				}
				f = &file{t: t, cs: cs}
				files[seg.Transcript] = f
				order = append(order, seg.Transcript)
			}
			r, ok := f.t.TrimBlank(seg.Lines)
			if !ok || r.End > f.t.Len() {
				continue
			}
			segs, changed := corpus.AddCoding(f.cs.Segments, f.t, r, []string{p.Code.Path}, "", canon)
			if changed {
				f.cs.Segments, f.changed = segs, true
			}
		}
	}
	b := s.study.NewBatch()
	for _, id := range order {
		if f := files[id]; f.changed {
			b.Put(f.cs.File, corpus.MarshalCodings(f.cs.Segments))
		}
	}
	return b.Len(), b.Commit()
}
