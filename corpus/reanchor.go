package corpus

import "strings"

// Reanchored is what Reanchor did to one segment.
type Reanchored struct {
	Old, New Range
	Segment  Segment
	Found    bool // false: the quote is not in the new text; the segment was kept where it was
}

// Reanchor moves segments from old's line numbers to new's by the text of
// their first and last lines: each segment's quote (or, without one, the
// start of its old first line) is looked for in new, the nearest match to
// where it was wins, and the end follows the old last line's text when it
// is found after the start, else the segment keeps its length. A segment
// whose text is not found is kept unchanged and reported, for check to
// flag; nothing is dropped.
func Reanchor(segs []Segment, old, new *Transcript) ([]Segment, []Reanchored) {
	out := make([]Segment, 0, len(segs))
	var report []Reanchored
	for _, s := range segs {
		q := strings.TrimSpace(s.Quote)
		if q == "" && s.Lines.Start <= old.Len() {
			q = old.Quote(s.Lines.Start)
		}
		at := nearest(new.FindQuote(q), s.Lines.Start)
		if q == "" || at == 0 {
			out = append(out, s)
			report = append(report, Reanchored{Old: s.Lines, New: s.Lines, Segment: s})
			continue
		}
		r := Range{at, min(new.Len(), at+s.Lines.Len()-1)}
		if s.Lines.End <= old.Len() && s.Lines.End != s.Lines.Start {
			endQuote := old.Quote(s.Lines.End)
			for _, e := range new.FindQuote(endQuote) {
				if e >= at {
					r.End = e
					break
				}
			}
		}
		if tr, ok := new.TrimBlank(r); ok {
			r = tr
		}
		n := s
		n.Lines = r
		n.Quote = new.Quote(r.Start)
		out = append(out, n)
		if r != s.Lines || n.Quote != s.Quote {
			report = append(report, Reanchored{Old: s.Lines, New: r, Segment: n, Found: true})
		}
	}
	SortSegments(out)
	return out, report
}

// nearest returns the candidate line closest to want, 0 when there is none.
func nearest(candidates []int, want int) int {
	best := 0
	for _, c := range candidates {
		if best == 0 || abs(c-want) < abs(best-want) {
			best = c
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
