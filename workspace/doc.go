package workspace

import (
	"slices"

	"github.com/qdatool/qda/corpus"
)

// CoderCodings is one coder's codings of the open transcript.
type CoderCodings struct {
	Coder    string
	Has      bool // the coder has a codings file for it
	None     bool // the file says nothing applies
	Segments []corpus.Segment
}

// Doc is the open transcript: its text, every coder's codings, the
// reading position and the selection.
type Doc struct {
	ID          string
	Participant string
	Pseudonym   string
	T           *corpus.Transcript
	Mine        CoderCodings
	Others      []CoderCodings // coders with a file, sorted, this coder left out

	// Cursor is the line the reader is on (1-based). Anchor is where a
	// selection started, 0 for none: the selection runs from Anchor to
	// Cursor.
	Cursor, Anchor int
	// Focus picks among this coder's segments on the cursor's line the
	// one that extend, shrink, remove and memo act on.
	Focus int

	mineRaw []byte
	loaded  bool
}

// Len is the number of lines.
func (d *Doc) Len() int { return d.T.Len() }

// Selection is the lines the next code goes on: from the anchor to the
// cursor, or the cursor's line alone.
func (d *Doc) Selection() corpus.Range {
	if d.Anchor == 0 {
		return corpus.Range{Start: d.Cursor, End: d.Cursor}
	}
	return corpus.Range{Start: min(d.Anchor, d.Cursor), End: max(d.Anchor, d.Cursor)}
}

// Selecting reports whether a selection is open.
func (d *Doc) Selecting() bool { return d.Anchor != 0 }

// MoveTo puts the cursor on line n, kept inside the transcript.
func (d *Doc) MoveTo(n int) {
	d.Cursor = max(1, min(n, d.Len()))
	d.Focus = 0
}

// Move moves the cursor by delta lines.
func (d *Doc) Move(delta int) { d.MoveTo(d.Cursor + delta) }

// ToggleSelect starts a selection at the cursor, or drops the one open.
func (d *Doc) ToggleSelect() {
	if d.Anchor != 0 {
		d.Anchor = 0
		return
	}
	d.Anchor = d.Cursor
}

// Extend moves the cursor by delta with the selection following it,
// starting one at the cursor when none is open (shift+arrows).
func (d *Doc) Extend(delta int) {
	if d.Anchor == 0 {
		d.Anchor = d.Cursor
	}
	d.Move(delta)
}

// SelectRange selects lines from a to b (a mouse drag).
func (d *Doc) SelectRange(a, b int) {
	d.Anchor = max(1, min(a, d.Len()))
	d.MoveTo(b)
}

// ClearSelection drops the selection.
func (d *Doc) ClearSelection() { d.Anchor = 0 }

// NextTurn moves to the start of the next speaker turn (prev when
// delta < 0).
func (d *Doc) NextTurn(delta int) {
	for n := d.Cursor + delta; n >= 1 && n <= d.Len(); n += delta {
		if l := d.T.Line(n); l.TurnStart && !l.Blank {
			d.MoveTo(n)
			return
		}
	}
}

// SegmentsAt are this coder's segments covering line n, shortest first,
// so the innermost passage is the one focused first.
func (d *Doc) SegmentsAt(n int) []corpus.Segment {
	return segmentsAt(d.Mine.Segments, n)
}

func segmentsAt(segs []corpus.Segment, n int) []corpus.Segment {
	var out []corpus.Segment
	for _, s := range segs {
		if s.Lines.Start <= n && n <= s.Lines.End {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b corpus.Segment) int { return a.Lines.Len() - b.Lines.Len() })
	return out
}

// Focused is the segment of this coder that segment actions act on: the
// focused one of those on the cursor's line.
func (d *Doc) Focused() (corpus.Segment, bool) {
	segs := d.SegmentsAt(d.Cursor)
	if len(segs) == 0 {
		return corpus.Segment{}, false
	}
	return segs[d.Focus%len(segs)], true
}

// CycleFocus focuses the next of this coder's segments on the line.
func (d *Doc) CycleFocus() {
	d.Focus++
	d.clampFocus()
}

func (d *Doc) clampFocus() {
	if n := len(d.SegmentsAt(d.Cursor)); n == 0 || d.Focus >= n {
		d.Focus = 0
	}
}

// CodesAt are the codes one coder's segments put on line n, in segment
// order, each once.
func CodesAt(segs []corpus.Segment, n int) []string {
	var out []string
	for _, s := range segs {
		if s.Lines.Start <= n && n <= s.Lines.End {
			for _, c := range s.Codes {
				if !slices.Contains(out, c) {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// CodedLines counts the lines this coder's segments cover.
func CodedLines(segs []corpus.Segment) int {
	if len(segs) == 0 {
		return 0
	}
	rs := make([]corpus.Range, len(segs))
	for i, s := range segs {
		rs[i] = s.Lines
	}
	slices.SortFunc(rs, func(a, b corpus.Range) int { return a.Start - b.Start })
	n, end := 0, 0
	for _, r := range rs {
		if r.End <= end {
			continue
		}
		n += r.End - max(r.Start, end+1) + 1
		end = r.End
	}
	return n
}
