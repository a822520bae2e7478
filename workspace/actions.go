package workspace

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/qdatool/qda/corpus"
)

// errNoDoc is an action that needs an open transcript.
var errNoDoc = errors.New("open a transcript first")

// errNoSegment is a segment action with none of this coder's on the line.
var errNoSegment = errors.New("no segment of yours on this line")

// editCodings changes this coder's codings of the open transcript with
// fn, written at once (see transact), and reads the transcript's codings
// again.
func (w *Workspace) editCodings(what string, fn func(segs []corpus.Segment) ([]corpus.Segment, error)) error {
	d := w.Doc
	if d == nil {
		return errNoDoc
	}
	file := corpus.CodingsFile(w.Coder, d.ID)
	_, err := w.transact(what, []string{file}, func(cur []content) ([]content, error) {
		segs, err := parseCodings(file, cur[0])
		if err != nil {
			return nil, err
		}
		out, err := fn(segs)
		if err != nil {
			return nil, err
		}
		if !cur[0].exists && len(out) == 0 {
			return cur, nil
		}
		return []content{codingsContent(out)}, nil
	})
	// The open transcript is read again whatever happened: a refused
	// action may have met another terminal's change.
	if _, rerr := w.refresh(d); err == nil {
		err = rerr
	}
	return err
}

// target is the selection narrowed to text: blank lines are never coded.
func (w *Workspace) target() (corpus.Range, error) {
	d := w.Doc
	if d == nil {
		return corpus.Range{}, errNoDoc
	}
	r, ok := d.T.TrimBlank(d.Selection())
	if !ok {
		return r, fmt.Errorf("line %s is blank: select lines with text", d.Selection())
	}
	return r, nil
}

// Code codes the selection (or the cursor's line) with codes, given as
// canonical paths; the selection is dropped once it is coded.
func (w *Workspace) Code(codes []string) (string, error) {
	r, err := w.target()
	if err != nil {
		return "", err
	}
	if len(codes) == 0 {
		return "", errors.New("no code chosen")
	}
	for _, c := range codes {
		code := w.CB.Lookup(c)
		if code == nil {
			return "", fmt.Errorf("unknown code %q", c)
		}
		if code.NotCodable {
			return "", fmt.Errorf("%s is a category, not applied itself: pick a code under it", c)
		}
	}
	what := fmt.Sprintf("code %s:%s %s", w.Doc.ID, r, strings.Join(codes, ", "))
	err = w.editCodings(what, func(segs []corpus.Segment) ([]corpus.Segment, error) {
		out, _ := corpus.AddCoding(segs, w.Doc.T, r, codes, "", w.canon)
		return out, nil
	})
	if err != nil {
		if errors.Is(err, ErrUnchanged) {
			return "", fmt.Errorf("%s:%s already coded %s", w.Doc.ID, r, strings.Join(codes, ", "))
		}
		return "", err
	}
	w.Doc.ClearSelection()
	return "coded " + r.String() + " " + strings.Join(codes, ", "), nil
}

// Uncode takes every code of this coder off the selection; a segment
// reaching beyond it keeps its codes outside, as 'qda uncode' does.
func (w *Workspace) Uncode() (string, error) {
	r, err := w.target()
	if err != nil {
		return "", err
	}
	removed := 0
	err = w.editCodings(fmt.Sprintf("uncode %s:%s", w.Doc.ID, r), func(segs []corpus.Segment) ([]corpus.Segment, error) {
		out, n := corpus.RemoveCoding(segs, w.Doc.T, r, nil, w.canon)
		removed = n
		return out, nil
	})
	if errors.Is(err, ErrUnchanged) || err == nil && removed == 0 {
		return "", fmt.Errorf("no code of yours on %s", r)
	}
	if err != nil {
		return "", err
	}
	w.Doc.ClearSelection()
	return fmt.Sprintf("removed %d codings from %s", removed, r), nil
}

