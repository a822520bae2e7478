package corpus

import (
	"bytes"
	"slices"
	"strings"
)

// TrimBlank narrows r to start and end on text: blank lines (the breaks
// between turns) are never coded. ok is false when r holds no text.
func (t *Transcript) TrimBlank(r Range) (Range, bool) {
	for r.Start <= r.End && t.Line(r.Start).Blank {
		r.Start++
	}
	for r.End >= r.Start && t.Line(r.End).Blank {
		r.End--
	}
	return r, r.Start <= r.End
}

// AddCoding codes lines r of t with codes (canonical paths) in segs and
// returns the new segments and whether anything changed. Codes that
// already cover every line of r are left alone; a segment with exactly r
// takes the new codes; adjacent or overlapping segments with the same
// codes are merged, so coding a passage in steps gives one segment.
// canon maps a code as written in the file to its canonical path.
func AddCoding(segs []Segment, t *Transcript, r Range, codes []string, memo string, canon func(string) string) ([]Segment, bool) {
	before := MarshalCodings(segs)
	out := slices.Clone(segs)
	var fresh []string
	for _, code := range codes {
		if !covers(out, r, code, canon) && !slices.Contains(fresh, code) {
			fresh = append(fresh, code)
		}
	}
	if len(fresh) == 0 && memo == "" {
		return segs, false
	}
	if i := slices.IndexFunc(out, func(s Segment) bool { return s.Lines == r }); i >= 0 {
		s := &out[i]
		s.Codes = append(slices.Clone(s.Codes), fresh...)
		s.Memo = joinMemo(s.Memo, memo)
	} else if len(fresh) > 0 {
		out = append(out, Segment{Lines: r, Codes: fresh, Quote: t.Quote(r.Start), Memo: memo})
	}
	out = mergeSegments(out, t, canon)
	return out, !bytes.Equal(before, MarshalCodings(out))
}

// covers reports whether segments carrying code cover every text line of r.
func covers(segs []Segment, r Range, code string, canon func(string) string) bool {
	for l := r.Start; l <= r.End; l++ {
		found := false
		for _, s := range segs {
			if s.Lines.Start <= l && l <= s.Lines.End && slices.ContainsFunc(s.Codes, func(c string) bool { return canon(c) == code }) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func joinMemo(a, b string) string {
	switch {
	case b == "" || strings.Contains(a, b):
		return a
	case a == "":
		return b
	}
	return a + "\n" + b
}

// mergeSegments joins segments whose canonical code sets are equal and
// whose ranges touch, until none do.
func mergeSegments(segs []Segment, t *Transcript, canon func(string) string) []Segment {
	key := func(s Segment) string {
		cs := make([]string, len(s.Codes))
		for i, c := range s.Codes {
			cs[i] = canon(c)
		}
		slices.Sort(cs)
		return strings.Join(slices.Compact(cs), "\x00")
	}
	SortSegments(segs)
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(segs) && !merged; i++ {
			for j := i + 1; j < len(segs); j++ {
				a, b := segs[i], segs[j]
				if !a.Lines.Touches(b.Lines) || key(a) != key(b) {
					continue
				}
				m := a
				m.Lines = Range{min(a.Lines.Start, b.Lines.Start), max(a.Lines.End, b.Lines.End)}
				m.Memo = joinMemo(a.Memo, b.Memo)
				if m.Lines.Start != a.Lines.Start {
					m.Quote = t.Quote(m.Lines.Start)
				}
				segs[i] = m
				segs = slices.Delete(segs, j, j+1)
				merged = true
				break
			}
		}
	}
	SortSegments(segs)
	return segs
}

// RemoveCoding takes codes (canonical paths; nil means every code) off
// lines r. A segment reaching outside r is split, keeping its codes on
// the lines outside. It returns the new segments and how many codings
// (a code on a segment) it took off.
func RemoveCoding(segs []Segment, t *Transcript, r Range, codes []string, canon func(string) string) ([]Segment, int) {
	var out []Segment
	removed := 0
	for _, s := range segs {
		if !s.Lines.Overlaps(r) {
			out = append(out, s)
			continue
		}
		var keep, drop []string
		for _, c := range s.Codes {
			if codes == nil || slices.Contains(codes, canon(c)) {
				drop = append(drop, c)
			} else {
				keep = append(keep, c)
			}
		}
		if len(drop) == 0 {
			out = append(out, s)
			continue
		}
		removed += len(drop)
		pieces := []struct {
			r     Range
			codes []string
		}{
			{Range{s.Lines.Start, r.Start - 1}, s.Codes},
			{Range{max(s.Lines.Start, r.Start), min(s.Lines.End, r.End)}, keep},
			{Range{r.End + 1, s.Lines.End}, s.Codes},
		}
		for _, p := range pieces {
			if p.r.Start > p.r.End || len(p.codes) == 0 || p.r.End > t.Len() {
				continue
			}
			pr, ok := t.TrimBlank(p.r)
			if !ok {
				continue
			}
			n := s
			n.Lines, n.Codes = pr, slices.Clone(p.codes)
			if pr.Start != s.Lines.Start {
				n.Quote = t.Quote(pr.Start)
			}
			out = append(out, n)
		}
	}
	return mergeSegments(out, t, canon), removed
}
