package search

import (
	"fmt"
	"slices"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// Proposal is what a code's patterns find: the segments to code and how
// they compare with each coder's own codings of that code.
type Proposal struct {
	Code     *codebook.Code
	Segments []Segment
	Lines    int
	// Agreement compares the proposals with each coder but the target.
	Agreement []Agreement
}

// Segment is a run of consecutive matching lines in one transcript.
type Segment struct {
	Transcript string
	Lines      corpus.Range
}

// Agreement measures proposals against one coder, line by line, over the
// transcripts that coder has a codings file for (elsewhere the coder has
// not said no). A coder's line counts when the coder coded it with the
// code or a descendant.
type Agreement struct {
	Coder       string
	Transcripts int // transcripts compared
	Proposed    int // proposed lines in them
	Coded       int // lines the coder coded with the code
	Both        int
}

// Precision is Both/Proposed: how many proposals the coder agrees with;
// ok is false when nothing was proposed.
func (a Agreement) Precision() (float64, bool) { return ratio(a.Both, a.Proposed) }

// Recall is Both/Coded: how much of the coder's coding the patterns find.
func (a Agreement) Recall() (float64, bool) { return ratio(a.Both, a.Coded) }

func ratio(n, of int) (float64, bool) {
	if of == 0 {
		return 0, false
	}
	return float64(n) / float64(of), true
}

// PatternError is a codebook pattern that is not a valid query.
type PatternError struct {
	Code    *codebook.Code
	Pattern string
	Err     error
}

func (e *PatternError) Error() string {
	return fmt.Sprintf("%s:%d: pattern %q of %s: %v", corpus.CodebookFile, e.Code.Line, e.Pattern, e.Code.Path, e.Err)
}

func (e *PatternError) Unwrap() error { return e.Err }

// Autocode runs the patterns of each code given (codes without patterns
// are skipped) over the whole study and compares the lines they find
// with every coder but target. within is WithinLine (or "") to propose
// the matching lines, WithinTurn to match each pattern against whole
// speaker turns, as qda search --within turn does, and propose every
// line of a matching turn: an answer is what a coder codes, and its
// words are spread over its sentences, one a line.
func (ix *Index) Autocode(codes []*codebook.Code, target, within string) ([]Proposal, error) {
	var out []Proposal
	for _, code := range codes {
		if len(code.Patterns) == 0 {
			continue
		}
		found := map[string]map[int]bool{}
		for _, p := range code.Patterns {
			lines, err := ix.MatchingLines(Request{Query: p, Within: within})
			if err != nil {
				return nil, &PatternError{Code: code, Pattern: p, Err: err}
			}
			for t, ls := range lines {
				if found[t] == nil {
					found[t] = ls
					continue
				}
				for l := range ls {
					found[t][l] = true
				}
			}
		}
		prop := Proposal{Code: code}
		for _, row := range ix.cix.Transcripts.Rows {
			lines := found[row.ID]
			if len(lines) == 0 {
				continue
			}
			ls := make([]int, 0, len(lines))
			for l := range lines {
				ls = append(ls, l)
			}
			slices.Sort(ls)
			prop.Lines += len(ls)
			for _, l := range ls {
				n := len(prop.Segments)
				if n > 0 && prop.Segments[n-1].Transcript == row.ID && prop.Segments[n-1].Lines.End == l-1 {
					prop.Segments[n-1].Lines.End = l
				} else {
					prop.Segments = append(prop.Segments, Segment{row.ID, corpus.Range{Start: l, End: l}})
				}
			}
		}
		for _, coder := range ix.cix.Coders {
			if coder == target {
				continue
			}
			a, err := ix.agreement(code, coder, found)
			if err != nil {
				return nil, err
			}
			prop.Agreement = append(prop.Agreement, a)
		}
		out = append(out, prop)
	}
	return out, nil
}

// MatchingLines runs r and returns the lines it matches by transcript:
// the matching lines of a search of lines, every line of each matching
// turn of a search within turns. Limit is ignored.
func (ix *Index) MatchingLines(r Request) (map[string]map[int]bool, error) {
	r.Limit, r.NoSpans, r.NoScores, r.ByScore = 0, true, true, false
	res, err := ix.Search(r)
	if err != nil {
		return nil, err
	}
	out := map[string]map[int]bool{}
	for _, h := range res.Hits {
		setLine(out, h.Transcript, h.Line)
	}
	for _, th := range res.Turns {
		for l := th.Lines.Start; l <= th.Lines.End; l++ {
			setLine(out, th.Transcript, l)
		}
	}
	return out, nil
}

func (ix *Index) agreement(code *codebook.Code, coder string, found map[string]map[int]bool) (Agreement, error) {
	a := Agreement{Coder: coder}
	res, err := ix.Search(Request{Code: code, Coders: []string{coder}, NoSpans: true, NoScores: true})
	if err != nil {
		return a, err
	}
	coded := map[string]map[int]bool{}
	for _, h := range res.Hits {
		if coded[h.Transcript] == nil {
			coded[h.Transcript] = map[int]bool{}
		}
		coded[h.Transcript][h.Line] = true
		a.Coded++
	}
	for _, row := range ix.cix.Transcripts.Rows {
		if !ix.cix.HasCoded(coder, row.ID) {
			continue
		}
		a.Transcripts++
		for l := range found[row.ID] {
			a.Proposed++
			if coded[row.ID][l] {
				a.Both++
			}
		}
	}
	return a, nil
}
