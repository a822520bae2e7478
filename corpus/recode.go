package corpus

import (
	"errors"
	"fmt"
	"slices"

	"github.com/qdatool/qda/codebook"
)

// RecodeReport says which codings a change of codes touched.
type RecodeReport struct {
	Files    []string       // codings files changed, relative to the study
	Segments int            // segments whose codes changed
	Removed  int            // segments left with no code, and so removed
	ByCode   map[string]int // old canonical path → segments that used it
}

// Recode rewrites every codings file for a change of codes: each code
// (written canonically or by a former name) that old resolves to a path in
// m is written as m's value instead, or taken off its segment when that is
// "". A segment left with no code is removed. Together with codebook.yaml's
// new text (newCodebook, nil to leave the file alone) the changed files are
// written in one batch, all or none; with dryRun nothing is written.
func (s *Study) Recode(ix *Index, old *codebook.Codebook, m map[string]string, newCodebook []byte, dryRun bool) (*RecodeReport, error) {
	rep := &RecodeReport{ByCode: map[string]int{}}
	// Staged as each file is recoded, beside the reading of the next.
	b := s.NewEarlyBatch()
	// Every way out but a Commit removes what was staged (a no-op after
	// one): an error, a dry run, a panic in the recoding.
	defer b.Discard()
	if newCodebook != nil && !dryRun {
		b.Put(CodebookFile, newCodebook)
	}
	res := NewResolver(old)
	err := s.EachCodings(ix, func(cs *Codings) error {
		segs, changed := recodeSegments(cs.Segments, res, m, rep)
		if changed {
			rep.Files = append(rep.Files, cs.File)
			if !dryRun { // a dry run stages nothing, not even in memory
				b.Put(cs.File, MarshalCodings(segs))
			}
		}
		return b.Err() // staging failed: nothing can be written, so stop reading
	})
	if serr := b.Err(); serr != nil && errors.Is(err, serr) {
		return nil, err // staging failed first: the reading stopped there
	}
	if err != nil {
		return nil, fmt.Errorf("%w: fix it first, so no coding is left behind", err)
	}
	if dryRun {
		return rep, nil
	}
	return rep, b.Commit()
}

func recodeSegments(segs []Segment, res *Resolver, m map[string]string, rep *RecodeReport) ([]Segment, bool) {
	out := make([]Segment, 0, len(segs))
	changed := false
	for _, seg := range segs {
		var codes []string
		touched := false
		for _, ref := range seg.Codes {
			code := res.Code(ref)
			to, ok := "", false
			if code != nil {
				to, ok = m[code.Path]
			}
			if !ok {
				codes = append(codes, ref)
				continue
			}
			touched = true
			rep.ByCode[code.Path]++
			if to != "" {
				codes = append(codes, to)
			}
		}
		if !touched {
			out = append(out, seg)
			continue
		}
		changed = true
		rep.Segments++
		slices.Sort(codes)
		codes = slices.Compact(codes)
		if len(codes) == 0 {
			rep.Removed++
			continue
		}
		seg.Codes = codes
		out = append(out, seg)
	}
	return dedupe(out), changed
}

// dedupe joins segments that a change made identical (same lines, same
// codes), keeping both memos.
func dedupe(segs []Segment) []Segment {
	SortSegments(segs)
	out := segs[:0]
	for _, s := range segs {
		if n := len(out); n > 0 && out[n-1].Lines == s.Lines && slices.Equal(out[n-1].Codes, s.Codes) {
			out[n-1].Memo = joinMemo(out[n-1].Memo, s.Memo)
			continue
		}
		out = append(out, s)
	}
	return out
}