// segmentEdit changes the focused segment with fn, found again in the
// file as read under the lock by its lines and codes: gone or changed
// there (another terminal), the action is refused.
func (w *Workspace) segmentEdit(verb string, fn func(segs []corpus.Segment, i int) ([]corpus.Segment, error)) (corpus.Segment, error) {
	if w.Doc == nil {
		return corpus.Segment{}, errNoDoc
	}
	seg, ok := w.Doc.Focused()
	if !ok {
		return seg, errNoSegment
	}
	what := fmt.Sprintf("%s %s:%s %s", verb, w.Doc.ID, seg.Lines, strings.Join(seg.Codes, ", "))
	err := w.editCodings(what, func(segs []corpus.Segment) ([]corpus.Segment, error) {
		i := slices.IndexFunc(segs, func(s corpus.Segment) bool {
			return s.Lines == seg.Lines && slices.Equal(s.Codes, seg.Codes)
		})
		if i < 0 {
			return nil, fmt.Errorf("the segment %s %s changed in another terminal; look again", seg.Lines, strings.Join(seg.Codes, ", "))
		}
		return fn(slices.Clone(segs), i)
	})
	return seg, err
}

// RemoveSegment removes the focused segment of this coder.
func (w *Workspace) RemoveSegment() (string, error) {
	seg, err := w.segmentEdit("remove", func(segs []corpus.Segment, i int) ([]corpus.Segment, error) {
		return slices.Delete(segs, i, i+1), nil
	})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("removed %s %s", seg.Lines, strings.Join(seg.Codes, ", ")), nil
}

// Edge is the end of a segment that Resize moves.
type Edge int

const (
	Start Edge = iota
	End
)

// Resize moves one edge of the focused segment by one line of text
// (dir +1 down, -1 up), over blank lines: the end down extends the
// segment, the start down shrinks it. A segment is never left empty.
func (w *Workspace) Resize(edge Edge, dir int) (string, error) {
	if w.Doc == nil {
		return "", errNoDoc
	}
	t := w.Doc.T
	var to corpus.Range
	seg, err := w.segmentEdit("resize", func(segs []corpus.Segment, i int) ([]corpus.Segment, error) {
		s := segs[i]
		r := s.Lines
		n := nextText(t, edgeOf(r, edge), dir)
		if n == 0 {
			return nil, errors.New("the segment is at the edge of the transcript")
		}
		if edge == Start {
			r.Start = n
		} else {
			r.End = n
		}
		if r.Start > r.End {
			return nil, errors.New("a segment keeps one line at least: remove it with d")
		}
		to = r
		out := slices.Delete(segs, i, i+1)
		// AddCoding merges the resized segment with one it now touches
		// that has the same codes, as coding the lines afresh would.
		out, _ = corpus.AddCoding(out, t, r, s.Codes, s.Memo, w.canon)
		return out, nil
	})
	if err != nil {
		return "", err
	}
	if w.Doc.Cursor < to.Start || w.Doc.Cursor > to.End {
		w.Doc.MoveTo(edgeOf(to, edge))
	}
	w.focusOn(to, seg.Codes)
	return fmt.Sprintf("%s is now %s", strings.Join(seg.Codes, ", "), to), nil
}

// edgeOf is the line of r at edge.
func edgeOf(r corpus.Range, edge Edge) int {
	if edge == Start {
		return r.Start
	}
	return r.End
}

// focusOn focuses the segment with lines r and codes, when it is on the
// cursor's line.
func (w *Workspace) focusOn(r corpus.Range, codes []string) {
	for i, s := range w.Doc.SegmentsAt(w.Doc.Cursor) {
		if s.Lines == r && slices.Equal(s.Codes, codes) {
			w.Doc.Focus = i
			return
		}
	}
}

// nextText is the next line of text after n going dir, 0 when none.
func nextText(t *corpus.Transcript, n, dir int) int {
	for n += dir; n >= 1 && n <= t.Len(); n += dir {
		if !t.Line(n).Blank {
			return n
		}
	}
	return 0
}

// SetMemo sets the memo of the focused segment; "" removes it.
func (w *Workspace) SetMemo(text string) (string, error) {
	text = strings.TrimSpace(text)
	seg, err := w.segmentEdit("memo on", func(segs []corpus.Segment, i int) ([]corpus.Segment, error) {
		segs[i].Memo = text
		return segs, nil
	})
	if errors.Is(err, ErrUnchanged) {
		return "", errors.New("the memo is as it was")
	}
	if err != nil {
		return "", err
	}
	w.focusOn(seg.Lines, seg.Codes)
	if text == "" {
		return "memo removed from " + seg.Lines.String(), nil
	}
	return "memo on " + seg.Lines.String(), nil
}
