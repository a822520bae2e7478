package workspace

import (
	"slices"
	"strings"

	"github.com/qdatool/qda/corpus"
)

// The jumps look forward from the cursor and then from the top, and
// return whether they found a place and whether they went round.

// jump moves to the first line after the cursor, going round once, for
// which at(n) holds.
func (d *Doc) jump(at func(n int) bool) (found, wrapped bool) {
	for i := 1; i <= d.Len(); i++ {
		n := (d.Cursor-1+i)%d.Len() + 1
		if at(n) {
			wrapped = n <= d.Cursor
			d.MoveTo(n)
			return true, wrapped
		}
	}
	return false, false
}

// NextUncoded moves to the start of the next participant turn that no
// segment of this coder touches. A transcript whose labels name no
// participant (written by hand, "A:" and "B:") counts every turn that is
// not the interviewer's.
func (w *Workspace) NextUncoded() (found, wrapped bool) {
	d := w.Doc
	if d == nil {
		return false, false
	}
	turns := corpus.Turns(d.T, corpus.Range{Start: 1, End: d.Len()})
	byParticipant := slices.ContainsFunc(turns, func(t corpus.Turn) bool {
		return corpus.IsParticipant(t.Speaker, d.Participant, d.Pseudonym)
	})
	starts := map[int]bool{}
	for _, t := range turns {
		mine := corpus.IsParticipant(t.Speaker, d.Participant, d.Pseudonym)
		if !byParticipant {
			mine = !t.Interviewer
		}
		if !mine {
			continue
		}
		coded := slices.ContainsFunc(d.Mine.Segments, func(s corpus.Segment) bool { return s.Lines.Overlaps(t.Lines) })
		if !coded {
			starts[t.Lines.Start] = true
		}
	}
	return d.jump(func(n int) bool { return starts[n] })
}

// NextCode moves to the next segment, of any coder, that carries code
// (a canonical path) or a code under it.
func (w *Workspace) NextCode(code string) (found, wrapped bool) {
	d := w.Doc
	if d == nil {
		return false, false
	}
	canon := w.canon
	starts := map[int]bool{}
	for _, cs := range append([]CoderCodings{d.Mine}, d.Others...) {
		for _, s := range cs.Segments {
			if slices.ContainsFunc(s.Codes, func(c string) bool {
				p := canon(c)
				return p == code || strings.HasPrefix(p, code+"/")
			}) {
				starts[s.Lines.Start] = true
			}
		}
	}
	return d.jump(func(n int) bool { return starts[n] })
}

// NextMatch moves to the next line whose text holds q, in any case.
func (w *Workspace) NextMatch(q string) (found, wrapped bool) {
	d := w.Doc
	q = strings.ToLower(strings.TrimSpace(q))
	if d == nil || q == "" {
		return false, false
	}
	return d.jump(func(n int) bool { return strings.Contains(strings.ToLower(d.T.Line(n).Text), q) })
}

// Disagrees reports whether the coders of the open transcript (those
// with a codings file, this coder included) put different codes on line
// n. It compares the line's codes as sets, which is what a reader means
// by "they differ here"; 'qda agree' measures agreement per code, with
// its own units, for the numbers.
func (w *Workspace) Disagrees(n int) bool {
	d := w.Doc
	if d == nil || d.T.Line(n).Blank {
		return false
	}
	canon := w.canon
	var first string
	seen := 0
	for _, cs := range append([]CoderCodings{d.Mine}, d.Others...) {
		if !cs.Has {
			continue
		}
		codes := CodesAt(cs.Segments, n)
		for i, c := range codes {
			codes[i] = canon(c)
		}
		slices.Sort(codes)
		key := strings.Join(slices.Compact(codes), "\x00")
		if seen > 0 && key != first {
			return true
		}
		first = key
		seen++
	}
	return false
}

// NextDisagreement moves to the start of the next run of lines where the
// coders differ.
func (w *Workspace) NextDisagreement() (found, wrapped bool) {
	d := w.Doc
	if d == nil {
		return false, false
	}
	return d.jump(func(n int) bool {
		p := prevText(d.T, n)
		return w.Disagrees(n) && (p == 0 || !w.Disagrees(p))
	})
}

// prevText is the line of text before n, or 0.
func prevText(t *corpus.Transcript, n int) int {
	for n--; n >= 1; n-- {
		if !t.Line(n).Blank {
			return n
		}
	}
	return 0
}
